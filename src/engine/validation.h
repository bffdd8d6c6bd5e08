// Request validation shared by the operations: table names, numeric
// ranges, and DynamoDB's "N validation error(s) detected" constraint
// messages. Every message here is DynamoDB's own wording.
//
// Thread-safety: free functions and a value type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dynarock/status.h"

namespace dynarock::engine {

// Collects constraint violations and renders them the way DynamoDB does:
// "1 validation error detected: Value 'x' at 'tableName' failed to satisfy
// constraint: Member must ...; Value ..." (errors joined by "; ").
class ConstraintErrors {
 public:
  // value_text is the offending value as DynamoDB prints it (without
  // quotes); null_value true prints "null" instead of a quoted value.
  void Add(std::string_view value_text, std::string_view field, std::string_view constraint,
           bool null_value = false);
  bool empty() const { return errors_.empty(); }
  // OK if nothing was added, else a ValidationException.
  Status ToStatus() const;

 private:
  std::vector<std::string> errors_;
};

inline constexpr size_t kMinTableNameLength = 3;
inline constexpr size_t kMaxTableNameLength = 255;

// DynamoDB's table-name rules: 3..255 characters of [a-zA-Z0-9_.-].
// Returns ValidationException with DynamoDB's message otherwise.
Status ValidateTableName(std::string_view name);

// Adds the regex/length constraint errors of an index or other resource
// name (3..255, [a-zA-Z0-9_.-]) at the given field.
void CheckResourceName(std::string_view name, std::string_view field, ConstraintErrors* errors);

// "The paramater 'x' is required but was not present in the request"
// (sic: DynamoDB misspells it).
Status MissingParameter(std::string_view field);

// Reason text returned where a request carries a feature that a later
// issue adds (expressions, indexes, ...): "<param> is not yet supported".
Status NotYetSupported(std::string_view param);

}  // namespace dynarock::engine
