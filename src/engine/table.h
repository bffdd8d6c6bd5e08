// Table: an open table's immutable runtime state - its catalog record, its
// column family and its key schema. Changes (UpdateTable, tags, TTL) build
// a new Table and swap the shared pointer, so an operation keeps using the
// version it started with.
//
// Thread-safety: immutable once published; share through TableRef.
#pragma once

#include <cstdint>
#include <memory>

#include "engine/index_schema.h"
#include "engine/key_schema.h"
#include "storage/catalog.h"
#include "storage/store.h"

namespace dynarock::engine {

struct Table {
  storage::TableMeta meta;
  storage::ColumnFamilyRef cf;
  KeySchema key;
  // Seeds the per-key lock hash, so equal keys of different tables
  // rarely share a stripe.
  uint64_t lock_seed = 0;
  // The table's secondary indexes (issue 8). Shared by every version of
  // this table: writers load it under the item's lock, so a GSI published
  // there is kept by every write from then on (index_backfill.h).
  std::shared_ptr<IndexHolder> indexes = std::make_shared<IndexHolder>();

  const std::string& name() const { return meta.description.table_name; }
};
using TableRef = std::shared_ptr<const Table>;

}  // namespace dynarock::engine
