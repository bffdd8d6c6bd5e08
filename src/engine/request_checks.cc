#include "engine/request_checks.h"

#include <set>

#include "engine/validation.h"

namespace dynarock::engine {

Status CheckExpressionMapsUnused(bool uses_expression,
                                 const std::optional<ExpressionAttributeNames>& names,
                                 const std::optional<ExpressionAttributeValues>& values) {
  if (uses_expression) return Status::OK();
  if (names) {
    return Status::Validation(
        "ExpressionAttributeNames can only be specified when using expressions");
  }
  if (values) {
    return Status::Validation(
        "ExpressionAttributeValues can only be specified when using expressions");
  }
  return Status::OK();
}

Status ValidateAttributesToGet(const std::optional<std::vector<std::string>>& attributes) {
  if (!attributes) return Status::OK();
  if (attributes->empty()) {
    ConstraintErrors errors;
    errors.Add("[]", "attributesToGet", "Member must have length greater than or equal to 1");
    return errors.ToStatus();
  }
  std::set<std::string_view> seen;
  for (const auto& a : *attributes) {
    if (!seen.insert(a).second) {
      return Status::Validation(
          "One or more parameter values were invalid: Duplicate value in attribute name: " + a);
    }
  }
  return Status::OK();
}

Item ProjectAttributes(const Item& item, const std::vector<std::string>& attributes) {
  Item out;
  for (const auto& a : attributes) {
    auto it = item.find(a);
    if (it != item.end()) out.emplace(it->first, it->second);
  }
  return out;
}

double WriteUnits(int64_t item_bytes) {
  int64_t kb = (item_bytes + 1023) / 1024;
  return static_cast<double>(kb < 1 ? 1 : kb);
}

double ReadUnits(int64_t bytes, bool consistent) {
  int64_t blocks = (bytes + 4095) / 4096;
  if (blocks < 1) blocks = 1;
  return consistent ? static_cast<double>(blocks) : static_cast<double>(blocks) / 2.0;
}

std::optional<ConsumedCapacity> MakeConsumed(ReturnConsumedCapacity mode, const std::string& table,
                                             double units, bool is_read) {
  if (mode == ReturnConsumedCapacity::kNone) return std::nullopt;
  ConsumedCapacity c;
  c.table_name = table;
  c.capacity_units = units;
  if (mode == ReturnConsumedCapacity::kIndexes) {
    Capacity t;
    t.capacity_units = units;
    (is_read ? t.read_capacity_units : t.write_capacity_units) = units;
    c.table = t;
    (is_read ? c.read_capacity_units : c.write_capacity_units) = units;
  }
  return c;
}

}  // namespace dynarock::engine
