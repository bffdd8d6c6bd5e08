// Backfill of an index added to a populated table: complete, exact beside
// concurrent writers, resumable after a restart, and run by the
// IndexBackfiller worker.
#include <thread>
#include <vector>

#include "engine/index_backfill.h"
#include "engine_test_util.h"
#include "index_test_util.h"

namespace dynarock::engine {
namespace {

using index_test::IndexedTable;
using index_test::N;
using index_test::S;

Item ItemNo(int i) {
  Item item{{"pk", S("p" + std::to_string(i % 37))}, {"sk", N(std::to_string(i))}};
  if (i % 4 != 0) item["g"] = S("G" + std::to_string(i % 5));  // every 4th is sparse
  item["gs"] = N(std::to_string(i));
  return item;
}

// A table with no index yet, then gsi_all added as UpdateTable does:
// column family and cursor first, then the index is published.
struct Fixture {
  explicit Fixture(storage::Store* store, int items) {
    TableDescription bare = index_test::SampleDescription();
    bare.global_secondary_indexes.clear();
    bare.local_secondary_indexes.clear();
    t = IndexedTable::Make(store, bare);
    for (int i = 0; i < items; ++i) {
      Item item = ItemNo(i);
      REQUIRE(t->Write(&locks, item, &item).ok());
    }
  }
  void AddIndex() {
    TableDescription d = index_test::SampleDescription();
    IndexSchema index = IndexSchema::FromGlobal(d.global_secondary_indexes[0], d);
    auto cf = t->store->CreateColumnFamily("i.gsi_all");
    REQUIRE(cf.ok());
    index.cf = *cf;
    storage::WriteBatch b;
    StageBackfillStart(*index.cf, &b);
    REQUIRE(t->store->Write(&b).ok());
    index.status = IndexStatus::kCreating;
    index.backfilling = true;
    t->holder.Store(IndexList{index});
  }
  BackfillTarget Target() {
    BackfillTarget target;
    target.table_cf = t->cf;
    target.key = t->key;
    target.lock_seed = t->lock_seed;
    target.index = (*t->holder.Load())[0];
    return target;
  }
  void MarkActive() {
    IndexList list = *t->holder.Load();
    list[0].backfilling = false;
    list[0].status = IndexStatus::kActive;
    t->holder.Store(std::move(list));
  }
  KeyLocks locks;
  std::unique_ptr<IndexedTable> t;
};

TEST_CASE("backfill indexes every existing item, chunk by chunk, then drops its cursor") {
  auto store = index_test::OpenStore("/backfill", true);
  Fixture f(store.get(), 1000);
  f.AddIndex();
  int chunks = 0;
  int64_t items = 0;
  for (;;) {
    auto r = BackfillChunk(store.get(), &f.locks, f.Target(), 64);
    REQUIRE(r.ok());
    items += r->items;
    ++chunks;
    if (r->done) break;
    REQUIRE(chunks < 100);
  }
  CHECK(chunks == 1000 / 64 + 2);  // full chunks, the partial one, the empty one
  CHECK(items == 750);
  auto cursor = LoadBackfillCursor(*store, *f.Target().index.cf);
  REQUIRE(cursor.ok());
  CHECK(!cursor->has_value());
  f.MarkActive();
  CHECK(f.t->Check().ok());
  CHECK(f.t->Count("gsi_all") == 750);
}

TEST_CASE("backfill beside concurrent writes loses and doubles nothing") {
  auto store = index_test::OpenStore("/backfill-concurrent", true);
  Fixture f(store.get(), 2000);
  f.AddIndex();
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&, w] {
      for (int round = 0; !done || round < 300; ++round) {
        const int i = (round * 131 + w * 17) % 2600;  // some new items beyond 2000
        Item item = ItemNo(i);
        item["g"] = S("W" + std::to_string((round + w) % 7));
        if (round % 5 == w) item.erase("g");
        Status s = round % 9 == 0 ? f.t->Write(&f.locks, item, nullptr)
                                  : f.t->Write(&f.locks, item, &item);
        if (!s.ok()) ++failures;
        if (round > 100000) break;
      }
    });
  }
  for (;;) {
    auto r = BackfillChunk(store.get(), &f.locks, f.Target(), 50);
    REQUIRE(r.ok());
    if (r->done) break;
  }
  done = true;
  for (auto& w : writers) w.join();
  CHECK(failures == 0);
  f.MarkActive();
  auto report = f.t->Check();
  CHECK(report.ok());
}

