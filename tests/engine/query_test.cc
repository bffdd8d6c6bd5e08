// Query: key conditions, order, paging (Limit, ExclusiveStartKey, 1 MB),
// Select COUNT, AttributesToGet, and DynamoDB's validation messages.
#include <set>

#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

constexpr auto kS = ScalarAttributeType::kS;
constexpr auto kN = ScalarAttributeType::kN;

QueryRequest Q(const std::string& table, AttributeValue pk) {
  QueryRequest q;
  q.table_name = table;
  q.key_conditions = ConditionMap{{"pk", Condition{ComparisonOperator::kEq, {std::move(pk)}}}};
  return q;
}

void AddSort(QueryRequest* q, ComparisonOperator op, std::vector<AttributeValue> v) {
  q->key_conditions->emplace("sk", Condition{op, std::move(v)});
}

std::vector<std::string> SortKeys(const QueryResult& r) {
  std::vector<std::string> out;
  for (const auto& item : r.items) out.push_back(item.at("sk").n().ToString());
  return out;
}

// A table "nums" with pk in {a, b, c} and numeric sort keys -5..24 for "a".
std::unique_ptr<Database> NumTable() {
  auto db = OpenMemDb();
  MakeTable(*db, "nums", kS, kN);
  for (int i = -5; i < 25; ++i) {
    Put(*db, "nums", {{"pk", S("a")}, {"sk", N(std::to_string(i))}, {"v", N(std::to_string(i * 2))}});
  }
  Put(*db, "nums", {{"pk", S("b")}, {"sk", N("1")}});
  Put(*db, "nums", {{"pk", S("c")}, {"sk", N("1")}});
  return db;
}

TEST_CASE("Query returns one partition in sort-key order") {
  auto db = NumTable();
  auto r = db->Query(Q("nums", S("a")));
  REQUIRE(r.ok());
  REQUIRE(r->count == 30);
  REQUIRE(r->scanned_count == 30);
  REQUIRE(!r->last_evaluated_key);
  auto keys = SortKeys(*r);
  REQUIRE(keys.front() == "-5");
  REQUIRE(keys.back() == "24");
  for (size_t i = 1; i < r->items.size(); ++i) {
    REQUIRE(std::is_lt(r->items[i - 1].at("sk").n() <=> r->items[i].at("sk").n()));
  }
  auto q = Q("nums", S("a"));
  q.scan_index_forward = false;
  r = db->Query(q);
  REQUIRE(SortKeys(*r).front() == "24");
  REQUIRE(db->Query(Q("nums", S("zzz")))->count == 0);
}

TEST_CASE("Query sort-key conditions") {
  auto db = NumTable();
  auto run = [&](ComparisonOperator op, std::vector<AttributeValue> v) {
    auto q = Q("nums", S("a"));
    AddSort(&q, op, std::move(v));
    auto r = db->Query(q);
    INFO(r.status().ToString());
    REQUIRE(r.ok());
    return SortKeys(*r);
  };
  REQUIRE(run(ComparisonOperator::kEq, {N("3")}) == std::vector<std::string>{"3"});
  REQUIRE(run(ComparisonOperator::kEq, {N("3.5")}).empty());
  REQUIRE(run(ComparisonOperator::kLt, {N("-3")}) == std::vector<std::string>{"-5", "-4"});
  REQUIRE(run(ComparisonOperator::kLe, {N("-3")}) == std::vector<std::string>{"-5", "-4", "-3"});
  REQUIRE(run(ComparisonOperator::kGt, {N("22")}) == std::vector<std::string>{"23", "24"});
  REQUIRE(run(ComparisonOperator::kGe, {N("22")}) == std::vector<std::string>{"22", "23", "24"});
  REQUIRE(run(ComparisonOperator::kBetween, {N("-1"), N("1.5")}) ==
          std::vector<std::string>{"-1", "0", "1"});
  REQUIRE(run(ComparisonOperator::kBetween, {N("4"), N("4")}) == std::vector<std::string>{"4"});
}

