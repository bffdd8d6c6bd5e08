// Scan: paging, Limit, 1 MB pages, Select COUNT, and parallel segments
// that are disjoint and together return every item exactly once.
#include <map>
#include <set>

#include "engine/engine_test_util.h"

namespace dynarock::testing {
namespace {

constexpr auto kS = ScalarAttributeType::kS;
constexpr auto kN = ScalarAttributeType::kN;

std::string Id(const Item& item) { return item.at("pk").s() + "/" + item.at("sk").n().ToString(); }

// 200 partitions x 3 sort keys.
std::unique_ptr<Database> Filled() {
  auto db = OpenMemDb();
  MakeTable(*db, "scanme", kS, kN);
  for (int p = 0; p < 200; ++p) {
    for (int s = 0; s < 3; ++s) {
      Put(*db, "scanme", {{"pk", S("p" + std::to_string(p))}, {"sk", N(std::to_string(s))}});
    }
  }
  return db;
}

// Pages through a scan; returns every item id seen (with repeats).
std::vector<std::string> ScanAll(Database& db, ScanRequest r, int* pages = nullptr) {
  std::vector<std::string> ids;
  int n = 0;
  do {
    auto page = db.Scan(r);
    INFO(page.status().ToString());
    REQUIRE(page.ok());
    if (r.limit) REQUIRE(page->count <= *r.limit);
    for (const auto& item : page->items) ids.push_back(Id(item));
    r.exclusive_start_key = page->last_evaluated_key;
    REQUIRE(++n < 10000);
  } while (r.exclusive_start_key);
  if (pages != nullptr) *pages = n;
  return ids;
}

TEST_CASE("Scan returns every item once, with and without Limit") {
  auto db = Filled();
  ScanRequest r;
  r.table_name = "scanme";
  auto all = db->Scan(r);
  REQUIRE(all.ok());
  REQUIRE(all->count == 600);
  REQUIRE(all->scanned_count == 600);
  REQUIRE(!all->last_evaluated_key);
  // One partition's items stay together and in sort-key order.
  std::map<std::string, std::vector<std::string>> by_pk;
  std::string last_pk;
  std::set<std::string> finished;
  for (const auto& item : all->items) {
    const std::string& pk = item.at("pk").s();
    if (pk != last_pk) {
      REQUIRE(finished.insert(pk).second);
      last_pk = pk;
    }
    by_pk[pk].push_back(item.at("sk").n().ToString());
  }
  for (const auto& [pk, sks] : by_pk) REQUIRE(sks == std::vector<std::string>{"0", "1", "2"});

  for (int limit : {1, 7, 64, 600, 1000}) {
    r.limit = limit;
    int pages = 0;
    auto ids = ScanAll(*db, r, &pages);
    REQUIRE(ids.size() == 600);
    REQUIRE(std::set<std::string>(ids.begin(), ids.end()).size() == 600);
    // A page that ends on Limit carries LastEvaluatedKey, so an exact
    // multiple of the limit ends with one empty page.
    REQUIRE(pages == 600 / limit + 1);
  }
}

TEST_CASE("Parallel scan segments are disjoint and cover the table") {
  auto db = Filled();
  for (int total : {1, 2, 3, 7, 16, 1000}) {
    std::multiset<std::string> seen;
    for (int seg = 0; seg < total; ++seg) {
      ScanRequest r;
      r.table_name = "scanme";
      r.total_segments = total;
      r.segment = seg;
      r.limit = 5;
      for (auto& id : ScanAll(*db, r)) seen.insert(id);
    }
    REQUIRE(seen.size() == 600);
    REQUIRE(std::set<std::string>(seen.begin(), seen.end()).size() == 600);
  }
  // The largest allowed segment count works too (most segments are empty).
  ScanRequest r;
  r.table_name = "scanme";
  r.total_segments = 1000000;
  r.segment = 999999;
  REQUIRE(db->Scan(r).ok());
}

TEST_CASE("Scan stops a page after the item that crosses 1 MB") {
  auto db = OpenMemDb();
  MakeTable(*db, "bigscan", kS, kN);
  const std::string blob(200 * 1024, 'y');
  for (int i = 0; i < 12; ++i) {
    Put(*db, "bigscan", {{"pk", S("p" + std::to_string(i % 4))}, {"sk", N(std::to_string(i))}, {"b", S(blob)}});
  }
  ScanRequest r;
  r.table_name = "bigscan";
  r.select = Select::kCount;
  std::vector<int> counts;
  int total = 0;
  do {
    auto page = db->Scan(r);
    REQUIRE(page.ok());
    REQUIRE(page->items.empty());
    counts.push_back(page->count);
    total += page->count;
    r.exclusive_start_key = page->last_evaluated_key;
  } while (r.exclusive_start_key);
  REQUIRE(total == 12);
  REQUIRE(counts == std::vector<int>{6, 6, 0});
}

TEST_CASE("Scan validation messages") {
  auto db = Filled();
  ScanRequest r;
  r.table_name = "scanme";
  SECTION("segment without total") {
    r.segment = 0;
    REQUIRE_ERROR(db->Scan(r), ErrorCode::kValidation,
                  "The TotalSegments parameter is required but was not present in the request "
                  "when Segment parameter is present");
  }
  SECTION("total without segment") {
    r.total_segments = 2;
    REQUIRE_ERROR(db->Scan(r), ErrorCode::kValidation,
                  "The Segment parameter is required but was not present in the request when "
                  "parameter TotalSegments is present");
  }
  SECTION("segment out of range") {
    r.total_segments = 5;
    r.segment = 5;
    REQUIRE_ERROR(db->Scan(r), ErrorCode::kValidation,
                  "The Segment parameter is zero-based and must be less than parameter "
                  "TotalSegments: Segment: 5 is not less than TotalSegments: 5");
  }
  SECTION("total segments bounds") {
    r.total_segments = 0;
    r.segment = 0;
    REQUIRE_ERROR(db->Scan(r), ErrorCode::kValidation,
                  "1 validation error detected: Value '0' at 'totalSegments' failed to satisfy "
                  "constraint: Member must have value greater than or equal to 1");
    r.total_segments = 1000001;
    REQUIRE_ERROR(db->Scan(r), ErrorCode::kValidation,
                  "1 validation error detected: Value '1000001' at 'totalSegments' failed to "
                  "satisfy constraint: Member must have value less than or equal to 1000000");
    r.total_segments = 4;
    r.segment = -1;
    REQUIRE_ERROR(db->Scan(r), ErrorCode::kValidation,
                  "1 validation error detected: Value '-1' at 'segment' failed to satisfy "
                  "constraint: Member must have value greater than or equal to 0");
  }
  SECTION("select without attributes") {
    r.select = Select::kSpecificAttributes;
    REQUIRE_ERROR(db->Scan(r), ErrorCode::kValidation,
                  "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                  "SPECIFIC_ATTRIBUTES");
  }
  SECTION("bad start key") {
    r.exclusive_start_key = Item{{"pk", S("p1")}};
    REQUIRE_ERROR(db->Scan(r), ErrorCode::kValidation,
                  "The provided starting key is invalid: The provided key element does not match "
                  "the schema");
  }
  SECTION("ScanFilter beside FilterExpression") {
    r.scan_filter = ConditionMap{};
    r.filter_expression = "attribute_exists(v)";
    REQUIRE_ERROR(db->Scan(r), ErrorCode::kValidation,
                  "Can not use both expression and non-expression parameters in the same request: "
                  "Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}");
  }
  SECTION("AttributesToGet") {
    r.attributes_to_get = std::vector<std::string>{"sk"};
    r.limit = 3;
    auto page = db->Scan(r);
    REQUIRE(page.ok());
    REQUIRE(page->items.size() == 3);
    REQUIRE(page->items[0].size() == 1);
    REQUIRE(page->last_evaluated_key->size() == 2);
  }
}

}  // namespace
}  // namespace dynarock::testing
