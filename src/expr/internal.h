// Internal glue between the parts of src/expr (not for other layers).
#pragma once

#include <memory>
#include <vector>

#include "expr/ast.h"
#include "expr/expr.h"
#include "expr/parser.h"

namespace dynarock::expr::internal {

// A tree of projected paths: a node is either wanted whole, or has children
// by map key and by list index.
struct ProjectionNode {
  bool whole = false;
  std::map<std::string, std::unique_ptr<ProjectionNode>, std::less<>> names;
  std::map<int64_t, std::unique_ptr<ProjectionNode>> indexes;
};

struct Access {
  static Projection MakeProjection(std::vector<Path> paths);
  static Result<Update> MakeUpdate(UpdateAst ast);
  static Condition MakeCondition(std::unique_ptr<CondNode> root);
  static const CondNode* Root(const Condition& c) { return c.root_.get(); }
};

inline Projection MakeProjection(std::vector<Path> paths) {
  return Access::MakeProjection(std::move(paths));
}
inline Result<Update> MakeUpdate(UpdateAst ast) { return Access::MakeUpdate(std::move(ast)); }

// Rejects overlapping ("[a]" and "[a, b]", or the same path twice) and
// conflicting ("[a, [1]]" and "[a, b]") paths with DynamoDB's messages.
Status CheckPathOverlap(const std::vector<Path>& paths, ExprKind kind);

// Builds a KeyCondition from a resolved KeyConditionExpression tree,
// rejecting what a key condition may not contain.
Result<KeyCondition> KeyConditionFromTree(const CondNode& root);

// The part of value under node (nullopt when nothing of it is projected).
std::optional<AttributeValue> ProjectValue(const ProjectionNode& node, const AttributeValue& value);
Item ProjectItem(const ProjectionNode& root, const Item& item);
std::unique_ptr<ProjectionNode> BuildProjectionTree(const std::vector<Path>& paths);

}  // namespace dynarock::expr::internal
