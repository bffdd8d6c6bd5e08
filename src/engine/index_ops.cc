// Query and Scan with IndexName (the request side: expressions, Select,
// Limit; index_query.cc reads the page), and the index maintenance entry
// points tests and tools use: CheckIndexes, WaitForBackfills.
#include "engine/database_impl.h"
#include "engine/index_checker.h"
#include "engine/index_query.h"
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

// Select with AttributesToGet / ProjectionExpression (DynamoDB's texts).
Status CheckIndexSelect(const std::optional<Select>& select, bool has_projection,
                        bool has_attributes_to_get, bool is_query) {
  if (!select) return Status::OK();
  const bool projected = has_projection || has_attributes_to_get;
  switch (*select) {
    case Select::kSpecificAttributes:
      if (!projected) {
        std::string m =
            "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
            "SPECIFIC_ATTRIBUTES";
        return Status::Validation(is_query ? "1 validation error detected: " + m : m);
      }
      break;
    case Select::kCount:
      if (has_attributes_to_get) {
        return Status::Validation("Cannot specify the AttributesToGet when choosing to get only the Count");
      }
      if (has_projection) {
        return Status::Validation("Cannot specify the ProjectionExpression when choosing to get only the Count");
      }
      break;
    case Select::kAllAttributes:
      if (has_attributes_to_get) {
        return Status::Validation("Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES");
      }
      if (has_projection) {
        return Status::Validation("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
      }
      break;
    case Select::kAllProjectedAttributes:
      if (has_attributes_to_get) {
        return Status::Validation(
            "Cannot specify the AttributesToGet when choosing to get ALL_PROJECTED_ATTRIBUTES");
      }
      if (has_projection) {
        return Status::Validation(
            "Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES");
      }
      break;
  }
  return Status::OK();
}

struct Compiled {
  expr::Condition filter;
  expr::Projection projection;
  bool has_filter = false;
  bool has_projection = false;
  IndexReadExpressions Expressions() const {
    IndexReadExpressions ex;
    if (has_filter) ex.filter = &filter;
    if (has_projection) ex.projection = &projection;
    return ex;
  }
};

}  // namespace

Result<QueryResult> DatabaseImpl::QueryOnIndex(const QueryRequest& r) {
  std::vector<std::string> legacy, expressions;
  if (r.key_conditions) legacy.push_back("KeyConditions");
  if (r.query_filter) legacy.push_back("QueryFilter");
  if (r.attributes_to_get) legacy.push_back("AttributesToGet");
  if (r.conditional_operator) legacy.push_back("ConditionalOperator");
  if (r.key_condition_expression) expressions.push_back("KeyConditionExpression");
  if (r.filter_expression) expressions.push_back("FilterExpression");
  if (r.projection_expression) expressions.push_back("ProjectionExpression");
  RETURN_IF_ERROR(expr::CheckLegacyMix(legacy, expressions));
  RETURN_IF_ERROR(CheckIndexLimit(r.limit));
  RETURN_IF_ERROR(ValidateAttributesToGet(r.attributes_to_get));
  RETURN_IF_ERROR(CheckIndexSelect(r.select, r.projection_expression.has_value(),
                                   r.attributes_to_get.has_value(), true));
  if (!r.key_conditions && !r.key_condition_expression) {
    return Status::Validation(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  }
  expr::Compiler compiler(r.expression_attribute_names, r.expression_attribute_values);
  expr::KeyCondition key;
  Compiled c;
  if (r.key_condition_expression) {
    ASSIGN_OR_RETURN(key, compiler.CompileKeyCondition(*r.key_condition_expression));
  } else {
    ASSIGN_OR_RETURN(key, expr::FromKeyConditions(*r.key_conditions));
  }
  if (r.filter_expression) {
    ASSIGN_OR_RETURN(c.filter, compiler.CompileFilter(*r.filter_expression));
    c.has_filter = true;
  } else if (r.query_filter) {
    ASSIGN_OR_RETURN(c.filter, expr::FromConditionMap(*r.query_filter, r.conditional_operator,
                                                      expr::LegacyFilterKind::kQueryFilter));
    c.has_filter = true;
  }
  if (r.projection_expression) {
    ASSIGN_OR_RETURN(c.projection, compiler.CompileProjection(*r.projection_expression));
    c.has_projection = true;
  } else if (r.attributes_to_get) {
    ASSIGN_OR_RETURN(c.projection, expr::FromAttributesToGet(*r.attributes_to_get));
    c.has_projection = true;
  }
  RETURN_IF_ERROR(compiler.Finish());
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
  return QueryIndex(*store_, *table, *index, r, key, c.Expressions());
}

Result<ScanResult> DatabaseImpl::ScanOnIndex(const ScanRequest& r, const TableRef& table) {
  std::vector<std::string> legacy, expressions;
  if (r.scan_filter) legacy.push_back("ScanFilter");
  if (r.attributes_to_get) legacy.push_back("AttributesToGet");
  if (r.conditional_operator) legacy.push_back("ConditionalOperator");
  if (r.filter_expression) expressions.push_back("FilterExpression");
  if (r.projection_expression) expressions.push_back("ProjectionExpression");
  RETURN_IF_ERROR(expr::CheckLegacyMix(legacy, expressions));
  RETURN_IF_ERROR(CheckIndexSelect(r.select, r.projection_expression.has_value(),
                                   r.attributes_to_get.has_value(), false));
  expr::Compiler compiler(r.expression_attribute_names, r.expression_attribute_values);
  Compiled c;
  if (r.filter_expression) {
    ASSIGN_OR_RETURN(c.filter, compiler.CompileFilter(*r.filter_expression));
    c.has_filter = true;
  } else if (r.scan_filter) {
    ASSIGN_OR_RETURN(c.filter, expr::FromConditionMap(*r.scan_filter, r.conditional_operator,
                                                      expr::LegacyFilterKind::kScanFilter));
    c.has_filter = true;
  }
  if (r.projection_expression) {
    ASSIGN_OR_RETURN(c.projection, compiler.CompileProjection(*r.projection_expression));
    c.has_projection = true;
  } else if (r.attributes_to_get) {
    ASSIGN_OR_RETURN(c.projection, expr::FromAttributesToGet(*r.attributes_to_get));
    c.has_projection = true;
  }
  RETURN_IF_ERROR(compiler.Finish());
  auto indexes = table->indexes->Load();
  ASSIGN_OR_RETURN(const IndexSchema* index,
                   ResolveIndexForRead(*indexes, *r.index_name, r.consistent_read, r.select));
  return ScanIndex(*store_, *table, *index, r, c.Expressions());
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
