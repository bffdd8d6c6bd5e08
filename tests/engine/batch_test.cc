// BatchGetItem and BatchWriteItem (issue 5): behaviour, limits and every
// validation error with DynamoDB's message.
#include <catch2/catch.hpp>
#include <set>

#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

WriteRequest PutReq(Item item) {
  WriteRequest w;
  w.put_request = std::move(item);
  return w;
}

WriteRequest DeleteReq(Item key) {
  WriteRequest w;
  w.delete_request = std::move(key);
  return w;
}

Item Key(const std::string& pk) { return Item{{"pk", S(pk)}}; }

std::unique_ptr<Database> TwoTables() {
  auto db = OpenMemDb();
  MakeTable(*db, "tab1", ScalarAttributeType::kS, std::nullopt);
  MakeTable(*db, "tab2", ScalarAttributeType::kS, ScalarAttributeType::kN);
  return db;
}

const char* kDuplicates = "Provided list of item keys contains duplicates";

}  // namespace

TEST_CASE("BatchWriteItem puts and deletes over several tables", "[batch]") {
  auto db = TwoTables();
  Put(*db, "tab1", {{"pk", S("gone")}, {"v", N("1")}});
  BatchWriteItemRequest r;
  r.request_items["tab1"] = {PutReq({{"pk", S("a")}, {"v", N("1")}}), DeleteReq(Key("gone"))};
  r.request_items["tab2"] = {PutReq({{"pk", S("a")}, {"sk", N("1")}, {"x", S("y")}}),
                             PutReq({{"pk", S("a")}, {"sk", N("2")}})};
  r.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto res = db->BatchWriteItem(r);
  INFO(res.status().ToString());
  REQUIRE(res.ok());
  REQUIRE(res->unprocessed_items.empty());
  REQUIRE(res->consumed_capacity.size() == 2);
  REQUIRE(res->consumed_capacity[0].table_name == "tab1");
  REQUIRE(res->consumed_capacity[0].capacity_units == 2);
  REQUIRE(res->consumed_capacity[1].capacity_units == 2);
  REQUIRE(Get(*db, "tab1", Key("a")) == Item{{"pk", S("a")}, {"v", N("1")}});
  REQUIRE_FALSE(Get(*db, "tab1", Key("gone")).has_value());
  REQUIRE(Get(*db, "tab2", {{"pk", S("a")}, {"sk", N("1")}}) ==
          Item{{"pk", S("a")}, {"sk", N("1")}, {"x", S("y")}});
  REQUIRE(Get(*db, "tab2", {{"pk", S("a")}, {"sk", N("2")}}).has_value());
}

TEST_CASE("BatchWriteItem: same key in different tables is not a duplicate", "[batch]") {
  auto db = OpenMemDb();
  MakeTable(*db, "tab1", ScalarAttributeType::kS, std::nullopt);
  MakeTable(*db, "tab3", ScalarAttributeType::kS, std::nullopt);
  BatchWriteItemRequest r;
  r.request_items["tab1"] = {PutReq(Key("k"))};
  r.request_items["tab3"] = {DeleteReq(Key("k"))};
  REQUIRE(db->BatchWriteItem(r).ok());
  REQUIRE(Get(*db, "tab1", Key("k")).has_value());
}

