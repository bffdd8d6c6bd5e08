// Request validation through JsonApi: DynamoDB's error types and words.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/fake_database.h"
#include "api/validator.h"
#include "dynarock/json_api.h"

namespace dynarock {
namespace {

using nlohmann::json;

struct Answer {
  int http;
  json body;
};

Answer Call(std::string_view op, std::string_view body, testing::FakeDatabase* db = nullptr) {
  testing::FakeDatabase local;
  JsonApi api(db != nullptr ? db : &local);
  JsonApi::Response r = api.Handle(op, body);
  return {r.http_status, json::parse(r.body)};
}

void RequireError(const Answer& a, std::string_view type, std::string_view message) {
  INFO(a.body.dump());
  REQUIRE(a.http == 400);
  REQUIRE(a.body["__type"] == "com.amazonaws.dynamodb.v20120810#" + std::string(type));
  REQUIRE(a.body["message"] == std::string(message));
}

TEST_CASE("malformed JSON is a SerializationException without message") {
  testing::FakeDatabase db;
  for (const char* body : {"", "{", "{\"TableName\":}", "nul", "{\"a\":1}x", "\xff"}) {
    Answer a = Call("DescribeTable", body, &db);
    INFO(body);
    REQUIRE(a.http == 400);
    REQUIRE(a.body == json{{"__type", "com.amazonaws.dynamodb.v20120810#SerializationException"}});
  }
  REQUIRE(db.calls == 0);
}

TEST_CASE("unknown operation is an UnknownOperationException") {
  for (const char* op : {"Nope", "", "putItem", "CreateBackup"}) {
    Answer a = Call(op, "{}");
    REQUIRE(a.http == 400);
    REQUIRE(a.body == json{{"__type", "com.amazonaws.dynamodb.v20120810#UnknownOperationException"}});
  }
}

TEST_CASE("a missing required member is a ValidationException") {
  RequireError(Call("DescribeTable", "{}"), "ValidationException",
               "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
               "Member must not be null");
  RequireError(Call("DescribeTable", R"({"TableName":null,"Unknown":5})"), "ValidationException",
               "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
               "Member must not be null");
  RequireError(Call("PutItem", "{}"), "ValidationException",
               "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: "
               "Member must not be null; Value null at 'item' failed to satisfy constraint: Member must not be null");
}

TEST_CASE("table name pattern and length are checked together") {
  RequireError(Call("DescribeTable", R"({"TableName":""})"), "ValidationException",
               "2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: Member must "
               "satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'tableName' failed to satisfy "
               "constraint: Member must have length greater than or equal to 3");
  RequireError(Call("DescribeTable", R"({"TableName":"a;"})"), "ValidationException",
               "2 validation errors detected: Value 'a;' at 'tableName' failed to satisfy constraint: Member must "
               "satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a;' at 'tableName' failed to satisfy "
               "constraint: Member must have length greater than or equal to 3");
  std::string long_name(256, 'a');
  RequireError(Call("DescribeTable", R"({"TableName":")" + long_name + R"("})"), "ValidationException",
               "1 validation error detected: Value '" + long_name +
                   "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255");
}

TEST_CASE("ranges and enums are checked") {
  RequireError(Call("ListTables", R"({"Limit":0})"), "ValidationException",
               "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
               "Member must have value greater than or equal to 1");
  RequireError(Call("ListTables", R"({"Limit":200})"), "ValidationException",
               "1 validation error detected: Value '200' at 'limit' failed to satisfy constraint: "
               "Member must have value less than or equal to 100");
  RequireError(Call("PutItem", R"({"TableName":"abc","Item":{},"ReturnValues":"SOME"})"), "ValidationException",
               "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: "
               "Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]");
}

TEST_CASE("nested members are named by their path") {
  RequireError(Call("CreateTable",
                    R"({"TableName":"abc","KeySchema":[{"AttributeName":"id"}],
               "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
               "BillingMode":"PAY_PER_REQUEST"})"),
               "ValidationException",
               "1 validation error detected: Value null at 'keySchema.1.member.keyType' failed to satisfy constraint: "
               "Member must not be null");
  RequireError(Call("CreateTable", R"({"TableName":"abc","KeySchema":[],"AttributeDefinitions":[]})"),
               "ValidationException",
               "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: "
               "Member must have length greater than or equal to 1");
}

TEST_CASE("a member of the wrong JSON kind is a SerializationException") {
  RequireError(Call("DescribeTable", R"({"TableName":5})"), "SerializationException",
               "NUMBER_VALUE cannot be converted to String");
  RequireError(Call("DescribeTable", R"({"TableName":{}})"), "SerializationException",
               "Start of structure or map found where not expected");
  RequireError(Call("ListTables", R"({"Limit":"23"})"), "SerializationException",
               "STRING_VALUE cannot be converted to Integer");
  RequireError(Call("GetItem", R"({"TableName":"abc","Key":{},"ConsistentRead":"yes"})"), "SerializationException",
               "Unexpected token received from parser");
  RequireError(Call("GetItem", R"({"TableName":"abc","Key":[]})"), "SerializationException",
               "Unrecognized collection type java.util.Map<java.lang.String, "
               "com.amazonaws.dynamodb.v20120810.AttributeValue>");
  RequireError(Call("GetItem", R"({"TableName":"abc","Key":{"id":{"S":5}}})"), "SerializationException",
               "NUMBER_VALUE cannot be converted to String");
  RequireError(Call("CreateTable", R"({"TableName":"abc","KeySchema":{}})"), "SerializationException",
               "Start of structure or map found where not expected");
  RequireError(Call("CreateTable", R"({"TableName":"abc","KeySchema":[5]})"), "SerializationException",
               "Unexpected value type in payload");
  RequireError(Call("CreateTable", R"({"TableName":"abc","ProvisionedThroughput":5})"), "SerializationException",
               "Unexpected field type");
  // A serialization error wins over constraint violations elsewhere.
  RequireError(Call("PutItem", R"({"Item":{"a":{"N":5}}})"), "SerializationException",
               "NUMBER_VALUE cannot be converted to String");
}

TEST_CASE("a bad attribute value reaches no engine") {
  testing::FakeDatabase db;
  RequireError(Call("PutItem", R"({"TableName":"abc","Item":{"a":{"S":"x","N":"1"}}})", &db), "ValidationException",
               "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
               "supported datatypes");
  RequireError(Call("PutItem", R"({"TableName":"abc","Item":{"a":{}}})", &db), "ValidationException",
               "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  REQUIRE(db.calls == 0);
}

TEST_CASE("map keys are validated (BatchGetItem table names)") {
  Answer a = Call("BatchGetItem", R"({"RequestItems":{"a":{"Keys":[{"id":{"S":"x"}}]}}})");
  REQUIRE(a.http == 400);
  REQUIRE(a.body["__type"] == "com.amazonaws.dynamodb.v20120810#ValidationException");
  std::string m = a.body["message"];
  REQUIRE(m.find("at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
                 "[Member must have length greater than or equal to 3]") != std::string::npos);
}

TEST_CASE("the engine's errors pass through with their payloads") {
  testing::FakeDatabase db;
  db.error = Status::ResourceNotFound("Requested resource not found");
  RequireError(Call("DescribeTable", R"({"TableName":"abc"})", &db), "ResourceNotFoundException",
               "Requested resource not found");
  db.error = Status::Internal("boom");
  Answer a = Call("DescribeTable", R"({"TableName":"abc"})", &db);
  REQUIRE(a.http == 500);
  REQUIRE(a.body["__type"] == "com.amazonaws.dynamodb.v20120810#InternalServerError");
  db.error = Status::ConditionalCheckFailed().WithItem(std::make_shared<Item>(Item{{"k", AttributeValue::S("v")}}));
  a = Call("PutItem", R"({"TableName":"abc","Item":{"k":{"S":"v"}}})", &db);
  REQUIRE(a.body == json::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
      "message":"The conditional request failed","Item":{"k":{"S":"v"}}})"));
}

}  // namespace
}  // namespace dynarock

