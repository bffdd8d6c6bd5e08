// Abstract syntax of DynamoDB expressions (internal to src/expr).
//
// The parser builds these trees from text with names and values still
// unresolved (a path element may be "#n", an operand may be ":v"); the
// compiler then fills in the resolved_* fields. Printing gives back
// expression text that parses to an equal tree (the syntactic fields only),
// which the round-trip property test checks.
//
// Tree depth is bounded by the parser (nesting depth 32, 300 operators and
// 4 KB of text), so recursive walks over a parsed tree are bounded too.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/value.h"
#include "expr/expr.h"

namespace dynarock::expr::internal {

enum class OperandKind : uint8_t {
  kPath,         // a.b[1]
  kValue,        // :v
  kSize,         // size(path)                      (conditions)
  kIfNotExists,  // if_not_exists(path, value)      (SET values)
  kListAppend,   // list_append(value, value)       (SET values)
  kPlus,         // value + value                   (SET values)
  kMinus,        // value - value                   (SET values)
};

struct Operand {
  OperandKind kind = OperandKind::kPath;
  Path path;                  // kPath, kSize: names as written ("#n" or "a")
  std::string value_ref;      // kValue: ":v"
  std::vector<Operand> args;  // kIfNotExists {path, value}; kListAppend, kPlus, kMinus {a, b}
  int parens = 0;             // enclosing parentheses (SET values only)

  // Filled by the compiler.
  Path resolved_path;
  AttributeValue value;

  // Syntactic equality (what the round-trip property compares).
  bool SameSyntax(const Operand& o) const;
};

enum class CondKind : uint8_t {
  kCompare, kBetween, kIn, kAnd, kOr, kNot,
  kAttributeExists, kAttributeNotExists, kAttributeType, kBeginsWith, kContains,
};
enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };
std::string_view CompareOpText(CompareOp op);
std::string_view FunctionName(CondKind kind);  // for the function kinds

struct CondNode {
  CondKind kind = CondKind::kCompare;
  CompareOp op = CompareOp::kEq;
  // kCompare {lhs, rhs}; kBetween {x, lo, hi}; kIn {x, v1..vn};
  // kAttributeExists/NotExists {path}; kAttributeType/BeginsWith/Contains {a, b}.
  std::vector<Operand> operands;
  std::unique_ptr<CondNode> left, right;  // kAnd/kOr {left, right}; kNot {left}
  int parens = 0;                         // enclosing parentheses

  bool SameSyntax(const CondNode& o) const;
};

enum class ActionKind : uint8_t {
  kSet, kRemove, kAdd, kDelete,
  // Legacy AttributeUpdates (top-level paths only).
  kLegacyPut, kLegacyAdd, kLegacyDelete,  // kLegacyDelete without value removes
};

struct UpdateAction {
  ActionKind kind = ActionKind::kSet;
  Path path;        // as written
  Operand value;    // kSet: the value; kAdd/kDelete: the :value operand
  bool has_value = true;
  Path resolved_path;
};

struct UpdateClause {
  ActionKind kind = ActionKind::kSet;
  std::vector<UpdateAction> actions;
};

struct UpdateAst {
  std::vector<UpdateClause> clauses;  // in the order written
  bool SameSyntax(const UpdateAst& o) const;
};

struct ProjectionNode;

// The compiled form behind expr::Update.
struct UpdateProgram {
  UpdateAst ast;
  std::vector<Path> paths;                         // resolved, action order
  std::set<std::string, std::less<>> top_level;    // resolved first elements
  std::shared_ptr<const ProjectionNode> updated;   // projection over paths
};

// Text of a path as written: a.#b[3].c
std::string PrintPath(const Path& path);
std::string PrintOperand(const Operand& op);
std::string PrintCondition(const CondNode& node);
std::string PrintUpdate(const UpdateAst& ast);
std::string PrintProjection(const std::vector<Path>& paths);

// DynamoDB's rendering of a path in messages: [a, b, [2]].
std::string PathForMessage(const Path& path);

}  // namespace dynarock::expr::internal
