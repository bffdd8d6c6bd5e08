// Helpers for the index tests that work below the Database: a Store with a
// table column family and index column families, and a small write path
// that does what the WritePipeline does for indexes (lock, read old item,
// validate, stage item and upkeep, one batch).
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <mutex>
#include <string>

#include "codec/item_codec.h"
#include "engine/index_checker.h"
#include "engine/index_schema.h"
#include "engine/index_upkeep.h"
#include "engine/key_locks.h"
#include "engine/key_schema.h"
#include "storage/store.h"

namespace dynarock::index_test {

using namespace ::dynarock::engine;  // NOLINT: test helpers

inline AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
inline AttributeValue N(std::string_view s) { return AttributeValue::N(s); }

inline std::unique_ptr<storage::Store> OpenStore(const std::string& path, bool in_memory) {
  storage::StoreOptions o;
  o.in_memory = in_memory;
  auto s = storage::Store::Open(o, path);
  INFO(s.status().ToString());
  REQUIRE(s.ok());
  return std::move(s).value();
}

// Table pk (S) + sk (N), with:
//   gsi_all:  HASH g (S), RANGE gs (N), ALL
//   gsi_keys: HASH g (S), KEYS_ONLY
//   gsi_inc:  HASH a (S), HASH b (N) (multi-attribute), RANGE c (S), INCLUDE [x]
//   lsi:      HASH pk, RANGE ls (S), KEYS_ONLY
inline TableDescription SampleDescription() {
  TableDescription d;
  d.table_name = "t";
  d.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
  d.attribute_definitions = {{"pk", ScalarAttributeType::kS}, {"sk", ScalarAttributeType::kN},
                             {"g", ScalarAttributeType::kS},  {"gs", ScalarAttributeType::kN},
                             {"a", ScalarAttributeType::kS},  {"b", ScalarAttributeType::kN},
                             {"c", ScalarAttributeType::kS},  {"ls", ScalarAttributeType::kS}};
  GlobalSecondaryIndexDescription all;
  all.index_name = "gsi_all";
  all.key_schema = {{"g", KeyType::kHash}, {"gs", KeyType::kRange}};
  all.projection.projection_type = ProjectionType::kAll;
  GlobalSecondaryIndexDescription keys;
  keys.index_name = "gsi_keys";
  keys.key_schema = {{"g", KeyType::kHash}};
  keys.projection.projection_type = ProjectionType::kKeysOnly;
  GlobalSecondaryIndexDescription inc;
  inc.index_name = "gsi_inc";
  inc.key_schema = {{"a", KeyType::kHash}, {"b", KeyType::kHash}, {"c", KeyType::kRange}};
  inc.projection.projection_type = ProjectionType::kInclude;
  inc.projection.non_key_attributes = std::vector<std::string>{"x"};
  d.global_secondary_indexes = {all, keys, inc};
  LocalSecondaryIndexDescription lsi;
  lsi.index_name = "lsi";
  lsi.key_schema = {{"pk", KeyType::kHash}, {"ls", KeyType::kRange}};
  lsi.projection.projection_type = ProjectionType::kKeysOnly;
  d.local_secondary_indexes = {lsi};
  return d;
}

// A table on a Store, with its indexes' column families.
struct IndexedTable {
  storage::Store* store = nullptr;
  storage::ColumnFamilyRef cf;
  KeySchema key;
  IndexHolder holder;
  uint64_t lock_seed = 7;

  // Creates (or, after a reopen, takes) the column families "t.1" and
  // "i.<name>".
  static std::unique_ptr<IndexedTable> Make(storage::Store* store, const TableDescription& d) {
    auto t = std::make_unique<IndexedTable>();
    t->store = store;
    t->key = KeySchema::FromDescription(d);
    auto opened = store->TakeOpenedColumnFamilies();
    auto get = [&](const std::string& name) {
      for (auto& cf : opened) {
        if (cf->name() == name) return cf;
      }
      auto cf = store->CreateColumnFamily(name);
      REQUIRE(cf.ok());
      return *cf;
    };
    t->cf = get("t.1");
    IndexList list = BuildIndexes(d);
    for (auto& i : list) i.cf = get("i." + i.name());
    t->holder.Store(std::move(list));
    return t;
  }

  // The write path of an item write with indexes, as the pipeline runs it.
  // new_item null: delete. Returns the first error (nothing written then).
  Status Write(KeyLocks* locks, const Item& key_or_item, const Item* new_item) {
    std::string k;
    key.EncodeKey(key_or_item, &k);
    std::lock_guard lock(locks->At(locks->Stripe(lock_seed, k)));
    auto indexes = holder.Load();
    std::string buffer;
    std::optional<Item> old;
    auto found = store->Get(*cf, k, &buffer);
    if (!found.ok()) return found.status();
    if (*found) {
      auto decoded = codec::DecodeItem(buffer);
      if (!decoded.ok()) return decoded.status();
      old = std::move(*decoded);
    }
    if (new_item != nullptr) RETURN_IF_ERROR(ValidateIndexKeys(*indexes, *new_item));
    storage::WriteBatch batch;
    if (new_item != nullptr) {
      batch.Put(*cf, k, codec::EncodeItem(*new_item));
    } else {
      batch.Delete(*cf, k);
    }
    StageIndexUpkeep(key, *indexes, old ? &*old : nullptr, new_item, &batch);
    return store->Write(&batch);
  }

  IndexCheckReport Check() {
    auto r = CheckIndexConsistency(*store, *cf, key, *holder.Load());
    INFO(r.status().ToString());
    REQUIRE(r.ok());
    for (const auto& p : r->problems) UNSCOPED_INFO(p);
    return *r;
  }

  // Number of entries in an index (the backfill cursor excluded).
  int64_t Count(const std::string& index) {
    const IndexSchema* i = FindIndex(*holder.Load(), index);
    REQUIRE(i != nullptr);
    storage::KeyRange range;
    range.lower.assign(1, '\0');
    auto it = store->NewIterator(*i->cf, range);
    int64_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    return n;
  }
};

}  // namespace dynarock::index_test
