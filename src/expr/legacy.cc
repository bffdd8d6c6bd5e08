// The legacy (pre-expression) parameters, translated onto the same compiled
// forms: Expected, QueryFilter/ScanFilter, KeyConditions, AttributeUpdates,
// AttributesToGet. Validation messages follow DynamoDB's for each.

#include <string>

#include "expr/eval.h"
#include "expr/internal.h"

namespace dynarock::expr {

using internal::ActionKind;
using internal::CondKind;
using internal::CondNode;
using internal::CompareOp;
using internal::Operand;
using internal::OperandKind;

namespace internal {
Condition Access::MakeCondition(std::unique_ptr<CondNode> root) {
  Condition c;
  c.root_ = std::shared_ptr<const CondNode>(std::move(root));
  return c;
}
}  // namespace internal

namespace {

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

std::string_view OperatorName(ComparisonOperator op) {
  switch (op) {
    case ComparisonOperator::kEq: return "EQ";
    case ComparisonOperator::kNe: return "NE";
    case ComparisonOperator::kIn: return "IN";
    case ComparisonOperator::kLe: return "LE";
    case ComparisonOperator::kLt: return "LT";
    case ComparisonOperator::kGe: return "GE";
    case ComparisonOperator::kGt: return "GT";
    case ComparisonOperator::kBetween: return "BETWEEN";
    case ComparisonOperator::kNotNull: return "NOT_NULL";
    case ComparisonOperator::kNull: return "NULL";
    case ComparisonOperator::kContains: return "CONTAINS";
    case ComparisonOperator::kNotContains: return "NOT_CONTAINS";
    case ComparisonOperator::kBeginsWith: return "BEGINS_WITH";
  }
  return "?";
}

Status Invalid(std::string message) { return Status::Validation(std::string(kInvalid) + message); }

Operand PathOperand(const std::string& name) {
  Operand op;
  op.kind = OperandKind::kPath;
  PathElement e;
  e.name = name;
  op.path = {e};
  op.resolved_path = op.path;
  return op;
}

Operand ValueOperand(const AttributeValue& v) {
  Operand op;
  op.kind = OperandKind::kValue;
  op.value_ref = ":legacy";
  op.value = v;
  return op;
}

std::unique_ptr<CondNode> Node(CondKind kind) {
  auto n = std::make_unique<CondNode>();
  n->kind = kind;
  return n;
}

std::unique_ptr<CondNode> Binary(CondKind kind, std::unique_ptr<CondNode> l, std::unique_ptr<CondNode> r) {
  auto n = Node(kind);
  n->left = std::move(l);
  n->right = std::move(r);
  return n;
}

// Checks the count and types of an AttributeValueList for an operator.
Status CheckArguments(ComparisonOperator op, const std::vector<AttributeValue>& list) {
  size_t n = list.size();
  bool count_ok = false;
  switch (op) {
    case ComparisonOperator::kNull:
    case ComparisonOperator::kNotNull: count_ok = n == 0; break;
    case ComparisonOperator::kIn: count_ok = n > 0; break;
    case ComparisonOperator::kBetween: count_ok = n == 2; break;
    default: count_ok = n == 1; break;
  }
  if (!count_ok) {
    return Invalid("Invalid number of argument(s) for the " + std::string(OperatorName(op)) + " ComparisonOperator");
  }
  for (const auto& v : list) {
    Status s = ValidateValue(v);
    if (!s.ok()) return s;
    ValueType t = v.type();
    bool scalar = t == ValueType::kS || t == ValueType::kN || t == ValueType::kB;
    bool ok = true;
    switch (op) {
      case ComparisonOperator::kLe: case ComparisonOperator::kLt: case ComparisonOperator::kGe:
      case ComparisonOperator::kGt: case ComparisonOperator::kBetween: case ComparisonOperator::kIn:
      case ComparisonOperator::kContains: case ComparisonOperator::kNotContains:
        ok = scalar;
        break;
      case ComparisonOperator::kBeginsWith:
        ok = t == ValueType::kS || t == ValueType::kB;
        break;
      default:
        break;
    }
    if (!ok) {
      return Invalid("ComparisonOperator " + std::string(OperatorName(op)) + " is not valid for " +
                     std::string(ValueTypeName(t)) + " AttributeValue type");
    }
  }
  for (const auto& v : list) {
    if (v.type() != list[0].type()) return Invalid("AttributeValues inside AttributeValueList must be of same type");
  }
  if (op == ComparisonOperator::kBetween) {
    std::optional<int> c = internal::CompareScalars(list[0], list[1]);
    if (c && *c > 0) {
      return Status::Validation(
          "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    }
  }
  return Status::OK();
}

// One attribute's legacy comparison as a condition tree.
std::unique_ptr<CondNode> Comparison(const std::string& name, ComparisonOperator op,
                                     const std::vector<AttributeValue>& list) {
  auto compare = [&](CompareOp cop) {
    auto n = Node(CondKind::kCompare);
    n->op = cop;
    n->operands.push_back(PathOperand(name));
    n->operands.push_back(ValueOperand(list[0]));
    return n;
  };
  switch (op) {
    case ComparisonOperator::kEq: return compare(CompareOp::kEq);
    case ComparisonOperator::kNe: return compare(CompareOp::kNe);
    case ComparisonOperator::kLe: return compare(CompareOp::kLe);
    case ComparisonOperator::kLt: return compare(CompareOp::kLt);
    case ComparisonOperator::kGe: return compare(CompareOp::kGe);
    case ComparisonOperator::kGt: return compare(CompareOp::kGt);
    case ComparisonOperator::kNotNull:
    case ComparisonOperator::kNull: {
      auto n = Node(op == ComparisonOperator::kNull ? CondKind::kAttributeNotExists : CondKind::kAttributeExists);
      n->operands.push_back(PathOperand(name));
      return n;
    }
    case ComparisonOperator::kContains:
    case ComparisonOperator::kBeginsWith: {
      auto n = Node(op == ComparisonOperator::kContains ? CondKind::kContains : CondKind::kBeginsWith);
      n->operands.push_back(PathOperand(name));
      n->operands.push_back(ValueOperand(list[0]));
      return n;
    }
    case ComparisonOperator::kNotContains: {
      // Legacy NOT_CONTAINS is false on a missing attribute, unlike
      // "NOT contains(a, :v)".
      auto exists = Node(CondKind::kAttributeExists);
      exists->operands.push_back(PathOperand(name));
      auto contains = Node(CondKind::kContains);
      contains->operands.push_back(PathOperand(name));
      contains->operands.push_back(ValueOperand(list[0]));
      auto neg = Node(CondKind::kNot);
      neg->left = std::move(contains);
      neg->left->parens = 1;
      auto both = Binary(CondKind::kAnd, std::move(exists), std::move(neg));
      both->parens = 1;
      return both;
    }
    case ComparisonOperator::kIn: {
      auto n = Node(CondKind::kIn);
      n->operands.push_back(PathOperand(name));
      for (const auto& v : list) n->operands.push_back(ValueOperand(v));
      return n;
    }
    case ComparisonOperator::kBetween: {
      auto n = Node(CondKind::kBetween);
      n->operands.push_back(PathOperand(name));
      n->operands.push_back(ValueOperand(list[0]));
      n->operands.push_back(ValueOperand(list[1]));
      return n;
    }
  }
  return nullptr;
}

// Joins terms into a balanced tree (depth log n, whatever the map size).
std::unique_ptr<CondNode> Join(std::vector<std::unique_ptr<CondNode>> terms, CondKind kind) {
  if (terms.empty()) return nullptr;
  while (terms.size() > 1) {
    std::vector<std::unique_ptr<CondNode>> next;
    for (size_t i = 0; i + 1 < terms.size(); i += 2) {
      auto n = Binary(kind, std::move(terms[i]), std::move(terms[i + 1]));
      n->parens = 1;
      next.push_back(std::move(n));
    }
    if (terms.size() % 2 == 1) next.push_back(std::move(terms.back()));
    terms = std::move(next);
  }
  return std::move(terms[0]);
}

CondKind JoinKind(std::optional<ConditionalOperator> op) {
  return op && *op == ConditionalOperator::kOr ? CondKind::kOr : CondKind::kAnd;
}

}  // namespace

Result<Condition> FromExpected(const ExpectedMap& expected, std::optional<ConditionalOperator> op) {
  std::vector<std::unique_ptr<CondNode>> terms;
  for (const auto& [name, e] : expected) {
    if (e.attribute_value_list && e.value) {
      return Invalid("Value and AttributeValueList cannot be used together for Attribute: " + name);
    }
    if (e.comparison_operator) {
      if (e.exists) return Invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + name);
      ComparisonOperator cop = *e.comparison_operator;
      if (cop != ComparisonOperator::kNull && cop != ComparisonOperator::kNotNull && !e.attribute_value_list &&
          !e.value) {
        return Invalid("Value or AttributeValueList must be used with ComparisonOperator: " +
                       std::string(OperatorName(cop)) + " for Attribute: " + name);
      }
      std::vector<AttributeValue> list;
      if (e.attribute_value_list) {
        list = *e.attribute_value_list;
      } else if (e.value) {
        list.push_back(*e.value);
      }
      RETURN_IF_ERROR(CheckArguments(cop, list));
      terms.push_back(Comparison(name, cop, list));
    } else if (e.attribute_value_list) {
      return Invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
    } else {
      bool exists = !e.exists || *e.exists;
      if (exists && !e.value) {
        return Invalid("Value must be provided when Exists is " + std::string(e.exists ? "true" : "null") +
                       " for Attribute: " + name);
      }
      if (!exists && e.value) return Invalid("Value cannot be used when Exists is false for Attribute: " + name);
      if (e.value) {
        RETURN_IF_ERROR(ValidateValue(*e.value));
        terms.push_back(Comparison(name, ComparisonOperator::kEq, {*e.value}));
      } else {
        terms.push_back(Comparison(name, ComparisonOperator::kNull, {}));
      }
    }
  }
  auto root = Join(std::move(terms), JoinKind(op));
  if (root == nullptr) return Condition();
  return internal::Access::MakeCondition(std::move(root));
}

Result<Condition> FromConditionMap(const ConditionMap& conditions, std::optional<ConditionalOperator> op,
                                   LegacyFilterKind /*kind*/) {
  std::vector<std::unique_ptr<CondNode>> terms;
  for (const auto& [name, c] : conditions) {
    RETURN_IF_ERROR(CheckArguments(c.comparison_operator, c.attribute_value_list));
    terms.push_back(Comparison(name, c.comparison_operator, c.attribute_value_list));
  }
  auto root = Join(std::move(terms), JoinKind(op));
  if (root == nullptr) return Condition();
  return internal::Access::MakeCondition(std::move(root));
}

Result<KeyCondition> FromKeyConditions(const ConditionMap& conditions) {
  KeyCondition kc;
  for (const auto& [name, c] : conditions) {
    KeyAttributeCondition k;
    k.attribute_name = name;
    switch (c.comparison_operator) {
      case ComparisonOperator::kEq: k.op = KeyOperator::kEq; break;
      case ComparisonOperator::kLe: k.op = KeyOperator::kLe; break;
      case ComparisonOperator::kLt: k.op = KeyOperator::kLt; break;
      case ComparisonOperator::kGe: k.op = KeyOperator::kGe; break;
      case ComparisonOperator::kGt: k.op = KeyOperator::kGt; break;
      case ComparisonOperator::kBeginsWith: k.op = KeyOperator::kBeginsWith; break;
      case ComparisonOperator::kBetween: k.op = KeyOperator::kBetween; break;
      default:
        return Status::Validation("Attempted conditional constraint is not an indexable operation");
    }
    RETURN_IF_ERROR(CheckArguments(c.comparison_operator, c.attribute_value_list));
    k.value = c.attribute_value_list[0];
    if (k.op == KeyOperator::kBetween) k.value2 = c.attribute_value_list[1];
    kc.conditions.push_back(std::move(k));
  }
  return kc;
}

Result<Update> FromAttributeUpdates(const std::map<std::string, AttributeValueUpdate, std::less<>>& updates) {
  internal::UpdateAst ast;
  for (const auto& [name, u] : updates) {
    AttributeAction action = u.action.value_or(AttributeAction::kPut);
    internal::UpdateClause clause;
    internal::UpdateAction a;
    PathElement e;
    e.name = name;
    a.path = {e};
    a.resolved_path = a.path;
    a.has_value = u.value.has_value();
    if (u.value) {
      RETURN_IF_ERROR(ValidateValue(*u.value));
      a.value = ValueOperand(*u.value);
    }
    switch (action) {
      case AttributeAction::kPut:
        if (!u.value) return Invalid("Only DELETE action is allowed when no attribute value is specified");
        a.kind = ActionKind::kLegacyPut;
        break;
      case AttributeAction::kAdd: {
        if (!u.value) return Invalid("Only DELETE action is allowed when no attribute value is specified");
        ValueType t = u.value->type();
        if (t != ValueType::kN && t != ValueType::kL && !u.value->is_set()) {
          return Invalid("ADD action is not supported for the type " + std::string(ValueTypeName(t)));
        }
        a.kind = ActionKind::kLegacyAdd;
        break;
      }
      case AttributeAction::kDelete:
        if (u.value && !u.value->is_set()) {
          return Invalid("DELETE action with value is not supported for the type " +
                         std::string(ValueTypeName(u.value->type())));
        }
        a.kind = ActionKind::kLegacyDelete;
        break;
    }
    clause.kind = a.kind;
    clause.actions.push_back(std::move(a));
    ast.clauses.push_back(std::move(clause));
  }
  if (ast.clauses.empty()) return Update();
  return internal::MakeUpdate(std::move(ast));
}

Result<Projection> FromAttributesToGet(const std::vector<std::string>& attributes) {
  std::vector<Path> paths;
  std::set<std::string_view> seen;
  for (const auto& a : attributes) {
    if (!seen.insert(a).second) return Invalid("Duplicate value in attribute name: " + a);
    PathElement e;
    e.name = a;
    paths.push_back({e});
  }
  return internal::MakeProjection(std::move(paths));
}

Status CheckLegacyMix(const std::vector<std::string>& non_expression_parameters,
                      const std::vector<std::string>& expression_parameters) {
  if (non_expression_parameters.empty() || expression_parameters.empty()) return Status::OK();
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) {
      if (i > 0) s += ", ";
      s += v[i];
    }
    return s;
  };
  return Status::Validation(
      "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {" +
      join(non_expression_parameters) + "} Expression parameters: {" + join(expression_parameters) + "}");
}

}  // namespace dynarock::expr
