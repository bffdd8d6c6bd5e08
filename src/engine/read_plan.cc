#include "engine/read_plan.h"

#include <string>
#include <vector>

#include "engine/request_checks.h"

namespace dynarock::engine {
namespace {

// ExpressionAttributeNames need some expression; values need one that
// takes values (not ProjectionExpression). DynamoDB names the expressions
// that could have used the values.
Status CheckMapsWithoutExpressions(bool any_expression, bool value_expression,
                                   const std::optional<ExpressionAttributeNames>& names,
                                   const std::optional<ExpressionAttributeValues>& values,
                                   std::string_view value_expressions_missing) {
  if (names && !any_expression) {
    return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  }
  if (values && !value_expression) {
    return Status::Validation("ExpressionAttributeValues can only be specified when using expressions: " +
                              std::string(value_expressions_missing));
  }
  return Status::OK();
}

Status ValidateConditionValues(const ConditionMap& conditions) {
  for (const auto& [name, c] : conditions) {
    for (const auto& v : c.attribute_value_list) RETURN_IF_ERROR(ValidateValue(v));
  }
  return Status::OK();
}

// Select against AttributesToGet / ProjectionExpression. Query wraps the
// SPECIFIC_ATTRIBUTES message in the constraint envelope, Scan does not.
Status CheckSelect(const std::optional<Select>& select, bool attributes_to_get, bool projection_expression,
                   bool is_query, bool has_index) {
  if (!select) return Status::OK();
  const std::string given = projection_expression ? "ProjectionExpression" : "AttributesToGet";
  const bool projected = attributes_to_get || projection_expression;
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
      if (projected) return Status::Validation("Cannot specify the " + given + " when choosing to get only the Count");
      break;
    case Select::kAllAttributes:
      if (projected) return Status::Validation("Cannot specify the " + given + " when choosing to get ALL_ATTRIBUTES");
      break;
    case Select::kAllProjectedAttributes:
      if (!has_index) {
        return Status::Validation(is_query
                                      ? "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
                                      : "ALL_PROJECTED_ATTRIBUTES can be used only when Scanning using an IndexName");
      }
      if (projected) {
        return Status::Validation("Cannot specify the " + given + " when choosing to get ALL_PROJECTED_ATTRIBUTES");
      }
      break;
  }
  return Status::OK();
}

ComparisonOperator LegacyOperator(expr::KeyOperator op) {
  switch (op) {
    case expr::KeyOperator::kEq: return ComparisonOperator::kEq;
    case expr::KeyOperator::kLt: return ComparisonOperator::kLt;
    case expr::KeyOperator::kLe: return ComparisonOperator::kLe;
    case expr::KeyOperator::kGt: return ComparisonOperator::kGt;
    case expr::KeyOperator::kGe: return ComparisonOperator::kGe;
    case expr::KeyOperator::kBetween: return ComparisonOperator::kBetween;
    case expr::KeyOperator::kBeginsWith: return ComparisonOperator::kBeginsWith;
  }
  return ComparisonOperator::kEq;
}

ConditionMap ToConditionMap(const expr::KeyCondition& kc) {
  ConditionMap out;
  for (const auto& c : kc.conditions) {
    Condition legacy;
    legacy.comparison_operator = LegacyOperator(c.op);
    legacy.attribute_value_list.push_back(c.value);
    if (c.value2) legacy.attribute_value_list.push_back(*c.value2);
    out.emplace(c.attribute_name, std::move(legacy));
  }
  return out;
}

// The projection from AttributesToGet (validated: not empty, no duplicates).
Status LegacyProjection(const std::optional<std::vector<std::string>>& attributes, ReadPlan* plan) {
  RETURN_IF_ERROR(ValidateAttributesToGet(attributes));
  if (attributes) {
    ASSIGN_OR_RETURN(plan->projection, expr::FromAttributesToGet(*attributes));
  }
  return Status::OK();
}

}  // namespace

