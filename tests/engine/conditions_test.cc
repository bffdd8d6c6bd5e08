// Conditional writes (issue 3): ConditionExpression and legacy Expected on
// PutItem, DeleteItem and UpdateItem, through the typed Database API.
#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

constexpr auto kS = ScalarAttributeType::kS;
constexpr auto kN = ScalarAttributeType::kN;
constexpr const char* kFailed = "The conditional request failed";
using AttributeUpdates = std::map<std::string, AttributeValueUpdate, std::less<>>;

ExpressionAttributeValues Values(std::initializer_list<std::pair<const std::string, AttributeValue>> v) {
  return ExpressionAttributeValues(v);
}

PutItemRequest PutReq(Item item) {
  PutItemRequest r;
  r.table_name = "tbl";
  r.item = std::move(item);
  return r;
}

TEST_CASE("PutItem with ConditionExpression") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, std::nullopt);

  SECTION("put-if-absent") {
    auto r = PutReq({{"pk", S("a")}, {"v", N("1")}});
    r.condition_expression = "attribute_not_exists(pk)";
    REQUIRE(db->PutItem(r).ok());
    r.item["v"] = N("2");
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
    REQUIRE(Get(*db, "tbl", {{"pk", S("a")}})->at("v") == N("1"));
  }
  SECTION("comparison on the stored item") {
    Put(*db, "tbl", {{"pk", S("a")}, {"v", N("5")}});
    auto r = PutReq({{"pk", S("a")}, {"v", N("6")}});
    r.condition_expression = "v < :max AND #v >= :min";
    r.expression_attribute_names = ExpressionAttributeNames{{"#v", "v"}};
    r.expression_attribute_values = Values({{":max", N("5")}, {":min", N("1")}});
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
    r.expression_attribute_values = Values({{":max", N("10")}, {":min", N("1")}});
    REQUIRE(db->PutItem(r).ok());
    REQUIRE(Get(*db, "tbl", {{"pk", S("a")}})->at("v") == N("6"));
  }
  SECTION("condition on a missing item behaves as on an empty item") {
    auto r = PutReq({{"pk", S("new")}});
    r.condition_expression = "attribute_exists(pk)";
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
    r.condition_expression = "NOT contains(tags, :t)";
    r.expression_attribute_values = Values({{":t", S("x")}});
    REQUIRE(db->PutItem(r).ok());
  }
  SECTION("ReturnValuesOnConditionCheckFailure ALL_OLD") {
    Item stored{{"pk", S("a")}, {"v", N("1")}, {"s", S("keep")}};
    Put(*db, "tbl", stored);
    auto r = PutReq({{"pk", S("a")}});
    r.condition_expression = "attribute_not_exists(pk)";
    r.return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::kAllOld;
    auto res = db->PutItem(r);
    REQUIRE(res.status().code() == ErrorCode::kConditionalCheckFailed);
    REQUIRE(res.status().message() == kFailed);
    REQUIRE(res.status().item() != nullptr);
    REQUIRE(*res.status().item() == stored);
    // NONE: no item with the error.
    r.return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::kNone;
    auto res2 = db->PutItem(r);
    REQUIRE(res2.status().code() == ErrorCode::kConditionalCheckFailed);
    REQUIRE(res2.status().item() == nullptr);
  }
  SECTION("ALL_OLD with no stored item returns nothing with the error") {
    auto r = PutReq({{"pk", S("none")}});
    r.condition_expression = "attribute_exists(pk)";
    r.return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::kAllOld;
    auto res = db->PutItem(r);
    REQUIRE(res.status().code() == ErrorCode::kConditionalCheckFailed);
    REQUIRE(res.status().item() == nullptr);
  }
  SECTION("ReturnValues ALL_OLD beside a condition") {
    Put(*db, "tbl", {{"pk", S("a")}, {"v", N("1")}});
    auto r = PutReq({{"pk", S("a")}, {"v", N("2")}});
    r.condition_expression = "v = :one";
    r.expression_attribute_values = Values({{":one", N("1")}});
    r.return_values = ReturnValues::kAllOld;
    auto res = db->PutItem(r);
    REQUIRE(res.ok());
    REQUIRE(res->attributes == Item{{"pk", S("a")}, {"v", N("1")}});
  }
}

