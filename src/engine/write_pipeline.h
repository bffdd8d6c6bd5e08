// WritePipeline: the ONE read-modify-write path every item write takes.
//
//   lock the item's key stripe(s)
//   -> read the stored item (if the op asks for it)
//   -> condition hook      (ConditionExpression / Expected; issue 3)
//   -> compute hook        (Put: the given item; Delete; UpdateItem: apply
//                           the update to the stored item)
//   -> index upkeep        (the table's current index list, loaded under
//                           the lock: validation, LSI collection limit,
//                           entry deletes and puts; index_upkeep.h), then
//                           the index hook if set
//   -> ONE WriteBatch for everything -> commit -> unlock
//
// PutItem and DeleteItem use it today. Later work plugs in by filling the
// hooks of an ItemWrite: conditions set `check`, UpdateItem sets
// `compute` to build the new item from the old one, indexes set
// `index_entries`, and transactions/batches call ApplyAll with many ops
// (all checks pass or nothing is written; locks are taken in stripe
// order, so concurrent multi-item writes never deadlock).
//
// Thread-safety: safe to share; each call works on its own ops.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dynarock/status.h"
#include "dynarock/value.h"
#include "engine/key_locks.h"
#include "engine/table.h"
#include "storage/store.h"

namespace dynarock::engine {

// What the compute hook decides for the item.
struct ItemChange {
  enum class Kind { kKeep, kPut, kDelete };
  Kind kind = Kind::kKeep;
  // kPut: the new item. Points at `built` or at an item the caller owns
  // that outlives the Apply call (PutItem's request item: no copy).
  const Item* item = nullptr;
  Item built;  // storage for an item the hook computes (UpdateItem)
};

struct ItemWrite {
  TableRef table;            // REQUIRES: set
  std::string key;           // encoded item key (KeySchema::EncodeKey)
  bool read_old_item = false;  // read the stored item before the hooks

  // Condition hook. Null: unconditional. Gets the stored item (null if
  // absent, or if read_old_item is false). A non-OK status cancels the
  // write and is returned as is (e.g. ConditionalCheckFailed with the item).
  std::function<Status(const Item* old_item)> check;

  // Compute hook. REQUIRES: set. Fills *change from the stored item.
  std::function<Status(const Item* old_item, ItemChange* change)> compute;

  // Index hook. Null: no indexes. Adds the records that keep secondary
  // indexes in step to the same batch.
  std::function<Status(const Item* old_item, const Item* new_item, storage::WriteBatch* batch)>
      index_entries;
};

struct WriteOutcome {
  // The stored item, when it existed and read_old_item was set (or the
  // table has indexes, whose upkeep needs it).
  std::optional<Item> old_item;
  ItemChange::Kind applied = ItemChange::Kind::kKeep;
  // On a table with a local secondary index: the item collection's size
  // after the write (ReturnItemCollectionMetrics SIZE).
  std::optional<int64_t> item_collection_bytes;
};

class WritePipeline {
 public:
  WritePipeline(storage::Store* store, KeyLocks* locks) : store_(store), locks_(locks) {}

  // Options::item_collection_size_limit_bytes (LSI item collections).
  void set_item_collection_limit(int64_t bytes) { collection_limit_ = bytes; }

  // Runs one item write. Returns the outcome, the first hook error, or
  // IOError/Corruption from storage. Hooks must not call Apply themselves
  // (the per-thread batch is in use).
  Result<WriteOutcome> Apply(ItemWrite& op);

  // Runs many item writes as one atomic batch: every stripe is locked (in
  // order), every old item read, every check run; if any check or compute
  // fails nothing is written, (*results)[i] holds each op's status and the
  // first failure is returned. On success outcomes has one entry per op.
  // REQUIRES: no two ops name the same item (the caller rejects that, as
  // DynamoDB does for transactions).
  Status ApplyAll(std::span<ItemWrite> ops, std::vector<WriteOutcome>* outcomes,
                  std::vector<Status>* results);

 private:
  // Reads and decodes the stored item under the lock.
  // read: whether to read (read_old_item, or the table has indexes).
  Status ReadOld(const ItemWrite& op, bool read, std::string* buffer,
                 std::optional<Item>* old_item);
  // Adds op's change to batch.
  // indexes: the table's index list, loaded under the item's lock; their
  // upkeep joins the batch (index_upkeep.h).
  Status Stage(ItemWrite& op, const Item* old_item, const IndexList& indexes, ItemChange* change,
               storage::WriteBatch* batch, std::string* buffer, WriteOutcome* outcome);

  storage::Store* store_;
  KeyLocks* locks_;
  int64_t collection_limit_ = int64_t{10} << 30;
};

}  // namespace dynarock::engine
