// ReadPlan: the compiled expression parts of a Query or Scan - key
// condition, filter, projection - and the request-level rules DynamoDB
// applies to them, shared by table reads (query_scan.cc) and index reads
// (index_query.cc takes the compiled filter and projection).
//
//   ASSIGN_OR_RETURN(ReadPlan plan, CompileQueryPlan(request));
//   ... find the table; CheckFilterOnKeys(plan, {pk, sk});
//   for each item read: ++scanned; if (!Keep(plan, item)) continue;
//                       items.push_back(plan.projection.Apply(item));
//
// Every error is a ValidationException with DynamoDB's message.
//
// Thread-safety: free functions; a ReadPlan is immutable once compiled and
// may be shared.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "expr/expr.h"
#include "storage/store.h"

namespace dynarock::engine {

struct ReadPlan {
  // FilterExpression, QueryFilter or ScanFilter (+ ConditionalOperator).
  // Empty: keep every item.
  expr::Condition filter;
  // True when the filter came from QueryFilter/ScanFilter (DynamoDB names
  // the parameter in its messages).
  bool legacy_filter = false;
  // ProjectionExpression or AttributesToGet. Empty: whole items.
  expr::Projection projection;
  // Query only: the KeyConditionExpression compiled (absent with legacy
  // KeyConditions), and the same conditions in the legacy KeyConditions
  // shape (one entry per attribute), so both forms take one path to the
  // key range and its messages.
  std::optional<expr::KeyCondition> key_condition;
  ConditionMap key_conditions_from_expression;
};

// Query's rules before the table is read: the legacy/expression mixing
// rule (KeyConditions alone may be combined with FilterExpression /
// ProjectionExpression, as DynamoDB allows), ExpressionAttributeNames/Values
// without expressions, QueryFilter values, Select with AttributesToGet or
// ProjectionExpression, "Either the KeyConditions or KeyConditionExpression
// parameter must be specified in the request.", then the expressions and
// unused names/values. The key conditions themselves are checked against
// the key schema later.
Result<ReadPlan> CompileQueryPlan(const QueryRequest& r);

// Scan's rules: mixing, maps without expressions, ScanFilter, Select, the
// expressions and unused names/values.
Result<ReadPlan> CompileScanPlan(const ScanRequest& r);

// Query only: a filter may not read a key attribute of the table or index
// queried ("Filter Expression can only contain non-primary key attributes:
// Primary key attribute: <name>", "QueryFilter ..." for the legacy form).
// key_names: partition key attribute(s), then sort key attribute(s).
Status CheckFilterOnKeys(const ReadPlan& plan, const std::vector<std::string>& key_names);

// Parallel Scan, tables and indexes alike: Segment i of N covers the
// 64-bit hash prefixes [i*2^64/N, (i+1)*2^64/N) - contiguous, disjoint,
// together the whole key space. Raises range->lower (left as is for the
// first segment, so a caller's floor stays) and bounds range->upper
// (unbounded for the last). REQUIRES: 0 <= segment < total_segments.
void ApplyHashSegment(int32_t segment, int32_t total_segments, storage::KeyRange* range);

// Whether an item read passes the filter.
inline Result<bool> Keep(const ReadPlan& plan, const Item& item) {
  return plan.filter.Evaluate(&item);
}

}  // namespace dynarock::engine
