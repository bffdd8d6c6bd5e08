// AttributeValue: equality, debug text, DynamoDB sizes and validation.
//
// Sizes and messages are real DynamoDB's:
// - number sizes: byte-exact captures at the 400 KB gate against eu-west-2
//   (the dynamodb-conformance suite's CAPTURED_NUMBER_BYTES, cited in
//   nubo-db/dynoxide PR #195), and dynalite's item-size tests with 126-digit
//   numbers (test/batchWriteItem.js);
// - other sizes: the developer guide's "Item sizes and formats" page;
// - validation messages: dynalite's validation tests ("should return
//   ValidationException for invalid values in Item") and the conformance
//   suite's nesting tests (31 wraps accepted, 32 rejected).

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "dynarock/value.h"

namespace dynarock {
namespace {

using AV = AttributeValue;

Number Num(std::string_view s) { return AV::N(s).n(); }

TEST_CASE("ValueTypeName", "[value]") {
  CHECK(ValueTypeName(ValueType::kS) == "S");
  CHECK(ValueTypeName(ValueType::kN) == "N");
  CHECK(ValueTypeName(ValueType::kB) == "B");
  CHECK(ValueTypeName(ValueType::kBool) == "BOOL");
  CHECK(ValueTypeName(ValueType::kNull) == "NULL");
  CHECK(ValueTypeName(ValueType::kM) == "M");
  CHECK(ValueTypeName(ValueType::kL) == "L");
  CHECK(ValueTypeName(ValueType::kSS) == "SS");
  CHECK(ValueTypeName(ValueType::kNS) == "NS");
  CHECK(ValueTypeName(ValueType::kBS) == "BS");
  CHECK(AV::S("x").type() == ValueType::kS);
  CHECK(AV::N("1").type() == ValueType::kN);
  CHECK(AV::BS({"a"}).type() == ValueType::kBS);
  CHECK(AV().type() == ValueType::kNull);
}

TEST_CASE("AttributeValue equality follows DynamoDB", "[value]") {
  CHECK(AV::S("a") == AV::S("a"));
  CHECK_FALSE(AV::S("a") == AV::S("b"));
  CHECK_FALSE(AV::S("a") == AV::B("a"));  // same bytes, different type
  CHECK(AV::N("1") == AV::N("1.0"));
  CHECK(AV::N("1E2") == AV::N("100"));
  CHECK_FALSE(AV::N("1") == AV::N("-1"));
  CHECK_FALSE(AV::N("1") == AV::S("1"));
  CHECK(AV::Bool(true) == AV::Bool(true));
  CHECK_FALSE(AV::Bool(true) == AV::Bool(false));
  CHECK(AV::MakeNull() == AV());
  CHECK_FALSE(AV::MakeNull() == AV::Bool(false));
  // Sets: order-insensitive; numbers numerically.
  CHECK(AV::SS({"a", "b", "c"}) == AV::SS({"c", "a", "b"}));
  CHECK_FALSE(AV::SS({"a", "b"}) == AV::SS({"a", "c"}));
  CHECK_FALSE(AV::SS({"a", "b"}) == AV::SS({"a", "b", "c"}));
  CHECK_FALSE(AV::SS({"a"}) == AV::BS({"a"}));
  CHECK(AV::NS({Num("1"), Num("2")}) == AV::NS({Num("2.0"), Num("1E0")}));
  CHECK_FALSE(AV::NS({Num("1"), Num("2")}) == AV::NS({Num("1"), Num("3")}));
  CHECK(AV::BS({std::string("\x00\x01", 2), "z"}) == AV::BS({"z", std::string("\x00\x01", 2)}));
  CHECK_FALSE(AV::BS({std::string("\x00", 1)}) == AV::BS({std::string("\x00\x00", 2)}));
  // Unvalidated sets with duplicates still compare as sets.
  CHECK(AV::SS({"a", "a", "b"}) == AV::SS({"b", "a"}));
  // Lists are ordered; maps compare keys and values.
  CHECK(AV::L({AV::S("a"), AV::N("1")}) == AV::L({AV::S("a"), AV::N("1.00")}));
  CHECK_FALSE(AV::L({AV::S("a"), AV::N("1")}) == AV::L({AV::N("1"), AV::S("a")}));
  CHECK_FALSE(AV::L({AV::S("a")}) == AV::L({AV::S("a"), AV::S("a")}));
  AV::Map m1{{"x", AV::N("1")}, {"y", AV::SS({"p", "q"})}};
  AV::Map m2{{"y", AV::SS({"q", "p"})}, {"x", AV::N("1.0")}};
  CHECK(AV::M(m1) == AV::M(m2));
  AV::Map m3{{"x", AV::N("1")}, {"z", AV::SS({"p", "q"})}};
  CHECK_FALSE(AV::M(m1) == AV::M(m3));
  AV::Map m4{{"x", AV::N("1")}};
  CHECK_FALSE(AV::M(m1) == AV::M(m4));
  CHECK(AV::M({}) == AV::M({}));
  CHECK_FALSE(AV::M({}) == AV::L({}));
}

TEST_CASE("DebugString is DynamoDB-JSON-like and deterministic", "[value]") {
  CHECK(AV::S("x").DebugString() == R"({"S":"x"})");
  CHECK(AV::S("a\"b\\c\n\x01").DebugString() == R"({"S":"a\"b\\c\n\u0001"})");
  CHECK(AV::N("1.50").DebugString() == R"({"N":"1.5"})");
  CHECK(AV::N("-1E3").DebugString() == R"({"N":"-1000"})");
  CHECK(AV::B("b").DebugString() == R"({"B":"Yg=="})");
  CHECK(AV::B("abc").DebugString() == R"({"B":"YWJj"})");
  CHECK(AV::B("ab").DebugString() == R"({"B":"YWI="})");
  CHECK(AV::Bool(false).DebugString() == R"({"BOOL":false})");
  CHECK(AV::MakeNull().DebugString() == R"({"NULL":true})");
  CHECK(AV::SS({"b", "a"}).DebugString() == R"({"SS":["b","a"]})");
  CHECK(AV::NS({Num("10"), Num("0.5")}).DebugString() == R"({"NS":["10","0.5"]})");
  CHECK(AV::BS({"b"}).DebugString() == R"({"BS":["Yg=="]})");
  AV::Map m{{"z", AV::L({AV::N("1"), AV::S("s")})}, {"a", AV::M({})}};
  CHECK(AV::M(m).DebugString() == R"({"M":{"a":{"M":{}},"z":{"L":[{"N":"1"},{"S":"s"}]}}})");
  Item item{{"pk", AV::S("k")}, {"n", AV::N("2")}};
  CHECK(ItemDebugString(item) == R"({"n":{"N":"2"},"pk":{"S":"k"}})");
  CHECK(ItemDebugString({}) == "{}");
}

TEST_CASE("Number sizes match DynamoDB's measurements", "[value][size]") {
  // (literal, bytes) captured byte-exact at the 400 KB gate.
  const std::vector<std::pair<std::string, int64_t>> captured = {
      {"0", 1}, {"1", 2}, {"12", 2}, {"123", 3}, {"1234", 3},
      {"12345678901234567890123456789012345678", 20}, {"0042", 2}, {"100", 2},
      {"1010", 3}, {"0.0000001", 2}, {"1E125", 2}, {"1E-100", 2}, {"1.5", 3},
      {"15", 2}, {"1.2", 3}, {"1.200", 3}, {"1.234", 4}, {"3.14159", 5},
      {"123456", 4}, {"100.5", 4}, {"0.15", 2}, {"-42", 3}, {"-0", 1},
  };
  for (const auto& [lit, bytes] : captured) {
    INFO("literal " << lit);
    CHECK(ValueSize(AV::N(lit)) == bytes);
  }
  // dynalite's item-size tests (run against DynamoDB): 126-digit numbers.
  auto n126 = [](int ones) { return std::string(ones, '1') + std::string(126 - ones, '0'); };
  CHECK(ValueSize(AV::N("1" + std::string(125, '0'))) == 2);
  CHECK(ValueSize(AV::N(n126(2))) == 2);
  CHECK(ValueSize(AV::N(n126(5))) == 4);
  CHECK(ValueSize(AV::N(n126(6))) == 4);
  CHECK(ValueSize(AV::N(n126(7))) == 5);
  CHECK(ValueSize(AV::N(n126(38))) == 20);
  // Never more than 21 bytes: 38 digits straddling a pair boundary, negative.
  CHECK(ValueSize(AV::N("1.2345678901234567890123456789012345678")) == 21);
  CHECK(ValueSize(AV::N("-1.2345678901234567890123456789012345678")) == 21);
  CHECK(ValueSize(AV::N("-12345678901234567890123456789012345678")) == 21);
  // The smallest magnitudes.
  CHECK(ValueSize(AV::N("1E-130")) == 2);
  CHECK(ValueSize(AV::N("-1E-130")) == 3);
}

TEST_CASE("Value and item sizes follow the developer guide", "[value][size]") {
  CHECK(ValueSize(AV::S("")) == 0);
  CHECK(ValueSize(AV::S("abc")) == 3);
  CHECK(ValueSize(AV::S("\xc3\xa9")) == 2);          // é: UTF-8 bytes
  CHECK(ValueSize(AV::S("\xf0\x9f\x98\x80")) == 4);  // an emoji
  CHECK(ValueSize(AV::B(std::string(5, '\0'))) == 5);
  CHECK(ValueSize(AV::Bool(true)) == 1);
  CHECK(ValueSize(AV::MakeNull()) == 1);
  CHECK(ValueSize(AV::M({})) == 3);
  CHECK(ValueSize(AV::L({})) == 3);
  // List: 3 + per element (1 + size).
  CHECK(ValueSize(AV::L({AV::S("xy"), AV::N("1")})) == 3 + (1 + 2) + (1 + 2));
  // Map: 3 + per element (1 + key bytes + size).
  CHECK(ValueSize(AV::M({{"ab", AV::S("xyz")}, {"c", AV::Bool(true)}})) ==
        3 + (1 + 2 + 3) + (1 + 1 + 1));
  CHECK(ValueSize(AV::L({AV::L({AV::S("a")})})) == 3 + 1 + (3 + 1 + 1));
  // Sets: the sum of their elements.
  CHECK(ValueSize(AV::SS({"a", "bcd"})) == 4);
  CHECK(ValueSize(AV::NS({Num("1"), Num("-1.5")})) == 2 + 4);
  CHECK(ValueSize(AV::BS({"ab", "c"})) == 3);
  // Item: names plus values (dynalite's "item is too big" arithmetic).
  Item item{{"a", AV::S("key")}, {"bb", AV::S(std::string(10, 'x'))}, {"ccc", AV::S("cc")}};
  CHECK(ItemSize(item) == (1 + 3) + (2 + 10) + (3 + 2));
  CHECK(ItemSize({}) == 0);
  Item with_num{{"c", AV::N("1" + std::string(125, '0'))}};
  CHECK(ItemSize(with_num) == 1 + 2);
}

std::string ValidationMessage(const AV& v) {
  Status s = ValidateValue(v);
  if (s.ok()) return "<ok>";
  CHECK(s.code() == ErrorCode::kValidation);
  return s.message();
}

AV Nest(int wraps, bool list) {
  AV v = AV::S("leaf");
  for (int i = 0; i < wraps; ++i) v = list ? AV::L({v}) : AV::M({{"n", v}});
  return v;
}

TEST_CASE("ValidateValue gives DynamoDB's messages", "[value][validate]") {
  const std::string prefix = "One or more parameter values were invalid: ";
  CHECK(ValidationMessage(AV::SS({})) == prefix + "An string set  may not be empty");
  CHECK(ValidationMessage(AV::NS({})) == prefix + "An number set  may not be empty");
  CHECK(ValidationMessage(AV::BS({})) == prefix + "Binary sets should not be empty");
  CHECK(ValidationMessage(AV::SS({"a", "a"})) ==
        prefix + "Input collection [a, a] contains duplicates.");
  CHECK(ValidationMessage(AV::SS({"x", "a", "b", "a"})) ==
        prefix + "Input collection [x, a, b, a] contains duplicates.");
  CHECK(ValidationMessage(AV::BS({"b", "b"})) ==
        prefix + "Input collection [Yg==, Yg==]of type BS contains duplicates.");
  CHECK(ValidationMessage(AV::NS({Num("1"), Num("1")})) == "Input collection contains duplicates");
  CHECK(ValidationMessage(AV::NS({Num("1"), Num("2"), Num("1.0")})) ==
        "Input collection contains duplicates");
  CHECK(ValidationMessage(AV::NS({Num("1E2"), Num("100")})) ==
        "Input collection contains duplicates");
  // Valid values.
  CHECK(ValidationMessage(AV::SS({"a", "b", "c"})) == "<ok>");
  CHECK(ValidationMessage(AV::SS({"a", "A"})) == "<ok>");
  CHECK(ValidationMessage(AV::NS({Num("1"), Num("-1"), Num("1.5")})) == "<ok>");
  CHECK(ValidationMessage(AV::BS({"a", std::string("a\0", 2)})) == "<ok>");
  CHECK(ValidationMessage(AV::S("")) == "<ok>");
  CHECK(ValidationMessage(AV::M({})) == "<ok>");
  CHECK(ValidationMessage(AV::L({})) == "<ok>");
  // Nested values are checked too.
  CHECK(ValidationMessage(AV::M({{"k", AV::L({AV::N("1"), AV::SS({})})}})) ==
        prefix + "An string set  may not be empty");
}

TEST_CASE("ValidateValue enforces the 32-level nesting limit", "[value][validate]") {
  const std::string nest =
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
      "beyond supported limit";
  // The attribute's value is level 1: 31 wraps put the leaf at level 32.
  CHECK(ValidationMessage(Nest(31, false)) == "<ok>");
  CHECK(ValidationMessage(Nest(31, true)) == "<ok>");
  CHECK(ValidationMessage(Nest(32, false)) == nest);
  CHECK(ValidationMessage(Nest(32, true)) == nest);
  CHECK(ValidationMessage(Nest(100, true)) == nest);
  // Mixed maps and lists count alike.
  AV mixed = AV::S("leaf");
  for (int i = 0; i < 32; ++i) mixed = i % 2 ? AV::L({mixed}) : AV::M({{"m", mixed}});
  CHECK(ValidationMessage(mixed) == nest);
}

// ---- property: equality is insensitive to set order and number spelling ----

struct Gen {
  std::mt19937_64 rng{20261126};
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  std::string Str() {
    std::string s;
    int n = Int(0, 4);
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('a' + Int(0, 3)));
    return s;
  }
  Number Num() {
    return AV::N(std::to_string(Int(-50, 50)) + "." + std::to_string(Int(0, 9)) + "E" +
                 std::to_string(Int(-3, 3)))
        .n();
  }
  AV Value(int depth) {
    switch (Int(0, depth > 3 ? 6 : 9)) {
      case 0: return AV::S(Str());
      case 1: return AV::N(Num());
      case 2: return AV::B(Str());
      case 3: return AV::Bool(Int(0, 1));
      case 4: return AV::MakeNull();
      case 5: {
        std::vector<std::string> v;
        int n = Int(1, 4);
        for (int i = 0; i < n; ++i) v.push_back(Str() + std::to_string(i));
        return Int(0, 1) ? AV::SS(v) : AV::BS(v);
      }
      case 6: {
        std::vector<Number> v;
        int n = Int(1, 4);
        for (int i = 0; i < n; ++i) v.push_back(Number::FromInt64(i * 7 - 3));
        return AV::NS(v);
      }
      case 7: case 8: {
        AV::Map m;
        int n = Int(0, 3);
        for (int i = 0; i < n; ++i) m[Str()] = Value(depth + 1);
        return AV::M(std::move(m));
      }
      default: {
        AV::List l;
        int n = Int(0, 3);
        for (int i = 0; i < n; ++i) l.push_back(Value(depth + 1));
        return AV::L(std::move(l));
      }
    }
  }
  // Same value, differently arranged: sets shuffled, numbers respelled.
  AV Respell(const AV& v) {
    switch (v.type()) {
      case ValueType::kN: {
        // Through text with padding zeros: must parse back to the same number.
        std::string t = v.n().ToString();
        std::string sign = t[0] == '-' ? "-" : "+";
        if (t[0] == '-') t.erase(0, 1);
        return AV::N(sign + "00" + t + (t.find('.') == std::string::npos ? ".000" : "000"));
      }
      case ValueType::kSS: { auto x = v.ss(); std::shuffle(x.begin(), x.end(), rng); return AV::SS(x); }
      case ValueType::kBS: { auto x = v.bs(); std::shuffle(x.begin(), x.end(), rng); return AV::BS(x); }
      case ValueType::kNS: { auto x = v.ns(); std::shuffle(x.begin(), x.end(), rng); return AV::NS(x); }
      case ValueType::kM: {
        AV::Map m;
        for (const auto& [k, e] : v.m()) m[k] = Respell(e);
        return AV::M(std::move(m));
      }
      case ValueType::kL: {
        AV::List l;
        for (const auto& e : v.l()) l.push_back(Respell(e));
        return AV::L(std::move(l));
      }
      default: return v;
    }
  }
};

TEST_CASE("AttributeValue property: equality, sizes and validation are stable", "[value][property]") {
  Gen g;
  for (int iter = 0; iter < 3000; ++iter) {
    AV v = g.Value(0);
    AV w = g.Respell(v);
    INFO("v = " << v.DebugString() << "\nw = " << w.DebugString());
    CHECK(v == v);
    CHECK(v == w);
    CHECK(w == v);
    CHECK(ValueSize(v) == ValueSize(w));
    CHECK(ValidateValue(v).ok());
    // Wrapping changes the value; a different leaf changes it too.
    CHECK_FALSE(AV::L({v}) == v);
    AV other = g.Value(0);
    bool scalar = v.type() <= ValueType::kNull;  // S, N, B, BOOL, NULL: text is canonical
    if (other.type() != v.type() || (scalar && other.DebugString() != v.DebugString())) {
      CHECK_FALSE(v == other);
    }
  }
}

}  // namespace
}  // namespace dynarock
