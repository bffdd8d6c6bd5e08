// Mutated requests through JsonApi: whatever the bytes, the answer is a
// JSON body with HTTP 200 or 400, never a crash or a 500. A fixed seed keeps
// the run reproducible; the libFuzzer target explores further.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "api/fake_database.h"
#include "dynarock/json_api.h"

namespace dynarock {
namespace {

using nlohmann::json;

const std::pair<const char*, const char*> kSeeds[] = {
    {"PutItem",
     R"J({"TableName":"abc","Item":{"a":{"S":"x"},"b":{"N":"1.5"},"c":{"B":"AAEC"},"d":{"M":{"e":{"L":[{"NULL":true},{"BOOL":false}]}}},"f":{"SS":["a"]},"g":{"NS":["1"]},"h":{"BS":["AA=="]}},"ConditionExpression":"attribute_not_exists(a)","ExpressionAttributeNames":{"#a":"a"},"ExpressionAttributeValues":{":v":{"N":"1"}},"ReturnValues":"ALL_OLD"})J"},
    {"Query",
     R"J({"TableName":"abc","IndexName":"idx","KeyConditionExpression":"a = :v","ExpressionAttributeValues":{":v":{"S":"x"}},"Limit":5,"ExclusiveStartKey":{"a":{"S":"x"}},"Select":"COUNT","KeyConditions":{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]}}})J"},
    {"CreateTable",
     R"J({"TableName":"abc","KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},"GlobalSecondaryIndexes":[{"IndexName":"ggg","KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}],"Tags":[{"Key":"k","Value":"v"}]})J"},
    {"BatchWriteItem",
     R"J({"RequestItems":{"abc":[{"PutRequest":{"Item":{"a":{"S":"x"}}}},{"DeleteRequest":{"Key":{"a":{"S":"y"}}}}]}})J"},
    {"TransactWriteItems",
     R"J({"TransactItems":[{"Update":{"TableName":"abc","Key":{"a":{"S":"x"}},"UpdateExpression":"SET b = :b","ExpressionAttributeValues":{":b":{"N":"2"}}}},{"ConditionCheck":{"TableName":"abc","Key":{"a":{"S":"y"}},"ConditionExpression":"attribute_exists(a)"}}]})J"},
    {"UpdateItem",
     R"J({"TableName":"abc","Key":{"a":{"S":"x"}},"AttributeUpdates":{"b":{"Action":"ADD","Value":{"N":"1"}}},"Expected":{"b":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"2"}]}}})J"},
};

std::string Mutate(std::string s, std::mt19937& rng) {
  static const char kAlphabet[] = "{}[]\":,0123456789.eE-+ abcSNBLM\\u\x01\xff";
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    size_t pos = rng() % s.size();
    switch (rng() % 4) {
      case 0: s[pos] = kAlphabet[rng() % (sizeof(kAlphabet) - 1)]; break;
      case 1: s.erase(pos, 1 + rng() % 8); break;
      case 2: s.insert(pos, 1, kAlphabet[rng() % (sizeof(kAlphabet) - 1)]); break;
      case 3: s.resize(pos); break;
    }
  }
  return s;
}

TEST_CASE("mutated requests always get a JSON answer, never a crash") {
  std::mt19937 rng(20261126);
  testing::FakeDatabase db;
  JsonApi api(&db);
  int answered_400 = 0;
  for (const auto& [op, seed] : kSeeds) {
    REQUIRE(api.Handle(op, seed).http_status == 200);  // the seeds are valid
    for (int i = 0; i < 3000; ++i) {
      std::string body = Mutate(seed, rng);
      JsonApi::Response r = api.Handle(op, body);
      INFO(op << " " << body << " -> " << r.body);
      REQUIRE((r.http_status == 200 || r.http_status == 400));
      json parsed = json::parse(r.body, nullptr, false);
      REQUIRE(!parsed.is_discarded());
      REQUIRE(parsed.is_object());
      if (r.http_status == 400) {
        ++answered_400;
        REQUIRE(parsed.contains("__type"));
      }
    }
  }
  REQUIRE(answered_400 > 0);
}

}  // namespace
}  // namespace dynarock
