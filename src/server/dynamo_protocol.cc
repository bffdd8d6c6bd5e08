#include "server/dynamo_protocol.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "server/encoding.h"
#include "server/request_id.h"
#include "server/timestamps.h"

namespace dynarock::server {
namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
constexpr std::string_view kAmzJson = "application/x-amz-json-1.0";
constexpr std::string_view kJson = "application/json";
// What DynamoDB answers to a non-POST request or a body of another type.
constexpr std::string_view kUnknownOperationXml = "<UnknownOperationException/>\n";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

boost::beast::string_view Bsv(std::string_view s) { return {s.data(), s.size()}; }

bool IEquals(std::string_view a, std::string_view b) {
  return boost::beast::iequals(Bsv(a), Bsv(b));
}

std::string_view Field(const HttpRequest& req, std::string_view name) {
  auto it = req.find(boost::beast::string_view(name.data(), name.size()));
  if (it == req.end()) return {};
  auto v = it->value();
  return std::string_view(v.data(), v.size());
}

// True when Accept-Encoding lists gzip (or *) without q=0.
bool AcceptsGzip(std::string_view header) {
  size_t start = 0;
  while (start <= header.size()) {
    size_t comma = header.find(',', start);
    std::string_view item = header.substr(start, comma == std::string_view::npos ? comma : comma - start);
    size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    if (IEquals(coding, "gzip") || IEquals(coding, "x-gzip") || coding == "*") {
      bool refused = false;
      if (semi != std::string_view::npos) {
        std::string_view params = Trim(item.substr(semi + 1));
        if (params.starts_with("q=") || params.starts_with("Q=")) {
          std::string_view q = Trim(params.substr(2));
          refused = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
        }
      }
      if (!refused) return true;
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

// The Date header's value for `now`. Every response carries one, so at
// 100k responses/s it is formatted once per second per thread and copied
// otherwise.
std::string_view HttpDate(std::chrono::system_clock::time_point now) {
  thread_local std::chrono::sys_seconds cached_second = std::chrono::sys_seconds::min();
  thread_local char text[kHttpDateSize];
  std::chrono::sys_seconds second = std::chrono::floor<std::chrono::seconds>(now);
  if (second != cached_second) {
    FormatHttpDate(second, text);
    cached_second = second;
  }
  return std::string_view(text, kHttpDateSize);
}

WireError CoralError(std::string_view type, std::string message = {}) {
  return WireError{"com.amazon.coral.service#" + std::string(type), std::move(message), 400};
}

}  // namespace

void DynamoProtocol::SetBody(std::string body, std::string_view content_type, const HttpRequest& req,
                             HttpResponse& res) {
  if (body.size() >= options_.gzip_min_bytes && !body.empty()) {
    std::string_view accept = Field(req, "Accept-Encoding");
    if (!accept.empty() && AcceptsGzip(accept)) {
      Result<std::string> gz = GzipCompress(body);
      if (gz.ok()) {
        body = std::move(gz).value();
        res.set(http::field::content_encoding, "gzip");
      }
    }
  }
  res.set("x-amz-crc32", std::to_string(Crc32(body)));
  if (!content_type.empty()) res.set(http::field::content_type, Bsv(content_type));
  res.body() = std::move(body);
}

void DynamoProtocol::SendError(const WireError& error, const HttpRequest& req, HttpResponse& res) {
  nlohmann::json j;
  j["__type"] = error.type;
  if (!error.message.empty()) j["message"] = error.message;
  res.result(static_cast<http::status>(error.http_status));
  std::string_view ct = Field(req, "Content-Type");
  ct = Trim(ct.substr(0, ct.find(';')));
  SetBody(j.dump(), IEquals(ct, kAmzJson) ? kAmzJson : kJson, req, res);
}

void DynamoProtocol::Reject(int http_status, HttpResponse& res) {
  res.result(static_cast<http::status>(http_status));
  res.set("x-amzn-RequestId", NewRequestId());
  res.set(http::field::date, Bsv(HttpDate(options_.clock())));
  res.set("x-amz-crc32", std::to_string(Crc32({})));
  res.body().clear();
  res.keep_alive(false);
}

bool DynamoProtocol::Begin(const HttpRequest& req, HttpResponse& res, PendingOperation* op) {
  res.version(req.version());
  res.set("x-amzn-RequestId", NewRequestId());
  const std::chrono::system_clock::time_point now = options_.clock();
  res.set(http::field::date, Bsv(HttpDate(now)));

  // Browsers: any origin may call (DynamoDB answers CORS the same way), and
  // a preflight gets the headers and method it asks for.
  if (!Field(req, "Origin").empty()) {
    res.set(http::field::access_control_allow_origin, "*");
    if (req.method() == http::verb::options) {
      std::string_view headers = Field(req, "Access-Control-Request-Headers");
      std::string_view method = Field(req, "Access-Control-Request-Method");
      if (!headers.empty()) res.set(http::field::access_control_allow_headers, Bsv(headers));
      if (!method.empty()) res.set(http::field::access_control_allow_methods, Bsv(method));
      res.set(http::field::access_control_max_age, "172800");
      res.result(http::status::ok);
      SetBody({}, {}, req, res);
      return false;
    }
  }

  if (req.method() == http::verb::get) {
    res.result(http::status::ok);
    SetBody("healthy: dynamodb." + options_.region + ".amazonaws.com ", "text/plain", req, res);
    return false;
  }

  std::string_view content_type = Field(req, "Content-Type");
  content_type = Trim(content_type.substr(0, content_type.find(';')));
  bool is_amz_json = IEquals(content_type, kAmzJson);
  bool known_type = is_amz_json || IEquals(content_type, kJson);
  if (req.method() != http::verb::post || (!req.body().empty() && !known_type)) {
    res.result(http::status::not_found);
    SetBody(std::string(kUnknownOperationXml), {}, req, res);
    return false;
  }

  // The body as the client meant it: a gzip body is decoded first (the
  // signature, though, covers the bytes as sent).
  std::string_view body = req.body();
  std::string_view encoding = Trim(Field(req, "Content-Encoding"));
  if (!encoding.empty() && !IEquals(encoding, "identity")) {
    if (!IEquals(encoding, "gzip") && !IEquals(encoding, "x-gzip")) {
      SendError(CoralError("SerializationException", "Unsupported Content-Encoding: " + std::string(encoding)),
                req, res);
      return false;
    }
    switch (GzipDecompress(body, options_.max_body_bytes, &op->decoded)) {
      case GunzipError::kNone:
        break;
      case GunzipError::kTooLarge:
        Reject(413, res);
        return false;
      case GunzipError::kCorrupt:
        SendError(CoralError("SerializationException", "The request body is not valid gzip"), req, res);
        return false;
    }
    body = op->decoded;
    op->gunzipped = true;
  }

  // A rejection by the server itself still reports malformed JSON first,
  // as DynamoDB checks the body's syntax before the target and the
  // signature. On the accepted path JsonApi parses (and reports) it once.
  auto reject = [&](const WireError& error) {
    if (!body.empty() && !nlohmann::json::accept(body)) {
      SendError(CoralError("SerializationException"), req, res);
    } else {
      SendError(error, req, res);
    }
  };

  std::string_view target = Trim(Field(req, "X-Amz-Target"));
  if (!target.starts_with(kTargetPrefix) || target.size() == kTargetPrefix.size() ||
      target.find('.', kTargetPrefix.size()) != std::string_view::npos) {
    reject(CoralError("UnknownOperationException"));
    return false;
  }
  std::string_view operation = target.substr(kTargetPrefix.size());

  std::string_view amz_date = Field(req, "X-Amz-Date");
  if (amz_date.empty()) amz_date = Field(req, "Date");
  // With credentials the date's age and a signed Host are checked inside
  // ParseAuthorization, where DynamoDB checks them: before the algorithm,
  // the scope, the key and the signature.
  std::optional<std::chrono::system_clock::time_point> verify_at;
  if (options_.credentials != nullptr) verify_at = now;
  auto parsed = ParseAuthorization(Field(req, "Authorization"), amz_date, verify_at);
  if (auto* error = std::get_if<WireError>(&parsed)) {
    reject(*error);
    return false;
  }
  if (options_.credentials != nullptr) {
    const SigV4Authorization& auth = std::get<SigV4Authorization>(parsed);
    std::optional<WireError> error = CheckScope(auth, amz_date, "dynamodb");
    if (!error) {
      SigV4Request signed_request;
      signed_request.method = std::string_view(req.method_string().data(), req.method_string().size());
      signed_request.target = std::string_view(req.target().data(), req.target().size());
      signed_request.payload = req.body();
      signed_request.headers.reserve(16);
      for (const auto& field : req) {
        signed_request.headers.push_back(
            {std::string_view(field.name_string().data(), field.name_string().size()),
             std::string_view(field.value().data(), field.value().size())});
      }
      error = VerifySignature(signed_request, auth, amz_date, *options_.credentials);
    }
    if (error) {
      reject(*error);
      return false;
    }
  }

  op->operation = operation;
  op->amz_json = is_amz_json;
  op->writes = operation == "PutItem" || operation == "UpdateItem" || operation == "DeleteItem" ||
               operation == "BatchWriteItem" || operation == "TransactWriteItems";
  return true;
}

void DynamoProtocol::Run(const HttpRequest& req, PendingOperation& op) {
  OperationResult result;
  try {
    result = handler_(op.operation, op.Body(req.body()));
  } catch (const std::exception& e) {
    // The JSON API never throws; this guards the process against a bug.
    result = {500, nlohmann::json{{"__type", "com.amazonaws.dynamodb.v20120810#InternalServerError"},
                                  {"message", std::string("Internal server error: ") + e.what()}}
                       .dump()};
  } catch (...) {
    result = {500, R"({"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError",)"
                   R"("message":"Internal server error"})"};
  }
  op.http_status = result.http_status;
  op.response_body = std::move(result.body);
}

void DynamoProtocol::End(const HttpRequest& req, PendingOperation& op, HttpResponse& res) {
  res.result(static_cast<http::status>(op.http_status));
  SetBody(std::move(op.response_body), op.amz_json ? kAmzJson : kJson, req, res);
}

}  // namespace dynarock::server
