// Recursive-descent parser for the five expression kinds (internal).
//
// Depth-limited: nesting (parentheses, NOT, function arguments) deeper than
// kMaxNestingDepth is an error, so parsing uses bounded stack whatever the
// input. Every error is a ValidationException whose message starts with
// "Invalid <Kind>Expression: ".
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "dynarock/status.h"
#include "expr/ast.h"

namespace dynarock::expr::internal {

constexpr size_t kMaxExpressionBytes = 4096;
constexpr int kMaxOperators = 300;
constexpr size_t kMaxInOperands = 100;
constexpr int kMaxNestingDepth = 32;

enum class ExprKind : uint8_t { kCondition, kFilter, kKeyCondition, kUpdate, kProjection };

// "ConditionExpression", "FilterExpression", ...
std::string_view ExprKindName(ExprKind kind);
// ValidationException "Invalid <kind>: <message>".
Status Invalid(ExprKind kind, std::string_view message);

// kind is kCondition, kFilter or kKeyCondition (it only changes messages).
Result<std::unique_ptr<CondNode>> ParseCondition(std::string_view text, ExprKind kind);
Result<UpdateAst> ParseUpdate(std::string_view text);
Result<std::vector<Path>> ParseProjection(std::string_view text);

}  // namespace dynarock::expr::internal
