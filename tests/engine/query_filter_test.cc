// Reads with expressions (issue 3): Query KeyConditionExpression,
// FilterExpression / QueryFilter, ProjectionExpression, Select; Scan
// FilterExpression / ScanFilter; GetItem ProjectionExpression.
#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

constexpr auto kS = ScalarAttributeType::kS;
constexpr auto kN = ScalarAttributeType::kN;

AttributeValue M(AttributeValue::Map m) { return AttributeValue::M(std::move(m)); }
AttributeValue L(AttributeValue::List l) { return AttributeValue::L(std::move(l)); }

// Table "qtb" (pk S, sk N): partition "p" holds sk 1..10 with v = "even"/"odd"
// and a nested map; partition "other" holds one item.
std::unique_ptr<Database> Fixture() {
  auto db = OpenMemDb();
  MakeTable(*db, "qtb", kS, kN);
  for (int i = 1; i <= 10; ++i) {
    Put(*db, "qtb",
        {{"pk", S("p")},
         {"sk", N(std::to_string(i))},
         {"v", S(i % 2 == 0 ? "even" : "odd")},
         {"n", N(std::to_string(i * 10))},
         {"doc", M({{"a", N(std::to_string(i))}, {"b", L({S("x"), S("y")})}})}});
  }
  Put(*db, "qtb", {{"pk", S("other")}, {"sk", N("1")}, {"v", S("even")}});
  return db;
}

QueryRequest KeyQuery(std::string kce, ExpressionAttributeValues values) {
  QueryRequest q;
  q.table_name = "qtb";
  q.key_condition_expression = std::move(kce);
  q.expression_attribute_values = std::move(values);
  return q;
}

std::vector<std::string> SortKeys(const QueryResult& r) {
  std::vector<std::string> out;
  for (const auto& item : r.items) out.push_back(item.at("sk").DebugString());
  return out;
}

TEST_CASE("Query KeyConditionExpression") {
  auto db = Fixture();
  auto count = [&](std::string kce, ExpressionAttributeValues values) {
    auto r = db->Query(KeyQuery(std::move(kce), std::move(values)));
    INFO(r.status().ToString());
    REQUIRE(r.ok());
    return r->count;
  };
  const AttributeValue p = S("p");
  CHECK(count("pk = :p", {{":p", p}}) == 10);
  CHECK(count("pk = :p AND sk = :s", {{":p", p}, {":s", N("3")}}) == 1);
  CHECK(count("pk = :p AND sk < :s", {{":p", p}, {":s", N("3")}}) == 2);
  CHECK(count("pk = :p AND sk <= :s", {{":p", p}, {":s", N("3")}}) == 3);
  CHECK(count("pk = :p AND sk > :s", {{":p", p}, {":s", N("3")}}) == 7);
  CHECK(count("pk = :p AND sk >= :s", {{":p", p}, {":s", N("3")}}) == 8);
  CHECK(count("sk BETWEEN :a AND :b AND pk = :p", {{":p", p}, {":a", N("2")}, {":b", N("5")}}) == 4);
  CHECK(count(":p = pk", {{":p", S("other")}}) == 1);

  SECTION("names and ScanIndexForward") {
    auto q = KeyQuery("#k = :p AND #s > :s", {{":p", p}, {":s", N("7")}});
    q.expression_attribute_names = ExpressionAttributeNames{{"#k", "pk"}, {"#s", "sk"}};
    q.scan_index_forward = false;
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(SortKeys(*r) == std::vector<std::string>{"{\"N\":\"10\"}", "{\"N\":\"9\"}", "{\"N\":\"8\"}"});
  }
}