TEST_CASE("BatchWriteItem validation errors reject the whole batch", "[batch]") {
  auto db = TwoTables();
  BatchWriteItemRequest r;

  SECTION("no request items") {
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation,
                  "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: "
                  "Member must have length greater than or equal to 1");
  }
  SECTION("more than 25 requests over several tables") {
    for (int i = 0; i < 13; ++i) r.request_items["tab1"].push_back(PutReq(Key("a" + std::to_string(i))));
    for (int i = 0; i < 13; ++i) {
      r.request_items["tab2"].push_back(PutReq({{"pk", S("p")}, {"sk", N(std::to_string(i))}}));
    }
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation,
                  "Too many items requested for the BatchWriteItem call");
    r.request_items["tab2"].pop_back();  // 25 is fine
    REQUIRE(db->BatchWriteItem(r).ok());
  }
  SECTION("an empty request list for a table") {
    r.request_items["tab1"] = {};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation,
                  "The batch write request list for a table cannot be null or empty: tab1");
  }
  SECTION("a WriteRequest with neither or both requests") {
    const char* msg =
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
        "datatypes";
    r.request_items["tab1"] = {WriteRequest{}};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation, msg);
    WriteRequest both = PutReq(Key("a"));
    both.delete_request = Key("a");
    r.request_items["tab1"] = {both};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation, msg);
  }
  SECTION("two puts of one item") {
    r.request_items["tab1"] = {PutReq(Key("a")), PutReq({{"pk", S("a")}, {"v", N("2")}})};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation, kDuplicates);
  }
  SECTION("a put and a delete of one item") {
    r.request_items["tab2"] = {PutReq({{"pk", S("a")}, {"sk", N("1")}}),
                               DeleteReq({{"sk", N("1.0")}, {"pk", S("a")}})};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation, kDuplicates);
  }
  SECTION("a missing table") {
    r.request_items["nope"] = {PutReq(Key("a"))};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kResourceNotFound, "Requested resource not found");
  }
  SECTION("an item without its key") {
    r.request_items["tab2"] = {PutReq({{"pk", S("a")}})};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Missing the key sk in the item");
  }
  SECTION("a key of the wrong type") {
    r.request_items["tab1"] = {PutReq({{"pk", N("1")}})};
    REQUIRE_ERROR(
        db->BatchWriteItem(r), ErrorCode::kValidation,
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
  }
  SECTION("a delete key with an extra attribute") {
    r.request_items["tab1"] = {DeleteReq({{"pk", S("a")}, {"x", S("b")}})};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation,
                  "The provided key element does not match the schema");
  }
  SECTION("an empty key value") {
    r.request_items["tab1"] = {PutReq(Key(""))};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation,
                  "One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                  "contain an empty string value. Key: pk");
  }
  SECTION("an item over 400 KB") {
    r.request_items["tab1"] = {PutReq({{"pk", S("a")}, {"big", S(std::string(400 * 1024, 'x'))}})};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation,
                  "Item size has exceeded the maximum allowed size");
  }
  SECTION("a bad table name") {
    r.request_items["x"] = {PutReq(Key("a"))};
    REQUIRE_ERROR(db->BatchWriteItem(r), ErrorCode::kValidation,
                  "TableName must be at least 3 characters long and at most 255 characters long");
  }
}

TEST_CASE("BatchWriteItem applies nothing when any request is invalid", "[batch]") {
  auto db = TwoTables();
  BatchWriteItemRequest r;
  r.request_items["tab1"] = {PutReq(Key("first"))};
  SECTION("a missing table after a valid table") {
    r.request_items["zzz"] = {PutReq(Key("a"))};
    REQUIRE(db->BatchWriteItem(r).status().code() == ErrorCode::kResourceNotFound);
  }
  SECTION("a bad key after a valid request") {
    r.request_items["tab2"] = {PutReq({{"pk", S("a")}})};
    REQUIRE(db->BatchWriteItem(r).status().code() == ErrorCode::kValidation);
  }
  SECTION("a duplicate after a valid request") {
    r.request_items["tab2"] = {PutReq({{"pk", S("a")}, {"sk", N("1")}}),
                               DeleteReq({{"pk", S("a")}, {"sk", N("1")}})};
    REQUIRE(db->BatchWriteItem(r).status().code() == ErrorCode::kValidation);
  }
  REQUIRE_FALSE(Get(*db, "tab1", Key("first")).has_value());
}

