// Helpers shared by the expression tests.
#pragma once

#include <optional>
#include <string>

#include "dynarock/requests.h"
#include "expr/expr.h"

namespace dynarock::expr::testing {

inline AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
inline AttributeValue N(std::string_view n) { return AttributeValue::N(n); }
inline AttributeValue B(std::string b) { return AttributeValue::B(std::move(b)); }

// The names and values of one request, and the compiled pieces.
struct Request {
  std::optional<ExpressionAttributeNames> names;
  std::optional<ExpressionAttributeValues> values;
};

// Compiles text as a ConditionExpression and returns the error message, or
// "" when it compiled.
inline std::string ConditionError(const std::string& text, const Request& r = {}) {
  Compiler c(r.names, r.values);
  auto res = c.CompileCondition(text);
  return res.ok() ? std::string() : res.status().message();
}

inline std::string UpdateError(const std::string& text, const Request& r = {}) {
  Compiler c(r.names, r.values);
  auto res = c.CompileUpdate(text);
  return res.ok() ? std::string() : res.status().message();
}

inline std::string ProjectionError(const std::string& text, const Request& r = {}) {
  Compiler c(r.names, r.values);
  auto res = c.CompileProjection(text);
  return res.ok() ? std::string() : res.status().message();
}

// Evaluates a ConditionExpression on item (null = no item). Aborts the test
// through Catch when the expression does not compile.
inline Result<bool> EvalCondition(const std::string& text, const Item* item, const Request& r = {}) {
  Compiler c(r.names, r.values);
  auto res = c.CompileCondition(text);
  if (!res.ok()) return res.status();
  return res->Evaluate(item);
}

}  // namespace dynarock::expr::testing
