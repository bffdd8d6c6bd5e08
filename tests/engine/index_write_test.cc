// Every write keeps the indexes exact: PutItem, DeleteItem, write-time
// index key errors, concurrent writers, and the LSI item collection limit.
#include <thread>

#include "index_engine_util.h"

namespace dynarock::testing {
namespace {

Item Row(const std::string& pk, int sk, const std::string& g, int gs) {
  return Item{{"pk", S(pk)}, {"sk", N(std::to_string(sk))}, {"g", S(g)},
              {"gs", N(std::to_string(gs))}, {"ls", S("L" + std::to_string(sk))}};
}

int32_t Count(Database& db, const std::string& index, ConditionMap c) {
  auto q = db.Query(IndexQuery("tbl", index, std::move(c)));
  INFO(q.status().ToString());
  REQUIRE(q.ok());
  return q->count;
}

TEST_CASE("PutItem and DeleteItem keep every index exact") {
  auto db = OpenMemDb();
  REQUIRE(db->CreateTable(IndexedTableRequest()).ok());
  Put(*db, "tbl", Row("p", 1, "G1", 10));
  CHECK(Count(*db, "byg", {{"g", Eq(S("G1"))}}) == 1);
  CHECK(Count(*db, "byls", {{"pk", Eq(S("p"))}}) == 1);
  Put(*db, "tbl", Row("p", 1, "G2", 10));  // the index key moves
  CHECK(Count(*db, "byg", {{"g", Eq(S("G1"))}}) == 0);
  CHECK(Count(*db, "byg", {{"g", Eq(S("G2"))}}) == 1);
  Put(*db, "tbl", Item{{"pk", S("p")}, {"sk", N("1")}});  // no index key: in no index
  CHECK(Count(*db, "byg", {{"g", Eq(S("G2"))}}) == 0);
  CHECK(Count(*db, "byls", {{"pk", Eq(S("p"))}}) == 0);
  Put(*db, "tbl", Row("p", 2, "G2", 11));
  DeleteItemRequest del;
  del.table_name = "tbl";
  del.key = Item{{"pk", S("p")}, {"sk", N("2")}};
  REQUIRE(db->DeleteItem(del).ok());
  CHECK(Count(*db, "byg", {{"g", Eq(S("G2"))}}) == 0);
  RequireIndexesExact(*db, "tbl");
}

TEST_CASE("a write with a bad index key is rejected and writes nothing") {
  auto db = OpenMemDb();
  REQUIRE(db->CreateTable(IndexedTableRequest()).ok());
  PutItemRequest r;
  r.table_name = "tbl";
  r.item = Row("p", 1, "G1", 1);
  r.item["gs"] = S("one");
  REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                "One or more parameter values were invalid: Type mismatch for Index Key gs "
                "Expected: N Actual: S IndexName: byg");
  r.item = Row("p", 1, "", 1);
  REQUIRE_ERROR(db->PutItem(r), ErrorCode::kValidation,
                "One or more parameter values are not valid. A value specified for a secondary "
                "index key is not supported. The AttributeValue for a key attribute cannot "
                "contain an empty string value. IndexName: byg, IndexKey: g");
  CHECK(!Get(*db, "tbl", Item{{"pk", S("p")}, {"sk", N("1")}}).has_value());
  RequireIndexesExact(*db, "tbl");
}

TEST_CASE("threads rewriting the same items' index keys leave exact indexes") {
  auto db = OpenMemDb();
  REQUIRE(db->CreateTable(IndexedTableRequest()).ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int th = 0; th < 4; ++th) {
    threads.emplace_back([&, th] {
      for (int i = 0; i < 300; ++i) {
        const int n = (i * 5 + th) % 6;
        Item item = Row("p" + std::to_string(n % 2), n, "G" + std::to_string((i + th) % 3), i);
        if ((i + th) % 4 == 0) {
          item["a"] = S("A");
          item["b"] = N("1");
          item["c"] = S("C" + std::to_string(th));
        }
        if ((i + th) % 10 == 0) {
          DeleteItemRequest d;
          d.table_name = "tbl";
          d.key = Item{{"pk", item["pk"]}, {"sk", item["sk"]}};
          if (!db->DeleteItem(d).ok()) ++failures;
          continue;
        }
        PutItemRequest p;
        p.table_name = "tbl";
        p.item = std::move(item);
        if (!db->PutItem(p).ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  RequireIndexesExact(*db, "tbl");
}

TEST_CASE("an LSI item collection stops at the size limit; ReturnItemCollectionMetrics SIZE") {
  Options o;
  o.in_memory = true;
  o.item_collection_size_limit_bytes = 4000;
  auto opened = Database::Open(o, "/lsi-limit");
  REQUIRE(opened.ok());
  auto db = std::move(opened).value();
  REQUIRE(db->CreateTable(IndexedTableRequest()).ok());
  PutItemRequest p;
  p.table_name = "tbl";
  p.return_item_collection_metrics = ReturnItemCollectionMetrics::kSize;
  p.item = Row("p", 0, "G", 0);
  auto first = db->PutItem(p);
  REQUIRE(first.ok());
  REQUIRE(first->item_collection_metrics.has_value());
  CHECK(first->item_collection_metrics->item_collection_key == Item{{"pk", S("p")}});
  REQUIRE(first->item_collection_metrics->size_estimate_range_gb.size() == 2);
  Status last;
  int written = 1;
  for (int i = 1; i < 100 && last.ok(); ++i) {
    p.item = Row("p", i, "G", i);
    p.item["pad"] = S(std::string(200, 'x'));
    last = db->PutItem(p).status();
    if (last.ok()) ++written;
  }
  CHECK(last.code() == ErrorCode::kItemCollectionSizeLimitExceeded);
  CHECK(last.message() == "Collection size exceeded.");
  CHECK(written > 5);
  // Another partition is another collection; shrinking writes still pass.
  p.item = Row("q", 1, "G", 1);
  CHECK(db->PutItem(p).ok());
  DeleteItemRequest d;
  d.table_name = "tbl";
  d.key = Item{{"pk", S("p")}, {"sk", N("1")}};
  CHECK(db->DeleteItem(d).ok());
  RequireIndexesExact(*db, "tbl");
}

}  // namespace
}  // namespace dynarock::testing
