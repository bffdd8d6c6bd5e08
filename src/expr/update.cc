// UpdateExpression and AttributeUpdates: checks at compile time and the
// application of the actions to an item.
//
// Every operand is evaluated against the item as it was before the update
// (DynamoDB evaluates "SET a = b, b = a" as a swap); then the actions apply
// in the order written, except that SETs of list elements follow the other
// SETs in index order (appends past the end are sorted by index), and REMOVE
// of list elements is applied last, highest index first, so that indexes
// always refer to the list as it was ("REMOVE a[1] SET a[3] = :v" changes
// the element that was at 3). Pinned by tests/expr/update_test.cc.

#include <algorithm>
#include <string>

#include "expr/eval.h"
#include "expr/internal.h"

namespace dynarock::expr {
namespace internal {
namespace {

Status InvalidForUpdate() {
  return Status::Validation("The document path provided in the update expression is invalid for update");
}
Status IncorrectDataType() {
  return Status::Validation("An operand in the update expression has an incorrect data type");
}
Status MissingAttribute() {
  return Status::Validation("The provided expression refers to an attribute that does not exist in the item");
}

std::string_view TypeWord(ValueType t) {
  switch (t) {
    case ValueType::kS: return "STRING";
    case ValueType::kN: return "NUMBER";
    case ValueType::kB: return "BINARY";
    case ValueType::kBool: return "BOOLEAN";
    case ValueType::kNull: return "NULL";
    case ValueType::kM: return "MAP";
    case ValueType::kL: return "LIST";
    case ValueType::kSS: return "STRING SET";
    case ValueType::kNS: return "NUMBER SET";
    case ValueType::kBS: return "BINARY SET";
  }
  return "?";
}

// Parse-time checks on literal operands of SET values.
Status CheckSetValue(const Operand& op) {
  auto literal_type = [](const Operand& o) -> std::optional<ValueType> {
    if (o.kind == OperandKind::kValue) return o.value.type();
    return std::nullopt;
  };
  switch (op.kind) {
    case OperandKind::kPlus:
    case OperandKind::kMinus:
      for (const Operand& a : op.args) {
        if (auto t = literal_type(a); t && *t != ValueType::kN) {
          return Invalid(ExprKind::kUpdate,
                         "Incorrect operand type for operator or function; operator or function: " +
                             std::string(op.kind == OperandKind::kPlus ? "+" : "-") +
                             ", operand type: " + std::string(ValueTypeName(*t)));
        }
      }
      break;
    case OperandKind::kListAppend:
      for (const Operand& a : op.args) {
        if (auto t = literal_type(a); t && *t != ValueType::kL) {
          return Invalid(ExprKind::kUpdate,
                         "Incorrect operand type for operator or function; operator or function: "
                         "list_append, operand type: " + std::string(ValueTypeName(*t)));
        }
      }
      break;
    default:
      break;
  }
  for (const Operand& a : op.args) RETURN_IF_ERROR(CheckSetValue(a));
  return Status::OK();
}

Result<AttributeValue> EvalValue(const Operand& op, const Item& item) {
  switch (op.kind) {
    case OperandKind::kValue:
      return op.value;
    case OperandKind::kPath: {
      const AttributeValue* v = FindPath(item, op.resolved_path);
      if (v == nullptr) return MissingAttribute();
      return *v;
    }
    case OperandKind::kIfNotExists: {
      const AttributeValue* v = FindPath(item, op.args[0].resolved_path);
      if (v != nullptr) return *v;
      return EvalValue(op.args[1], item);
    }
    case OperandKind::kListAppend: {
      ASSIGN_OR_RETURN(AttributeValue a, EvalValue(op.args[0], item));
      ASSIGN_OR_RETURN(AttributeValue b, EvalValue(op.args[1], item));
      if (a.type() != ValueType::kL || b.type() != ValueType::kL) return IncorrectDataType();
      AttributeValue::List out = std::move(a.l());
      for (auto& e : b.l()) out.push_back(std::move(e));
      return AttributeValue::L(std::move(out));
    }
    case OperandKind::kPlus:
    case OperandKind::kMinus: {
      ASSIGN_OR_RETURN(AttributeValue a, EvalValue(op.args[0], item));
      ASSIGN_OR_RETURN(AttributeValue b, EvalValue(op.args[1], item));
      if (a.type() != ValueType::kN || b.type() != ValueType::kN) return IncorrectDataType();
      Result<Number> r = op.kind == OperandKind::kPlus ? a.n().Add(b.n()) : a.n().Subtract(b.n());
      if (!r.ok()) return std::move(r).status();
      return AttributeValue::N(std::move(*r));
    }
    case OperandKind::kSize:
      break;
  }
  return Status::Internal("size() in an update value");
}

// The value at the first len elements of path, for writing; null if missing
// or if a step has the wrong type.
AttributeValue* FindMutable(Item* item, const Path& path, size_t len) {
  auto it = item->find(path[0].name);
  if (it == item->end()) return nullptr;
  AttributeValue* cur = &it->second;
  for (size_t i = 1; i < len; ++i) {
    const PathElement& e = path[i];
    if (e.is_index()) {
      if (cur->type() != ValueType::kL || e.index >= static_cast<int64_t>(cur->l().size())) return nullptr;
      cur = &cur->l()[static_cast<size_t>(e.index)];
    } else {
      if (cur->type() != ValueType::kM) return nullptr;
      auto mit = cur->m().find(e.name);
      if (mit == cur->m().end()) return nullptr;
      cur = &mit->second;
    }
  }
  return cur;
}

Status SetAt(Item* item, const Path& path, AttributeValue v) {
  if (path.size() == 1) {
    (*item)[path[0].name] = std::move(v);
    return Status::OK();
  }
  AttributeValue* parent = FindMutable(item, path, path.size() - 1);
  if (parent == nullptr) return InvalidForUpdate();
  const PathElement& last = path.back();
  if (last.is_index()) {
    if (parent->type() != ValueType::kL) return InvalidForUpdate();
    auto& l = parent->l();
    if (last.index < static_cast<int64_t>(l.size())) {
      l[static_cast<size_t>(last.index)] = std::move(v);
    } else {
      l.push_back(std::move(v));  // DynamoDB appends past the end
    }
  } else {
    if (parent->type() != ValueType::kM) return InvalidForUpdate();
    parent->m()[last.name] = std::move(v);
  }
  return Status::OK();
}

// Removes a map entry or top-level attribute. A missing leaf is fine; a
// missing or wrong-typed parent is an invalid path, except when the item
// itself does not exist (DynamoDB then ignores the REMOVE).
Status RemoveNamed(Item* item, const Path& path, bool item_exists) {
  if (path.size() == 1) {
    item->erase(path[0].name);
    return Status::OK();
  }
  AttributeValue* parent = FindMutable(item, path, path.size() - 1);
  if (parent == nullptr || parent->type() != ValueType::kM) {
    return item_exists ? InvalidForUpdate() : Status::OK();
  }
  parent->m().erase(path.back().name);
  return Status::OK();
}

// Removes a list element; an index past the end removes nothing.
Status RemoveListElement(Item* item, const Path& path, bool item_exists) {
  AttributeValue* parent = FindMutable(item, path, path.size() - 1);
  if (parent == nullptr || parent->type() != ValueType::kL) {
    return item_exists ? InvalidForUpdate() : Status::OK();
  }
  auto& l = parent->l();
  if (path.back().index < static_cast<int64_t>(l.size())) l.erase(l.begin() + path.back().index);
  return Status::OK();
}

Status RemoveAt(Item* item, const Path& path) {
  return path.back().is_index() ? RemoveListElement(item, path, true) : RemoveNamed(item, path, true);
}

template <typename T>
void Union(std::vector<T>* into, const std::vector<T>& from) {
  for (const T& e : from) {
    if (std::find(into->begin(), into->end(), e) == into->end()) into->push_back(e);
  }
}
template <typename T>
void Difference(std::vector<T>* from, const std::vector<T>& remove) {
  from->erase(std::remove_if(from->begin(), from->end(),
                             [&](const T& e) { return std::find(remove.begin(), remove.end(), e) != remove.end(); }),
              from->end());
}

Status AddAt(Item* item, const Path& path, const AttributeValue& v, bool legacy) {
  AttributeValue* cur = FindMutable(item, path, path.size());
  if (cur == nullptr) return SetAt(item, path, v);
  Status mismatch = legacy ? Status::Validation("Type mismatch for attribute to update") : IncorrectDataType();
  if (cur->type() != v.type()) return mismatch;
  switch (v.type()) {
    case ValueType::kN: {
      Result<Number> r = cur->n().Add(v.n());
      if (!r.ok()) return std::move(r).status();
      *cur = AttributeValue::N(std::move(*r));
      return Status::OK();
    }
    case ValueType::kSS: Union(&cur->ss(), v.ss()); return Status::OK();
    case ValueType::kNS: Union(&cur->ns(), v.ns()); return Status::OK();
    case ValueType::kBS: Union(&cur->bs(), v.bs()); return Status::OK();
    case ValueType::kL:
      if (!legacy) return mismatch;
      for (const auto& e : v.l()) cur->l().push_back(e);
      return Status::OK();
    default:
      return mismatch;
  }
}

Status DeleteAt(Item* item, const Path& path, const AttributeValue& v, bool legacy) {
  AttributeValue* cur = FindMutable(item, path, path.size());
  if (cur == nullptr) return Status::OK();
  if (cur->type() != v.type()) {
    return legacy ? Status::Validation("Type mismatch for attribute to update") : IncorrectDataType();
  }
  size_t left = 0;
  switch (v.type()) {
    case ValueType::kSS: Difference(&cur->ss(), v.ss()); left = cur->ss().size(); break;
    case ValueType::kNS: Difference(&cur->ns(), v.ns()); left = cur->ns().size(); break;
    case ValueType::kBS: Difference(&cur->bs(), v.bs()); left = cur->bs().size(); break;
    default:
      return legacy ? Status::Validation("Type mismatch for attribute to update") : IncorrectDataType();
  }
  if (left == 0) return RemoveAt(item, path);  // a set is never empty
  return Status::OK();
}

// Orders list-element removals so that removing one never shifts another:
// descending by path, indexes compared numerically.
bool PathGreater(const Path& a, const Path& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i] == b[i]) continue;
    if (a[i].is_index() && b[i].is_index()) return a[i].index > b[i].index;
    if (a[i].is_index() != b[i].is_index()) return a[i].is_index();
    return a[i].name > b[i].name;
  }
  return a.size() > b.size();
}

}  // namespace

