// KeyConditionExpression: the shapes a key condition may take, and matching
// a KeyCondition to a table's or an index's key schema.
//
// A key condition is an AND of conditions, each on one top-level attribute
// against values: "=" (any key attribute), and for the (last) sort
// attribute also <, <=, >, >=, BETWEEN and begins_with.

#include <algorithm>
#include <string>

#include "expr/internal.h"

namespace dynarock::expr {
namespace internal {
namespace {

Status BadOperator(std::string_view op) {
  return Status::Validation("Invalid operator used in KeyConditionExpression: " + std::string(op));
}

std::string_view OperatorName(const CondNode& n) {
  switch (n.kind) {
    case CondKind::kOr: return "OR";
    case CondKind::kNot: return "NOT";
    case CondKind::kIn: return "IN";
    case CondKind::kCompare: return CompareOpText(n.op);
    default: return FunctionName(n.kind);
  }
}

// The attribute an operand names, for a key condition.
Status KeyAttribute(const Operand& op, std::string* name) {
  if (op.kind == OperandKind::kSize) return BadOperator("size");
  if (op.kind != OperandKind::kPath) return Status::OK();
  if (op.resolved_path.size() > 1) {
    return Status::Validation("KeyConditionExpressions cannot have conditions on nested attributes");
  }
  *name = op.resolved_path[0].name;
  return Status::OK();
}

Status AddLeaf(const CondNode& n, KeyCondition* out) {
  if (n.kind != CondKind::kCompare && n.kind != CondKind::kBetween && n.kind != CondKind::kBeginsWith) {
    return BadOperator(OperatorName(n));
  }
  KeyAttributeCondition c;
  std::string name;
  std::vector<std::string> names;
  std::vector<const AttributeValue*> values;
  for (const Operand& op : n.operands) {
    std::string one;
    RETURN_IF_ERROR(KeyAttribute(op, &one));
    if (op.kind == OperandKind::kPath) {
      names.push_back(one);
    } else {
      values.push_back(&op.value);
    }
  }
  if (names.size() != 1) {
    return Status::Validation(names.empty()
        ? "Invalid condition in KeyConditionExpression: No key attribute specified"
        : "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
  }
  c.attribute_name = names[0];
  switch (n.kind) {
    case CondKind::kCompare: {
      // "x < :v" or ":v > x": normalise to attribute-first.
      bool flipped = n.operands[0].kind != OperandKind::kPath;
      switch (n.op) {
        case CompareOp::kEq: c.op = KeyOperator::kEq; break;
        case CompareOp::kLt: c.op = flipped ? KeyOperator::kGt : KeyOperator::kLt; break;
        case CompareOp::kLe: c.op = flipped ? KeyOperator::kGe : KeyOperator::kLe; break;
        case CompareOp::kGt: c.op = flipped ? KeyOperator::kLt : KeyOperator::kGt; break;
        case CompareOp::kGe: c.op = flipped ? KeyOperator::kLe : KeyOperator::kGe; break;
        case CompareOp::kNe: return BadOperator("<>");
      }
      c.value = *values[0];
      break;
    }
    case CondKind::kBetween:
      if (n.operands[0].kind != OperandKind::kPath) {
        return Status::Validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
      }
      c.op = KeyOperator::kBetween;
      c.value = *values[0];
      c.value2 = *values[1];
      break;
    case CondKind::kBeginsWith:
      if (n.operands[0].kind != OperandKind::kPath) return BadOperator("begins_with");
      c.op = KeyOperator::kBeginsWith;
      c.value = *values[0];
      break;
    default:
      return BadOperator(OperatorName(n));
  }
  for (const auto& existing : out->conditions) {
    if (existing.attribute_name == c.attribute_name) {
      return Status::Validation("KeyConditionExpressions must only contain one condition per key");
    }
  }
  out->conditions.push_back(std::move(c));
  return Status::OK();
}

Status Collect(const CondNode& n, KeyCondition* out) {
  if (n.kind == CondKind::kAnd) {
    RETURN_IF_ERROR(Collect(*n.left, out));
    return Collect(*n.right, out);
  }
  return AddLeaf(n, out);
}

}  // namespace

Result<KeyCondition> KeyConditionFromTree(const CondNode& root) {
  KeyCondition kc;
  RETURN_IF_ERROR(Collect(root, &kc));
  return kc;
}

}  // namespace internal

Result<KeyCondition::Matched> KeyCondition::Match(const std::vector<std::string>& partition_keys,
                                                  const std::vector<std::string>& sort_keys) const {
  Matched m;
  auto find = [&](const std::string& name) -> const KeyAttributeCondition* {
    for (const auto& c : conditions) {
      if (c.attribute_name == name) return &c;
    }
    return nullptr;
  };
  for (const auto& pk : partition_keys) {
    const KeyAttributeCondition* c = find(pk);
    if (c == nullptr) return Status::Validation("Query condition missed key schema element: " + pk);
    if (c->op != KeyOperator::kEq) return Status::Validation("Query key condition not supported");
    m.partition.push_back(c);
  }
  bool ended = false;  // a sort attribute was left out, or had a range condition
  for (const auto& sk : sort_keys) {
    const KeyAttributeCondition* c = find(sk);
    if (c == nullptr) {
      ended = true;
      continue;
    }
    if (ended) return Status::Validation("Query key condition not supported");
    m.sort.push_back(c);
    if (c->op != KeyOperator::kEq) ended = true;
  }
  size_t matched = m.partition.size() + m.sort.size();
  if (matched != conditions.size()) {
    // A condition on an attribute outside the key schema.
    for (const auto& sk : sort_keys) {
      if (find(sk) == nullptr) return Status::Validation("Query condition missed key schema element: " + sk);
    }
    return Status::Validation("Query key condition not supported");
  }
  return m;
}

}  // namespace dynarock::expr