TEST_CASE("Query BEGINS_WITH on string sort keys") {
  auto db = OpenMemDb();
  MakeTable(*db, "strs", kS, kS);
  for (std::string sk : std::vector<std::string>{"a", "ab", "abc", "abd", "ac", "b", std::string("ab\xff", 3),
                         std::string("ab\xff\xff", 4), std::string("ac\x00", 3)}) {
    Put(*db, "strs", {{"pk", S("p")}, {"sk", S(sk)}});
  }
  auto q = Q("strs", S("p"));
  AddSort(&q, ComparisonOperator::kBeginsWith, {S("ab")});
  auto r = db->Query(q);
  REQUIRE(r.ok());
  std::set<std::string> got;
  for (const auto& item : r->items) got.insert(item.at("sk").s());
  REQUIRE(got == std::set<std::string>{"ab", "abc", "abd", std::string("ab\xff", 3),
                                       std::string("ab\xff\xff", 4)});
  q = Q("strs", S("p"));
  AddSort(&q, ComparisonOperator::kBeginsWith, {S(std::string("ab\xff", 3))});
  REQUIRE(db->Query(q)->count == 2);
  q = Q("strs", S("p"));
  AddSort(&q, ComparisonOperator::kLt, {S("ab")});
  REQUIRE(db->Query(q)->count == 1);
}

TEST_CASE("Query on a hash-only table") {
  auto db = OpenMemDb();
  MakeTable(*db, "hashonly", kN, std::nullopt);
  Put(*db, "hashonly", {{"pk", N("7")}});
  Put(*db, "hashonly", {{"pk", N("70")}});
  auto r = db->Query(Q("hashonly", N("7")));
  REQUIRE(r.ok());
  REQUIRE(r->count == 1);
  auto q = Q("hashonly", N("7"));
  q.limit = 1;
  r = db->Query(q);
  REQUIRE(r->last_evaluated_key);
  q.exclusive_start_key = r->last_evaluated_key;
  r = db->Query(q);
  REQUIRE(r->count == 0);
  REQUIRE(!r->last_evaluated_key);
}

TEST_CASE("Query paging with Limit 1..7 collects every item exactly once, both directions") {
  auto db = NumTable();
  for (bool forward : {true, false}) {
    for (int limit = 1; limit <= 7; ++limit) {
      std::vector<std::string> seen;
      std::optional<Item> start;
      int pages = 0;
      do {
        auto q = Q("nums", S("a"));
        q.limit = limit;
        q.scan_index_forward = forward;
        q.exclusive_start_key = start;
        auto r = db->Query(q);
        REQUIRE(r.ok());
        REQUIRE(r->count <= limit);
        for (auto& k : SortKeys(*r)) seen.push_back(k);
        start = r->last_evaluated_key;
        if (start) {
          REQUIRE(start->size() == 2);
          REQUIRE(start->at("sk") == r->items.back().at("sk"));
        }
        REQUIRE(++pages <= 31);
      } while (start);
      REQUIRE(seen.size() == 30);
      REQUIRE(std::set<std::string>(seen.begin(), seen.end()).size() == 30);
      REQUIRE(seen.front() == (forward ? "-5" : "24"));
      // 30 items: an exact multiple of the limit ends with an empty page,
      // as DynamoDB does (it returns LastEvaluatedKey without looking ahead).
      REQUIRE(pages == 30 / limit + 1);
    }
  }
}

TEST_CASE("Query stops a page after the item that crosses 1 MB") {
  auto db = OpenMemDb();
  MakeTable(*db, "big", kS, kN);
  const std::string blob(100 * 1024, 'x');  // ~100 KB items
  for (int i = 0; i < 25; ++i) {
    Put(*db, "big", {{"pk", S("p")}, {"sk", N(std::to_string(i))}, {"blob", S(blob)}});
  }
  for (bool forward : {true, false}) {
    std::set<std::string> seen;
    std::optional<Item> start;
    std::vector<int> page_sizes;
    do {
      auto q = Q("big", S("p"));
      q.scan_index_forward = forward;
      q.exclusive_start_key = start;
      auto r = db->Query(q);
      REQUIRE(r.ok());
      page_sizes.push_back(r->count);
      for (auto& k : SortKeys(*r)) REQUIRE(seen.insert(k).second);
      start = r->last_evaluated_key;
    } while (start);
    REQUIRE(seen.size() == 25);
    // 11 items of ~100 KB cross 1 MB (10 do not).
    REQUIRE(page_sizes == std::vector<int>{11, 11, 3});
  }
}

