// JsonApi over a real in-memory Database: DynamoDB JSON in, DynamoDB JSON
// out, through the engine.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "dynarock/database.h"
#include "dynarock/json_api.h"

namespace dynarock {
namespace {

using nlohmann::json;

class Fixture {
 public:
  Fixture() {
    Options o;
    o.in_memory = true;
    auto db = Database::Open(o, "/api-test");
    INFO(db.status().ToString());
    REQUIRE(db.ok());
    db_ = std::move(db).value();
    api_ = std::make_unique<JsonApi>(db_.get());
  }

  JsonApi::Response Raw(std::string_view op, const std::string& body) { return api_->Handle(op, body); }

  json Ok(std::string_view op, const std::string& body) {
    JsonApi::Response r = api_->Handle(op, body);
    INFO(op << " " << body << " -> " << r.body);
    REQUIRE(r.http_status == 200);
    return json::parse(r.body);
  }

  json Err(std::string_view op, const std::string& body, std::string_view type) {
    JsonApi::Response r = api_->Handle(op, body);
    INFO(op << " " << body << " -> " << r.body);
    REQUIRE(r.http_status == 400);
    json j = json::parse(r.body);
    REQUIRE(j["__type"] == "com.amazonaws.dynamodb.v20120810#" + std::string(type));
    return j;
  }

  void CreateMusic() {
    Ok("CreateTable", R"J({"TableName":"Music",
        "KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"Song","KeyType":"RANGE"}],
        "AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},
                                {"AttributeName":"Song","AttributeType":"S"}],
        "BillingMode":"PAY_PER_REQUEST"})J");
  }

 private:
  std::unique_ptr<Database> db_;
  std::unique_ptr<JsonApi> api_;
};

TEST_CASE("tables through the JSON API") {
  Fixture f;
  f.CreateMusic();
  json t = f.Ok("DescribeTable", R"J({"TableName":"Music"})J")["Table"];
  REQUIRE(t["TableName"] == "Music");
  REQUIRE(t["TableStatus"] == "ACTIVE");
  REQUIRE(t["KeySchema"].size() == 2);
  REQUIRE(t["AttributeDefinitions"].size() == 2);
  REQUIRE(t["CreationDateTime"].is_number());
  REQUIRE(t["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");
  REQUIRE(t["ItemCount"] == 0);
  REQUIRE(std::string(t["TableArn"]).find(":table/Music") != std::string::npos);
  REQUIRE(!t.contains("GlobalSecondaryIndexes"));

  REQUIRE(f.Ok("ListTables", "{}") == json::parse(R"J({"TableNames":["Music"]})J"));
  f.Err("CreateTable", R"J({"TableName":"Music","KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],
      "AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})J",
        "ResourceInUseException");
  f.Err("DescribeTable", R"J({"TableName":"Nope"})J", "ResourceNotFoundException");
  json d = f.Ok("DeleteTable", R"J({"TableName":"Music"})J");
  REQUIRE(d["TableDescription"]["TableName"] == "Music");
  f.Err("DescribeTable", R"J({"TableName":"Music"})J", "ResourceNotFoundException");
}

TEST_CASE("items through the JSON API") {
  Fixture f;
  f.CreateMusic();
  json empty = f.Ok("PutItem", R"J({"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"s1"},
      "Year":{"N":"2.0E3"},"Tags":{"SS":["x","y"]},"Raw":{"B":"AAEC"},"M":{"M":{"n":{"NULL":true}}},
      "L":{"L":[{"BOOL":false},{"NS":["1","10"]}]}}})J");
  REQUIRE(empty == json::object());

  json got = f.Ok("GetItem", R"J({"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"s1"}}})J");
  REQUIRE(got["Item"]["Year"] == json{{"N", "2000"}});
  REQUIRE(got["Item"]["Raw"] == json{{"B", "AAEC"}});
  REQUIRE(got["Item"]["M"] == json::parse(R"J({"M":{"n":{"NULL":true}}})J"));
  REQUIRE(got["Item"]["Tags"]["SS"].size() == 2);

  REQUIRE(f.Ok("GetItem", R"J({"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"zz"}}})J") == json::object());

  json old = f.Ok("PutItem", R"J({"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"s1"}},
      "ReturnValues":"ALL_OLD"})J");
  REQUIRE(old["Attributes"]["Year"] == json{{"N", "2000"}});

  json failed = f.Err("PutItem", R"J({"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"s1"}},
      "ConditionExpression":"attribute_not_exists(Artist)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"})J",
                      "ConditionalCheckFailedException");
  REQUIRE(failed["message"] == "The conditional request failed");
  REQUIRE(failed["Item"] == json::parse(R"J({"Artist":{"S":"A"},"Song":{"S":"s1"}})J"));

  json updated = f.Ok("UpdateItem", R"J({"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"s1"}},
      "UpdateExpression":"ADD Plays :one","ExpressionAttributeValues":{":one":{"N":"1"}},
      "ReturnValues":"UPDATED_NEW"})J");
  REQUIRE(updated == json::parse(R"J({"Attributes":{"Plays":{"N":"1"}}})J"));

  f.Err("PutItem", R"J({"TableName":"Music","Item":{"Artist":{"N":"1"},"Song":{"S":"s"}}})J", "ValidationException");
  f.Err("PutItem", R"J({"TableName":"Nope","Item":{"Artist":{"S":"1"}}})J", "ResourceNotFoundException");

  json deleted = f.Ok("DeleteItem", R"J({"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"s1"}},
      "ReturnValues":"ALL_OLD"})J");
  REQUIRE(deleted["Attributes"]["Plays"] == json{{"N", "1"}});
  REQUIRE(f.Ok("GetItem", R"J({"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"s1"}}})J") == json::object());
}

