// ReturnItemCollectionMetrics SIZE on BatchWriteItem and TransactWriteItems:
// DynamoDB returns a map keyed by table name with one entry per written item
// of a table that has a local secondary index, and nothing for other tables,
// for ConditionChecks, or when the request does not ask for SIZE.
#include "index_engine_util.h"

namespace dynarock::testing {
namespace {

Item Row(const std::string& pk, int sk, size_t pad = 0) {
  Item item{{"pk", S(pk)}, {"sk", N(std::to_string(sk))}, {"ls", S("L" + std::to_string(sk))}};
  if (pad > 0) item["pad"] = S(std::string(pad, 'x'));
  return item;
}

std::unique_ptr<Database> OpenWithTables() {
  Options o;
  o.in_memory = true;
  auto opened = Database::Open(o, "/lsi-metrics");
  REQUIRE(opened.ok());
  auto db = std::move(opened).value();
  REQUIRE(db->CreateTable(IndexedTableRequest()).ok());  // "tbl": has the LSI "byls"
  REQUIRE(db->CreateTable(TableRequest("plain", ScalarAttributeType::kS, ScalarAttributeType::kN)).ok());
  return db;
}

// The size in bytes behind a metrics entry (the midpoint of its GB range).
double Bytes(const ItemCollectionMetrics& m) {
  REQUIRE(m.size_estimate_range_gb.size() == 2);
  CHECK(m.size_estimate_range_gb[0] > 0);
  CHECK(m.size_estimate_range_gb[0] < m.size_estimate_range_gb[1]);
  return (m.size_estimate_range_gb[0] + m.size_estimate_range_gb[1]) / 2 * 1024 * 1024 * 1024;
}

TEST_CASE("BatchWriteItem returns item collection metrics by table name") {
  auto db = OpenWithTables();
  BatchWriteItemRequest b;
  b.request_items["tbl"] = {WriteRequest{Row("p", 1), std::nullopt},
                            WriteRequest{Row("p", 2, 3000), std::nullopt},
                            WriteRequest{Row("q", 1), std::nullopt}};
  b.request_items["plain"] = {WriteRequest{Item{{"pk", S("p")}, {"sk", N("1")}}, std::nullopt}};

  SECTION("not asked for: none") {
    auto r = db->BatchWriteItem(b);
    REQUIRE(r.ok());
    CHECK(r->item_collection_metrics.empty());
  }
  SECTION("SIZE: one entry per written item of the table with an LSI") {
    b.return_item_collection_metrics = ReturnItemCollectionMetrics::kSize;
    auto r = db->BatchWriteItem(b);
    INFO(r.status().ToString());
    REQUIRE(r.ok());
    REQUIRE(r->item_collection_metrics.size() == 1);
    const auto& m = r->item_collection_metrics.at("tbl");
    REQUIRE(m.size() == 3);
    CHECK(m[0].item_collection_key == Item{{"pk", S("p")}});
    CHECK(m[1].item_collection_key == Item{{"pk", S("p")}});
    CHECK(m[2].item_collection_key == Item{{"pk", S("q")}});
    // The second write to p's collection sees the first and its 3000 bytes.
    CHECK(Bytes(m[1]) > Bytes(m[0]) + 3000);
    CHECK(Bytes(m[2]) < Bytes(m[1]));

    // A delete reports the collection's size after it.
    BatchWriteItemRequest d;
    d.return_item_collection_metrics = ReturnItemCollectionMetrics::kSize;
    d.request_items["tbl"] = {WriteRequest{std::nullopt, Item{{"pk", S("p")}, {"sk", N("2")}}}};
    auto deleted = db->BatchWriteItem(d);
    REQUIRE(deleted.ok());
    const auto& dm = deleted->item_collection_metrics.at("tbl");
    REQUIRE(dm.size() == 1);
    CHECK(dm[0].item_collection_key == Item{{"pk", S("p")}});
    CHECK(Bytes(dm[0]) < 1000);  // only the small p/1 is left
    RequireIndexesExact(*db, "tbl");
  }
}

TEST_CASE("TransactWriteItems returns item collection metrics for its writes") {
  auto db = OpenWithTables();
  PutItemRequest seed;
  seed.table_name = "tbl";
  seed.item = Row("p", 1, 2000);
  REQUIRE(db->PutItem(seed).ok());

  TransactWriteItemsRequest t;
  TransactWriteItem put;
  put.put = TransactPut{"tbl", Row("q", 1), std::nullopt, std::nullopt, std::nullopt,
                        ReturnValuesOnConditionCheckFailure::kNone};
  TransactWriteItem update;
  update.update = TransactUpdate{"tbl", Item{{"pk", S("p")}, {"sk", N("1")}}, "SET note = :n",
                                 std::nullopt, std::nullopt,
                                 ExpressionAttributeValues{{":n", S("hello")}},
                                 ReturnValuesOnConditionCheckFailure::kNone};
  TransactWriteItem check;
  check.condition_check = TransactConditionCheck{"tbl", Item{{"pk", S("p")}, {"sk", N("1")}},
                                                 "attribute_exists(pk)", std::nullopt, std::nullopt,
                                                 ReturnValuesOnConditionCheckFailure::kNone};
  TransactWriteItem plain;
  plain.put = TransactPut{"plain", Item{{"pk", S("p")}, {"sk", N("1")}}, std::nullopt, std::nullopt,
                          std::nullopt, ReturnValuesOnConditionCheckFailure::kNone};
  // The ConditionCheck and the Update name the same item: use two requests.
  t.transact_items = {put, update, plain};

  SECTION("not asked for: none") {
    auto r = db->TransactWriteItems(t);
    REQUIRE(r.ok());
    CHECK(r->item_collection_metrics.empty());
  }
  SECTION("SIZE: the written items of the table with an LSI") {
    t.return_item_collection_metrics = ReturnItemCollectionMetrics::kSize;
    auto r = db->TransactWriteItems(t);
    INFO(r.status().ToString());
    REQUIRE(r.ok());
    REQUIRE(r->item_collection_metrics.size() == 1);
    const auto& m = r->item_collection_metrics.at("tbl");
    REQUIRE(m.size() == 2);
    CHECK(m[0].item_collection_key == Item{{"pk", S("q")}});
    CHECK(m[1].item_collection_key == Item{{"pk", S("p")}});
    CHECK(Bytes(m[1]) > Bytes(m[0]) + 2000);  // p's collection holds the 2000-byte item

    // A ConditionCheck writes nothing and reports nothing.
    TransactWriteItemsRequest c;
    c.return_item_collection_metrics = ReturnItemCollectionMetrics::kSize;
    c.transact_items = {check, plain};
    auto checked = db->TransactWriteItems(c);
    INFO(checked.status().ToString());
    REQUIRE(checked.ok());
    CHECK(checked->item_collection_metrics.empty());
    RequireIndexesExact(*db, "tbl");
  }
}

}  // namespace
}  // namespace dynarock::testing
