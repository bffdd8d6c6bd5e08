// Index consistency checker: proves a table's secondary indexes exact.
//
//   1. every base item that should be indexed has exactly its entry (key
//      and projected value) in every index;
//   2. every index entry decodes, names a base item that exists, and is
//      exactly that item's entry (no stale, orphan or extra entries).
//
// Both passes read one snapshot, so a check running beside writes sees
// one consistent state. An index still backfilling is skipped (its entries
// are incomplete until the backfill ends) and named in the report.
//
// Thread-safety: a free function; safe beside concurrent writes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dynarock/status.h"
#include "engine/index_schema.h"
#include "engine/key_schema.h"
#include "storage/store.h"

namespace dynarock::engine {

struct IndexCheckReport {
  int64_t items = 0;          // base items read
  int64_t entries = 0;        // index entries read
  std::vector<std::string> skipped;   // backfilling indexes not checked
  std::vector<std::string> problems;  // human-readable, at most max_problems
  bool ok() const { return problems.empty(); }
};

// Checks every index of the list (each must have its column family).
// Returns the report (problems are data, not errors), or IOError/Corruption
// if the base table itself cannot be read.
Result<IndexCheckReport> CheckIndexConsistency(const storage::Store& store,
                                               const storage::ColumnFamily& table_cf,
                                               const KeySchema& table, const IndexList& indexes,
                                               size_t max_problems = 20);

}  // namespace dynarock::engine