Result<Update> Access::MakeUpdate(UpdateAst ast) {
  auto program = std::make_shared<UpdateProgram>();
  for (const auto& clause : ast.clauses) {
    for (const auto& a : clause.actions) {
      program->paths.push_back(a.resolved_path);
      program->top_level.insert(a.resolved_path[0].name);
      if (!a.has_value) continue;
      switch (a.kind) {
        case ActionKind::kSet:
          RETURN_IF_ERROR(CheckSetValue(a.value));
          break;
        case ActionKind::kAdd: {
          ValueType t = a.value.value.type();
          if (t != ValueType::kN && t != ValueType::kSS && t != ValueType::kNS && t != ValueType::kBS) {
            return Invalid(ExprKind::kUpdate, "Incorrect operand type for operator or function; operator: ADD, "
                                              "operand type: " + std::string(TypeWord(t)));
          }
          break;
        }
        case ActionKind::kDelete: {
          ValueType t = a.value.value.type();
          if (t != ValueType::kSS && t != ValueType::kNS && t != ValueType::kBS) {
            return Invalid(ExprKind::kUpdate, "Incorrect operand type for operator or function; operator: DELETE, "
                                              "operand type: " + std::string(TypeWord(t)));
          }
          break;
        }
        default:
          break;
      }
    }
  }
  RETURN_IF_ERROR(CheckPathOverlap(program->paths, ExprKind::kUpdate));
  program->updated = BuildProjectionTree(program->paths);
  program->ast = std::move(ast);
  Update u;
  u.program_ = std::move(program);
  return u;
}

}  // namespace internal

