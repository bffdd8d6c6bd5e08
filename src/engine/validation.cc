#include "engine/validation.h"

#include <string>

namespace dynarock::engine {

void ConstraintErrors::Add(std::string_view value_text, std::string_view field,
                           std::string_view constraint, bool null_value) {
  std::string e = "Value ";
  if (null_value) {
    e += "null";
  } else {
    e += "'";
    e.append(value_text);
    e += "'";
  }
  e += " at '";
  e.append(field);
  e += "' failed to satisfy constraint: ";
  e.append(constraint);
  errors_.push_back(std::move(e));
}

Status ConstraintErrors::ToStatus() const {
  if (errors_.empty()) return Status::OK();
  std::string m = std::to_string(errors_.size());
  m += errors_.size() == 1 ? " validation error detected: " : " validation errors detected: ";
  for (size_t i = 0; i < errors_.size(); ++i) {
    if (i != 0) m += "; ";
    m += errors_[i];
  }
  return Status::Validation(std::move(m));
}

namespace {
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}
}  // namespace

void CheckResourceName(std::string_view name, std::string_view field, ConstraintErrors* errors) {
  bool ok = !name.empty();
  for (char c : name) ok = ok && IsNameChar(c);
  if (!ok) {
    errors->Add(name, field, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
  if (name.size() < kMinTableNameLength) {
    errors->Add(name, field, "Member must have length greater than or equal to 3");
  }
  if (name.size() > kMaxTableNameLength) {
    errors->Add(name, field, "Member must have length less than or equal to 255");
  }
}

Status ValidateTableName(std::string_view name) {
  // DynamoDB checks the length first, with its own sentence, then the
  // pattern as a constraint error.
  if (name.size() < kMinTableNameLength || name.size() > kMaxTableNameLength) {
    return Status::Validation(
        "TableName must be at least 3 characters long and at most 255 characters long");
  }
  ConstraintErrors errors;
  CheckResourceName(name, "tableName", &errors);
  return errors.ToStatus();
}

Status MissingParameter(std::string_view field) {
  return Status::Validation("The paramater '" + std::string(field) +
                            "' is required but was not present in the request");
}

Status NotYetSupported(std::string_view param) {
  return Status::Validation(std::string(param) + " is not yet supported");
}

}  // namespace dynarock::engine
