// UpdateItem (issue 3): UpdateExpression and legacy AttributeUpdates,
// upserts, key attributes, ReturnValues, limits.
#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

constexpr auto kS = ScalarAttributeType::kS;
constexpr auto kN = ScalarAttributeType::kN;
using AttributeUpdates = std::map<std::string, AttributeValueUpdate, std::less<>>;

AttributeValue M(AttributeValue::Map m) { return AttributeValue::M(std::move(m)); }
AttributeValue L(AttributeValue::List l) { return AttributeValue::L(std::move(l)); }
AttributeValue SS(std::vector<std::string> s) { return AttributeValue::SS(std::move(s)); }

UpdateItemRequest Update(Item key, std::string expression, ExpressionAttributeValues values = {}) {
  UpdateItemRequest r;
  r.table_name = "tbl";
  r.key = std::move(key);
  r.update_expression = std::move(expression);
  if (!values.empty()) r.expression_attribute_values = std::move(values);
  return r;
}

Item Key(const std::string& pk) { return {{"pk", S(pk)}}; }

TEST_CASE("UpdateItem actions") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, std::nullopt);
  Put(*db, "tbl",
      {{"pk", S("a")},
       {"n", N("10")},
       {"s", S("x")},
       {"m", M({{"qq", N("1")}, {"l", L({N("1"), N("2"), N("3")})}})},
       {"tags", SS({"p", "q"})}});

  SECTION("SET arithmetic, if_not_exists and list_append") {
    auto r = Update(Key("a"), "SET n = n - :d, c = if_not_exists(c, :zero) + :d, m.l = list_append(m.l, :more)",
                    {{":d", N("0.5")}, {":zero", N("0")}, {":more", L({N("4")})}});
    REQUIRE(db->UpdateItem(r).ok());
    auto item = *Get(*db, "tbl", Key("a"));
    REQUIRE(item.at("n") == N("9.5"));
    REQUIRE(item.at("c") == N("0.5"));
    REQUIRE(item.at("m").m().at("l") == L({N("1"), N("2"), N("3"), N("4")}));
  }
  SECTION("REMOVE attributes, nested paths and list elements") {
    auto r = Update(Key("a"), "REMOVE s, m.qq, m.l[0]");
    auto res = db->UpdateItem(r);
    INFO(res.status().ToString());
    REQUIRE(res.ok());
    auto item = *Get(*db, "tbl", Key("a"));
    REQUIRE(item.count("s") == 0);
    REQUIRE(item.at("m") == M({{"l", L({N("2"), N("3")})}}));
  }
  SECTION("ADD numbers and sets, DELETE set elements") {
    auto r = Update(Key("a"), "ADD n :five, tags :r, fresh :five DELETE tags :p",
                    {{":five", N("5")}, {":r", SS({"r"})}, {":p", SS({"p"})}});
    // ADD and DELETE on the same attribute overlap.
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
                  "rewrite one of these paths; path one: [tags], path two: [tags]");
    r = Update(Key("a"), "ADD n :five, tags :r, fresh :five", {{":five", N("5")}, {":r", SS({"r"})}});
    REQUIRE(db->UpdateItem(r).ok());
    r = Update(Key("a"), "DELETE tags :pq", {{":pq", SS({"p", "q"})}});
    REQUIRE(db->UpdateItem(r).ok());
    auto item = *Get(*db, "tbl", Key("a"));
    REQUIRE(item.at("n") == N("15"));
    REQUIRE(item.at("fresh") == N("5"));
    REQUIRE(item.at("tags") == SS({"r"}));
  }
  SECTION("evaluation errors leave the item unchanged") {
    auto r = Update(Key("a"), "SET n = absent + :one", {{":one", N("1")}});
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "The provided expression refers to an attribute that does not exist in the item");
    r = Update(Key("a"), "SET n = s + :one", {{":one", N("1")}});
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "An operand in the update expression has an incorrect data type");
    r = Update(Key("a"), "SET nope.deeper = :one", {{":one", N("1")}});
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "The document path provided in the update expression is invalid for update");
    REQUIRE(Get(*db, "tbl", Key("a"))->at("n") == N("10"));
  }
  SECTION("number overflow") {
    Put(*db, "tbl", {{"pk", S("big")}, {"n", N("9.9999999999999999999999999999999999999E+125")}});
    auto r = Update(Key("big"), "SET n = n + n");
    REQUIRE(db->UpdateItem(r).status().code() == ErrorCode::kValidation);
  }
}