TEST_CASE("BatchGetItem reads keys over several tables with projections", "[batch]") {
  auto db = TwoTables();
  Put(*db, "tab1", {{"pk", S("a")}, {"v", N("1")}, {"w", S("x")}});
  Put(*db, "tab1", {{"pk", S("b")}, {"v", N("2")}});
  Put(*db, "tab2",
      {{"pk", S("a")}, {"sk", N("1")}, {"m", AttributeValue::M({{"in", S("deep")}, {"o", S("z")}})}});

  BatchGetItemRequest r;
  r.request_items["tab1"].keys = {Key("a"), Key("b"), Key("missing")};
  r.request_items["tab1"].projection_expression = "#v";
  r.request_items["tab1"].expression_attribute_names = ExpressionAttributeNames{{"#v", "v"}};
  r.request_items["tab2"].keys = {{{"pk", S("a")}, {"sk", N("1")}}};
  r.request_items["tab2"].projection_expression = "m.#i, pk";
  r.request_items["tab2"].expression_attribute_names = ExpressionAttributeNames{{"#i", "in"}};
  r.request_items["tab2"].consistent_read = true;
  r.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto res = db->BatchGetItem(r);
  INFO(res.status().ToString());
  REQUIRE(res.ok());
  REQUIRE(res->unprocessed_keys.empty());
  REQUIRE(res->responses.size() == 2);
  auto t1 = res->responses["tab1"];
  REQUIRE(t1.size() == 2);
  std::set<std::string> values;
  for (const Item& item : t1) {
    REQUIRE(item.size() == 1);
    values.insert(item.at("v").n().ToString());
  }
  REQUIRE(values == std::set<std::string>{"1", "2"});
  REQUIRE(res->responses["tab2"] ==
          std::vector<Item>{{{"pk", S("a")}, {"m", AttributeValue::M({{"in", S("deep")}})}}});
  REQUIRE(res->consumed_capacity.size() == 2);
  REQUIRE(res->consumed_capacity[0].capacity_units == 1.5);  // three eventually consistent reads
  REQUIRE(res->consumed_capacity[1].capacity_units == 1);

  SECTION("AttributesToGet") {
    BatchGetItemRequest g;
    g.request_items["tab1"].keys = {Key("a")};
    g.request_items["tab1"].attributes_to_get = std::vector<std::string>{"w", "pk"};
    auto got = db->BatchGetItem(g);
    REQUIRE(got.ok());
    REQUIRE(got->responses["tab1"] == std::vector<Item>{{{"pk", S("a")}, {"w", S("x")}}});
  }
  SECTION("a table whose keys all miss is present and empty") {
    BatchGetItemRequest g;
    g.request_items["tab1"].keys = {Key("none")};
    auto got = db->BatchGetItem(g);
    REQUIRE(got.ok());
    REQUIRE(got->responses.count("tab1") == 1);
    REQUIRE(got->responses["tab1"].empty());
  }
}

