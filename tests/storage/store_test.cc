// Store: column families, batches, point reads, bounded iteration,
// snapshots, persistence and the in-memory mode.
#include "storage/store.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>

namespace dynarock::storage {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = "/tmp/dynarock-storage-XXXXXX";
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::unique_ptr<Store> OpenStore(const std::string& path, bool in_memory = false) {
  StoreOptions o;
  o.in_memory = in_memory;
  auto s = Store::Open(o, path);
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  return std::move(s).value();
}

std::vector<std::string> Keys(Iterator* it, bool forward) {
  std::vector<std::string> out;
  if (forward) {
    for (it->SeekToFirst(); it->Valid(); it->Next()) out.emplace_back(it->key());
  } else {
    for (it->SeekToLast(); it->Valid(); it->Prev()) out.emplace_back(it->key());
  }
  REQUIRE(it->status().ok());
  return out;
}

TEST_CASE("Store writes batches atomically and reads them back") {
  auto store = OpenStore("/m", true);
  auto cf = store->CreateColumnFamily("t.1");
  REQUIRE(cf.ok());
  WriteBatch b;
  b.Put(**cf, "a", "1");
  b.Put(**cf, "b", "2");
  b.Put(*store->catalog(), "x", "catalog");
  REQUIRE(b.Count() == 3);
  REQUIRE(store->Write(&b).ok());
  std::string v;
  REQUIRE(*store->Get(**cf, "a", &v));
  REQUIRE(v == "1");
  REQUIRE(!*store->Get(**cf, "x", &v));  // column families are separate
  REQUIRE(*store->Get(*store->catalog(), "x", &v));
  b.Clear();
  b.Delete(**cf, "a");
  REQUIRE(store->Write(&b).ok());
  REQUIRE(!*store->Get(**cf, "a", &v));
}

TEST_CASE("Iterator honours bounds in both directions") {
  auto store = OpenStore("/m", true);
  auto cf = *store->CreateColumnFamily("t.1");
  WriteBatch b;
  for (std::string k : {"a", "b", "c", "d", "e"}) b.Put(*cf, k, "v" + k);
  REQUIRE(store->Write(&b).ok());
  auto all = store->NewIterator(*cf, KeyRange{});
  REQUIRE(Keys(all.get(), true) == std::vector<std::string>{"a", "b", "c", "d", "e"});
  KeyRange r{"b", "d", true};
  auto it = store->NewIterator(*cf, r);
  REQUIRE(Keys(it.get(), true) == std::vector<std::string>{"b", "c"});
  REQUIRE(Keys(it.get(), false) == std::vector<std::string>{"c", "b"});
  it->Seek("bb");
  REQUIRE(it->key() == "c");
  REQUIRE(it->value() == "vc");
  it->SeekForPrev("bb");
  REQUIRE(it->key() == "b");
  KeyRange open_end{"d", "", false};
  auto tail = store->NewIterator(*cf, open_end);
  REQUIRE(Keys(tail.get(), true) == std::vector<std::string>{"d", "e"});
}

TEST_CASE("Iterators and snapshots read one consistent view") {
  auto store = OpenStore("/m", true);
  auto cf = *store->CreateColumnFamily("t.1");
  WriteBatch b;
  b.Put(*cf, "a", "old");
  REQUIRE(store->Write(&b).ok());
  auto snap = store->GetSnapshot();
  auto it = store->NewIterator(*cf, KeyRange{});
  b.Clear();
  b.Put(*cf, "a", "new");
  b.Put(*cf, "b", "new");
  REQUIRE(store->Write(&b).ok());
  REQUIRE(Keys(it.get(), true) == std::vector<std::string>{"a"});
  it->SeekToFirst();
  REQUIRE(it->value() == "old");
  std::string v;
  REQUIRE(*store->Get(*cf, "a", &v, snap.get()));
  REQUIRE(v == "old");
  REQUIRE(!*store->Get(*cf, "b", &v, snap.get()));
  REQUIRE(*store->Get(*cf, "a", &v));
  REQUIRE(v == "new");
}

TEST_CASE("Column families persist across reopen; dropped ones do not") {
  TempDir dir;
  {
    auto store = OpenStore(dir.path());
    auto keep = *store->CreateColumnFamily("t.1");
    auto drop = *store->CreateColumnFamily("t.2");
    WriteBatch b;
    b.Put(*keep, "k", "v");
    b.Put(*drop, "k", "v");
    REQUIRE(store->Write(&b).ok());
    REQUIRE(store->DropColumnFamily(*drop).ok());
  }
  auto store = OpenStore(dir.path());
  auto opened = store->TakeOpenedColumnFamilies();
  REQUIRE(opened.size() == 1);
  REQUIRE(opened[0]->name() == "t.1");
  std::string v;
  REQUIRE(*store->Get(*opened[0], "k", &v));
  REQUIRE(v == "v");
  REQUIRE(store->EstimateSize(*opened[0]).keys >= 1);
}

TEST_CASE("Data that went through many small memtables reads back, also after reopen") {
  // 1 MB memtables and ~8 MB written: several flushes to SST files (with the
  // data-block hash index) and compactions, while every version of a key but
  // the last is overwritten, and a tenth of the keys deleted.
  TempDir dir;
  StoreOptions o;
  o.write_buffer_bytes = 1 << 20;
  o.low_priority_background = true;
  constexpr int kKeys = 20000, kRounds = 4;
  auto key = [](int i) { return "key" + std::to_string(i * 7919 % kKeys); };
  auto value = [](int i, int round) { return std::string(90, static_cast<char>('a' + round)) + std::to_string(i); };
  auto check = [&](Store& store, ColumnFamily& cf) {
    std::string v;
    for (int i = 0; i < kKeys; ++i) {
      bool found = *store.Get(cf, key(i), &v);
      REQUIRE(found == (i % 10 != 0));
      if (found) REQUIRE(v == value(i, kRounds - 1));
    }
    auto it = store.NewIterator(cf, KeyRange{});
    REQUIRE(Keys(it.get(), true).size() == kKeys - kKeys / 10);
  };
  {
    auto opened = Store::Open(o, dir.path());
    REQUIRE(opened.ok());
    auto& store = **opened;
    auto cf = *store.CreateColumnFamily("t.1");
    for (int round = 0; round < kRounds; ++round) {
      for (int i = 0; i < kKeys; i += 100) {
        WriteBatch b;
        for (int j = i; j < i + 100; ++j) b.Put(*cf, key(j), value(j, round));
        REQUIRE(store.Write(&b).ok());
      }
    }
    WriteBatch deletes;
    for (int i = 0; i < kKeys; i += 10) deletes.Delete(*cf, key(i));
    REQUIRE(store.Write(&deletes).ok());
    check(store, *cf);
  }
  auto reopened = Store::Open(o, dir.path());
  REQUIRE(reopened.ok());
  auto families = (*reopened)->TakeOpenedColumnFamilies();
  REQUIRE(families.size() == 1);
  check(**reopened, *families[0]);
}

TEST_CASE("A write racing a column-family drop is discarded; reads still finish") {
  auto store = OpenStore("/m", true);
  auto cf = *store->CreateColumnFamily("t.1");
  WriteBatch b;
  b.Put(*cf, "k", "v");
  REQUIRE(store->Write(&b).ok());
  REQUIRE(store->DropColumnFamily(*cf).ok());
  std::string v;
  auto got = store->Get(*cf, "k", &v);  // the holder of the ref may finish its read
  REQUIRE(got.ok());
  auto other = *store->CreateColumnFamily("t.2");
  b.Clear();
  b.Put(*cf, "k2", "v");
  b.Put(*other, "k3", "v");  // the rest of the batch still lands
  REQUIRE(store->Write(&b).ok());
  REQUIRE(*store->Get(*other, "k3", &v));
}

TEST_CASE("Open reports IOError for an unusable path") {
  StoreOptions o;
  o.create_if_missing = false;
  auto s = Store::Open(o, "/tmp/dynarock-definitely-missing-dir/x");
  REQUIRE(!s.ok());
  REQUIRE(s.status().code() == ErrorCode::kIOError);
}

TEST_CASE("Creating an existing column family fails cleanly") {
  auto store = OpenStore("/m", true);
  REQUIRE(store->CreateColumnFamily("t.1").ok());
  auto again = store->CreateColumnFamily("t.1");
  REQUIRE(!again.ok());
  REQUIRE(again.status().code() == ErrorCode::kIOError);
}

}  // namespace
}  // namespace dynarock::storage