TEST_CASE("UpdateItem upserts a missing item") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, kN);
  Item key{{"pk", S("new")}, {"sk", N("7")}};

  SECTION("key attributes plus the update") {
    UpdateItemRequest r = Update(key, "SET v = :v, dup = sk", {{":v", S("hello")}});
    r.return_values = ReturnValues::kAllNew;
    auto res = db->UpdateItem(r);
    REQUIRE(res.ok());
    Item want{{"pk", S("new")}, {"sk", N("7")}, {"v", S("hello")}, {"dup", N("7")}};
    REQUIRE(res->attributes == want);
    REQUIRE(Get(*db, "tbl", key) == want);
  }
  SECTION("no update at all creates the item with its key") {
    UpdateItemRequest r;
    r.table_name = "tbl";
    r.key = key;
    auto res = db->UpdateItem(r);
    REQUIRE(res.ok());
    REQUIRE_FALSE(res->attributes.has_value());
    REQUIRE(Get(*db, "tbl", key) == key);
  }
  SECTION("REMOVE on a missing item creates it with its key") {
    auto r = Update(key, "REMOVE a.b");
    REQUIRE(db->UpdateItem(r).ok());
    REQUIRE(Get(*db, "tbl", key) == key);
  }
  SECTION("ALL_OLD of an upsert returns nothing") {
    auto r = Update(key, "SET v = :v", {{":v", N("1")}});
    r.return_values = ReturnValues::kAllOld;
    auto res = db->UpdateItem(r);
    REQUIRE(res.ok());
    REQUIRE_FALSE(res->attributes.has_value());
  }
}

TEST_CASE("UpdateItem validation") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, kN);
  Item key{{"pk", S("a")}, {"sk", N("1")}};

  SECTION("key attributes cannot be updated") {
    auto r = Update(key, "SET sk = :v", {{":v", N("2")}});
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Cannot update attribute sk. This attribute is "
                  "part of the key");
    r = Update(key, "REMOVE pk");
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Cannot update attribute pk. This attribute is "
                  "part of the key");
    UpdateItemRequest legacy;
    legacy.table_name = "tbl";
    legacy.key = key;
    AttributeValueUpdate u;
    u.value = S("b");
    legacy.attribute_updates = AttributeUpdates{{"pk", u}};
    REQUIRE_ERROR(db->UpdateItem(legacy), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Cannot update attribute pk. This attribute is "
                  "part of the key");
    REQUIRE_FALSE(Get(*db, "tbl", key).has_value());
  }
  SECTION("wrong key") {
    auto r = Update({{"pk", S("a")}}, "SET v = :v", {{":v", N("2")}});
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation, "The provided key element does not match the schema");
  }
  SECTION("values without an expression") {
    UpdateItemRequest r;
    r.table_name = "tbl";
    r.key = key;
    r.expression_attribute_values = ExpressionAttributeValues{{":v", N("1")}};
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "ExpressionAttributeValues can only be specified when using expressions: UpdateExpression "
                  "and ConditionExpression are null");
  }
  SECTION("unused values across both expressions") {
    auto r = Update(key, "SET v = :v", {{":v", N("1")}, {":c", N("2")}, {":x", N("3")}});
    r.condition_expression = "attribute_not_exists(v) OR v < :c";
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
  }
  SECTION("mixing AttributeUpdates with UpdateExpression") {
    auto r = Update(key, "SET v = :v", {{":v", N("1")}});
    AttributeValueUpdate u;
    u.value = S("b");
    r.attribute_updates = AttributeUpdates{{"v", u}};
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "Can not use both expression and non-expression parameters in the same request: "
                  "Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}");
  }
  SECTION("item size limit after the update") {
    Put(*db, "tbl", {{"pk", S("a")}, {"sk", N("1")}, {"big", S(std::string(300 * 1024, 'x'))}});
    auto r = Update(key, "SET big2 = :v", {{":v", S(std::string(150 * 1024, 'y'))}});
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "Item size to update has exceeded the maximum allowed size");
    REQUIRE(Get(*db, "tbl", key)->count("big2") == 0);
  }
  SECTION("nesting depth of the result") {
    AttributeValue deep = S("leaf");
    for (int i = 0; i < 31; ++i) deep = M({{"x", deep}});  // 32 levels: accepted alone
    Put(*db, "tbl", {{"pk", S("a")}, {"sk", N("1")}, {"a", M({})}});
    REQUIRE(db->UpdateItem(Update(key, "SET b = :d", {{":d", deep}})).ok());
    auto r = Update(key, "SET a.b = :d", {{":d", deep}});
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
                  "beyond supported limit");
  }
  SECTION("ReturnValues ALL_OLD only for PutItem and DeleteItem") {
    PutItemRequest p;
    p.table_name = "tbl";
    p.item = key;
    p.return_values = ReturnValues::kAllNew;
    REQUIRE_ERROR(db->PutItem(p), ErrorCode::kValidation, "ReturnValues can only be ALL_OLD or NONE");
  }
}

