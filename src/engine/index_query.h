// Query and Scan with IndexName: one page read from an index's column
// family (one iterator, one consistent view), with DynamoDB's rules for
// indexes:
//   - unknown index: "The table does not have the specified index: <name>"
//   - a GSI still backfilling: "Cannot read from backfilling global
//     secondary index: <name>"
//   - ConsistentRead=true on a GSI: "Consistent reads are not supported on
//     global secondary indexes" (allowed on an LSI)
//   - Select ALL_ATTRIBUTES on a GSI whose projection is not ALL: "One or
//     more parameter values were invalid: Select type ALL_ATTRIBUTES is not
//     supported for global secondary index <name> because its projection
//     type is not ALL"; on an LSI the item is fetched from the table, as it
//     is when a projection or filter names an attribute the LSI does not
//     carry
//   - key conditions on the index's keys (multi-attribute keys included),
//     ScanIndexForward, Limit (entries evaluated), the 1 MB page rule,
//     LastEvaluatedKey = index keys + table keys, parallel Scan segments
//     over the index's hash space.
// The caller (index_ops.cc) compiles the key condition, filter and
// projection with read_plan.h, the same rules as table reads.
//
// Thread-safety: free functions over immutable state.
#pragma once

#include <optional>
#include <string_view>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "engine/index_schema.h"
#include "engine/table.h"
#include "expr/expr.h"
#include "storage/store.h"

namespace dynarock::engine {

// The index named by a read, or the error DynamoDB gives for it (unknown
// name, backfilling GSI, ConsistentRead on a GSI, ALL_ATTRIBUTES on a GSI
// with a non-ALL projection).
Result<const IndexSchema*> ResolveIndexForRead(const IndexList& indexes, std::string_view name,
                                               std::optional<bool> consistent_read,
                                               std::optional<Select> select);

// What the caller compiled for the read. Null members are absent.
struct IndexReadExpressions {
  const expr::Condition* filter = nullptr;      // FilterExpression / QueryFilter / ScanFilter
  const expr::Projection* projection = nullptr;  // ProjectionExpression / AttributesToGet
};

// One Query page on an index. REQUIRES: index came from ResolveIndexForRead
// on table's indexes.
Result<QueryResult> QueryIndex(const storage::Store& store, const Table& table,
                               const IndexSchema& index, const QueryRequest& r,
                               const expr::KeyCondition& key, const IndexReadExpressions& ex);

// One Scan page (or parallel Scan segment) on an index.
Result<ScanResult> ScanIndex(const storage::Store& store, const Table& table,
                             const IndexSchema& index, const ScanRequest& r,
                             const IndexReadExpressions& ex);

}  // namespace dynarock::engine