TEST_CASE("Expression errors on conditional writes") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, std::nullopt);
  auto r = PutReq({{"pk", S("a")}});

  SECTION("syntax error") {
    r.condition_expression = "a < < b";
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "Invalid ConditionExpression: Syntax error; token: \"<\", near: \"< < b\"");
  }
  SECTION("reserved word") {
    r.condition_expression = "attribute_exists(name)";
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name");
  }
  SECTION("undefined value") {
    r.condition_expression = "v = :v";
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "Invalid ConditionExpression: An expression attribute value used in expression is not "
                  "defined; attribute value: :v");
  }
  SECTION("unused value") {
    r.condition_expression = "v = :v";
    r.expression_attribute_values = Values({{":v", N("1")}, {":w", N("2")}});
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
  }
  SECTION("unused name") {
    r.condition_expression = "v = :v";
    r.expression_attribute_values = Values({{":v", N("1")}});
    r.expression_attribute_names = ExpressionAttributeNames{{"#n", "n"}};
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
  }
  SECTION("values without an expression") {
    r.expression_attribute_values = Values({{":v", N("1")}});
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "ExpressionAttributeValues can only be specified when using expressions: "
                  "ConditionExpression is null");
  }
  SECTION("names without an expression") {
    r.expression_attribute_names = ExpressionAttributeNames{{"#n", "n"}};
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "ExpressionAttributeNames can only be specified when using expressions");
  }
  SECTION("empty expression") {
    r.condition_expression = "";
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "Invalid ConditionExpression: The expression can not be empty;");
  }
  SECTION("expression errors come before a missing table") {
    r.table_name = "missing";
    r.condition_expression = "v = :v";
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "Invalid ConditionExpression: An expression attribute value used in expression is not "
                  "defined; attribute value: :v");
    r.expression_attribute_values = Values({{":v", N("1")}});
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kResourceNotFound, "Requested resource not found");
  }
  SECTION("mixing Expected and ConditionExpression") {
    r.condition_expression = "attribute_not_exists(pk)";
    ExpectedAttributeValue e;
    e.exists = false;
    r.expected = ExpectedMap{{"pk", e}};
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "Can not use both expression and non-expression parameters in the same request: "
                  "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
  }
}

TEST_CASE("DeleteItem with conditions") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, kN);
  Item stored{{"pk", S("a")}, {"sk", N("1")}, {"state", S("done")}};
  Put(*db, "tbl", stored);
  DeleteItemRequest r;
  r.table_name = "tbl";
  r.key = {{"pk", S("a")}, {"sk", N("1")}};

  SECTION("ConditionExpression") {
    r.condition_expression = "#s = :open";
    r.expression_attribute_names = ExpressionAttributeNames{{"#s", "state"}};
    r.expression_attribute_values = Values({{":open", S("open")}});
    r.return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::kAllOld;
    auto res = db->DeleteItem(r);
    REQUIRE(res.status().code() == ErrorCode::kConditionalCheckFailed);
    REQUIRE(*res.status().item() == stored);
    REQUIRE(Get(*db, "tbl", r.key).has_value());
    r.expression_attribute_values = Values({{":open", S("done")}});
    r.return_values = ReturnValues::kAllOld;
    auto ok = db->DeleteItem(r);
    REQUIRE(ok.ok());
    REQUIRE(ok->attributes == stored);
    REQUIRE_FALSE(Get(*db, "tbl", r.key).has_value());
  }
  SECTION("delete of a missing item with attribute_exists fails") {
    r.key = {{"pk", S("zz")}, {"sk", N("1")}};
    r.condition_expression = "attribute_exists(pk)";
    REQUIRE_ERROR(db->DeleteItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
  }
  SECTION("legacy Expected") {
    ExpectedAttributeValue e;
    e.value = S("open");
    r.expected = ExpectedMap{{"state", e}};
    REQUIRE_ERROR(db->DeleteItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
    r.expected = ExpectedMap{{"state", ExpectedAttributeValue{S("done"), std::nullopt, std::nullopt, std::nullopt}}};
    REQUIRE(db->DeleteItem(r).ok());
    REQUIRE_FALSE(Get(*db, "tbl", r.key).has_value());
  }
  SECTION("values without an expression") {
    r.expression_attribute_values = Values({{":v", N("1")}});
    REQUIRE_ERROR(db->DeleteItem(r), ErrorCode::kValidation,
                  "ExpressionAttributeValues can only be specified when using expressions: "
                  "ConditionExpression is null");
  }
}

TEST_CASE("Legacy Expected and ConditionalOperator") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, std::nullopt);
  Put(*db, "tbl", {{"pk", S("a")}, {"v", N("3")}, {"w", S("x")}});
  auto r = PutReq({{"pk", S("a")}, {"v", N("4")}});

  auto expect = [](ComparisonOperator op, std::vector<AttributeValue> list) {
    ExpectedAttributeValue e;
    e.comparison_operator = op;
    e.attribute_value_list = std::move(list);
    return e;
  };
  SECTION("Exists false on an existing attribute fails") {
    ExpectedAttributeValue e;
    e.exists = false;
    r.expected = ExpectedMap{{"v", e}};
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
  }
  SECTION("AND (default) needs every entry") {
    r.expected = ExpectedMap{{"v", expect(ComparisonOperator::kGt, {N("1")})},
                             {"w", expect(ComparisonOperator::kEq, {S("y")})}};
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
    r.conditional_operator = ConditionalOperator::kOr;
    REQUIRE(db->PutItem(r).ok());
  }
  SECTION("BETWEEN and IN") {
    r.expected = ExpectedMap{{"v", expect(ComparisonOperator::kBetween, {N("1"), N("3")})},
                             {"w", expect(ComparisonOperator::kIn, {S("q"), S("x")})}};
    REQUIRE(db->PutItem(r).ok());
  }
  SECTION("validation messages") {
    ExpectedAttributeValue e;
    e.exists = true;
    r.expected = ExpectedMap{{"v", e}};
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Value must be provided when Exists is true "
                  "for Attribute: v");
    r.expected = ExpectedMap{{"v", expect(ComparisonOperator::kEq, {})}};
    REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Invalid number of argument(s) for the EQ "
                  "ComparisonOperator");
  }
}

