// The consistency checker finds every kind of damage: missing, stale,
// orphan, undecodable and wrongly projected entries.
#include "codec/item_codec.h"
#include "index_test_util.h"

namespace dynarock::engine {
namespace {

using index_test::IndexedTable;
using index_test::N;
using index_test::S;

struct Fixture {
  std::unique_ptr<storage::Store> store = index_test::OpenStore("/checker", true);
  std::unique_ptr<IndexedTable> t = IndexedTable::Make(store.get(), index_test::SampleDescription());
  KeyLocks locks;
  Item item{{"pk", S("p")}, {"sk", N("1")}, {"g", S("G")}, {"gs", N("2")}, {"x", S("X")}};

  Fixture() {
    REQUIRE(t->Write(&locks, item, &item).ok());
    Item other{{"pk", S("q")}, {"sk", N("9")}, {"g", S("H")}, {"gs", N("3")}};
    REQUIRE(t->Write(&locks, other, &other).ok());
    REQUIRE(t->Check().ok());
  }
  const IndexSchema& Index(const std::string& name) { return *FindIndex(*t->holder.Load(), name); }
  std::string EntryKey(const std::string& name, const Item& i) {
    std::string k;
    Index(name).EncodeEntryKey(t->key, i, &k);
    return k;
  }
  void Apply(storage::WriteBatch* b) { REQUIRE(store->Write(b).ok()); }
};

TEST_CASE("checker reports a missing entry") {
  Fixture f;
  storage::WriteBatch b;
  b.Delete(*f.Index("gsi_keys").cf, f.EntryKey("gsi_keys", f.item));
  f.Apply(&b);
  auto r = f.t->Check();
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].find("index gsi_keys: missing entry") == 0);
}

TEST_CASE("checker reports a stale entry left under an old key") {
  Fixture f;
  Item old = f.item;
  old["g"] = S("OLD");
  storage::WriteBatch b;
  b.Put(*f.Index("gsi_all").cf, f.EntryKey("gsi_all", old), codec::EncodeItem(old));
  f.Apply(&b);
  auto r = f.t->Check();
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].find("index gsi_all: stale entry") == 0);
}

TEST_CASE("checker reports an orphan entry and an entry the index should not hold") {
  Fixture f;
  Item ghost{{"pk", S("ghost")}, {"sk", N("1")}, {"g", S("G")}};
  Item unindexed = f.item;
  unindexed["pk"] = S("q");
  unindexed["sk"] = N("9");
  unindexed["a"] = S("A");
  unindexed["b"] = N("1");
  unindexed["c"] = S("C");  // the stored q/9 item has no a/b/c
  storage::WriteBatch b;
  b.Put(*f.Index("gsi_keys").cf, f.EntryKey("gsi_keys", ghost), codec::EncodeItem(ghost));
  b.Put(*f.Index("gsi_inc").cf, f.EntryKey("gsi_inc", unindexed), codec::EncodeItem(unindexed));
  f.Apply(&b);
  auto r = f.t->Check();
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].find("index gsi_keys: orphan entry") == 0);
  CHECK(r.problems[1].find("index gsi_inc: entry") == 0);
  CHECK(r.problems[1].find("should not hold") != std::string::npos);
}

TEST_CASE("checker reports a wrong projection and an undecodable key") {
  Fixture f;
  storage::WriteBatch b;
  Item too_much = f.item;  // KEYS_ONLY must not carry g's neighbours
  b.Put(*f.Index("gsi_keys").cf, f.EntryKey("gsi_keys", f.item), codec::EncodeItem(too_much));
  b.Put(*f.Index("lsi").cf, "\x01garbage", "x");
  f.Apply(&b);
  auto r = f.t->Check();
  REQUIRE(r.problems.size() == 3);  // seen from the item, from the entry, and the garbage key
  CHECK(r.problems[0].find("does not hold the projection") != std::string::npos);
  CHECK(r.problems[2].find("index lsi: undecodable entry key") == 0);
}

TEST_CASE("checker skips a backfilling index and says so") {
  Fixture f;
  IndexList list = *f.t->holder.Load();
  list[0].backfilling = true;
  storage::WriteBatch b;
  b.Delete(*list[0].cf, f.EntryKey("gsi_all", f.item));
  f.Apply(&b);
  auto r = CheckIndexConsistency(*f.store, *f.t->cf, f.t->key, list);
  REQUIRE(r.ok());
  CHECK(r->ok());
  CHECK(r->skipped == std::vector<std::string>{"gsi_all"});
  CHECK(r->items == 2);
}

}  // namespace
}  // namespace dynarock::engine