Result<ReadPlan> CompileQueryPlan(const QueryRequest& r) {
  {
    std::vector<std::string> legacy;
    std::vector<std::string> expression;
    if (r.projection_expression) expression.emplace_back("ProjectionExpression");
    if (r.filter_expression) expression.emplace_back("FilterExpression");
    if (r.key_condition_expression) expression.emplace_back("KeyConditionExpression");
    if (r.attributes_to_get) legacy.emplace_back("AttributesToGet");
    if (r.query_filter) legacy.emplace_back("QueryFilter");
    if (r.conditional_operator) legacy.emplace_back("ConditionalOperator");
    // KeyConditions is also the typed API's form of the key condition, and
    // DynamoDB lets it stand beside the other expressions.
    if (r.key_conditions && r.key_condition_expression) legacy.emplace_back("KeyConditions");
    RETURN_IF_ERROR(expr::CheckLegacyMix(legacy, expression));
  }
  const bool any_expression = r.projection_expression || r.filter_expression || r.key_condition_expression;
  RETURN_IF_ERROR(CheckMapsWithoutExpressions(
      any_expression, r.filter_expression || r.key_condition_expression, r.expression_attribute_names,
      r.expression_attribute_values, "FilterExpression and KeyConditionExpression are null"));
  ReadPlan plan;
  if (r.query_filter) {
    RETURN_IF_ERROR(ValidateConditionValues(*r.query_filter));
    ASSIGN_OR_RETURN(plan.filter, expr::FromConditionMap(*r.query_filter, r.conditional_operator,
                                                         expr::LegacyFilterKind::kQueryFilter));
    plan.legacy_filter = true;
  }
  RETURN_IF_ERROR(LegacyProjection(r.attributes_to_get, &plan));
  RETURN_IF_ERROR(CheckSelect(r.select, r.attributes_to_get.has_value(), r.projection_expression.has_value(),
                              /*is_query=*/true, r.index_name.has_value()));
  if (!r.key_conditions && !r.key_condition_expression) {
    return Status::Validation(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  }
  expr::Compiler compiler(r.expression_attribute_names, r.expression_attribute_values);
  if (r.key_condition_expression) {
    ASSIGN_OR_RETURN(expr::KeyCondition kc, compiler.CompileKeyCondition(*r.key_condition_expression));
    plan.key_conditions_from_expression = ToConditionMap(kc);
    plan.key_condition = std::move(kc);
  }
  if (r.filter_expression) {
    ASSIGN_OR_RETURN(plan.filter, compiler.CompileFilter(*r.filter_expression));
  }
  if (r.projection_expression) {
    ASSIGN_OR_RETURN(plan.projection, compiler.CompileProjection(*r.projection_expression));
  }
  RETURN_IF_ERROR(compiler.Finish());
  return plan;
}

Result<ReadPlan> CompileScanPlan(const ScanRequest& r) {
  {
    std::vector<std::string> legacy;
    std::vector<std::string> expression;
    if (r.projection_expression) expression.emplace_back("ProjectionExpression");
    if (r.filter_expression) expression.emplace_back("FilterExpression");
    if (r.attributes_to_get) legacy.emplace_back("AttributesToGet");
    if (r.scan_filter) legacy.emplace_back("ScanFilter");
    if (r.conditional_operator) legacy.emplace_back("ConditionalOperator");
    RETURN_IF_ERROR(expr::CheckLegacyMix(legacy, expression));
  }
  RETURN_IF_ERROR(CheckMapsWithoutExpressions(r.projection_expression || r.filter_expression,
                                              r.filter_expression.has_value(), r.expression_attribute_names,
                                              r.expression_attribute_values, "FilterExpression is null"));
  ReadPlan plan;
  RETURN_IF_ERROR(LegacyProjection(r.attributes_to_get, &plan));
  if (r.scan_filter) {
    RETURN_IF_ERROR(ValidateConditionValues(*r.scan_filter));
    ASSIGN_OR_RETURN(plan.filter, expr::FromConditionMap(*r.scan_filter, r.conditional_operator,
                                                         expr::LegacyFilterKind::kScanFilter));
    plan.legacy_filter = true;
  }
  RETURN_IF_ERROR(CheckSelect(r.select, r.attributes_to_get.has_value(), r.projection_expression.has_value(),
                              /*is_query=*/false, r.index_name.has_value()));
  expr::Compiler compiler(r.expression_attribute_names, r.expression_attribute_values);
  if (r.filter_expression) {
    ASSIGN_OR_RETURN(plan.filter, compiler.CompileFilter(*r.filter_expression));
  }
  if (r.projection_expression) {
    ASSIGN_OR_RETURN(plan.projection, compiler.CompileProjection(*r.projection_expression));
  }
  RETURN_IF_ERROR(compiler.Finish());
  return plan;
}

Status CheckFilterOnKeys(const ReadPlan& plan, const std::vector<std::string>& key_names) {
  if (plan.filter.empty()) return Status::OK();
  const std::vector<std::string> read = plan.filter.TopLevelAttributes();
  for (const std::string& key : key_names) {
    for (const std::string& name : read) {
      if (name == key) {
        return Status::Validation(std::string(plan.legacy_filter ? "QueryFilter" : "Filter Expression") +
                                  " can only contain non-primary key attributes: Primary key attribute: " + key);
      }
    }
  }
  return Status::OK();
}

void ApplyHashSegment(int32_t segment, int32_t total_segments, storage::KeyRange* range) {
  const unsigned __int128 n = static_cast<unsigned __int128>(total_segments);
  const unsigned __int128 i = static_cast<unsigned __int128>(segment);
  auto bound = [](unsigned __int128 b) {
    std::string s(8, '\0');
    const uint64_t v = static_cast<uint64_t>(b);
    for (int k = 0; k < 8; ++k) s[k] = static_cast<char>((v >> (56 - 8 * k)) & 0xff);
    return s;
  };
  const unsigned __int128 lo = (i << 64) / n;
  const unsigned __int128 hi = ((i + 1) << 64) / n;
  if (lo != 0) range->lower = bound(lo);
  if (hi < (static_cast<unsigned __int128>(1) << 64)) {
    range->upper = bound(hi);
    range->has_upper = true;
  }
}

}  // namespace dynarock::engine
