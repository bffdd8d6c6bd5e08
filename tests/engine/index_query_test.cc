// Query and Scan with IndexName: key conditions (multi-attribute keys
// included), order, paging, projections and Select, ConsistentRead, the
// errors with DynamoDB's messages, and parallel Scan of an index.
#include <set>

#include "index_engine_util.h"

namespace dynarock::testing {
namespace {

struct Fixture {
  std::unique_ptr<Database> db = OpenMemDb();
  Fixture() {
    REQUIRE(db->CreateTable(IndexedTableRequest()).ok());
    // 60 items: g in G0..G2, gs = i; every 5th lacks g (sparse); a/b/c on
    // every 3rd; ls on every 2nd.
    for (int i = 0; i < 60; ++i) {
      Item item{{"pk", S("p" + std::to_string(i % 4))}, {"sk", N(std::to_string(i))},
                {"gs", N(std::to_string(i))}, {"x", S("x" + std::to_string(i))},
                {"y", S("y")}};
      if (i % 5 != 0) item["g"] = S("G" + std::to_string(i % 3));
      if (i % 3 == 0) {
        item["a"] = S("A");
        item["b"] = N(std::to_string(i % 2));
        item["c"] = S("c-" + std::to_string(i));
      }
      if (i % 2 == 0) item["ls"] = S("L" + std::to_string(100 - i));
      Put(*db, "tbl", item);
    }
  }
  Result<QueryResult> Q(QueryRequest q) { return db->Query(q); }
};

std::vector<std::string> Numbers(const std::vector<Item>& items, const std::string& attr) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.at(attr).n().ToString());
  return out;
}

TEST_CASE("Query on a GSI: equality, sort conditions, order, Limit and paging") {
  Fixture f;
  auto all = f.Q(IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}}));
  INFO(all.status().ToString());
  REQUIRE(all.ok());
  // i % 3 == 1 and i % 5 != 0, i < 60: 16 items, ascending gs.
  CHECK(all->count == 16);
  CHECK(Numbers(all->items, "gs").front() == "1");
  CHECK(Numbers(all->items, "gs").back() == "58");
  auto range = f.Q(IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))},
                                            {"gs", Op(ComparisonOperator::kBetween, {N("10"), N("30")})}}));
  REQUIRE(range.ok());
  CHECK(Numbers(range->items, "gs") == std::vector<std::string>{"13", "16", "19", "22", "28"});
  QueryRequest back = IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}});
  back.scan_index_forward = false;
  back.limit = 3;
  auto page = f.Q(back);
  REQUIRE(page.ok());
  CHECK(Numbers(page->items, "gs") == std::vector<std::string>{"58", "52", "49"});  // 55 has no g
  REQUIRE(page->last_evaluated_key.has_value());
  // LastEvaluatedKey: the table's key and the index's key.
  CHECK(*page->last_evaluated_key ==
        Item{{"pk", S("p1")}, {"sk", N("49")}, {"g", S("G1")}, {"gs", N("49")}});
  std::vector<std::string> seen;
  QueryRequest pager = IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}});
  pager.limit = 5;
  for (int pages = 0; pages < 10; ++pages) {
    auto p = f.Q(pager);
    REQUIRE(p.ok());
    for (auto& s : Numbers(p->items, "gs")) seen.push_back(s);
    if (!p->last_evaluated_key) break;
    pager.exclusive_start_key = p->last_evaluated_key;
  }
  CHECK(seen == Numbers(all->items, "gs"));
}

TEST_CASE("equal index keys come back ordered by the table key") {
  Fixture f;
  auto q = f.Q(IndexQuery("tbl", "keys", {{"g", Eq(S("G2"))}}));
  REQUIRE(q.ok());
  REQUIRE(q->count > 3);
  for (size_t i = 1; i < q->items.size(); ++i) {
    const auto& a = q->items[i - 1];
    const auto& b = q->items[i];
    const std::string& pa = a.at("pk").s();
    const std::string& pb = b.at("pk").s();
    REQUIRE((pa < pb || (pa == pb && std::is_lt(a.at("sk").n() <=> b.at("sk").n()))));
  }
}