TEST_CASE("UpdateItem ReturnValues") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, std::nullopt);
  Item stored{{"pk", S("a")}, {"n", N("1")}, {"gone", S("g")}, {"keep", S("k")},
              {"m", M({{"x", N("1")}, {"y", N("2")}})}};
  Put(*db, "tbl", stored);
  auto r = Update(Key("a"), "SET n = n + :one, m.x = :ten, added = :one REMOVE gone",
                  {{":one", N("1")}, {":ten", N("10")}});

  SECTION("NONE") {
    auto res = db->UpdateItem(r);
    REQUIRE(res.ok());
    REQUIRE_FALSE(res->attributes.has_value());
  }
  SECTION("ALL_OLD") {
    r.return_values = ReturnValues::kAllOld;
    REQUIRE(db->UpdateItem(r)->attributes == stored);
  }
  SECTION("UPDATED_OLD: the updated paths as they were; missing ones left out") {
    r.return_values = ReturnValues::kUpdatedOld;
    REQUIRE(db->UpdateItem(r)->attributes ==
            Item{{"n", N("1")}, {"gone", S("g")}, {"m", M({{"x", N("1")}})}});
  }
  SECTION("ALL_NEW") {
    r.return_values = ReturnValues::kAllNew;
    REQUIRE(db->UpdateItem(r)->attributes == Item{{"pk", S("a")},
                                                  {"n", N("2")},
                                                  {"keep", S("k")},
                                                  {"added", N("1")},
                                                  {"m", M({{"x", N("10")}, {"y", N("2")}})}});
  }
  SECTION("UPDATED_NEW: the updated paths as they are; removed ones left out") {
    r.return_values = ReturnValues::kUpdatedNew;
    REQUIRE(db->UpdateItem(r)->attributes == Item{{"n", N("2")}, {"added", N("1")}, {"m", M({{"x", N("10")}})}});
  }
  SECTION("UPDATED_NEW of a list element") {
    Put(*db, "tbl", {{"pk", S("l")}, {"l", L({N("1"), N("2"), N("3")})}});
    auto set = Update(Key("l"), "SET l[1] = :v", {{":v", S("two")}});
    set.return_values = ReturnValues::kUpdatedNew;
    REQUIRE(db->UpdateItem(set)->attributes == Item{{"l", L({S("two")})}});
    set.return_values = ReturnValues::kUpdatedOld;
    set.expression_attribute_values = ExpressionAttributeValues{{":v", S("deux")}};
    REQUIRE(db->UpdateItem(set)->attributes == Item{{"l", L({S("two")})}});
  }
  SECTION("UPDATED_OLD of attributes that did not exist returns nothing") {
    auto add = Update(Key("a"), "SET brand_new = :one", {{":one", N("1")}});
    add.return_values = ReturnValues::kUpdatedOld;
    auto res = db->UpdateItem(add);
    REQUIRE(res.ok());
    REQUIRE_FALSE(res->attributes.has_value());
  }
}

TEST_CASE("UpdateItem with legacy AttributeUpdates") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, std::nullopt);
  Put(*db, "tbl", {{"pk", S("a")}, {"n", N("1")}, {"tags", SS({"p", "q"})}, {"l", L({N("1")})}});
  UpdateItemRequest r;
  r.table_name = "tbl";
  r.key = Key("a");
  auto action = [](std::optional<AttributeAction> a, std::optional<AttributeValue> v) {
    AttributeValueUpdate u;
    u.action = a;
    u.value = std::move(v);
    return u;
  };

  SECTION("PUT, ADD and DELETE") {
    r.attribute_updates = AttributeUpdates{{"s", action(std::nullopt, S("put"))},
                                           {"n", action(AttributeAction::kAdd, N("2"))},
                                           {"l", action(AttributeAction::kAdd, L({N("2")}))},
                                           {"tags", action(AttributeAction::kDelete, SS({"p"}))}};
    r.return_values = ReturnValues::kUpdatedNew;
    auto res = db->UpdateItem(r);
    REQUIRE(res.ok());
    Item want{{"s", S("put")}, {"n", N("3")}, {"l", L({N("1"), N("2")})}, {"tags", SS({"q"})}};
    REQUIRE(res->attributes == want);
  }
  SECTION("DELETE without a value removes the attribute") {
    r.attribute_updates = AttributeUpdates{{"n", action(AttributeAction::kDelete, std::nullopt)}};
    REQUIRE(db->UpdateItem(r).ok());
    REQUIRE(Get(*db, "tbl", Key("a"))->count("n") == 0);
  }
  SECTION("validation") {
    r.attribute_updates = AttributeUpdates{{"n", action(AttributeAction::kPut, std::nullopt)}};
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Only DELETE action is allowed when no attribute "
                  "value is specified");
    r.attribute_updates = AttributeUpdates{{"n", action(AttributeAction::kAdd, S("x"))}};
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: ADD action is not supported for the type S");
    r.attribute_updates = AttributeUpdates{{"n", action(AttributeAction::kPut, SS({}))}};
    REQUIRE(db->UpdateItem(r).status().code() == ErrorCode::kValidation);
  }
  SECTION("ADD to a missing item creates it") {
    r.key = Key("fresh");
    r.attribute_updates = AttributeUpdates{{"n", action(AttributeAction::kAdd, N("4"))}};
    REQUIRE(db->UpdateItem(r).ok());
    REQUIRE(Get(*db, "tbl", Key("fresh")) == Item{{"pk", S("fresh")}, {"n", N("4")}});
  }
}

}  // namespace
}  // namespace dynarock::testing
