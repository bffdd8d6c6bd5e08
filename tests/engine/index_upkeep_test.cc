// Index upkeep below the Database: entries follow every put, update and
// delete; sparse items; projections; DynamoDB's write-time messages; and
// concurrent writers changing the same items' index keys.
#include <thread>
#include <vector>

#include "codec/item_codec.h"
#include "index_test_util.h"

namespace dynarock::engine {
namespace {

using index_test::IndexedTable;
using index_test::N;
using index_test::S;

Item Full(const std::string& pk, int sk) {
  return Item{{"pk", S(pk)}, {"sk", N(std::to_string(sk))}, {"g", S("G1")}, {"gs", N("5")},
              {"a", S("A")}, {"b", N("2")}, {"c", S("C")}, {"ls", S("L")},
              {"x", S("X")}, {"y", S("Y")}};
}

// The value stored for item in index, decoded (fails if absent).
Item EntryOf(IndexedTable& t, const std::string& index, const Item& item) {
  const IndexSchema* i = FindIndex(*t.holder.Load(), index);
  REQUIRE(i != nullptr);
  std::string key, value;
  REQUIRE(i->Indexes(item));
  i->EncodeEntryKey(t.key, item, &key);
  auto found = t.store->Get(*i->cf, key, &value);
  REQUIRE(found.ok());
  REQUIRE(*found);
  auto decoded = codec::DecodeItem(value);
  REQUIRE(decoded.ok());
  return *decoded;
}

TEST_CASE("index upkeep: put, update, remove attribute, delete") {
  auto store = index_test::OpenStore("/upkeep", true);
  auto t = IndexedTable::Make(store.get(), index_test::SampleDescription());
  KeyLocks locks;
  Item item = Full("p1", 1);
  REQUIRE(t->Write(&locks, item, &item).ok());
  CHECK(t->Count("gsi_all") == 1);
  CHECK(t->Count("gsi_keys") == 1);
  CHECK(t->Count("gsi_inc") == 1);
  CHECK(t->Count("lsi") == 1);
  // Projections are stored as declared.
  CHECK(EntryOf(*t, "gsi_all", item) == item);
  CHECK(EntryOf(*t, "gsi_keys", item) == Item{{"pk", S("p1")}, {"sk", N("1")}, {"g", S("G1")}});
  CHECK(EntryOf(*t, "gsi_inc", item) ==
        Item{{"pk", S("p1")}, {"sk", N("1")}, {"a", S("A")}, {"b", N("2")}, {"c", S("C")},
             {"x", S("X")}});
  CHECK(EntryOf(*t, "lsi", item) == Item{{"pk", S("p1")}, {"sk", N("1")}, {"ls", S("L")}});
  CHECK(t->Check().ok());

  SECTION("changing an index key moves the entry") {
    Item moved = item;
    moved["g"] = S("G2");
    REQUIRE(t->Write(&locks, moved, &moved).ok());
    CHECK(t->Count("gsi_all") == 1);
    CHECK(t->Count("gsi_keys") == 1);
    CHECK(EntryOf(*t, "gsi_all", moved) == moved);
    CHECK(t->Check().ok());
  }
  SECTION("removing a key attribute drops the item from that index only (sparse)") {
    Item sparse = item;
    sparse.erase("b");  // one of gsi_inc's two partition attributes
    REQUIRE(t->Write(&locks, sparse, &sparse).ok());
    CHECK(t->Count("gsi_inc") == 0);
    CHECK(t->Count("gsi_all") == 1);
    CHECK(t->Check().ok());
  }
  SECTION("a non-projected attribute change rewrites only indexes that carry it") {
    Item changed = item;
    changed["y"] = S("Y2");
    storage::WriteBatch batch;
    StageIndexUpkeep(t->key, *t->holder.Load(), &item, &changed, &batch);
    CHECK(batch.Count() == 1);  // gsi_all only: KEYS_ONLY, INCLUDE [x] and the LSI keep theirs
  }
  SECTION("deleting the item deletes every entry") {
    REQUIRE(t->Write(&locks, item, nullptr).ok());
    CHECK(t->Count("gsi_all") == 0);
    CHECK(t->Count("gsi_keys") == 0);
    CHECK(t->Count("gsi_inc") == 0);
    CHECK(t->Count("lsi") == 0);
    CHECK(t->Check().ok());
  }
}

TEST_CASE("index key attributes with a wrong type or an empty value are rejected, nothing written") {
  auto store = index_test::OpenStore("/upkeep-validate", true);
  auto t = IndexedTable::Make(store.get(), index_test::SampleDescription());
  KeyLocks locks;
  Item item = Full("p1", 1);
  item["gs"] = S("not a number");
  Status s = t->Write(&locks, item, &item);
  CHECK(s.code() == ErrorCode::kValidation);
  CHECK(s.message() ==
        "One or more parameter values were invalid: Type mismatch for Index Key gs Expected: N "
        "Actual: S IndexName: gsi_all");
  std::string k, v;
  t->key.EncodeKey(item, &k);
  REQUIRE(!*t->store->Get(*t->cf, k, &v));
  CHECK(t->Count("gsi_keys") == 0);

  Item empty = Full("p1", 1);
  empty["g"] = S("");
  s = t->Write(&locks, empty, &empty);
  CHECK(s.message() ==
        "One or more parameter values are not valid. A value specified for a secondary index key "
        "is not supported. The AttributeValue for a key attribute cannot contain an empty string "
        "value. IndexName: gsi_all, IndexKey: g");

  TableDescription d = index_test::SampleDescription();
  d.attribute_definitions.push_back({"bin", ScalarAttributeType::kB});
  GlobalSecondaryIndexDescription gb;
  gb.index_name = "gsib";
  gb.key_schema = {{"bin", KeyType::kHash}};
  gb.projection.projection_type = ProjectionType::kAll;
  d.global_secondary_indexes.push_back(gb);
  IndexSchema bin = IndexSchema::FromGlobal(gb, d);
  CHECK(bin.ValidateItem(Item{{"bin", AttributeValue::B("")}}).message() ==
        "One or more parameter values are not valid. A value specified for a secondary index key "
        "is not supported. The AttributeValue for a key attribute cannot contain an empty binary "
        "value. IndexName: gsib, IndexKey: bin");
  CHECK(bin.ValidateItem(Item{{"bin", AttributeValue::MakeNull()}}).message() ==
        "One or more parameter values were invalid: Type mismatch for Index Key bin Expected: B "
        "Actual: NULL IndexName: gsib");
  CHECK(bin.ValidateItem(Item{{"bin", AttributeValue::B(std::string(2049, 'x'))}}).message() ==
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
        "limit of2048 bytes");
  CHECK(bin.ValidateItem(Item{{"other", AttributeValue::B("")}}).ok());
  CHECK(t->Check().ok());
}

TEST_CASE("entries with equal index keys order by the table key") {
  auto store = index_test::OpenStore("/upkeep-order", true);
  auto t = IndexedTable::Make(store.get(), index_test::SampleDescription());
  KeyLocks locks;
  for (int sk : {30, 4, 200, 17}) {
    Item item = Full("p", sk);
    REQUIRE(t->Write(&locks, item, &item).ok());
  }
  const IndexSchema* keys = FindIndex(*t->holder.Load(), "gsi_keys");
  storage::KeyRange range;
  range.lower.assign(1, '\0');
  auto it = store->NewIterator(*keys->cf, range);
  std::vector<std::string> order;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto item = codec::DecodeItem(it->value());
    REQUIRE(item.ok());
    order.push_back(item->at("sk").n().ToString());
  }
  CHECK(order == std::vector<std::string>{"4", "17", "30", "200"});
}

TEST_CASE("concurrent writers changing the same items' index keys leave exact indexes") {
  auto store = index_test::OpenStore("/upkeep-concurrent", true);
  auto t = IndexedTable::Make(store.get(), index_test::SampleDescription());
  KeyLocks locks;
  constexpr int kItems = 8, kThreads = 4, kWrites = 400;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int th = 0; th < kThreads; ++th) {
    threads.emplace_back([&, th] {
      for (int i = 0; i < kWrites; ++i) {
        const int n = (i * 7 + th) % kItems;
        Item item = Full("p" + std::to_string(n % 2), n);
        item["g"] = S("G" + std::to_string((i + th) % 5));
        item["gs"] = N(std::to_string(th * 1000 + i));
        if ((i + th) % 3 == 0) item.erase("a");  // in and out of gsi_inc
        if ((i + th) % 11 == 0) item.erase("ls");
        Status s = (i + th) % 13 == 0 ? t->Write(&locks, item, nullptr) : t->Write(&locks, item, &item);
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  auto report = t->Check();
  CHECK(report.ok());
  CHECK(report.items <= kItems);
  CHECK(t->Count("gsi_all") == report.items);
}

}  // namespace
}  // namespace dynarock::engine
