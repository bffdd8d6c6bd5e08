// Evaluation of compiled conditions and paths against items (internal).
#pragma once

#include <optional>

#include "dynarock/status.h"
#include "dynarock/value.h"
#include "expr/ast.h"

namespace dynarock::expr::internal {

// The value at path inside item, or null when any step is missing or has
// the wrong type (a name step needs a map, an index step a list).
const AttributeValue* FindPath(const Item& item, const Path& path);

// DynamoDB's order for S (bytes), N (numeric) and B (bytes). Returns
// nullopt when the values are not both of one of these types.
std::optional<int> CompareScalars(const AttributeValue& a, const AttributeValue& b);

// Evaluates a resolved condition tree; item null means no item.
Result<bool> EvaluateCondition(const CondNode& node, const Item* item);

// Whether value a begins with b / contains b, by DynamoDB's rules.
bool BeginsWith(const AttributeValue& a, const AttributeValue& b);
bool Contains(const AttributeValue& a, const AttributeValue& b);

}  // namespace dynarock::expr::internal
