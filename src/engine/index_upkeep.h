// Index upkeep: the records that keep a table's secondary indexes exact,
// added to the same WriteBatch as the item write, under the item's lock.
//
// For each index, given the stored item (old) and the item being written
// (new, null for a delete):
//   old indexed, new not indexed or under another entry key -> delete old entry
//   new indexed                                             -> put new entry
// A put into a KEYS_ONLY or INCLUDE index whose entry key and stored bytes
// are unchanged is skipped (an update of an attribute the index does not
// carry costs nothing there).
//
// Thread-safety: free functions; the caller holds the item's lock.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "dynarock/value.h"
#include "engine/index_schema.h"
#include "engine/key_schema.h"
#include "storage/store.h"

namespace dynarock::engine {

// Write-time checks of the new item against every index (IndexSchema::
// ValidateItem, in index order). Call before staging anything: on error
// nothing is written.
Status ValidateIndexKeys(const IndexList& indexes, const Item& new_item);

// Adds the deletes of stale entries and the puts of new ones to batch.
// old_item/new_item may be null (no item before / item deleted). REQUIRES:
// every index has its column family; items hold the table key.
void StageIndexUpkeep(const KeySchema& table, const IndexList& indexes, const Item* old_item,
                      const Item* new_item, storage::WriteBatch* batch);

// Adds the entry of item in one index (if the item is indexed); the
// backfill's step. Returns true if an entry was added.
bool StageIndexEntry(const KeySchema& table, const IndexSchema& index, const Item& item,
                     storage::WriteBatch* batch);

// The bytes of an item's entry (key and value) in an index; what the
// consistency checker compares against. Returns false if not indexed.
bool IndexEntryOf(const KeySchema& table, const IndexSchema& index, const Item& item,
                  std::string* key, std::string* value);

// True if the list holds a local secondary index (item collections).
bool HasLocalIndex(const IndexList& indexes);

// Size in bytes of the item collection of `partition_key` (every item of
// the partition and its LSI entries, by stored key and value bytes), as
// the 10 GB LSI limit counts it. Reads the latest state.
Result<int64_t> ItemCollectionSize(const storage::Store& store, const storage::ColumnFamily& table_cf,
                                   const IndexList& indexes, const AttributeValue& partition_key);

// DynamoDB's message for a write that would grow an item collection past
// the limit (ItemCollectionSizeLimitExceededException).
inline constexpr std::string_view kCollectionSizeExceeded = "Collection size exceeded.";

// Everything an item write does for its table's indexes, after its compute
// hook and before its batch is written (the WritePipeline calls it under
// the item's lock):
//   1. ValidateIndexKeys on the new item (nothing staged on error);
//   2. on a table with an LSI, the item collection size after the write;
//      if the write grows the collection past collection_limit_bytes:
//      ItemCollectionSizeLimitExceededException; the size is returned in
//      *collection_bytes for ReturnItemCollectionMetrics;
//   3. StageIndexUpkeep.
// partition_key: the item's table partition key value.
Status StageIndexesForWrite(const storage::Store& store, const storage::ColumnFamily& table_cf,
                            const KeySchema& table, const IndexList& indexes,
                            const Item* old_item, const Item* new_item,
                            int64_t collection_limit_bytes,
                            std::optional<int64_t>* collection_bytes, storage::WriteBatch* batch);

// ItemCollectionMetrics of a write on a table with an LSI: the partition
// key and DynamoDB's size estimate range in GB around bytes.
ItemCollectionMetrics CollectionMetrics(const KeySchema& table, const Item& item, int64_t bytes);

}  // namespace dynarock::engine