TEST_CASE("query and scan through the JSON API") {
  Fixture f;
  f.CreateMusic();
  for (int i = 0; i < 5; ++i) {
    f.Ok("PutItem",
         R"J({"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"s)J" + std::to_string(i) + R"J("}}})J");
  }
  f.Ok("PutItem", R"J({"TableName":"Music","Item":{"Artist":{"S":"B"},"Song":{"S":"x"}}})J");
  json q = f.Ok("Query", R"J({"TableName":"Music","KeyConditionExpression":"Artist = :a",
      "ExpressionAttributeValues":{":a":{"S":"A"}},"Limit":2,"ScanIndexForward":false})J");
  REQUIRE(q["Count"] == 2);
  REQUIRE(q["ScannedCount"] == 2);
  REQUIRE(q["Items"][0]["Song"] == json{{"S", "s4"}});
  REQUIRE(q["LastEvaluatedKey"] == json::parse(R"J({"Artist":{"S":"A"},"Song":{"S":"s3"}})J"));

  json c = f.Ok("Query", R"J({"TableName":"Music","KeyConditionExpression":"Artist = :a","Select":"COUNT",
      "ExpressionAttributeValues":{":a":{"S":"A"}}})J");
  REQUIRE(c == json::parse(R"J({"Count":5,"ScannedCount":5})J"));

  json s = f.Ok("Scan", R"J({"TableName":"Music"})J");
  REQUIRE(s["Count"] == 6);
  REQUIRE(s["Items"].size() == 6);
  REQUIRE(!s.contains("LastEvaluatedKey"));
}

TEST_CASE("batches and transactions through the JSON API") {
  Fixture f;
  f.CreateMusic();
  json w = f.Ok("BatchWriteItem", R"J({"RequestItems":{"Music":[
      {"PutRequest":{"Item":{"Artist":{"S":"A"},"Song":{"S":"1"}}}},
      {"PutRequest":{"Item":{"Artist":{"S":"A"},"Song":{"S":"2"}}}}]}})J");
  REQUIRE(w == json::parse(R"J({"UnprocessedItems":{}})J"));
  json g = f.Ok("BatchGetItem", R"J({"RequestItems":{"Music":{"Keys":[
      {"Artist":{"S":"A"},"Song":{"S":"1"}},{"Artist":{"S":"A"},"Song":{"S":"3"}}]}}})J");
  REQUIRE(g["Responses"]["Music"].size() == 1);
  REQUIRE(g["UnprocessedKeys"] == json::object());

  json cancelled = f.Err("TransactWriteItems", R"J({"TransactItems":[
      {"Put":{"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"9"}}}},
      {"ConditionCheck":{"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"1"}},
        "ConditionExpression":"attribute_not_exists(Artist)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}]})J",
                         "TransactionCanceledException");
  REQUIRE(cancelled["CancellationReasons"].size() == 2);
  REQUIRE(cancelled["CancellationReasons"][0] == json{{"Code", "None"}});
  REQUIRE(cancelled["CancellationReasons"][1]["Code"] == "ConditionalCheckFailed");
  REQUIRE(cancelled["CancellationReasons"][1]["Item"] == json::parse(R"J({"Artist":{"S":"A"},"Song":{"S":"1"}})J"));
  REQUIRE(
      cancelled["Message"] ==
      "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]");

  json t = f.Ok("TransactGetItems", R"J({"TransactItems":[
      {"Get":{"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"2"}}}},
      {"Get":{"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"9"}}}}]})J");
  REQUIRE(t == json::parse(R"J({"Responses":[{"Item":{"Artist":{"S":"A"},"Song":{"S":"2"}}},{}]})J"));
}

TEST_CASE("TTL and tags through the JSON API") {
  Fixture f;
  f.CreateMusic();
  REQUIRE(f.Ok("UpdateTimeToLive", R"J({"TableName":"Music",
      "TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}})J") ==
          json::parse(R"J({"TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}})J"));
  json d = f.Ok("DescribeTimeToLive", R"J({"TableName":"Music"})J");
  REQUIRE(d["TimeToLiveDescription"]["AttributeName"] == "exp");
  std::string arn = f.Ok("DescribeTable", R"J({"TableName":"Music"})J")["Table"]["TableArn"];
  REQUIRE(f.Ok("TagResource", R"J({"ResourceArn":")J" + arn + R"J(","Tags":[{"Key":"k","Value":"v"}]})J") ==
          json::object());
  REQUIRE(f.Ok("ListTagsOfResource", R"J({"ResourceArn":")J" + arn + R"J("})J") ==
          json::parse(R"J({"Tags":[{"Key":"k","Value":"v"}]})J"));
  REQUIRE(f.Ok("UntagResource", R"J({"ResourceArn":")J" + arn + R"J(","TagKeys":["k"]})J") == json::object());
  REQUIRE(f.Ok("ListTagsOfResource", R"J({"ResourceArn":")J" + arn + R"J("})J") == json::parse(R"J({"Tags":[]})J"));
}

}  // namespace
}  // namespace dynarock
