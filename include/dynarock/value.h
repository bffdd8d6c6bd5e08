// AttributeValue and Item: DynamoDB's data model.
//
// An AttributeValue is one of the ten DynamoDB types: S (string), N (number),
// B (binary), BOOL, NULL, M (map), L (list), SS, NS, BS (sets). An Item maps
// attribute names to values (status.h declares the alias).
//
// Values built through the factory functions are not validated (a set may be
// empty or hold duplicates); ValidateValue() checks DynamoDB's rules, and the
// engine calls it on every value that comes in.
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "dynarock/number.h"
#include "dynarock/status.h"

namespace dynarock {

// DO NOT CHANGE OR REORDER: the numeric values are on disk (item codec tags).
enum class ValueType : uint8_t {
  kS = 0,
  kN = 1,
  kB = 2,
  kBool = 3,
  kNull = 4,
  kM = 5,
  kL = 6,
  kSS = 7,
  kNS = 8,
  kBS = 9,
};

// "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
std::string_view ValueTypeName(ValueType type);

class AttributeValue {
 public:
  using Map = std::map<std::string, AttributeValue, std::less<>>;
  using List = std::vector<AttributeValue>;

  // Strong wrappers so that S and B (both byte strings) and the three set
  // kinds are distinct alternatives.
  struct String { std::string v; bool operator==(const String&) const = default; };
  struct Binary { std::string v; bool operator==(const Binary&) const = default; };
  struct Null { bool operator==(const Null&) const = default; };
  struct StringSet { std::vector<std::string> v; };
  struct NumberSet { std::vector<Number> v; };
  struct BinarySet { std::vector<std::string> v; };

  AttributeValue() : v_(Null{}) {}  // NULL

  static AttributeValue S(std::string s) { return AttributeValue(String{std::move(s)}); }
  static AttributeValue N(Number n) { return AttributeValue(std::move(n)); }
  // REQUIRES: text is a valid number (aborts otherwise); for tests and examples.
  static AttributeValue N(std::string_view text);
  static AttributeValue B(std::string bytes) { return AttributeValue(Binary{std::move(bytes)}); }
  static AttributeValue Bool(bool b) { return AttributeValue(b); }
  static AttributeValue MakeNull() { return AttributeValue(Null{}); }
  static AttributeValue M(Map m) { return AttributeValue(std::move(m)); }
  static AttributeValue L(List l) { return AttributeValue(std::move(l)); }
  static AttributeValue SS(std::vector<std::string> s) { return AttributeValue(StringSet{std::move(s)}); }
  static AttributeValue NS(std::vector<Number> s) { return AttributeValue(NumberSet{std::move(s)}); }
  static AttributeValue BS(std::vector<std::string> s) { return AttributeValue(BinarySet{std::move(s)}); }

  ValueType type() const { return static_cast<ValueType>(v_.index()); }

  // Accessors. REQUIRES: type() is the matching type.
  const std::string& s() const { return std::get<String>(v_).v; }
  const Number& n() const { return std::get<Number>(v_); }
  const std::string& b() const { return std::get<Binary>(v_).v; }
  bool boolean() const { return std::get<bool>(v_); }
  const Map& m() const { return std::get<Map>(v_); }
  Map& m() { return std::get<Map>(v_); }
  const List& l() const { return std::get<List>(v_); }
  List& l() { return std::get<List>(v_); }
  const std::vector<std::string>& ss() const { return std::get<StringSet>(v_).v; }
  const std::vector<Number>& ns() const { return std::get<NumberSet>(v_).v; }
  const std::vector<std::string>& bs() const { return std::get<BinarySet>(v_).v; }
  std::vector<std::string>& ss() { return std::get<StringSet>(v_).v; }
  std::vector<Number>& ns() { return std::get<NumberSet>(v_).v; }
  std::vector<std::string>& bs() { return std::get<BinarySet>(v_).v; }

  bool is_set() const {
    auto t = type();
    return t == ValueType::kSS || t == ValueType::kNS || t == ValueType::kBS;
  }

  // DynamoDB equality: same type and same value; sets compare as sets
  // (order-insensitive), numbers numerically, maps by keys and values.
  bool operator==(const AttributeValue& other) const;

  // Debug text in DynamoDB JSON-like form, e.g. {"S":"x"}.
  std::string DebugString() const;

 private:
  using Variant = std::variant<String, Number, Binary, bool, Null, Map, List,
                               StringSet, NumberSet, BinarySet>;
  template <typename T>
    requires(!std::is_same_v<std::decay_t<T>, AttributeValue>)
  explicit AttributeValue(T v) : v_(std::move(v)) {}
  Variant v_;
};

// Size of an attribute value by DynamoDB's rules (strings: UTF-8 bytes;
// numbers: about (significant digits)/2 + 1 bytes; binary: bytes; BOOL/NULL:
// 1; M and L: 3 bytes + contents + 1 byte per element; sets: sum of
// elements). Attribute names are counted by ItemSize.
int64_t ValueSize(const AttributeValue& v);
// Item size by DynamoDB's rules: sum over attributes of name length + value size.
int64_t ItemSize(const Item& item);

// Checks DynamoDB's rules for a value that comes in: sets are non-empty and
// duplicate-free (numbers compared numerically), nesting depth at most 32.
// Returns ValidationException with DynamoDB's message otherwise.
Status ValidateValue(const AttributeValue& v);

// Debug text of an item.
std::string ItemDebugString(const Item& item);

}  // namespace dynarock