TEST_CASE("BatchGetItem validation errors", "[batch]") {
  auto db = TwoTables();
  BatchGetItemRequest r;

  SECTION("no request items") {
    REQUIRE_ERROR(db->BatchGetItem(r), ErrorCode::kValidation,
                  "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: "
                  "Member must have length greater than or equal to 1");
  }
  SECTION("more than 100 keys") {
    for (int i = 0; i < 60; ++i) r.request_items["tab1"].keys.push_back(Key("k" + std::to_string(i)));
    for (int i = 0; i < 41; ++i) {
      r.request_items["tab2"].keys.push_back({{"pk", S("p")}, {"sk", N(std::to_string(i))}});
    }
    REQUIRE_ERROR(db->BatchGetItem(r), ErrorCode::kValidation,
                  "Too many items requested for the BatchGetItem call");
    r.request_items["tab2"].keys.pop_back();
    REQUIRE(db->BatchGetItem(r).ok());
  }
  SECTION("duplicate keys") {
    r.request_items["tab2"].keys = {{{"pk", S("a")}, {"sk", N("1")}}, {{"pk", S("a")}, {"sk", N("1.00")}}};
    REQUIRE_ERROR(db->BatchGetItem(r), ErrorCode::kValidation, kDuplicates);
  }
  SECTION("an empty key list") {
    r.request_items["tab1"].keys = {};
    REQUIRE_ERROR(db->BatchGetItem(r), ErrorCode::kValidation,
                  "The list of keys in RequestItems for BatchGetItem is required: tab1 has empty list");
  }
  SECTION("a missing table") {
    r.request_items["tab1"].keys = {Key("a")};
    r.request_items["nope"].keys = {Key("a")};
    REQUIRE_ERROR(db->BatchGetItem(r), ErrorCode::kResourceNotFound, "Requested resource not found");
  }
  SECTION("a key that does not match the schema") {
    r.request_items["tab2"].keys = {{{"pk", S("a")}}};
    REQUIRE_ERROR(db->BatchGetItem(r), ErrorCode::kValidation,
                  "The provided key element does not match the schema");
  }
  SECTION("both AttributesToGet and ProjectionExpression") {
    r.request_items["tab1"].keys = {Key("a")};
    r.request_items["tab1"].attributes_to_get = std::vector<std::string>{"v"};
    r.request_items["tab1"].projection_expression = "v";
    REQUIRE_ERROR(
        db->BatchGetItem(r), ErrorCode::kValidation,
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
  }
  SECTION("an unused expression attribute name") {
    r.request_items["tab1"].keys = {Key("a")};
    r.request_items["tab1"].projection_expression = "v";
    r.request_items["tab1"].expression_attribute_names = ExpressionAttributeNames{{"#x", "x"}};
    REQUIRE_ERROR(db->BatchGetItem(r), ErrorCode::kValidation,
                  "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}");
  }
  SECTION("a projection that does not parse") {
    r.request_items["tab1"].keys = {Key("a")};
    r.request_items["tab1"].projection_expression = "a,,b";
    auto res = db->BatchGetItem(r);
    REQUIRE(res.status().code() == ErrorCode::kValidation);
    REQUIRE(res.status().message().rfind("Invalid ProjectionExpression: Syntax error;", 0) == 0);
  }
}

TEST_CASE("BatchGetItem returns what fits in 16 MB and the rest as UnprocessedKeys", "[batch]") {
  auto db = OpenMemDb();
  MakeTable(*db, "big", ScalarAttributeType::kS, std::nullopt);
  const std::string payload(390 * 1024, 'x');
  constexpr int kItems = 50;  // about 19.5 MB
  for (int i = 0; i < kItems; ++i)
    Put(*db, "big", {{"pk", S("k" + std::to_string(i))}, {"data", S(payload)}});

  BatchGetItemRequest r;
  for (int i = 0; i < kItems; ++i) r.request_items["big"].keys.push_back(Key("k" + std::to_string(i)));
  r.request_items["big"].consistent_read = true;
  std::set<std::string> seen;
  int calls = 0;
  while (!r.request_items.empty()) {
    REQUIRE(++calls <= 3);
    auto res = db->BatchGetItem(r);
    INFO(res.status().ToString());
    REQUIRE(res.ok());
    int64_t bytes = 0;
    for (const Item& item : res->responses["big"]) {
      REQUIRE(seen.insert(item.at("pk").s()).second);
      bytes += ItemSize(item);
    }
    REQUIRE(bytes <= int64_t{16} * 1024 * 1024);
    if (calls == 1) {
      REQUIRE(res->unprocessed_keys.count("big") == 1);
      // The unprocessed part keeps the table's options.
      REQUIRE(res->unprocessed_keys["big"].consistent_read == std::optional<bool>(true));
    }
    r.request_items = res->unprocessed_keys;
  }
  REQUIRE(calls == 2);
  REQUIRE(seen.size() == kItems);
}

}  // namespace dynarock::testing