TEST_CASE("Query Select COUNT and AttributesToGet") {
  auto db = NumTable();
  auto q = Q("nums", S("a"));
  q.select = Select::kCount;
  auto r = db->Query(q);
  REQUIRE(r.ok());
  REQUIRE(r->count == 30);
  REQUIRE(r->scanned_count == 30);
  REQUIRE(r->items.empty());
  q.limit = 4;
  r = db->Query(q);
  REQUIRE(r->count == 4);
  REQUIRE(r->last_evaluated_key);

  q = Q("nums", S("a"));
  q.select = Select::kSpecificAttributes;
  q.attributes_to_get = std::vector<std::string>{"v"};
  q.limit = 2;
  r = db->Query(q);
  REQUIRE(r.ok());
  REQUIRE(r->items.size() == 2);
  REQUIRE(r->items[0] == Item{{"v", N("-10")}});
  REQUIRE(r->last_evaluated_key->at("sk") == N("-4"));

  q.select = Select::kSpecificAttributes;
  q.attributes_to_get.reset();
  REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                "1 validation error detected: Must specify the AttributesToGet or "
                "ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
  q.select = Select::kCount;
  q.attributes_to_get = std::vector<std::string>{"v"};
  REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                "Cannot specify the AttributesToGet when choosing to get only the Count");
  q.select = Select::kAllProjectedAttributes;
  q.attributes_to_get.reset();
  REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
}

TEST_CASE("Query validation messages") {
  auto db = NumTable();
  auto q = Q("nums", S("a"));
  SECTION("no key conditions") {
    q.key_conditions.reset();
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Either the KeyConditions or KeyConditionExpression parameter must be specified "
                  "in the request.");
  }
  SECTION("missing partition key condition") {
    q.key_conditions = ConditionMap{{"sk", Condition{ComparisonOperator::kEq, {N("1")}}}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Query condition missed key schema element: pk");
  }
  SECTION("second condition not on the sort key") {
    q.key_conditions->emplace("v", Condition{ComparisonOperator::kEq, {N("1")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Query condition missed key schema element: sk");
  }
  SECTION("partition key not EQ") {
    q.key_conditions->at("pk").comparison_operator = ComparisonOperator::kGt;
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation, "Query key condition not supported");
  }
  SECTION("non-indexable operator") {
    AddSort(&q, ComparisonOperator::kNe, {N("1")});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Attempted conditional constraint is not an indexable operation");
  }
  SECTION("operand count") {
    AddSort(&q, ComparisonOperator::kBetween, {N("1")});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "The attempted filter operation is not supported for the provided filter "
                  "argument count");
  }
  SECTION("BEGINS_WITH on a number") {
    AddSort(&q, ComparisonOperator::kBeginsWith, {N("1")});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "The attempted filter operation is not supported for the provided type");
  }
  SECTION("operand type differs from the schema") {
    AddSort(&q, ComparisonOperator::kEq, {S("1")});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "One or more parameter values were invalid: Condition parameter type does not "
                  "match schema type");
  }
  SECTION("too many conditions") {
    AddSort(&q, ComparisonOperator::kEq, {N("1")});
    q.key_conditions->emplace("v", Condition{ComparisonOperator::kEq, {N("1")}});
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation, "Conditions can be of length 1 or 2 only");
  }
  SECTION("limit") {
    q.limit = 0;
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                  "constraint: Member must have value greater than or equal to 1");
  }
  SECTION("bad start key") {
    q.exclusive_start_key = Item{{"pk", S("a")}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "The provided starting key is invalid: The provided key element does not match "
                  "the schema");
  }
  SECTION("start key of another partition") {
    q.exclusive_start_key = Item{{"pk", S("b")}, {"sk", N("1")}};
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "The provided starting key is outside query boundaries based on provided "
                  "conditions");
  }
  SECTION("index") {
    q.index_name = "byV";
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "The table does not have the specified index: byV");
  }
  SECTION("filter with an undefined value") {
    q.filter_expression = "v > :x";
    REQUIRE_ERROR(db->Query(q), ErrorCode::kValidation,
                  "Invalid FilterExpression: An expression attribute value used in expression is "
                  "not defined; attribute value: :x");
  }
  SECTION("missing table") {
    q.table_name = "nope";
    REQUIRE_ERROR(db->Query(q), ErrorCode::kResourceNotFound, "Requested resource not found");
  }
}

}  // namespace
}  // namespace dynarock::testing