TEST_CASE("UpdateItem with conditions") {
  auto db = OpenMemDb();
  MakeTable(*db, "tbl", kS, std::nullopt);
  Put(*db, "tbl", {{"pk", S("a")}, {"n", N("1")}});
  UpdateItemRequest r;
  r.table_name = "tbl";
  r.key = {{"pk", S("a")}};
  r.update_expression = "SET n = n + :one";
  r.condition_expression = "n = :expected";

  SECTION("passes and fails") {
    r.expression_attribute_values = Values({{":one", N("1")}, {":expected", N("1")}});
    REQUIRE(db->UpdateItem(r).ok());
    REQUIRE(Get(*db, "tbl", r.key)->at("n") == N("2"));
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
    REQUIRE(Get(*db, "tbl", r.key)->at("n") == N("2"));
  }
  SECTION("ALL_OLD on failure") {
    r.expression_attribute_values = Values({{":one", N("1")}, {":expected", N("7")}});
    r.return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::kAllOld;
    auto res = db->UpdateItem(r);
    REQUIRE(res.status().code() == ErrorCode::kConditionalCheckFailed);
    REQUIRE(*res.status().item() == Item{{"pk", S("a")}, {"n", N("1")}});
  }
  SECTION("a failed condition does not upsert") {
    r.key = {{"pk", S("missing")}};
    r.expression_attribute_values = Values({{":one", N("1")}, {":expected", N("0")}});
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
    REQUIRE_FALSE(Get(*db, "tbl", r.key).has_value());
  }
  SECTION("update errors come before condition errors") {
    r.update_expression = "SET n = :undefined";
    r.condition_expression = "n = :also_undefined";
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "Invalid UpdateExpression: An expression attribute value used in expression is not "
                  "defined; attribute value: :undefined");
  }
  SECTION("legacy Expected with AttributeUpdates") {
    r.update_expression.reset();
    r.condition_expression.reset();
    ExpectedAttributeValue e;
    e.value = N("1");
    r.expected = ExpectedMap{{"n", e}};
    AttributeValueUpdate u;
    u.action = AttributeAction::kAdd;
    u.value = N("5");
    r.attribute_updates = AttributeUpdates{{"n", u}};
    REQUIRE(db->UpdateItem(r).ok());
    REQUIRE(Get(*db, "tbl", r.key)->at("n") == N("6"));
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kConditionalCheckFailed, kFailed);
  }
  SECTION("mixing AttributeUpdates and Expected with expressions") {
    r.expression_attribute_values = Values({{":one", N("1")}, {":expected", N("1")}});
    AttributeValueUpdate u;
    u.value = N("5");
    r.attribute_updates = AttributeUpdates{{"n", u}};
    r.expected = ExpectedMap{{"n", ExpectedAttributeValue{N("1"), std::nullopt, std::nullopt, std::nullopt}}};
    REQUIRE_ERROR(db->UpdateItem(r), ErrorCode::kValidation,
                  "Can not use both expression and non-expression parameters in the same request: "
                  "Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: "
                  "{UpdateExpression, ConditionExpression}");
  }
}

}  // namespace
}  // namespace dynarock::testing
