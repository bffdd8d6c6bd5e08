#include "api/validator.h"

#include <cstdint>
#include <string_view>

#include "api/value_json.h"

namespace dynarock::api {
namespace {

using nlohmann::json;

enum class ShapeType : uint8_t { kStructure, kList, kMap, kString, kInteger, kLong, kBoolean, kBlob, kDouble };
enum class Pattern : uint8_t { kNone, kTableNameChars };

struct MemberDef {
  std::string_view name;  // as on the wire: "TableName"
  std::string_view path;  // as in DynamoDB's messages: "tableName"
  int shape;
  bool required;
};

struct ShapeDef {
  std::string_view name;
  ShapeType type;
  bool has_min;
  int64_t min;
  bool has_max;
  int64_t max;
  int first_member;
  int member_count;
  int first_enum;
  int enum_count;
  int element;  // list member or map value shape
  int key;      // map key shape
  Pattern pattern;
  bool attribute_value;
};

struct OperationDef {
  std::string_view name;
  int shape;
};

#include "api/shapes.inc"

constexpr size_t kMaxErrors = 10;  // DynamoDB lists at most ten violations

bool MatchesPattern(Pattern p, std::string_view s) {
  switch (p) {
    case Pattern::kNone:
      return true;
    case Pattern::kTableNameChars:  // [a-zA-Z0-9_.-]+
      if (s.empty()) return false;
      for (char c : s) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                  c == '-';
        if (!ok) return false;
      }
      return true;
  }
  return true;
}

std::string_view PatternText(Pattern p) { return p == Pattern::kTableNameChars ? "[a-zA-Z0-9_.-]+" : ""; }

// DynamoDB measures string lengths in UTF-16 code units (Java strings).
int64_t Utf16Length(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;  // a lead byte starts a code point
    if ((c & 0xF8) == 0xF0) ++n;  // 4-byte sequences are surrogate pairs
  }
  return n;
}

// How DynamoDB prints a value inside "Value '...' at": Java's toString
// ("[a, b]" for lists, "{k=v}" for maps). Nesting beyond a few levels prints
// as "..." so that a hostile, deeply nested request cannot exhaust the stack
// while its error message is written.
std::string ValueText(const json& j, int depth = 0) {
  constexpr int kMaxDepth = 8;
  if (j.is_string()) return j.get_ref<const std::string&>();
  if (j.is_array() || j.is_object()) {
    if (depth >= kMaxDepth) return "...";
    std::string out = j.is_array() ? "[" : "{";
    bool first = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!first) out += ", ";
      first = false;
      if (j.is_object()) out += it.key() + "=";
      out += ValueText(*it, depth + 1);
    }
    return out + (j.is_array() ? "]" : "}");
  }
  return j.dump();  // a scalar: no recursion
}

// Where a value sits in the request, built only when a message needs it:
// a valid request walks the model without allocating path strings.
struct PathNode {
  const PathNode* parent;
  std::string_view name;  // member name in DynamoDB's spelling, or a map key
  int64_t index;          // 1-based list position (name empty), or 0
  bool member_suffix;     // list elements and map values read "<x>.member"
};

std::string PathText(const PathNode* node) {
  if (node == nullptr) return "";
  std::string out = PathText(node->parent);
  if (!out.empty()) out += '.';
  if (node->name.empty()) {
    out += std::to_string(node->index);
  } else {
    out += node->name;
  }
  if (node->member_suffix) out += ".member";
  return out;
}

class Checker {
 public:
  explicit Checker(std::vector<std::string>* errors) : errors_(errors) {}

