#include "api/errors.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dynarock/value.h"

namespace dynarock::api {
namespace {

using nlohmann::json;

json Body(const Status& s, int* http) {
  std::string body;
  *http = WriteError(s, &body);
  return json::parse(body);
}

TEST_CASE("error bodies carry the prefixed __type and message") {
  int http = 0;
  json b = Body(Status::Validation("x is bad"), &http);
  REQUIRE(http == 400);
  REQUIRE(b == json{{"__type", "com.amazonaws.dynamodb.v20120810#ValidationException"}, {"message", "x is bad"}});

  b = Body(Status::ResourceNotFound("Requested resource not found"), &http);
  REQUIRE(http == 400);
  REQUIRE(b["__type"] == "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");

  b = Body(Status(ErrorCode::kUnknownOperation, ""), &http);
  REQUIRE(http == 400);
  REQUIRE(b == json{{"__type", "com.amazonaws.dynamodb.v20120810#UnknownOperationException"}});
}

TEST_CASE("internal errors are InternalServerError with HTTP 500") {
  for (Status s : {Status::Internal("bug"), Status::IOError("disk"), Status::Corruption("bytes")}) {
    int http = 0;
    json b = Body(s, &http);
    REQUIRE(http == 500);
    REQUIRE(b["__type"] == "com.amazonaws.dynamodb.v20120810#InternalServerError");
  }
}

TEST_CASE("every error code maps to a type and a status") {
  for (int c = 1; c <= static_cast<int>(ErrorCode::kCorruption); ++c) {
    ErrorInfo info = LookupError(static_cast<ErrorCode>(c));
    std::string name(ErrorCodeName(static_cast<ErrorCode>(c)));
    INFO(name);
    REQUIRE(info.type == "com.amazonaws.dynamodb.v20120810#" + name);
    REQUIRE((info.http_status == 400 || info.http_status == 500));
  }
}

TEST_CASE("ConditionalCheckFailedException carries the old item") {
  auto item = std::make_shared<Item>(Item{{"id", AttributeValue::S("a")}, {"n", AttributeValue::N("10")}});
  int http = 0;
  json b = Body(Status::ConditionalCheckFailed().WithItem(item), &http);
  REQUIRE(http == 400);
  REQUIRE(b == json::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
      "message":"The conditional request failed","Item":{"id":{"S":"a"},"n":{"N":"10"}}})"));
  // Without ALL_OLD there is no Item.
  b = Body(Status::ConditionalCheckFailed(), &http);
  REQUIRE(!b.contains("Item"));
}

TEST_CASE("TransactionCanceledException carries CancellationReasons") {
  auto item = std::make_shared<Item>(Item{{"id", AttributeValue::S("b")}});
  std::vector<CancellationReason> reasons = {
      {"None", "", nullptr},
      {"ConditionalCheckFailed", "The conditional request failed", item},
  };
  Status s = Status(ErrorCode::kTransactionCanceled,
                    "Transaction cancelled, please refer cancellation reasons for specific reasons "
                    "[None, ConditionalCheckFailed]")
                 .WithCancellationReasons(reasons);
  int http = 0;
  json b = Body(s, &http);
  REQUIRE(http == 400);
  REQUIRE(b == json::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
      "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
      "CancellationReasons":[{"Code":"None"},
        {"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"id":{"S":"b"}}}]})"));
}

}  // namespace
}  // namespace dynarock::api
