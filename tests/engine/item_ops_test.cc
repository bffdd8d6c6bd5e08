// PutItem, GetItem, DeleteItem: behaviour, ReturnValues, AttributesToGet,
// key validation and limits with DynamoDB's exact messages.
#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

constexpr auto kS = ScalarAttributeType::kS;
constexpr auto kN = ScalarAttributeType::kN;
constexpr auto kB = ScalarAttributeType::kB;

TEST_CASE("PutItem then GetItem returns the item; DeleteItem removes it") {
  auto db = OpenMemDb();
  MakeTable(*db, "items", kS, kN);
  Item item{{"pk", S("user#1")},
            {"sk", N("10")},
            {"name", S("Ada")},
            {"tags", AttributeValue::SS({"a", "b"})},
            {"nested", AttributeValue::M({{"x", N("1.5")}, {"l", AttributeValue::L({AttributeValue::Bool(true), AttributeValue::MakeNull()})}})},
            {"empty", S("")}};
  Put(*db, "items", item);
  auto got = Get(*db, "items", {{"pk", S("user#1")}, {"sk", N("10")}});
  REQUIRE(got.has_value());
  REQUIRE(*got == item);
  // 1E1 is the same number as 10.
  REQUIRE(Get(*db, "items", {{"pk", S("user#1")}, {"sk", N("1E1")}}).has_value());
  REQUIRE(!Get(*db, "items", {{"pk", S("user#1")}, {"sk", N("11")}}).has_value());

  // Overwrite replaces the whole item.
  Put(*db, "items", {{"pk", S("user#1")}, {"sk", N("10")}, {"v", N("2")}});
  got = Get(*db, "items", {{"pk", S("user#1")}, {"sk", N("10")}});
  REQUIRE(got->size() == 3);
  REQUIRE(got->count("name") == 0);

  DeleteItemRequest del;
  del.table_name = "items";
  del.key = {{"pk", S("user#1")}, {"sk", N("10")}};
  auto d = db->DeleteItem(del);
  REQUIRE(d.ok());
  REQUIRE(!d->attributes);
  REQUIRE(!Get(*db, "items", {{"pk", S("user#1")}, {"sk", N("10")}}).has_value());
  // Deleting a missing item succeeds.
  REQUIRE(db->DeleteItem(del).ok());
}

TEST_CASE("ReturnValues ALL_OLD on PutItem and DeleteItem") {
  auto db = OpenMemDb();
  MakeTable(*db, "rv_table", kS, std::nullopt);
  PutItemRequest put;
  put.table_name = "rv_table";
  put.return_values = ReturnValues::kAllOld;
  put.item = {{"pk", S("k")}, {"v", N("1")}};
  auto r1 = db->PutItem(put);
  REQUIRE(r1.ok());
  REQUIRE(!r1->attributes);
  put.item = {{"pk", S("k")}, {"v", N("2")}};
  auto r2 = db->PutItem(put);
  REQUIRE(r2.ok());
  REQUIRE(r2->attributes);
  REQUIRE(r2->attributes->at("v") == N("1"));

  DeleteItemRequest del;
  del.table_name = "rv_table";
  del.key = {{"pk", S("k")}};
  del.return_values = ReturnValues::kAllOld;
  auto r3 = db->DeleteItem(del);
  REQUIRE(r3.ok());
  REQUIRE(r3->attributes->at("v") == N("2"));

  put.return_values = ReturnValues::kAllNew;
  REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation, "ReturnValues can only be ALL_OLD or NONE");
  del.return_values = ReturnValues::kUpdatedOld;
  REQUIRE_ERROR(db->DeleteItem(del), ErrorCode::kValidation, "ReturnValues can only be ALL_OLD or NONE");
}

TEST_CASE("GetItem AttributesToGet returns only the named top-level attributes") {
  auto db = OpenMemDb();
  MakeTable(*db, "atg", kS, std::nullopt);
  Put(*db, "atg", {{"pk", S("k")}, {"a", N("1")}, {"b", N("2")}, {"c", N("3")}});
  GetItemRequest g;
  g.table_name = "atg";
  g.key = {{"pk", S("k")}};
  g.attributes_to_get = std::vector<std::string>{"a", "c", "missing"};
  auto r = db->GetItem(g);
  REQUIRE(r.ok());
  REQUIRE(*r->item == Item{{"a", N("1")}, {"c", N("3")}});
  g.attributes_to_get = std::vector<std::string>{"a", "a"};
  REQUIRE_ERROR(db->GetItem(g), ErrorCode::kValidation,
                "One or more parameter values were invalid: Duplicate value in attribute name: a");
  g.attributes_to_get = std::vector<std::string>{};
  REQUIRE_ERROR(db->GetItem(g), ErrorCode::kValidation,
                "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy "
                "constraint: Member must have length greater than or equal to 1");
}

