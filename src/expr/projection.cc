// ProjectionExpression / AttributesToGet, and the UPDATED_* projection.
//
// DynamoDB keeps, for each projected path, the value under it and the maps
// and lists that lead to it; list elements that are projected keep their
// relative order and are packed together (a[1], a[3] of [x, y, z, w] gives
// [y, w]). A path that does not exist in the item contributes nothing, and a
// map or list that ends up with nothing projected in it is left out.

#include <algorithm>

#include "expr/internal.h"

namespace dynarock::expr {
namespace internal {

std::unique_ptr<ProjectionNode> BuildProjectionTree(const std::vector<Path>& paths) {
  auto root = std::make_unique<ProjectionNode>();
  for (const Path& p : paths) {
    ProjectionNode* cur = root.get();
    for (const PathElement& e : p) {
      if (cur->whole) break;  // an overlapping longer path adds nothing
      std::unique_ptr<ProjectionNode>& child =
          e.is_index() ? cur->indexes[e.index] : cur->names[e.name];
      if (!child) child = std::make_unique<ProjectionNode>();
      cur = child.get();
    }
    cur->whole = true;
    cur->names.clear();
    cur->indexes.clear();
  }
  return root;
}

// Recursion follows the item's own nesting (at most 32 levels in a valid
// item), not the length of the projected paths.
std::optional<AttributeValue> ProjectValue(const ProjectionNode& node, const AttributeValue& value) {
  if (node.whole) return value;
  if (value.type() == ValueType::kM && !node.names.empty()) {
    AttributeValue::Map out;
    const auto& m = value.m();
    for (const auto& [name, child] : node.names) {
      auto it = m.find(name);
      if (it == m.end()) continue;
      std::optional<AttributeValue> v = ProjectValue(*child, it->second);
      if (v) out.emplace(name, std::move(*v));
    }
    if (out.empty()) return std::nullopt;
    return AttributeValue::M(std::move(out));
  }
  if (value.type() == ValueType::kL && !node.indexes.empty()) {
    AttributeValue::List out;
    const auto& l = value.l();
    for (const auto& [index, child] : node.indexes) {
      if (index >= static_cast<int64_t>(l.size())) break;
      std::optional<AttributeValue> v = ProjectValue(*child, l[static_cast<size_t>(index)]);
      if (v) out.push_back(std::move(*v));
    }
    if (out.empty()) return std::nullopt;
    return AttributeValue::L(std::move(out));
  }
  return std::nullopt;
}

Item ProjectItem(const ProjectionNode& root, const Item& item) {
  Item out;
  for (const auto& [name, child] : root.names) {
    auto it = item.find(name);
    if (it == item.end()) continue;
    std::optional<AttributeValue> v = ProjectValue(*child, it->second);
    if (v) out.emplace(name, std::move(*v));
  }
  return out;
}

Projection Access::MakeProjection(std::vector<Path> paths) {
  Projection p;
  for (const Path& path : paths) {
    if (path.empty() || path[0].is_index()) continue;
    if (std::find(p.top_level_.begin(), p.top_level_.end(), path[0].name) == p.top_level_.end()) {
      p.top_level_.push_back(path[0].name);
    }
  }
  p.tree_ = BuildProjectionTree(paths);
  p.paths_ = std::move(paths);
  return p;
}

}  // namespace internal

Item Projection::Apply(const Item& item) const {
  if (tree_ == nullptr) return item;
  return internal::ProjectItem(*tree_, item);
}

}  // namespace dynarock::expr
