// Condition::TopLevelAttributes: the attribute names a compiled condition
// reads, for the engine's rules that depend on them (Query rejects filters
// on key attributes).

#include <algorithm>
#include <string>
#include <vector>

#include "expr/ast.h"
#include "expr/expr.h"

namespace dynarock::expr {
namespace {

void AddName(const Path& path, std::vector<std::string>* out) {
  if (path.empty() || path[0].is_index()) return;
  if (std::find(out->begin(), out->end(), path[0].name) == out->end()) out->push_back(path[0].name);
}

void CollectOperand(const internal::Operand& op, std::vector<std::string>* out) {
  switch (op.kind) {
    case internal::OperandKind::kPath:
    case internal::OperandKind::kSize:
      AddName(op.resolved_path, out);
      return;
    case internal::OperandKind::kValue:
      return;
    default:
      for (const internal::Operand& a : op.args) CollectOperand(a, out);
      return;
  }
}

// Iterative over AND/OR/NOT so that long chains use no stack; operand
// nesting is bounded by the parser.
void Collect(const internal::CondNode* root, std::vector<std::string>* out) {
  std::vector<const internal::CondNode*> todo{root};
  while (!todo.empty()) {
    const internal::CondNode* n = todo.back();
    todo.pop_back();
    if (n == nullptr) continue;
    for (const internal::Operand& op : n->operands) CollectOperand(op, out);
    // Right first, so the left subtree is visited first (first-use order).
    if (n->right) todo.push_back(n->right.get());
    if (n->left) todo.push_back(n->left.get());
  }
}

}  // namespace

std::vector<std::string> Condition::TopLevelAttributes() const {
  std::vector<std::string> out;
  Collect(root_.get(), &out);
  return out;
}

}  // namespace dynarock::expr