  Status Check(int shape_index, const json& j, const PathNode* path, bool in_collection) {
    const ShapeDef& shape = kShapes[shape_index];
    if (shape.attribute_value) return Status::OK();  // value_json.cc
    switch (shape.type) {
      case ShapeType::kStructure:
        return CheckStructure(shape, j, path, in_collection);
      case ShapeType::kList:
        return CheckList(shape, j, path);
      case ShapeType::kMap:
        return CheckMap(shape, j, path);
      case ShapeType::kString:
        return CheckString(shape, j, path);
      case ShapeType::kInteger:
      case ShapeType::kLong:
        return CheckInteger(shape, j, path);
      case ShapeType::kDouble:
        if (!j.is_number()) return Status::Serialization(ScalarTypeMismatch(j, "Double"));
        return Status::OK();
      case ShapeType::kBoolean:
        if (!j.is_boolean()) return Status::Serialization(ScalarTypeMismatch(j, "Boolean"));
        return Status::OK();
      case ShapeType::kBlob:
        if (!j.is_string()) return Status::Serialization("only base-64-encoded strings are convertible to bytes");
        return Status::OK();
    }
    return Status::OK();
  }

  Status CheckStructure(const ShapeDef& shape, const json& j, const PathNode* path, bool in_collection) {
    if (!j.is_object()) {
      if (j.is_array()) {
        return Status::Serialization("Unrecognized collection type class com.amazonaws.dynamodb.v20120810." +
                                     std::string(shape.name));
      }
      return Status::Serialization(in_collection ? "Unexpected value type in payload" : "Unexpected field type");
    }
    for (int i = 0; i < shape.member_count; ++i) {
      const MemberDef& m = kMembers[shape.first_member + i];
      auto it = j.find(m.name);
      PathNode member_path{path, m.path, 0, false};
      if (it == j.end() || it->is_null()) {
        if (m.required) {
          Add("Value null at '" + PathText(&member_path) + "' failed to satisfy constraint: Member must not be null");
        }
        continue;
      }
      RETURN_IF_ERROR(Check(m.shape, *it, &member_path, false));
    }
    return Status::OK();
  }

  Status CheckList(const ShapeDef& shape, const json& j, const PathNode* path) {
    if (!j.is_array()) {
      if (j.is_object()) return Status::Serialization("Start of structure or map found where not expected");
      return Status::Serialization("Unexpected field type");
    }
    CheckSize(shape, j, static_cast<int64_t>(j.size()), path);
    int64_t i = 0;
    for (const json& e : j) {
      ++i;
      if (e.is_null()) continue;
      PathNode element_path{path, {}, i, true};
      RETURN_IF_ERROR(Check(shape.element, e, &element_path, true));
    }
    return Status::OK();
  }