TEST_CASE("Query key condition errors") {
  auto db = Fixture();
  MakeTable(*db, "hsh", kS, std::nullopt);
  MakeTable(*db, "str", kS, kS);
  auto q = KeyQuery("pk = :p", {{":p", S("p")}});

  SECTION("missing partition key") {
    q = KeyQuery("sk = :s", {{":s", N("1")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation, "Query condition missed key schema element: pk");
  }
  SECTION("condition on a non-key attribute") {
    q = KeyQuery("pk = :p AND v = :v", {{":p", S("p")}, {":v", S("odd")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation, "Query condition missed key schema element: sk");
    q.table_name = "hsh";
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation, "Query key condition not supported");
  }
  SECTION("non-equality on the partition key") {
    q = KeyQuery("pk > :p", {{":p", S("p")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation, "Query key condition not supported");
  }
  SECTION("two conditions on one key") {
    q = KeyQuery("pk = :p AND sk > :a AND sk < :b", {{":p", S("p")}, {":a", N("1")}, {":b", N("5")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "KeyConditionExpressions must only contain one condition per key");
  }
  SECTION("OR and <> are not key operators") {
    q = KeyQuery("pk = :p OR sk = :s", {{":p", S("p")}, {":s", N("1")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation, "Invalid operator used in KeyConditionExpression: OR");
    q = KeyQuery("pk = :p AND sk <> :s", {{":p", S("p")}, {":s", N("1")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation, "Invalid operator used in KeyConditionExpression: <>");
  }
  SECTION("begins_with on a number") {
    q = KeyQuery("pk = :p AND begins_with(sk, :s)", {{":p", S("p")}, {":s", N("1")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                  "operator or function: begins_with, operand type: N");
  }
  SECTION("begins_with on a string sort key") {
    for (std::string sk : {"apple", "apricot", "banana"}) Put(*db, "str", {{"pk", S("p")}, {"sk", S(sk)}});
    q = KeyQuery("pk = :p AND begins_with(sk, :s)", {{":p", S("p")}, {":s", S("ap")}});
    q.table_name = "str";
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->count == 2);
  }
  SECTION("value type does not match the key") {
    q = KeyQuery("pk = :p", {{":p", N("1")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Condition parameter type does not match schema "
                  "type");
  }
  SECTION("neither KeyConditions nor KeyConditionExpression") {
    q.key_condition_expression.reset();
    q.expression_attribute_values.reset();
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
                  "request.");
  }
  SECTION("KeyConditions beside KeyConditionExpression") {
    q.key_conditions = ConditionMap{{"pk", Condition{ComparisonOperator::kEq, {S("p")}}}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Can not use both expression and non-expression parameters in the same request: "
                  "Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
  }
  SECTION("unused value") {
    q.expression_attribute_values->emplace(":x", N("1"));
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
  }
}

TEST_CASE("Query FilterExpression counts and Limit") {
  auto db = Fixture();
  auto q = KeyQuery("pk = :p", {{":p", S("p")}, {":e", S("even")}});
  q.filter_expression = "v = :e";

  SECTION("Count after the filter, ScannedCount before") {
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->count == 5);
    REQUIRE(r->scanned_count == 10);
    REQUIRE(r->items.size() == 5);
    for (const auto& item : r->items) REQUIRE(item.at("v") == S("even"));
    REQUIRE_FALSE(r->last_evaluated_key.has_value());
  }
  SECTION("Limit counts items read") {
    q.limit = 3;
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->scanned_count == 3);
    REQUIRE(r->count == 1);  // sk 2
    REQUIRE(r->last_evaluated_key == Item{{"pk", S("p")}, {"sk", N("3")}});
    // Paging through with the filter sees every match once.
    int total = r->count;
    while (r->last_evaluated_key) {
      q.exclusive_start_key = r->last_evaluated_key;
      r = db->Query(q);
      REQUIRE(r.ok());
      total += r->count;
    }
    REQUIRE(total == 5);
  }
  SECTION("a page where nothing passes") {
    q.limit = 1;
    auto r = db->Query(q);  // sk 1 is odd
    REQUIRE(r.ok());
    REQUIRE(r->count == 0);
    REQUIRE(r->scanned_count == 1);
    REQUIRE(r->items.empty());
    REQUIRE(r->last_evaluated_key.has_value());
  }
  SECTION("Select COUNT with a filter") {
    q.select = Select::kCount;
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->count == 5);
    REQUIRE(r->scanned_count == 10);
    REQUIRE(r->items.empty());
  }
  SECTION("functions and nested paths in the filter") {
    q.filter_expression = "doc.a > :three AND size(doc.b) = :two AND NOT begins_with(v, :o)";
    q.expression_attribute_values = ExpressionAttributeValues{
        {":p", S("p")}, {":three", N("3")}, {":two", N("2")}, {":o", S("o")}};
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->count == 4);  // 4, 6, 8, 10
  }
  SECTION("filter on a key attribute") {
    q.filter_expression = "sk > :e";
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
    q.filter_expression = "v = :e OR #k = :e";
    q.expression_attribute_names = ExpressionAttributeNames{{"#k", "pk"}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk");
  }
  SECTION("filter syntax error") {
    q.filter_expression = "v = = :e";
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Invalid FilterExpression: Syntax error; token: \"=\", near: \"= = :e\"");
  }
}

TEST_CASE("Query ProjectionExpression and Select") {
  auto db = Fixture();
  auto q = KeyQuery("pk = :p AND sk = :s", {{":p", S("p")}, {":s", N("2")}});

  SECTION("projection with nested paths") {
    q.projection_expression = "sk, doc.b[1], #n";
    q.expression_attribute_names = ExpressionAttributeNames{{"#n", "n"}};
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->items.size() == 1);
    REQUIRE(r->items[0] == Item{{"sk", N("2")}, {"n", N("20")}, {"doc", M({{"b", L({S("y")})}})}});
  }
  SECTION("SPECIFIC_ATTRIBUTES with a projection") {
    q.projection_expression = "v";
    q.select = Select::kSpecificAttributes;
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->items[0] == Item{{"v", S("even")}});
  }
  SECTION("SPECIFIC_ATTRIBUTES without a projection") {
    q.select = Select::kSpecificAttributes;
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when "
                  "choosing to get SPECIFIC_ATTRIBUTES");
  }
  SECTION("ALL_ATTRIBUTES with a projection") {
    q.projection_expression = "v";
    q.select = Select::kAllAttributes;
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
  }
  SECTION("COUNT with a projection") {
    q.projection_expression = "v";
    q.select = Select::kCount;
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Cannot specify the ProjectionExpression when choosing to get only the Count");
  }
  SECTION("ALL_PROJECTED_ATTRIBUTES needs an index") {
    q.select = Select::kAllProjectedAttributes;
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  }
  SECTION("AttributesToGet beside ProjectionExpression") {
    q.projection_expression = "v";
    q.attributes_to_get = std::vector<std::string>{"v"};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Can not use both expression and non-expression parameters in the same request: "
                  "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression, "
                  "KeyConditionExpression}");
  }
  SECTION("projection errors") {
    q.projection_expression = "v, v";
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
                  "rewrite one of these paths; path one: [v], path two: [v]");
  }
}

TEST_CASE("Query with legacy KeyConditions, QueryFilter and AttributesToGet") {
  auto db = Fixture();
  QueryRequest q;
  q.table_name = "qtb";
  q.key_conditions = ConditionMap{{"pk", Condition{ComparisonOperator::kEq, {S("p")}}},
                                  {"sk", Condition{ComparisonOperator::kGt, {N("4")}}}};

  SECTION("QueryFilter and AttributesToGet") {
    q.query_filter = ConditionMap{{"v", Condition{ComparisonOperator::kEq, {S("odd")}}},
                                  {"n", Condition{ComparisonOperator::kLt, {N("90")}}}};
    q.attributes_to_get = std::vector<std::string>{"sk", "v"};
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->scanned_count == 6);
    REQUIRE(r->count == 2);  // 5, 7
    REQUIRE(r->items[0] == Item{{"sk", N("5")}, {"v", S("odd")}});
    q.conditional_operator = ConditionalOperator::kOr;
    r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->count == 5);  // 5..9: odd, or n < 90
  }
  SECTION("QueryFilter on a key attribute") {
    q.query_filter = ConditionMap{{"sk", Condition{ComparisonOperator::kEq, {N("5")}}}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
  }
  SECTION("KeyConditions with a FilterExpression") {
    q.filter_expression = "v = :o";
    q.expression_attribute_values = ExpressionAttributeValues{{":o", S("odd")}};
    auto r = db->Query(q);
    REQUIRE(r.ok());
    REQUIRE(r->count == 3);
  }
  SECTION("QueryFilter beside FilterExpression") {
    q.filter_expression = "v = :o";
    q.expression_attribute_values = ExpressionAttributeValues{{":o", S("odd")}};
    q.query_filter = ConditionMap{{"v", Condition{ComparisonOperator::kEq, {S("odd")}}}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Can not use both expression and non-expression parameters in the same request: "
                  "Non-expression parameters: {QueryFilter} Expression parameters: {FilterExpression}");
  }
  SECTION("values without a value expression") {
    q.projection_expression = "v";
    q.expression_attribute_values = ExpressionAttributeValues{{":o", S("odd")}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "ExpressionAttributeValues can only be specified when using expressions: FilterExpression and "
                  "KeyConditionExpression are null");
  }
  SECTION("BETWEEN bounds reversed") {
    q.key_conditions->at("sk") = Condition{ComparisonOperator::kBetween, {N("5"), N("2")}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "The BETWEEN condition was provided a range where the lower bound is greater than the "
                  "upper bound");
    auto e = KeyQuery("pk = :p AND sk BETWEEN :a AND :b", {{":p", S("p")}, {":a", N("5")}, {":b", N("2")}});
    e.table_name = "qtb";
    REQUIRE_ERROR(db->Query(e), ErrorCode::kValidation,
                  "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than "
                  "or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: "
                  "AttributeValue: {N:2}");
  }
  SECTION("QueryFilter argument count") {
    q.query_filter = ConditionMap{{"v", Condition{ComparisonOperator::kBetween, {S("a")}}}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN "
                  "ComparisonOperator");
  }
}

TEST_CASE("Scan with filters and projections") {
  auto db = Fixture();
  ScanRequest s;
  s.table_name = "qtb";

  SECTION("FilterExpression, also on key attributes") {
    s.filter_expression = "v = :e AND sk >= :two";
    s.expression_attribute_values = ExpressionAttributeValues{{":e", S("even")}, {":two", N("2")}};
    auto r = db->Scan(s);
    REQUIRE(r.ok());
    REQUIRE(r->scanned_count == 11);
    REQUIRE(r->count == 5);
  }
  SECTION("ScanFilter with ConditionalOperator") {
    s.scan_filter = ConditionMap{{"pk", Condition{ComparisonOperator::kEq, {S("other")}}},
                                 {"n", Condition{ComparisonOperator::kGe, {N("100")}}}};
    s.conditional_operator = ConditionalOperator::kOr;
    auto r = db->Scan(s);
    REQUIRE(r.ok());
    REQUIRE(r->count == 2);
  }
  SECTION("ProjectionExpression and Limit") {
    s.projection_expression = "pk";
    s.limit = 4;
    s.filter_expression = "attribute_exists(doc)";
    auto r = db->Scan(s);
    REQUIRE(r.ok());
    REQUIRE(r->scanned_count == 4);
    REQUIRE(r->last_evaluated_key.has_value());
    for (const auto& item : r->items) REQUIRE(item.size() == 1);
  }
  SECTION("Select COUNT") {
    s.select = Select::kCount;
    s.scan_filter = ConditionMap{{"v", Condition{ComparisonOperator::kEq, {S("even")}}}};
    auto r = db->Scan(s);
    REQUIRE(r.ok());
    REQUIRE(r->count == 6);
    REQUIRE(r->items.empty());
  }
  SECTION("values without a FilterExpression") {
    s.projection_expression = "pk";
    s.expression_attribute_values = ExpressionAttributeValues{{":e", S("even")}};
    REQUIRE_ERROR(db->Scan(s), ErrorCode::kValidation,
                  "ExpressionAttributeValues can only be specified when using expressions: FilterExpression is "
                  "null");
  }
  SECTION("SPECIFIC_ATTRIBUTES without a projection") {
    s.select = Select::kSpecificAttributes;
    REQUIRE_ERROR(db->Scan(s), ErrorCode::kValidation,
                  "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                  "SPECIFIC_ATTRIBUTES");
  }
}

TEST_CASE("GetItem ProjectionExpression and AttributesToGet") {
  auto db = Fixture();
  GetItemRequest g;
  g.table_name = "qtb";
  g.key = {{"pk", S("p")}, {"sk", N("3")}};

  SECTION("ProjectionExpression") {
    g.projection_expression = "#d.a, v, nothere";
    g.expression_attribute_names = ExpressionAttributeNames{{"#d", "doc"}};
    auto r = db->GetItem(g);
    REQUIRE(r.ok());
    REQUIRE(r->item == Item{{"v", S("odd")}, {"doc", M({{"a", N("3")}})}});
  }
  SECTION("AttributesToGet") {
    g.attributes_to_get = std::vector<std::string>{"n", "sk"};
    auto r = db->GetItem(g);
    REQUIRE(r.ok());
    REQUIRE(r->item == Item{{"n", N("30")}, {"sk", N("3")}});
  }
  SECTION("both") {
    g.attributes_to_get = std::vector<std::string>{"n"};
    g.projection_expression = "n";
    REQUIRE_ERROR(db->GetItem(g), ErrorCode::kValidation,
                  "Can not use both expression and non-expression parameters in the same request: "
                  "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
  }
  SECTION("unused name") {
    g.projection_expression = "n";
    g.expression_attribute_names = ExpressionAttributeNames{{"#x", "x"}};
    REQUIRE_ERROR(db->GetItem(g), ErrorCode::kValidation,
                  "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}");
  }
  SECTION("reserved word") {
    g.projection_expression = "size";
    REQUIRE_ERROR(db->GetItem(g), ErrorCode::kValidation,
                  "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: size");
  }
  SECTION("missing item") {
    g.key = {{"pk", S("none")}, {"sk", N("1")}};
    g.projection_expression = "n";
    auto r = db->GetItem(g);
    REQUIRE(r.ok());
    REQUIRE_FALSE(r->item.has_value());
  }
}

}  // namespace
}  // namespace dynarock::testing