TEST_CASE("a backfill interrupted by a restart resumes at its cursor") {
  dynarock::testing::TempDir dir;
  int64_t before_restart = 0;
  {
    auto store = index_test::OpenStore(dir.path(), false);
    Fixture f(store.get(), 500);
    f.AddIndex();
    for (int c = 0; c < 3; ++c) {
      auto r = BackfillChunk(store.get(), &f.locks, f.Target(), 40);
      REQUIRE(r.ok());
      REQUIRE(!r->done);
      before_restart += r->items;
    }
  }  // the process "stops" here: store closed mid-backfill
  auto store = index_test::OpenStore(dir.path(), false);
  auto t = IndexedTable::Make(store.get(), index_test::SampleDescription());
  IndexList list = *t->holder.Load();
  IndexList only{list[0]};  // gsi_all; the other sample indexes were never created
  auto cursor = LoadBackfillCursor(*store, *only[0].cf);
  REQUIRE(cursor.ok());
  REQUIRE(cursor->has_value());
  CHECK(!(*cursor)->empty());
  only[0].backfilling = true;
  t->holder.Store(only);
  KeyLocks locks;
  BackfillTarget target{t->cf, t->key, t->lock_seed, only[0]};
  int64_t items = 0;
  for (;;) {
    auto r = BackfillChunk(store.get(), &locks, target, 40);
    REQUIRE(r.ok());
    items += r->items;
    if (r->done) break;
  }
  CHECK(before_restart > 0);
  CHECK(items == 375 - before_restart);  // nothing indexed twice, nothing skipped
  only[0].backfilling = false;
  t->holder.Store(only);
  CHECK(t->Check().ok());
  CHECK(t->Count("gsi_all") == 375);
}

TEST_CASE("backfill leaves out items whose index key has the wrong type or is empty") {
  auto store = index_test::OpenStore("/backfill-violations", true);
  Fixture f(store.get(), 0);
  Item wrong{{"pk", S("a")}, {"sk", N("1")}, {"g", N("5")}, {"gs", N("1")}};
  Item empty{{"pk", S("b")}, {"sk", N("2")}, {"g", S("")}, {"gs", N("2")}};
  Item good{{"pk", S("c")}, {"sk", N("3")}, {"g", S("G")}, {"gs", N("3")}};
  for (const Item* i : {&wrong, &empty, &good}) REQUIRE(f.t->Write(&f.locks, *i, i).ok());
  f.AddIndex();
  for (;;) {
    auto r = BackfillChunk(store.get(), &f.locks, f.Target(), 10);
    REQUIRE(r.ok());
    if (r->done) break;
  }
  f.MarkActive();
  CHECK(f.t->Count("gsi_all") == 1);
  CHECK(f.t->Check().ok());
}

TEST_CASE("the IndexBackfiller worker runs queued backfills and reports completion") {
  auto store = index_test::OpenStore("/backfill-worker", true);
  Fixture f(store.get(), 300);
  f.AddIndex();
  std::atomic<int> completed{0};
  IndexBackfiller::Hooks hooks;
  hooks.find = [&](const std::string& table, const std::string& index)
      -> std::optional<BackfillTarget> {
    if (table != "t" || index != "gsi_all") return std::nullopt;
    return f.Target();
  };
  hooks.on_done = [&](const std::string&, const std::string&) {
    f.MarkActive();
    ++completed;
  };
  IndexBackfiller worker(store.get(), &f.locks, hooks, 32);
  worker.SetPaused(true);
  worker.Enqueue("t", "gsi_all");
  worker.Enqueue("t", "gone");  // a dropped index ends quietly
  CHECK(f.t->Count("gsi_all") == 0);  // paused: nothing ran
  worker.SetPaused(false);
  worker.WaitIdle();
  CHECK(completed == 1);
  CHECK(worker.last_error().ok());
  CHECK(worker.items_indexed() == 225);
  CHECK(f.t->Check().ok());
}

}  // namespace
}  // namespace dynarock::engine