  Status CheckMap(const ShapeDef& shape, const json& j, const PathNode* path) {
    if (!j.is_object()) {
      if (j.is_array()) {
        return Status::Serialization("Unrecognized collection type java.util.Map<java.lang.String, " +
                                     JavaTypeName(shape.element) + ">");
      }
      return Status::Serialization("Unexpected field type");
    }
    CheckSize(shape, j, static_cast<int64_t>(j.size()), path);
    const ShapeDef& key = kShapes[shape.key];
    const bool check_keys = key.has_min || key.has_max || key.pattern != Pattern::kNone;
    const bool check_values = !kShapes[shape.element].attribute_value;
    std::string key_errors;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (check_keys && key_errors.empty()) key_errors = KeyViolations(key, it.key());
      if (!check_values || it->is_null()) continue;
      PathNode value_path{path, it.key(), 0, true};
      RETURN_IF_ERROR(Check(shape.element, *it, &value_path, true));
    }
    if (!key_errors.empty()) {
      Add("Value '" + ValueText(j) + "' at '" + PathText(path) +
          "' failed to satisfy constraint: Map keys must satisfy constraint: [" + key_errors + "]");
    }
    return Status::OK();
  }

  Status CheckString(const ShapeDef& shape, const json& j, const PathNode* path) {
    if (!j.is_string()) return Status::Serialization(ScalarTypeMismatch(j, "String"));
    const std::string& s = j.get_ref<const std::string&>();
    if (shape.enum_count > 0) {
      bool found = false;
      for (int i = 0; i < shape.enum_count && !found; ++i) found = kEnumValues[shape.first_enum + i] == s;
      if (!found) {
        std::string set;
        for (int i = 0; i < shape.enum_count; ++i) {
          if (i > 0) set += ", ";
          set += kEnumValues[shape.first_enum + i];
        }
        Violation(s, path, "Member must satisfy enum value set: [" + set + "]");
      }
    }
    if (!MatchesPattern(shape.pattern, s)) {
      Violation(s, path, "Member must satisfy regular expression pattern: " + std::string(PatternText(shape.pattern)));
    }
    if (shape.has_min || shape.has_max) CheckSize(shape, j, Utf16Length(s), path);
    return Status::OK();
  }

  Status CheckInteger(const ShapeDef& shape, const json& j, const PathNode* path) {
    if (!j.is_number()) {
      return Status::Serialization(ScalarTypeMismatch(j, shape.type == ShapeType::kLong ? "Long" : "Integer"));
    }
    // A fraction is truncated, as DynamoDB's deserialiser does.
    double d = j.get<double>();
    std::string text = j.is_number_float() ? std::to_string(static_cast<int64_t>(d)) : j.dump();
    if (shape.has_min && d < static_cast<double>(shape.min)) {
      Violation(text, path, "Member must have value greater than or equal to " + std::to_string(shape.min));
    }
    if (shape.has_max && d > static_cast<double>(shape.max)) {
      Violation(text, path, "Member must have value less than or equal to " + std::to_string(shape.max));
    }
    return Status::OK();
  }

 private:
  void CheckSize(const ShapeDef& shape, const json& j, int64_t size, const PathNode* path) {
    if (shape.has_min && size < shape.min) {
      Violation(ValueText(j), path, "Member must have length greater than or equal to " + std::to_string(shape.min));
    }
    if (shape.has_max && size > shape.max) {
      Violation(ValueText(j), path, "Member must have length less than or equal to " + std::to_string(shape.max));
    }
  }

  static std::string KeyViolations(const ShapeDef& key, const std::string& k) {
    std::string out;
    auto add = [&](const std::string& m) {
      if (!out.empty()) out += ", ";
      out += m;
    };
    int64_t len = Utf16Length(k);
    if (key.has_max && len > key.max) add("Member must have length less than or equal to " + std::to_string(key.max));
    if (key.has_min && len < key.min)
      add("Member must have length greater than or equal to " + std::to_string(key.min));
    if (!MatchesPattern(key.pattern, k)) {
      add("Member must satisfy regular expression pattern: " + std::string(PatternText(key.pattern)));
    }
    return out;
  }

  static std::string JavaTypeName(int shape_index) {
    const ShapeDef& s = kShapes[shape_index];
    switch (s.type) {
      case ShapeType::kString:
        return "java.lang.String";
      case ShapeType::kList:
        return "java.util.List<" + JavaTypeName(s.element) + ">";
      case ShapeType::kMap:
        return "java.util.Map<java.lang.String, " + JavaTypeName(s.element) + ">";
      default:
        return "com.amazonaws.dynamodb.v20120810." + std::string(s.name);
    }
  }

  void Violation(const std::string& value, const PathNode* path, const std::string& constraint) {
    Add("Value '" + value + "' at '" + PathText(path) + "' failed to satisfy constraint: " + constraint);
  }

  void Add(std::string e) {
    if (errors_->size() < kMaxErrors) errors_->push_back(std::move(e));
  }

  std::vector<std::string>* errors_;
};

}  // namespace

OperationShape FindOperationShape(std::string_view operation) {
  for (const OperationDef& op : kOperationShapes) {
    if (op.name == operation) return {true, op.shape};
  }
  return {};
}

Status CheckShape(int shape, const json& body, std::vector<std::string>* errors) {
  if (shape < 0) return Status::OK();
  Checker checker(errors);
  return checker.Check(shape, body, nullptr, false);
}

Status ValidationErrors(const std::vector<std::string>& errors) {
  std::string msg =
      std::to_string(errors.size()) + (errors.size() == 1 ? " validation error" : " validation errors") + " detected: ";
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) msg += "; ";
    msg += errors[i];
  }
  return Status::Validation(std::move(msg));
}

}  // namespace dynarock::api
