// JsonApi::Handle: parse once at the edge, validate against the model,
// dispatch through one table from operation name to handler.
//
// Order of checks, as DynamoDB makes them: the body must be JSON
// (SerializationException, no message), the operation must exist
// (UnknownOperationException), members must have the right JSON kinds
// (SerializationException), then the model's constraints
// (ValidationException listing every violation), then the operation.
#include "dynarock/json_api.h"

#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "api/errors.h"
#include "api/json_writer.h"
#include "api/request_json.h"
#include "api/response_json.h"
#include "api/validator.h"

namespace dynarock {
namespace {

using api::JsonWriter;
using nlohmann::json;

struct OpContext {
  Database* db;
  std::string_view endpoint_address;
};

using Handler = Status (*)(const OpContext& c, const json& body, const std::vector<std::string>& errors,
                           std::string* out);

// Parse, then report validation errors (a SerializationException found while
// parsing attribute values still comes first), then run and write.
template <typename Req>
Status ParseChecked(Status (*parse)(const json&, Req*), const json& body, const std::vector<std::string>& errors,
                    Req* req) {
  Status parsed = parse(body, req);
  if (parsed.code() == ErrorCode::kSerialization) return parsed;
  if (!errors.empty()) return api::ValidationErrors(errors);
  return parsed;
}

template <typename Req, Status (*Parse)(const json&, Req*), auto Call, auto Write>
Status RunOp(const OpContext& c, const json& body, const std::vector<std::string>& errors, std::string* out) {
  Req req;
  RETURN_IF_ERROR(ParseChecked(Parse, body, errors, &req));
  JsonWriter w(out);
  using R = decltype((c.db->*Call)(req));
  if constexpr (std::is_same_v<R, Status>) {
    RETURN_IF_ERROR((c.db->*Call)(req));
    w.BeginObject();  // TagResource and UntagResource answer {}
    w.EndObject();
  } else {
    R result = (c.db->*Call)(req);
    if (!result.ok()) return std::move(result).status();
    Write(w, *result);
  }
  return Status::OK();
}

template <typename Req, Status (*Parse)(const json&, Req*), auto Call>
Status RunReadMany(const OpContext& c, const json& body, const std::vector<std::string>& errors, std::string* out) {
  Req req;
  RETURN_IF_ERROR(ParseChecked(Parse, body, errors, &req));
  Result<QueryResult> result = (c.db->*Call)(req);
  if (!result.ok()) return std::move(result).status();
  JsonWriter w(out);
  api::WriteQuery(w, *result, req.select == Select::kCount);
  return Status::OK();
}

// Placeholder writer for TagResource/UntagResource, whose answer is {}.
void NoWrite(JsonWriter&, const Status&) {}

// DescribeEndpoints and DescribeLimits are answered here: they describe the
// service, not the data. Values are DynamoDB's defaults (API reference,
// DescribeLimits example; endpoint cache period 1440 minutes).
Status DescribeEndpoints(const OpContext& c, const json&, const std::vector<std::string>& errors, std::string* out) {
  if (!errors.empty()) return api::ValidationErrors(errors);
  JsonWriter w(out);
  w.BeginObject();
  w.Key("Endpoints");
  w.BeginArray();
  w.BeginObject();
  w.Field("Address", c.endpoint_address);
  w.FieldInt("CachePeriodInMinutes", 1440);
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return Status::OK();
}

Status DescribeLimits(const OpContext&, const json&, const std::vector<std::string>& errors, std::string* out) {
  if (!errors.empty()) return api::ValidationErrors(errors);
  JsonWriter w(out);
  w.BeginObject();
  w.FieldInt("AccountMaxReadCapacityUnits", 80000);
  w.FieldInt("AccountMaxWriteCapacityUnits", 80000);
  w.FieldInt("TableMaxReadCapacityUnits", 40000);
  w.FieldInt("TableMaxWriteCapacityUnits", 40000);
  w.EndObject();
  return Status::OK();
}

// clang-format off
#define DYNAROCK_OP(Name) \
  {#Name, &RunOp<Name##Request, &api::Parse##Name, &Database::Name, &api::Write##Name>}
// clang-format on

struct Entry {
  Handler handler;
  int shape;  // the operation's input shape in the model table
};

const std::unordered_map<std::string_view, Entry>& Handlers() {
  static const auto* const kHandlers = [] {
    const std::pair<std::string_view, Handler> handlers[] = {
        DYNAROCK_OP(CreateTable),
        DYNAROCK_OP(DescribeTable),
        DYNAROCK_OP(ListTables),
        DYNAROCK_OP(DeleteTable),
        DYNAROCK_OP(UpdateTable),
        DYNAROCK_OP(UpdateTimeToLive),
        DYNAROCK_OP(DescribeTimeToLive),
        {"TagResource", &RunOp<TagResourceRequest, &api::ParseTagResource, &Database::TagResource, &NoWrite>},
        {"UntagResource", &RunOp<UntagResourceRequest, &api::ParseUntagResource, &Database::UntagResource, &NoWrite>},
        DYNAROCK_OP(ListTagsOfResource),
        DYNAROCK_OP(PutItem),
        DYNAROCK_OP(GetItem),
        DYNAROCK_OP(DeleteItem),
        DYNAROCK_OP(UpdateItem),
        {"Query", &RunReadMany<QueryRequest, &api::ParseQuery, &Database::Query>},
        {"Scan", &RunReadMany<ScanRequest, &api::ParseScan, &Database::Scan>},
        DYNAROCK_OP(BatchGetItem),
        DYNAROCK_OP(BatchWriteItem),
        DYNAROCK_OP(TransactWriteItems),
        DYNAROCK_OP(TransactGetItems),
        {"DescribeEndpoints", &DescribeEndpoints},
        {"DescribeLimits", &DescribeLimits},
    };
    auto* table = new std::unordered_map<std::string_view, Entry>;
    for (const auto& [name, handler] : handlers) {
      // Every handled operation is in the generated model table (shapes_test
      // and operations_test pin both lists).
      table->emplace(name, Entry{handler, api::FindOperationShape(name).shape});
    }
    return table;
  }();
  return *kHandlers;
}
#undef DYNAROCK_OP

Status HandleChecked(const OpContext& c, std::string_view operation, std::string_view body, std::string* out) {
  // An empty body is not JSON either (DynamoDB: SerializationException).
  json j = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Serialization("");
  auto it = Handlers().find(operation);
  if (it == Handlers().end()) return Status(ErrorCode::kUnknownOperation, "");
  if (!j.is_object()) {
    if (j.is_array()) {
      return Status::Serialization("Unrecognized collection type class com.amazonaws.dynamodb.v20120810." +
                                   std::string(operation) + "Input");
    }
    return Status::Serialization("Unexpected value type in payload");
  }
  std::vector<std::string> errors;
  RETURN_IF_ERROR(api::CheckShape(it->second.shape, j, &errors));
  return it->second.handler(c, j, errors, out);
}

}  // namespace

JsonApi::Response JsonApi::Handle(std::string_view operation, std::string_view body) {
  Response response;
  // The one catch-all of the library (style.md): nothing below throws for
  // user input, but a bug or std::bad_alloc must become a 500, not a crash.
  try {
    OpContext c{db_, endpoint_address_};
    Status s = HandleChecked(c, operation, body, &response.body);
    if (!s.ok()) response.http_status = api::WriteError(s, &response.body);
  } catch (const std::exception& e) {
    response.body.clear();
    response.http_status = api::WriteError(Status::Internal(e.what()), &response.body);
  } catch (...) {
    response.body.clear();
    response.http_status = api::WriteError(Status::Internal("unknown exception"), &response.body);
  }
  return response;
}

}  // namespace dynarock