TEST_CASE("projections and Select on indexes") {
  Fixture f;
  auto keys = f.Q(IndexQuery("tbl", "keys", {{"g", Eq(S("G0"))}}));
  REQUIRE(keys.ok());
  REQUIRE(!keys->items.empty());
  CHECK(keys->items[0].size() == 3);  // pk, sk, g
  QueryRequest all = IndexQuery("tbl", "keys", {{"g", Eq(S("G0"))}});
  all.select = Select::kAllAttributes;
  REQUIRE_ERROR(f.Q(all), ErrorCode::kValidation,
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
                "supported for global secondary index keys because its projection type is not ALL");
  // An LSI fetches what it does not carry from the table.
  QueryRequest lsi = IndexQuery("tbl", "byls", {{"pk", Eq(S("p0"))}});
  lsi.select = Select::kAllAttributes;
  auto fetched = f.Q(lsi);
  INFO(fetched.status().ToString());
  REQUIRE(fetched.ok());
  REQUIRE(!fetched->items.empty());
  CHECK(fetched->items[0].count("y") == 1);
  CHECK(fetched->items[0].at("ls").s() <= fetched->items.back().at("ls").s());
  QueryRequest count = IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}});
  count.select = Select::kCount;
  auto c = f.Q(count);
  REQUIRE(c.ok());
  CHECK(c->count == 16);
  CHECK(c->items.empty());
  QueryRequest consistent = IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}});
  consistent.consistent_read = true;
  REQUIRE_ERROR(f.Q(consistent), ErrorCode::kValidation,
                "Consistent reads are not supported on global secondary indexes");
  lsi.consistent_read = true;
  CHECK(f.Q(lsi).ok());
}

TEST_CASE("multi-attribute keys: every partition attribute, sort attributes in order") {
  Fixture f;
  QueryRequest q;
  q.table_name = "tbl";
  q.index_name = "multi";
  q.key_condition_expression = "a = :a AND b = :b AND begins_with(c, :c)";
  q.expression_attribute_values =
      ExpressionAttributeValues{{":a", S("A")}, {":b", N("0")}, {":c", S("c-1")}};
  auto r = f.Q(q);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  // i % 3 == 0, even, c starts with "c-1": 12, 18.
  std::set<std::string> cs;
  for (const auto& item : r->items) cs.insert(item.at("c").s());
  CHECK(cs == std::set<std::string>{"c-12", "c-18"});
  CHECK(r->items[0].count("x") == 1);   // INCLUDE [x]
  CHECK(r->items[0].count("y") == 0);
  q.key_condition_expression = "a = :a AND begins_with(c, :c)";
  q.expression_attribute_values = ExpressionAttributeValues{{":a", S("A")}, {":c", S("c-1")}};
  REQUIRE_ERROR(f.Q(q), ErrorCode::kValidation, "Query condition missed key schema element: b");
}

TEST_CASE("index read errors") {
  Fixture f;
  REQUIRE_ERROR(f.Q(IndexQuery("tbl", "nope", {{"g", Eq(S("G1"))}})), ErrorCode::kValidation,
                "The table does not have the specified index: nope");
  REQUIRE_ERROR(f.Q(IndexQuery("tbl", "byg", {{"x", Eq(S("G1"))}})), ErrorCode::kValidation,
                "Query condition missed key schema element: g");
  REQUIRE_ERROR(f.Q(IndexQuery("tbl", "byg", {{"g", Eq(N("1"))}})), ErrorCode::kValidation,
                "One or more parameter values were invalid: Condition parameter type does not "
                "match schema type");
  ScanRequest s;
  s.table_name = "tbl";
  s.index_name = "nope";
  REQUIRE_ERROR(f.db->Scan(s), ErrorCode::kValidation,
                "The table does not have the specified index: nope");
}

