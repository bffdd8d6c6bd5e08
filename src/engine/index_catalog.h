// The catalog side of secondary indexes: their descriptions at CreateTable,
// their column families ("i.<generation>", docs/format/index.md), their
// runtime list at open (with the backfill state read from each index's
// cursor), and what DescribeTable reports for them.
//
// Thread-safety: free functions; the engine serialises catalog changes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "engine/index_schema.h"
#include "storage/catalog.h"
#include "storage/store.h"

namespace dynarock::engine {

// "i.<generation>".
std::string IndexColumnFamilyName(uint64_t generation);
// Parses "i.<generation>"; false for any other name.
bool ParseIndexColumnFamilyName(std::string_view name, uint64_t* generation);

// The index descriptions of a new table (CreateTable, after
// ValidateCreateTableIndexes). A new table's indexes are created with it,
// empty, so they are ACTIVE at once and never backfill.
void DescribeNewIndexes(const CreateTableRequest& r, TableDescription* d);

// The description of a GSI that UpdateTable creates (CREATING, Backfilling).
GlobalSecondaryIndexDescription DescribeNewGlobalIndex(const GlobalSecondaryIndex& g);

// Creates one column family per index of meta->description that has none
// yet, named from *next_generation (advanced), and records it in
// meta->index_column_families. On failure drops what it created.
Result<std::vector<storage::ColumnFamilyRef>> CreateIndexColumnFamilies(
    storage::Store* store, storage::TableMeta* meta, uint64_t* next_generation);

// The runtime index list of a table at open: each index bound to its column
// family (cf_by_name returns null for a missing one: Corruption), and each
// GSI whose cursor record exists marked CREATING + backfilling.
Result<IndexList> OpenIndexes(
    const storage::Store& store, const storage::TableMeta& meta,
    const std::function<storage::ColumnFamilyRef(const std::string&)>& cf_by_name);

// DescribeTable's view of the indexes: status, Backfilling, IndexSizeBytes
// and ItemCount (RocksDB estimates, like the table's), IndexArn.
void DescribeIndexes(const storage::Store& store, const IndexList& indexes,
                     const std::string& table_arn, TableDescription* d);

}  // namespace dynarock::engine
