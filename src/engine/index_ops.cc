// Query and Scan with IndexName (the request side; index_query.cc reads the
// page), and the index maintenance entry points tests and tools use:
// CheckIndexes, WaitForBackfills.
//
// The request rules are the table's: the plan (mixing, Select, filter,
// projection, key condition) is compiled by read_plan.h. What is only an
// index's is layered on top here: ResolveIndexForRead (unknown index,
// ConsistentRead on a GSI, ALL_ATTRIBUTES on a GSI with a non-ALL
// projection), key conditions matched against the index's keys (which may
// have several attributes), a Query filter checked against the index's keys,
// and LSI fetches from the table (index_query.cc).
#include "engine/database_impl.h"
#include "engine/index_checker.h"
#include "engine/index_query.h"
#include "engine/read_plan.h"
#include "engine/request_checks.h"
#include "engine/validation.h"
#include "expr/expr.h"

namespace dynarock::engine {
namespace {

Status CheckIndexLimit(const std::optional<int32_t>& limit) {
  if (limit && *limit < 1) {
    ConstraintErrors errors;
    errors.Add(std::to_string(*limit), "limit", "Member must have value greater than or equal to 1");
    return errors.ToStatus();
  }
  return Status::OK();
}

// The plan's parts as index_query.h takes them (null: absent).
IndexReadExpressions ExpressionsOf(const ReadPlan& plan) {
  IndexReadExpressions ex;
  if (!plan.filter.empty()) ex.filter = &plan.filter;
  if (!plan.projection.empty()) ex.projection = &plan.projection;
  return ex;
}

}  // namespace

Result<QueryResult> DatabaseImpl::QueryOnIndex(const QueryRequest& r) {
  RETURN_IF_ERROR(CheckIndexLimit(r.limit));
  ASSIGN_OR_RETURN(ReadPlan plan, CompileQueryPlan(r));
  // CompileQueryPlan guarantees one of the two forms. The legacy form goes
  // through the key-condition compiler here (not the table's two-condition
  // checks) because an index key may have more than two attributes.
  expr::KeyCondition key;
  if (plan.key_condition) {
    key = *plan.key_condition;
  } else {
    ASSIGN_OR_RETURN(key, expr::FromKeyConditions(*r.key_conditions));
  }
  if (r.exclusive_start_key) {
    for (const auto& [name, v] : *r.exclusive_start_key) {
      Status s = ValidateValue(v);
      if (!s.ok()) return Status::Validation("The provided starting key is invalid: " + s.message());
    }
  }
  ASSIGN_OR_RETURN(TableRef table, FindTable(r.table_name));
  auto indexes = table->indexes->Load();
  ASSIGN_OR_RETURN(const IndexSchema* index,
                   ResolveIndexForRead(*indexes, *r.index_name, r.consistent_read, r.select));
  // As DynamoDB: the keys of the index queried may not be filtered on (the
  // table's own key attributes may, unless they are also the index's).
  {
    std::vector<std::string> key_names = index->partition_names();
    for (std::string& name : index->sort_names()) key_names.push_back(std::move(name));
    RETURN_IF_ERROR(CheckFilterOnKeys(plan, key_names));
  }
  return QueryIndex(*store_, *table, *index, r, key, ExpressionsOf(plan));
}

Result<ScanResult> DatabaseImpl::ScanOnIndex(const ScanRequest& r, const TableRef& table,
                                             const ReadPlan& plan) {
  auto indexes = table->indexes->Load();
  ASSIGN_OR_RETURN(const IndexSchema* index,
                   ResolveIndexForRead(*indexes, *r.index_name, r.consistent_read, r.select));
  return ScanIndex(*store_, *table, *index, r, ExpressionsOf(plan));
}

Result<IndexCheckReport> DatabaseImpl::CheckIndexes(std::string_view table_name) {
  ASSIGN_OR_RETURN(TableRef table, FindTable(table_name, /*with_name=*/true));
  auto indexes = table->indexes->Load();
  return CheckIndexConsistency(*store_, *table->cf, table->key, *indexes);
}

void DatabaseImpl::WaitForBackfills() {
  if (backfiller_) backfiller_->WaitIdle();
}

}  // namespace dynarock::engine