Status Update::Apply(const Item* old_item, Item* new_item) const {
  using internal::ActionKind;
  if (old_item != nullptr) *new_item = *old_item;
  if (program_ == nullptr) return Status::OK();
  const auto& clauses = program_->ast.clauses;
  // Phase 1: every SET value, against the item as it was.
  std::vector<AttributeValue> values;
  for (const auto& clause : clauses) {
    for (const auto& a : clause.actions) {
      if (a.kind == ActionKind::kSet) {
        ASSIGN_OR_RETURN(AttributeValue v, internal::EvalValue(a.value, *new_item));
        values.push_back(std::move(v));
      }
    }
  }
  // Phase 2: the actions, in order. SETs of list elements wait until the
  // other SETs are done and then go in index order, so that several
  // elements appended past the end land sorted by their index (DynamoDB's
  // documented behaviour).
  const bool item_exists = old_item != nullptr;
  size_t next_value = 0;
  std::vector<const Path*> list_removals;
  std::vector<std::pair<const Path*, AttributeValue*>> element_sets;
  for (const auto& clause : clauses) {
    for (const auto& a : clause.actions) {
      const Path& path = a.resolved_path;
      switch (a.kind) {
        case ActionKind::kSet:
          if (path.back().is_index()) {
            element_sets.emplace_back(&path, &values[next_value++]);
          } else {
            RETURN_IF_ERROR(internal::SetAt(new_item, path, std::move(values[next_value++])));
          }
          break;
        case ActionKind::kLegacyPut:
          RETURN_IF_ERROR(internal::SetAt(new_item, path, a.value.value));
          break;
        case ActionKind::kRemove:
          if (path.back().is_index()) {
            list_removals.push_back(&path);
          } else {
            RETURN_IF_ERROR(internal::RemoveNamed(new_item, path, item_exists));
          }
          break;
        case ActionKind::kAdd:
        case ActionKind::kLegacyAdd:
          RETURN_IF_ERROR(internal::AddAt(new_item, path, a.value.value, a.kind == ActionKind::kLegacyAdd));
          break;
        case ActionKind::kDelete:
        case ActionKind::kLegacyDelete:
          if (!a.has_value) {
            RETURN_IF_ERROR(internal::RemoveAt(new_item, path));
          } else {
            RETURN_IF_ERROR(internal::DeleteAt(new_item, path, a.value.value, a.kind == ActionKind::kLegacyDelete));
          }
          break;
      }
    }
  }
  std::stable_sort(element_sets.begin(), element_sets.end(),
                   [](const auto& x, const auto& y) { return internal::PathGreater(*y.first, *x.first); });
  for (auto& [path, value] : element_sets) {
    RETURN_IF_ERROR(internal::SetAt(new_item, *path, std::move(*value)));
  }
  std::sort(list_removals.begin(), list_removals.end(),
            [](const Path* x, const Path* y) { return internal::PathGreater(*x, *y); });
  for (const Path* p : list_removals) RETURN_IF_ERROR(internal::RemoveListElement(new_item, *p, item_exists));
  return Status::OK();
}

const std::set<std::string, std::less<>>& Update::top_level_attributes() const {
  static const std::set<std::string, std::less<>> kEmpty;
  return program_ ? program_->top_level : kEmpty;
}

const std::vector<Path>& Update::paths() const {
  static const std::vector<Path> kEmpty;
  return program_ ? program_->paths : kEmpty;
}

Item Update::UpdatedAttributes(const Item& item) const {
  if (program_ == nullptr) return Item();
  return internal::ProjectItem(*program_->updated, item);
}

std::string Update::DebugString() const {
  return program_ ? internal::PrintUpdate(program_->ast) : std::string();
}

}  // namespace dynarock::expr