namespace dynarock {
namespace {

std::string Nested(const std::string& open, const std::string& leaf, const std::string& close, int depth) {
  std::string out;
  out.reserve(depth * (open.size() + close.size()) + leaf.size());
  for (int i = 0; i < depth; ++i) out += open;
  out += leaf;
  for (int i = 0; i < depth; ++i) out += close;
  return out;
}

TEST_CASE("deeply nested requests are refused without crashing") {
  const int kDepth = 200000;
  testing::FakeDatabase db;
  JsonApi api(&db);
  // Deep attribute value.
  auto r = api.Handle("PutItem",
                      R"({"TableName":"abc","Item":{"a":)" + Nested(R"({"L":[)", R"({"S":"x"})", "]}", kDepth) + "}}");
  REQUIRE(r.http_status == 400);
  // Deep raw arrays where a structure list is expected, with a length violation
  // that makes the validator print the value.
  r = api.Handle("CreateTable", R"({"TableName":"abc","KeySchema":[1,2,)" + Nested("[", "", "]", kDepth) + "]}");
  REQUIRE(r.http_status == 400);
  // A map key violation that prints a deeply nested map.
  r = api.Handle("BatchGetItem", R"({"RequestItems":{"a":{"Keys":[{"k":)" +
                                     Nested(R"({"M":{"m":)", R"({"S":"x"})", "}}", kDepth) + "}]}}}");
  REQUIRE(r.http_status == 400);
  REQUIRE(db.calls == 0);
}

}  // namespace
}  // namespace dynarock


namespace dynarock {
namespace {

TEST_CASE("every operation on the wire has its model shape") {
  for (const char* op :
       {"CreateTable", "DescribeTable", "ListTables", "DeleteTable", "UpdateTable", "UpdateTimeToLive",
        "DescribeTimeToLive", "TagResource", "UntagResource", "ListTagsOfResource", "PutItem", "GetItem", "DeleteItem",
        "UpdateItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems",
        "DescribeEndpoints", "DescribeLimits"}) {
    INFO(op);
    api::OperationShape s = api::FindOperationShape(op);
    REQUIRE(s.known);
    REQUIRE(s.shape >= 0);
    // And it is dispatched: an empty request never answers UnknownOperation.
    testing::FakeDatabase db;
    JsonApi json_api(&db);
    REQUIRE(json::parse(json_api.Handle(op, "{}").body).value("__type", "") !=
            "com.amazonaws.dynamodb.v20120810#UnknownOperationException");
  }
}

}  // namespace
}  // namespace dynarock
