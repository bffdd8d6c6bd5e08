// Compiler: parses each expression of a request, resolves #names and
// :values against the request's maps, and applies the checks DynamoDB makes
// before it touches any item (operand types of literal values, BETWEEN
// bounds, overlapping update paths, key condition shape).

#include <algorithm>
#include <string>

#include "expr/ast.h"
#include "expr/eval.h"
#include "expr/expr.h"
#include "expr/internal.h"
#include "expr/parser.h"

namespace dynarock::expr {

using internal::ActionKind;
using internal::CondKind;
using internal::CondNode;
using internal::CompareOp;
using internal::ExprKind;
using internal::Invalid;
using internal::Operand;
using internal::OperandKind;
using internal::PathForMessage;

namespace {

bool ValidPlaceholder(std::string_view key, char prefix) {
  if (key.size() < 2 || key[0] != prefix) return false;
  for (size_t i = 1; i < key.size(); ++i) {
    char c = key[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool Orderable(ValueType t) { return t == ValueType::kS || t == ValueType::kN || t == ValueType::kB; }

Status IncorrectOperandType(ExprKind kind, std::string_view op, ValueType t) {
  return Invalid(kind, "Incorrect operand type for operator or function; operator or function: " +
                           std::string(op) + ", operand type: " + std::string(ValueTypeName(t)));
}

// "AttributeValue: {N:10}" as DynamoDB echoes literal bounds.
std::string RenderLiteral(const AttributeValue& v) {
  std::string inner;
  switch (v.type()) {
    case ValueType::kS: inner = v.s(); break;
    case ValueType::kN: inner = v.n().ToString(); break;
    case ValueType::kB: inner = v.b(); break;
    default: inner = v.DebugString(); break;
  }
  return "AttributeValue: {" + std::string(ValueTypeName(v.type())) + ":" + inner + "}";
}

bool IsPrefix(const Path& a, const Path& b) {
  return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace

std::string PathToString(const Path& path) { return internal::PrintPath(path); }

Compiler::Compiler(const std::optional<ExpressionAttributeNames>& names,
                   const std::optional<ExpressionAttributeValues>& values)
    : names_(&names), values_(&values) {}

Status Compiler::CheckMaps() {
  if (maps_checked_) return maps_status_;
  maps_checked_ = true;
  maps_status_ = [&]() -> Status {
    if (names_->has_value()) {
      if ((*names_)->empty()) return Status::Validation("ExpressionAttributeNames must not be empty");
      for (const auto& [k, v] : **names_) {
        if (!ValidPlaceholder(k, '#')) {
          return Status::Validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + k + "\"");
        }
      }
    }
    if (values_->has_value()) {
      if ((*values_)->empty()) return Status::Validation("ExpressionAttributeValues must not be empty");
      for (const auto& [k, v] : **values_) {
        if (!ValidPlaceholder(k, ':')) {
          return Status::Validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + k + "\"");
        }
        Status s = ValidateValue(v);
        if (!s.ok()) {
          // DynamoDB names the key after the reason; the nesting reason is
          // cut to its first clause there.
          std::string reason = s.message();
          constexpr std::string_view kNesting = "Nesting Levels have exceeded supported limits";
          if (reason.starts_with(kNesting)) reason = std::string(kNesting);
          return Status::Validation("ExpressionAttributeValues contains invalid value: " + reason + " for key " + k);
        }
      }
    }
    return Status::OK();
  }();
  return maps_status_;
}

Status Compiler::ResolvePath(const Path& in, Path* out, int kind) {
  out->clear();
  out->reserve(in.size());
  for (const PathElement& e : in) {
    if (!e.is_index() && !e.name.empty() && e.name[0] == '#') {
      const ExpressionAttributeNames* names = names_->has_value() ? &**names_ : nullptr;
      auto it = names ? names->find(e.name) : ExpressionAttributeNames::const_iterator();
      if (names == nullptr || it == names->end()) {
        return Invalid(static_cast<ExprKind>(kind),
                       "An expression attribute name used in the document path is not defined; attribute name: " +
                           e.name);
      }
      used_names_.insert(e.name);
      PathElement r;
      r.name = it->second;
      out->push_back(std::move(r));
    } else {
      out->push_back(e);
    }
  }
  return Status::OK();
}

Status Compiler::ResolveOperand(Operand* op, int kind) {
  switch (op->kind) {
    case OperandKind::kPath:
    case OperandKind::kSize:
      return ResolvePath(op->path, &op->resolved_path, kind);
    case OperandKind::kValue: {
      const ExpressionAttributeValues* values = values_->has_value() ? &**values_ : nullptr;
      auto it = values ? values->find(op->value_ref) : ExpressionAttributeValues::const_iterator();
      if (values == nullptr || it == values->end()) {
        return Invalid(static_cast<ExprKind>(kind),
                       "An expression attribute value used in expression is not defined; attribute value: " +
                           op->value_ref);
      }
      used_values_.insert(op->value_ref);
      op->value = it->second;
      return Status::OK();
    }
    default:
      for (Operand& a : op->args) RETURN_IF_ERROR(ResolveOperand(&a, kind));
      return Status::OK();
  }
}

// Resolves a condition tree and applies DynamoDB's parse-time checks.
Status Compiler::ResolveCondition(CondNode* n, int kind_int) {
  const ExprKind kind = static_cast<ExprKind>(kind_int);
  if (n->left) RETURN_IF_ERROR(ResolveCondition(n->left.get(), kind_int));
  if (n->right) RETURN_IF_ERROR(ResolveCondition(n->right.get(), kind_int));
  for (Operand& op : n->operands) RETURN_IF_ERROR(ResolveOperand(&op, kind_int));
  auto literal = [](const Operand& op) -> const AttributeValue* {
    return op.kind == OperandKind::kValue ? &op.value : nullptr;
  };
  switch (n->kind) {
    case CondKind::kCompare:
      if (n->op != CompareOp::kEq && n->op != CompareOp::kNe) {
        for (const Operand& op : n->operands) {
          if (const AttributeValue* v = literal(op); v && !Orderable(v->type())) {
            return IncorrectOperandType(kind, internal::CompareOpText(n->op), v->type());
          }
        }
      }
      break;
    case CondKind::kBetween: {
      for (const Operand& op : n->operands) {
        if (const AttributeValue* v = literal(op); v && !Orderable(v->type())) {
          return IncorrectOperandType(kind, "BETWEEN", v->type());
        }
      }
      const AttributeValue* lo = literal(n->operands[1]);
      const AttributeValue* hi = literal(n->operands[2]);
      if (lo && hi) {
        if (lo->type() != hi->type()) {
          return Invalid(kind, "The BETWEEN operator requires same data type for lower and upper bounds; "
                               "lower bound operand: " + RenderLiteral(*lo) +
                               ", upper bound operand: " + RenderLiteral(*hi));
        }
        std::optional<int> c = internal::CompareScalars(*lo, *hi);
        if (c && *c > 0) {
          return Invalid(kind, "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                               "bound; lower bound operand: " + RenderLiteral(*lo) +
                               ", upper bound operand: " + RenderLiteral(*hi));
        }
      }
      break;
    }
    case CondKind::kBeginsWith:
      for (const Operand& op : n->operands) {
        if (const AttributeValue* v = literal(op);
            v && v->type() != ValueType::kS && v->type() != ValueType::kB) {
          return IncorrectOperandType(kind, "begins_with", v->type());
        }
      }
      break;
    case CondKind::kContains:
      if (n->operands[0].kind == OperandKind::kPath && n->operands[1].kind == OperandKind::kPath &&
          n->operands[0].resolved_path == n->operands[1].resolved_path) {
        return Invalid(kind, "The first operand must be distinct from the remaining operands for this operator or "
                             "function; operator: contains, first operand: " +
                                 PathForMessage(n->operands[0].resolved_path));
      }
      break;
    case CondKind::kAttributeType: {
      const AttributeValue* t = literal(n->operands[1]);
      if (t == nullptr) {
        return Invalid(kind, "Incorrect operand type for operator or function; operator or function: "
                             "attribute_type, operand type: " +
                                 std::string(n->operands[1].kind == OperandKind::kSize ? "N" : "PATH"));
      }
      if (t->type() != ValueType::kS) return IncorrectOperandType(kind, "attribute_type", t->type());
      static constexpr std::string_view kTypes[] = {"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"};
      if (std::find(std::begin(kTypes), std::end(kTypes), t->s()) == std::end(kTypes)) {
        return Invalid(kind, "Invalid attribute type name found; type: " + t->s() +
                                 ", valid types: { B; BOOL; BS; L; M; N; NS; NULL; S; SS }");
      }
      break;
    }
    default:
      break;
  }
  return Status::OK();
}

Result<Condition> Compiler::CompileConditionKind(std::string_view text, int kind) {
  any_expression_ = true;
  RETURN_IF_ERROR(CheckMaps());
  ASSIGN_OR_RETURN(std::unique_ptr<CondNode> node,
                   internal::ParseCondition(text, static_cast<ExprKind>(kind)));
  RETURN_IF_ERROR(ResolveCondition(node.get(), kind));
  Condition c;
  c.root_ = std::shared_ptr<const CondNode>(std::move(node));
  return c;
}

Result<Condition> Compiler::CompileCondition(std::string_view text) {
  return CompileConditionKind(text, static_cast<int>(ExprKind::kCondition));
}

Result<Condition> Compiler::CompileFilter(std::string_view text) {
  return CompileConditionKind(text, static_cast<int>(ExprKind::kFilter));
}

Result<Projection> Compiler::CompileProjection(std::string_view text) {
  any_expression_ = true;
  RETURN_IF_ERROR(CheckMaps());
  ASSIGN_OR_RETURN(std::vector<Path> raw, internal::ParseProjection(text));
  std::vector<Path> paths(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    RETURN_IF_ERROR(ResolvePath(raw[i], &paths[i], static_cast<int>(ExprKind::kProjection)));
  }
  RETURN_IF_ERROR(internal::CheckPathOverlap(paths, ExprKind::kProjection));
  return internal::MakeProjection(std::move(paths));
}

Result<Update> Compiler::CompileUpdate(std::string_view text) {
  any_expression_ = true;
  RETURN_IF_ERROR(CheckMaps());
  const int kind = static_cast<int>(ExprKind::kUpdate);
  ASSIGN_OR_RETURN(internal::UpdateAst ast, internal::ParseUpdate(text));
  for (auto& clause : ast.clauses) {
    for (auto& a : clause.actions) {
      RETURN_IF_ERROR(ResolvePath(a.path, &a.resolved_path, kind));
      if (a.has_value) RETURN_IF_ERROR(ResolveOperand(&a.value, kind));
    }
  }
  return internal::MakeUpdate(std::move(ast));
}

Result<KeyCondition> Compiler::CompileKeyCondition(std::string_view text) {
  ASSIGN_OR_RETURN(Condition c, CompileConditionKind(text, static_cast<int>(ExprKind::kKeyCondition)));
  return internal::KeyConditionFromTree(*c.root_);
}

Status Compiler::Finish() {
  // Maps without any expression are reported before what is in them.
  if (!any_expression_) {
    if (names_->has_value()) {
      return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
    }
    if (values_->has_value()) {
      return Status::Validation("ExpressionAttributeValues can only be specified when using expressions");
    }
    return Status::OK();
  }
  RETURN_IF_ERROR(CheckMaps());
  auto unused = [](const auto& map, const std::set<std::string, std::less<>>& used) {
    std::string keys;
    for (const auto& [k, v] : map) {
      if (used.count(k) == 0) {
        if (!keys.empty()) keys += ", ";
        keys += k;
      }
    }
    return keys;
  };
  if (names_->has_value()) {
    std::string keys = unused(**names_, used_names_);
    if (!keys.empty()) {
      return Status::Validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {" + keys + "}");
    }
  }
  if (values_->has_value()) {
    std::string keys = unused(**values_, used_values_);
    if (!keys.empty()) {
      return Status::Validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + keys + "}");
    }
  }
  return Status::OK();
}

// ------------------------------------------------------------ Condition

Result<bool> Condition::Evaluate(const Item* item) const {
  if (root_ == nullptr) return true;
  return internal::EvaluateCondition(*root_, item);
}

std::string Condition::DebugString() const {
  return root_ ? internal::PrintCondition(*root_) : std::string();
}

namespace internal {

Status CheckPathOverlap(const std::vector<Path>& paths, ExprKind kind) {
  for (size_t i = 0; i < paths.size(); ++i) {
    for (size_t j = i + 1; j < paths.size(); ++j) {
      const Path& a = paths[i];
      const Path& b = paths[j];
      if (IsPrefix(a, b) || IsPrefix(b, a)) {
        return Invalid(kind, "Two document paths overlap with each other; must remove or rewrite one of these "
                             "paths; path one: " + PathForMessage(a) + ", path two: " + PathForMessage(b));
      }
      // Same prefix, then one path indexes a list where the other names a
      // map key: the two cannot both be valid.
      size_t k = 0;
      while (k < a.size() && k < b.size() && a[k] == b[k]) ++k;
      if (k < a.size() && k < b.size() && a[k].is_index() != b[k].is_index()) {
        return Invalid(kind, "Two document paths conflict with each other; must remove or rewrite one of these "
                             "paths; path one: " + PathForMessage(a) + ", path two: " + PathForMessage(b));
      }
    }
  }
  return Status::OK();
}

}  // namespace internal
}  // namespace dynarock::expr