TEST_CASE("filters on index reads: the index's keys are refused on Query, others apply") {
  Fixture f;
  // KeyConditions may stand beside FilterExpression, as on a table.
  QueryRequest q = IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}});
  q.filter_expression = "begins_with(x, :x)";
  q.expression_attribute_values = ExpressionAttributeValues{{":x", S("x1")}};
  auto r = f.Q(q);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  CHECK(Numbers(r->items, "gs") == std::vector<std::string>{"1", "13", "16", "19"});
  CHECK(r->scanned_count == 16);
  // The table's key is not the index's: filtering on it is allowed.
  q.filter_expression = "sk < :n";
  q.expression_attribute_values = ExpressionAttributeValues{{":n", N("30")}};
  r = f.Q(q);
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  CHECK(Numbers(r->items, "gs") == std::vector<std::string>{"1", "4", "7", "13", "16", "19", "22", "28"});
  // The index's partition and sort keys are not.
  q.filter_expression = "gs < :n";
  REQUIRE_ERROR(f.Q(q), ErrorCode::kValidation,
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: gs");
  q.filter_expression = "g = :n";
  REQUIRE_ERROR(f.Q(q), ErrorCode::kValidation,
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: g");
  QueryRequest legacy = IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}});
  legacy.query_filter = ConditionMap{{"gs", Eq(N("1"))}};
  REQUIRE_ERROR(f.Q(legacy), ErrorCode::kValidation,
                "QueryFilter can only contain non-primary key attributes: Primary key attribute: gs");
  // KeyConditions and KeyConditionExpression together are still a mix.
  QueryRequest both = IndexQuery("tbl", "byg", {{"g", Eq(S("G1"))}});
  both.key_condition_expression = "g = :g";
  both.expression_attribute_values = ExpressionAttributeValues{{":g", S("G1")}};
  auto mixed = f.Q(both);
  REQUIRE(!mixed.ok());
  CHECK(mixed.status().code() == ErrorCode::kValidation);
  // An LSI shares the table's partition key: that is an index key too. A
  // filter on an attribute the KEYS_ONLY LSI lacks reads the table.
  QueryRequest lsi = IndexQuery("tbl", "byls", {{"pk", Eq(S("p0"))}});
  lsi.filter_expression = "pk = :p";
  lsi.expression_attribute_values = ExpressionAttributeValues{{":p", S("p0")}};
  REQUIRE_ERROR(f.Q(lsi), ErrorCode::kValidation,
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk");
  lsi.filter_expression = "y = :p";
  lsi.expression_attribute_values = ExpressionAttributeValues{{":p", S("y")}};
  auto fetched = f.Q(lsi);
  INFO(fetched.status().ToString());
  REQUIRE(fetched.ok());
  CHECK(fetched->count == 15);
  // Scan has no such rule: an index key may be filtered on.
  ScanRequest s;
  s.table_name = "tbl";
  s.index_name = "byg";
  s.filter_expression = "g = :g";
  s.expression_attribute_values = ExpressionAttributeValues{{":g", S("G1")}};
  auto scanned = f.db->Scan(s);
  INFO(scanned.status().ToString());
  REQUIRE(scanned.ok());
  CHECK(scanned->count == 16);
  CHECK(scanned->scanned_count == 48);
}

TEST_CASE("Scan of an index, whole and in parallel segments") {
  Fixture f;
  ScanRequest s;
  s.table_name = "tbl";
  s.index_name = "byg";
  auto all = f.db->Scan(s);
  INFO(all.status().ToString());
  REQUIRE(all.ok());
  CHECK(all->count == 48);  // 60 minus the 12 without g
  std::multiset<std::string> whole, parts;
  for (const auto& i : all->items) whole.insert(i.at("sk").n().ToString());
  for (int seg = 0; seg < 4; ++seg) {
    ScanRequest p = s;
    p.total_segments = 4;
    p.segment = seg;
    p.limit = 7;
    for (int pages = 0; pages < 20; ++pages) {
      auto r = f.db->Scan(p);
      REQUIRE(r.ok());
      for (const auto& i : r->items) parts.insert(i.at("sk").n().ToString());
      if (!r->last_evaluated_key) break;
      p.exclusive_start_key = r->last_evaluated_key;
    }
  }
  CHECK(parts == whole);
}

}  // namespace
}  // namespace dynarock::testing