TEST_CASE("PutItem key validation") {
  auto db = OpenMemDb();
  MakeTable(*db, "keys", kS, kN);
  PutItemRequest put;
  put.table_name = "keys";
  SECTION("missing partition key") {
    put.item = {{"sk", N("1")}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Missing the key pk in the item");
  }
  SECTION("missing sort key") {
    put.item = {{"pk", S("a")}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Missing the key sk in the item");
  }
  SECTION("wrong type") {
    put.item = {{"pk", N("1")}, {"sk", N("1")}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Type mismatch for key pk expected: S "
                  "actual: N");
    put.item = {{"pk", S("a")}, {"sk", S("1")}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Type mismatch for key sk expected: N "
                  "actual: S");
  }
  SECTION("empty string key") {
    put.item = {{"pk", S("")}, {"sk", N("1")}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                  "One or more parameter values are not valid. The AttributeValue for a key "
                  "attribute cannot contain an empty string value. Key: pk");
  }
  SECTION("partition key size") {
    put.item = {{"pk", S(std::string(2048, 'x'))}, {"sk", N("1")}};
    REQUIRE(db->PutItem(put).ok());
    put.item = {{"pk", S(std::string(2049, 'x'))}, {"sk", N("1")}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Size of hashkey has exceeded the "
                  "maximum size limit of2048 bytes");
  }
  SECTION("item size") {
    put.item = {{"pk", S("a")}, {"sk", N("1")}, {"big", S(std::string(400 * 1024, 'x'))}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                  "Item size has exceeded the maximum allowed size");
    // Exactly 400 KB: pk(2+1) + sk(2+2) + "big"(3) + value.
    put.item = {{"pk", S("a")}, {"sk", N("1")}, {"big", S(std::string(400 * 1024 - 10, 'x'))}};
    REQUIRE(db->PutItem(put).ok());
  }
  SECTION("values are validated") {
    put.item = {{"pk", S("a")}, {"sk", N("1")}, {"set", AttributeValue::SS({})}};
    REQUIRE(db->PutItem(put).status().code() == ErrorCode::kValidation);
  }
  SECTION("missing table") {
    put.table_name = "nothere";
    put.item = {{"pk", S("a")}, {"sk", N("1")}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kResourceNotFound, "Requested resource not found");
  }
  SECTION("expression parameters") {
    put.item = {{"pk", S("a")}, {"sk", N("1")}};
    put.condition_expression = "attribute_not_exists(pk)";
    put.expected = ExpectedMap{{"pk", ExpectedAttributeValue{}}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                  "Can not use both expression and non-expression parameters in the same request: "
                  "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    put.expected.reset();
    put.condition_expression.reset();
    put.expression_attribute_names = ExpressionAttributeNames{{"#a", "a"}};
    REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                  "ExpressionAttributeNames can only be specified when using expressions");
  }
}

TEST_CASE("Sort key size limit and binary keys") {
  auto db = OpenMemDb();
  MakeTable(*db, "bin", kB, kS);
  PutItemRequest put;
  put.table_name = "bin";
  put.item = {{"pk", B(std::string("\x00\xff", 2))}, {"sk", S(std::string(1024, 'y'))}};
  REQUIRE(db->PutItem(put).ok());
  put.item = {{"pk", B(std::string("\x00\xff", 2))}, {"sk", S(std::string(1025, 'y'))}};
  REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                "One or more parameter values were invalid: Aggregated size of all range keys has "
                "exceeded the size limit of 1024 bytes");
  put.item = {{"pk", B("")}, {"sk", S("a")}};
  REQUIRE_ERROR(db->PutItem(put), ErrorCode::kValidation,
                "One or more parameter values are not valid. The AttributeValue for a key "
                "attribute cannot contain an empty binary value. Key: pk");
  REQUIRE(Get(*db, "bin", {{"pk", B(std::string("\x00\xff", 2))}, {"sk", S(std::string(1024, 'y'))}}));
}

TEST_CASE("GetItem and DeleteItem key must match the schema exactly") {
  auto db = OpenMemDb();
  MakeTable(*db, "exact", kS, kN);
  const std::string mismatch = "The provided key element does not match the schema";
  GetItemRequest g;
  g.table_name = "exact";
  DeleteItemRequest d;
  d.table_name = "exact";
  std::vector<Item> bad = {
      {{"pk", S("a")}},                                        // missing sort key
      {{"pk", S("a")}, {"sk", N("1")}, {"extra", S("x")}},     // extra attribute
      {{"pk", N("1")}, {"sk", N("1")}},                        // wrong type
      {{"pk", S("a")}, {"other", N("1")}},                     // wrong name
      {},
  };
  for (const auto& key : bad) {
    g.key = key;
    d.key = key;
    REQUIRE_ERROR(db->GetItem(g), ErrorCode::kValidation, mismatch);
    REQUIRE_ERROR(db->DeleteItem(d), ErrorCode::kValidation, mismatch);
  }
  g.key = {{"pk", S("")}, {"sk", N("1")}};
  REQUIRE_ERROR(db->GetItem(g), ErrorCode::kValidation,
                "One or more parameter values are not valid. The AttributeValue for a key "
                "attribute cannot contain an empty string value. Key: pk");
  g.key = {{"pk", S("a")}, {"sk", N("1")}};
  g.table_name = "missing";
  REQUIRE_ERROR(db->GetItem(g), ErrorCode::kResourceNotFound, "Requested resource not found");
  g.table_name = "x";
  REQUIRE_ERROR(db->GetItem(g), ErrorCode::kValidation,
                "TableName must be at least 3 characters long and at most 255 characters long");
}

TEST_CASE("ConsumedCapacity is reported when asked") {
  auto db = OpenMemDb();
  MakeTable(*db, "cap", kS, std::nullopt);
  PutItemRequest put;
  put.table_name = "cap";
  put.item = {{"pk", S("a")}, {"data", S(std::string(3000, 'z'))}};
  put.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto r = db->PutItem(put);
  REQUIRE(r.ok());
  REQUIRE(r->consumed_capacity);
  REQUIRE(r->consumed_capacity->table_name == "cap");
  REQUIRE(r->consumed_capacity->capacity_units == 3.0);
  GetItemRequest g;
  g.table_name = "cap";
  g.key = {{"pk", S("a")}};
  REQUIRE(!db->GetItem(g)->consumed_capacity);
  g.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  REQUIRE(db->GetItem(g)->consumed_capacity->capacity_units == 0.5);
  g.consistent_read = true;
  REQUIRE(db->GetItem(g)->consumed_capacity->capacity_units == 1.0);
}

}  // namespace
}  // namespace dynarock::testing
