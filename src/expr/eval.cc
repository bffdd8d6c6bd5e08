// Condition evaluation.
//
// Semantics (DynamoDB developer guide, "Comparison operator and function
// reference"; pinned by tests/expr/evaluate_test.cc):
// - An operand that names a missing attribute has no value. "=" , "<", "<=",
//   ">", ">=", BETWEEN, IN and the functions are false on it; "<>" is true
//   when exactly one side has a value.
// - Values of different types are never equal; ordering comparisons are only
//   defined between two S, two N or two B values, and false otherwise.
// - size() of a missing attribute, or of N, BOOL or NULL, has no value (so a
//   comparison with it is false, not an error).

#include "expr/eval.h"

#include <algorithm>
#include <string>

namespace dynarock::expr::internal {

const AttributeValue* FindPath(const Item& item, const Path& path) {
  if (path.empty() || path[0].is_index()) return nullptr;
  auto it = item.find(path[0].name);
  if (it == item.end()) return nullptr;
  const AttributeValue* cur = &it->second;
  for (size_t i = 1; i < path.size(); ++i) {
    const PathElement& e = path[i];
    if (e.is_index()) {
      if (cur->type() != ValueType::kL) return nullptr;
      const auto& l = cur->l();
      if (e.index >= static_cast<int64_t>(l.size())) return nullptr;
      cur = &l[static_cast<size_t>(e.index)];
    } else {
      if (cur->type() != ValueType::kM) return nullptr;
      const auto& m = cur->m();
      auto mit = m.find(e.name);
      if (mit == m.end()) return nullptr;
      cur = &mit->second;
    }
  }
  return cur;
}

std::optional<int> CompareScalars(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case ValueType::kS: {
      int c = a.s().compare(b.s());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueType::kB: {
      int c = a.b().compare(b.b());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueType::kN: {
      auto o = a.n() <=> b.n();
      return std::is_lt(o) ? -1 : (std::is_gt(o) ? 1 : 0);
    }
    default:
      return std::nullopt;
  }
}

bool BeginsWith(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() == ValueType::kS && b.type() == ValueType::kS) return a.s().starts_with(b.s());
  if (a.type() == ValueType::kB && b.type() == ValueType::kB) return a.b().starts_with(b.b());
  return false;
}

bool Contains(const AttributeValue& a, const AttributeValue& b) {
  switch (a.type()) {
    case ValueType::kS:
      return b.type() == ValueType::kS && a.s().find(b.s()) != std::string::npos;
    case ValueType::kB:
      return b.type() == ValueType::kB && a.b().find(b.b()) != std::string::npos;
    case ValueType::kSS:
      return b.type() == ValueType::kS &&
             std::find(a.ss().begin(), a.ss().end(), b.s()) != a.ss().end();
    case ValueType::kBS:
      return b.type() == ValueType::kB &&
             std::find(a.bs().begin(), a.bs().end(), b.b()) != a.bs().end();
    case ValueType::kNS:
      return b.type() == ValueType::kN &&
             std::find(a.ns().begin(), a.ns().end(), b.n()) != a.ns().end();
    case ValueType::kL:
      for (const auto& e : a.l()) {
        if (e == b) return true;
      }
      return false;
    default:
      return false;
  }
}

namespace {

const Item& EmptyItem() {
  static const Item kEmpty;
  return kEmpty;
}

// The value of a condition operand: a pointer into the item or the
// compiled value, or (size) a number held in scratch. Null = no value.
Result<const AttributeValue*> OperandValue(const Operand& op, const Item& item,
                                           AttributeValue* scratch) {
  switch (op.kind) {
    case OperandKind::kValue:
      return &op.value;
    case OperandKind::kPath:
      return FindPath(item, op.resolved_path);
    case OperandKind::kSize: {
      const AttributeValue* v = FindPath(item, op.resolved_path);
      if (v == nullptr) return static_cast<const AttributeValue*>(nullptr);
      int64_t n = 0;
      switch (v->type()) {
        case ValueType::kS: n = static_cast<int64_t>(v->s().size()); break;
        case ValueType::kB: n = static_cast<int64_t>(v->b().size()); break;
        case ValueType::kSS: n = static_cast<int64_t>(v->ss().size()); break;
        case ValueType::kNS: n = static_cast<int64_t>(v->ns().size()); break;
        case ValueType::kBS: n = static_cast<int64_t>(v->bs().size()); break;
        case ValueType::kL: n = static_cast<int64_t>(v->l().size()); break;
        case ValueType::kM: n = static_cast<int64_t>(v->m().size()); break;
        default:
          // N, BOOL and NULL have no size: the comparison is simply false.
          return static_cast<const AttributeValue*>(nullptr);
      }
      *scratch = AttributeValue::N(Number::FromInt64(n));
      return static_cast<const AttributeValue*>(scratch);
    }
    default:
      return Status::Internal("update operand in a condition");
  }
}

bool CompareWith(CompareOp op, const AttributeValue* a, const AttributeValue* b) {
  if (op == CompareOp::kEq) return a != nullptr && b != nullptr && *a == *b;
  if (op == CompareOp::kNe) {
    if (a == nullptr && b == nullptr) return false;
    if (a == nullptr || b == nullptr) return true;
    return !(*a == *b);
  }
  if (a == nullptr || b == nullptr) return false;
  std::optional<int> c = CompareScalars(*a, *b);
  if (!c) return false;
  switch (op) {
    case CompareOp::kLt: return *c < 0;
    case CompareOp::kLe: return *c <= 0;
    case CompareOp::kGt: return *c > 0;
    case CompareOp::kGe: return *c >= 0;
    default: return false;
  }
}

Result<bool> Eval(const CondNode& n, const Item& item);

Result<bool> Eval(const CondNode& n, const Item& item) {
  AttributeValue s0, s1, s2;
  switch (n.kind) {
    case CondKind::kAnd:
    case CondKind::kOr: {
      // AND/OR chains are left-deep: walk the spine iteratively so that a
      // chain of 300 operators costs no recursion. A parenthesized child is
      // its own group and is evaluated by recursion.
      const CondKind kind = n.kind;
      std::vector<const CondNode*> terms;
      terms.push_back(n.right.get());
      const CondNode* cur = n.left.get();
      while (cur->kind == kind && cur->parens == 0) {
        terms.push_back(cur->right.get());
        cur = cur->left.get();
      }
      terms.push_back(cur);
      for (auto it = terms.rbegin(); it != terms.rend(); ++it) {
        ASSIGN_OR_RETURN(bool v, Eval(**it, item));
        if (kind == CondKind::kAnd && !v) return false;
        if (kind == CondKind::kOr && v) return true;
      }
      return kind == CondKind::kAnd;
    }
    case CondKind::kNot: {
      ASSIGN_OR_RETURN(bool v, Eval(*n.left, item));
      return !v;
    }
    case CondKind::kCompare: {
      ASSIGN_OR_RETURN(const AttributeValue* a, OperandValue(n.operands[0], item, &s0));
      ASSIGN_OR_RETURN(const AttributeValue* b, OperandValue(n.operands[1], item, &s1));
      return CompareWith(n.op, a, b);
    }
    case CondKind::kBetween: {
      ASSIGN_OR_RETURN(const AttributeValue* x, OperandValue(n.operands[0], item, &s0));
      ASSIGN_OR_RETURN(const AttributeValue* lo, OperandValue(n.operands[1], item, &s1));
      ASSIGN_OR_RETURN(const AttributeValue* hi, OperandValue(n.operands[2], item, &s2));
      if (x == nullptr || lo == nullptr || hi == nullptr) return false;
      std::optional<int> c1 = CompareScalars(*x, *lo);
      std::optional<int> c2 = CompareScalars(*x, *hi);
      return c1 && c2 && *c1 >= 0 && *c2 <= 0;
    }
    case CondKind::kIn: {
      ASSIGN_OR_RETURN(const AttributeValue* x, OperandValue(n.operands[0], item, &s0));
      if (x == nullptr) return false;
      for (size_t i = 1; i < n.operands.size(); ++i) {
        ASSIGN_OR_RETURN(const AttributeValue* v, OperandValue(n.operands[i], item, &s1));
        if (v != nullptr && *x == *v) return true;
      }
      return false;
    }
    case CondKind::kAttributeExists:
      return FindPath(item, n.operands[0].resolved_path) != nullptr;
    case CondKind::kAttributeNotExists:
      return FindPath(item, n.operands[0].resolved_path) == nullptr;
    case CondKind::kAttributeType: {
      ASSIGN_OR_RETURN(const AttributeValue* v, OperandValue(n.operands[0], item, &s0));
      ASSIGN_OR_RETURN(const AttributeValue* t, OperandValue(n.operands[1], item, &s1));
      if (v == nullptr || t == nullptr || t->type() != ValueType::kS) return false;
      return ValueTypeName(v->type()) == t->s();
    }
    case CondKind::kBeginsWith:
    case CondKind::kContains: {
      ASSIGN_OR_RETURN(const AttributeValue* a, OperandValue(n.operands[0], item, &s0));
      ASSIGN_OR_RETURN(const AttributeValue* b, OperandValue(n.operands[1], item, &s1));
      if (a == nullptr || b == nullptr) return false;
      return n.kind == CondKind::kBeginsWith ? BeginsWith(*a, *b) : Contains(*a, *b);
    }
  }
  return Status::Internal("unknown condition node");
}

}  // namespace

Result<bool> EvaluateCondition(const CondNode& node, const Item* item) {
  return Eval(node, item != nullptr ? *item : EmptyItem());
}

}  // namespace dynarock::expr::internal
