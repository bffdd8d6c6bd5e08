// Printing and syntactic equality of expression trees.

#include "expr/ast.h"

namespace dynarock::expr::internal {

std::string_view CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEq: return "=";
    case CompareOp::kNe: return "<>";
    case CompareOp::kLt: return "<";
    case CompareOp::kLe: return "<=";
    case CompareOp::kGt: return ">";
    case CompareOp::kGe: return ">=";
  }
  return "?";
}

std::string_view FunctionName(CondKind kind) {
  switch (kind) {
    case CondKind::kAttributeExists: return "attribute_exists";
    case CondKind::kAttributeNotExists: return "attribute_not_exists";
    case CondKind::kAttributeType: return "attribute_type";
    case CondKind::kBeginsWith: return "begins_with";
    case CondKind::kContains: return "contains";
    default: return "";
  }
}

bool Operand::SameSyntax(const Operand& o) const {
  if (kind != o.kind || parens != o.parens || path != o.path || value_ref != o.value_ref ||
      args.size() != o.args.size()) {
    return false;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i].SameSyntax(o.args[i])) return false;
  }
  return true;
}

bool CondNode::SameSyntax(const CondNode& o) const {
  if (kind != o.kind || parens != o.parens || operands.size() != o.operands.size()) return false;
  if (kind == CondKind::kCompare && op != o.op) return false;
  for (size_t i = 0; i < operands.size(); ++i) {
    if (!operands[i].SameSyntax(o.operands[i])) return false;
  }
  if ((left == nullptr) != (o.left == nullptr) || (right == nullptr) != (o.right == nullptr)) {
    return false;
  }
  if (left && !left->SameSyntax(*o.left)) return false;
  if (right && !right->SameSyntax(*o.right)) return false;
  return true;
}

bool UpdateAst::SameSyntax(const UpdateAst& o) const {
  if (clauses.size() != o.clauses.size()) return false;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const auto& a = clauses[i];
    const auto& b = o.clauses[i];
    if (a.kind != b.kind || a.actions.size() != b.actions.size()) return false;
    for (size_t j = 0; j < a.actions.size(); ++j) {
      const auto& x = a.actions[j];
      const auto& y = b.actions[j];
      if (x.kind != y.kind || x.path != y.path || x.has_value != y.has_value) return false;
      if (x.has_value && !x.value.SameSyntax(y.value)) return false;
    }
  }
  return true;
}

std::string PrintPath(const Path& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i].is_index()) {
      out += '[';
      out += std::to_string(path[i].index);
      out += ']';
    } else {
      if (i > 0) out += '.';
      out += path[i].name;
    }
  }
  return out;
}

std::string PathForMessage(const Path& path) {
  std::string out = "[";
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) out += ", ";
    if (path[i].is_index()) {
      out += '[';
      out += std::to_string(path[i].index);
      out += ']';
    } else {
      out += path[i].name;
    }
  }
  out += ']';
  return out;
}

std::string PrintOperand(const Operand& op) {
  std::string inner;
  switch (op.kind) {
    case OperandKind::kPath: inner = PrintPath(op.path); break;
    case OperandKind::kValue: inner = op.value_ref; break;
    case OperandKind::kSize: inner = "size(" + PrintPath(op.path) + ")"; break;
    case OperandKind::kIfNotExists:
      inner = "if_not_exists(" + PrintOperand(op.args[0]) + ", " + PrintOperand(op.args[1]) + ")";
      break;
    case OperandKind::kListAppend:
      inner = "list_append(" + PrintOperand(op.args[0]) + ", " + PrintOperand(op.args[1]) + ")";
      break;
    case OperandKind::kPlus:
      inner = PrintOperand(op.args[0]) + " + " + PrintOperand(op.args[1]);
      break;
    case OperandKind::kMinus:
      inner = PrintOperand(op.args[0]) + " - " + PrintOperand(op.args[1]);
      break;
  }
  return std::string(op.parens, '(') + inner + std::string(op.parens, ')');
}

namespace {

// Precedence levels for printing without adding parentheses: a child that
// binds less tightly than its parent needs parentheses, and the tree then
// records them (parens > 0), so printing only emits recorded parentheses.
void PrintCond(const CondNode& n, std::string* out) {
  out->append(n.parens, '(');
  switch (n.kind) {
    case CondKind::kCompare:
      *out += PrintOperand(n.operands[0]);
      *out += ' ';
      *out += CompareOpText(n.op);
      *out += ' ';
      *out += PrintOperand(n.operands[1]);
      break;
    case CondKind::kBetween:
      *out += PrintOperand(n.operands[0]) + " BETWEEN " + PrintOperand(n.operands[1]) + " AND " +
              PrintOperand(n.operands[2]);
      break;
    case CondKind::kIn:
      *out += PrintOperand(n.operands[0]) + " IN (";
      for (size_t i = 1; i < n.operands.size(); ++i) {
        if (i > 1) *out += ", ";
        *out += PrintOperand(n.operands[i]);
      }
      *out += ')';
      break;
    case CondKind::kAnd:
    case CondKind::kOr:
      PrintCond(*n.left, out);
      *out += n.kind == CondKind::kAnd ? " AND " : " OR ";
      PrintCond(*n.right, out);
      break;
    case CondKind::kNot:
      *out += "NOT ";
      PrintCond(*n.left, out);
      break;
    default:
      *out += FunctionName(n.kind);
      *out += '(';
      for (size_t i = 0; i < n.operands.size(); ++i) {
        if (i > 0) *out += ", ";
        *out += PrintOperand(n.operands[i]);
      }
      *out += ')';
      break;
  }
  out->append(n.parens, ')');
}

std::string_view ClauseKeyword(ActionKind k) {
  switch (k) {
    case ActionKind::kSet: case ActionKind::kLegacyPut: return "SET";
    case ActionKind::kRemove: return "REMOVE";
    case ActionKind::kAdd: case ActionKind::kLegacyAdd: return "ADD";
    case ActionKind::kDelete: case ActionKind::kLegacyDelete: return "DELETE";
  }
  return "?";
}

}  // namespace

std::string PrintCondition(const CondNode& node) {
  std::string out;
  PrintCond(node, &out);
  return out;
}

std::string PrintUpdate(const UpdateAst& ast) {
  std::string out;
  for (const auto& clause : ast.clauses) {
    if (!out.empty()) out += ' ';
    out += ClauseKeyword(clause.kind);
    out += ' ';
    for (size_t i = 0; i < clause.actions.size(); ++i) {
      const auto& a = clause.actions[i];
      if (i > 0) out += ", ";
      out += PrintPath(a.path);
      if (clause.kind == ActionKind::kSet) {
        out += " = " + PrintOperand(a.value);
      } else if (a.has_value && clause.kind != ActionKind::kRemove) {
        out += ' ' + PrintOperand(a.value);
      }
    }
  }
  return out;
}

std::string PrintProjection(const std::vector<Path>& paths) {
  std::string out;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (i > 0) out += ", ";
    out += PrintPath(paths[i]);
  }
  return out;
}

}  // namespace dynarock::expr::internal
