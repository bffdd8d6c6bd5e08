// Number: parsing, normalisation, formatting, comparison and arithmetic.
//
// Expected texts and messages are real DynamoDB's, as recorded by test suites
// run against it: dynalite's validation tests (architect/dynalite,
// test/batchWriteItem.js "empty/invalid numbers"), ScyllaDB Alternator's
// test/alternator/test_number.py (_NORMALIZATION_CASES, test_invalid_numbers,
// test_update_expression_plus_imprecise / _plus_overflow), and dynoxide issue
// #109 (a leading '+' is accepted).

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "dynarock/number.h"

namespace dynarock {
namespace {

const std::string kNotNumeric = "The parameter cannot be converted to a numeric value";
const std::string kTooManyDigits = "Attempting to store more than 38 significant digits in a Number";
const std::string kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
const std::string kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

Number P(std::string_view s) {
  auto r = Number::Parse(s);
  INFO("parsing " << s << ": " << r.status().message());
  REQUIRE(r.ok());
  return *r;
}

std::string Canon(std::string_view s) { return P(s).ToString(); }

std::string ParseError(std::string_view s) {
  auto r = Number::Parse(s);
  if (r.ok()) return "<ok " + r->ToString() + ">";
  CHECK(r.status().code() == ErrorCode::kValidation);
  return r.status().message();
}

TEST_CASE("Number parses and normalises as DynamoDB does", "[number]") {
  // (input, DynamoDB's returned text): Alternator's _NORMALIZATION_CASES.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1", "1"}, {"123", "123"}, {"-5", "-5"}, {"0", "0"}, {"10", "10"},
      {"100", "100"}, {"1000", "1000"}, {"007", "7"}, {"001.23", "1.23"}, {"00", "0"},
      {"+3", "3"}, {"+0", "0"}, {"+1.5", "1.5"}, {"1.0", "1"}, {"1.00", "1"},
      {"1.10", "1.1"}, {"100.000", "100"}, {"0.0", "0"}, {"0.10", "0.1"},
      {"1e3", "1000"}, {"1E3", "1000"}, {"1e+3", "1000"}, {"1E+3", "1000"},
      {"5e1", "50"}, {"-3e2", "-300"}, {"1.5e2", "150"}, {"1.23e4", "12300"},
      {"1e-3", "0.001"}, {"5e-1", "0.5"}, {"123e-2", "1.23"}, {"1.23e-1", "0.123"},
      {"1.0e3", "1000"}, {"1.00e2", "100"}, {"1.0e-1", "0.1"}, {"-0", "0"},
      {"-0.0", "0"}, {"0e5", "0"}, {"0.0e3", "0"}, {"0e-5", "0"}, {".5", "0.5"},
      {".123", "0.123"}, {"-.5", "-0.5"}, {"1e20", "100000000000000000000"},
      {"9.9e10", "99000000000"}, {"1e125", "1" + std::string(125, '0')},
      {"1e-20", "0.00000000000000000001"}, {"3.14159", "3.14159"},
      {"-273.15", "-273.15"}, {"0.001", "0.001"},
      // Also accepted by DynamoDB (Alternator test_invalid_numbers, dynoxide #109).
      {"-7.1234", "-7.1234"}, {"-17e5", "-1700000"}, {"+1e2", "100"}, {"1.5E+3", "1500"},
      {"5.", "5"}, {"0042.1200", "42.12"}, {"1E-5", "0.00001"}, {"1E2", "100"},
      {"1.50", "1.5"}, {"-17.4E37", "-174" + std::string(36, '0')},
      {"0e999999999999999999", "0"}, {"-0e-99999999999", "0"},
  };
  for (const auto& [in, want] : cases) {
    INFO("input " << in);
    CHECK(Canon(in) == want);
  }
}

TEST_CASE("Number rejects what DynamoDB rejects, with its messages", "[number]") {
  // Bad syntax: the text is echoed after ": ", except for the empty string.
  CHECK(ParseError("") == kNotNumeric);
  for (std::string s : {"b", "NaN", "Infinity", "-Infinity", "-NaN", "dog", "-dog", " 1", "1 ",
                        "1e", "1e+", "e5", ".", "-", "+", "+-1", "--1", "1.2.3", "1+2", "+e2",
                        "1e2.5", "0x10", "1,000", "١", "1_000", ".e1", "1..", "1ee2", "1e--2"}) {
    INFO("input '" << s << "'");
    CHECK(ParseError(s) == kNotNumeric + ": " + s);
  }
  // Precision (dynalite: 39 digits, with and without a point).
  CHECK(ParseError("123456789012345678901234567890123456789") == kTooManyDigits);
  CHECK(ParseError("-1.23456789012345678901234567890123456789") == kTooManyDigits);
  // Range (dynalite: 1e126, -1e126, 1e-131, -1e-131).
  CHECK(ParseError("1e126") == kOverflow);
  CHECK(ParseError("-1e126") == kOverflow);
  CHECK(ParseError("1e-131") == kUnderflow);
  CHECK(ParseError("-1e-131") == kUnderflow);
  CHECK(ParseError("1e999999999999999999999") == kOverflow);
  CHECK(ParseError("1e-999999999999999999999") == kUnderflow);
  // Range is checked before precision (dynalite's order).
  CHECK(ParseError("1234567890123456789012345678901234567890e200") == kOverflow);
}

TEST_CASE("Number edges: 38 digits, smallest and largest magnitudes", "[number]") {
  const std::string d38 = "12345678901234567890123456789012345678";
  CHECK(Canon(d38) == d38);
  CHECK(P(d38).digit_count() == 38);
  CHECK(ParseError(d38 + "9") == kTooManyDigits);
  // Leading and trailing zeros are not significant.
  CHECK(Canon("000" + d38 + "000") == d38 + "000");
  CHECK(Canon("0.000" + d38 + "000") == "0.000" + d38);
  CHECK(Canon("1" + std::string(100, '0')) == "1" + std::string(100, '0'));
  // Interior zeros are.
  CHECK(ParseError("1" + std::string(37, '0') + "1") == kTooManyDigits);
  CHECK(Canon("1" + std::string(36, '0') + "1") == "1" + std::string(36, '0') + "1");

  CHECK(Canon("1E-130") == "0." + std::string(129, '0') + "1");
  CHECK(ParseError("1E-131") == kUnderflow);
  CHECK(ParseError("0.99999E-130") == kUnderflow);
  const std::string max = "9.9999999999999999999999999999999999999E+125";
  CHECK(Canon(max) == std::string(38, '9') + std::string(88, '0'));
  CHECK(Canon("-" + max) == "-" + std::string(38, '9') + std::string(88, '0'));
  CHECK(ParseError("1E126") == kOverflow);
  CHECK(ParseError("10E125") == kOverflow);
  CHECK(Canon("1E+125") == "1" + std::string(125, '0'));
  // The smallest 38-digit value: exponent -167.
  Number tiny = P("1.0000000000000000000000000000000000001E-130");
  CHECK(tiny.exponent() == -167);
  CHECK(tiny.digit_count() == 38);
  CHECK(P(tiny.ToString()) == tiny);
}

TEST_CASE("Number normalised fields", "[number]") {
  Number a = P("1E2"), b = P("100"), c = P("100.0");
  CHECK(a == b);
  CHECK(b == c);
  CHECK(a.coefficient() == 1);
  CHECK(a.exponent() == 2);
  CHECK_FALSE(a.is_negative());
  Number z = P("-0");
  CHECK(z == Number());
  CHECK(z.is_zero());
  CHECK_FALSE(z.is_negative());
  CHECK(z.exponent() == 0);
  CHECK(z.digit_count() == 0);
  Number f = P("-12.50");
  CHECK(f.coefficient() == 125);
  CHECK(f.exponent() == -1);
  CHECK(f.is_negative());
  CHECK(f.leading_exponent() == 1);
  uint8_t digits[Number::kMaxDigits];
  REQUIRE(f.Digits(digits) == 3);
  CHECK((digits[0] == 1 && digits[1] == 2 && digits[2] == 5));
  // Digits across the 10^19 split.
  Number big = P("12345678901234567890123456789012345678");
  REQUIRE(big.Digits(digits) == 38);
  std::string s;
  for (int i = 0; i < 38; ++i) s.push_back(static_cast<char>('0' + digits[i]));
  CHECK(s == "12345678901234567890123456789012345678");
  Number b20 = P("10000000000000000001");  // 20 digits, low half has leading zeros
  REQUIRE(b20.Digits(digits) == 20);
  CHECK((digits[0] == 1 && digits[1] == 0 && digits[18] == 0 && digits[19] == 1));
  CHECK(P("9999999999999999999").digit_count() == 19);
  CHECK(P("10000000000000000000").digit_count() == 1);  // normalised to 1E19
  CHECK(P("10000000000000000001").digit_count() == 20);
}

TEST_CASE("Number FromInt64 and FromParts", "[number]") {
  CHECK(Number::FromInt64(0) == Number());
  CHECK(Number::FromInt64(100).ToString() == "100");
  CHECK(Number::FromInt64(100).coefficient() == 1);
  CHECK(Number::FromInt64(-42).ToString() == "-42");
  CHECK(Number::FromInt64(INT64_MIN).ToString() == "-9223372036854775808");
  CHECK(Number::FromInt64(INT64_MAX).ToString() == "9223372036854775807");
  for (int64_t v : {1LL, -1LL, 10LL, 123456789LL, -1000000LL}) {
    CHECK(Number::FromInt64(v) == P(std::to_string(v)));
  }
  auto ok = Number::FromParts(true, 125, -1);
  REQUIRE(ok.ok());
  CHECK(ok->ToString() == "-12.5");
  CHECK(Number::FromParts(false, 0, 0).ok());
  CHECK_FALSE(Number::FromParts(true, 0, 0).ok());
  CHECK_FALSE(Number::FromParts(false, 0, 3).ok());
  CHECK_FALSE(Number::FromParts(false, 120, 0).ok());  // trailing zero
  unsigned __int128 ten38 = 1;
  for (int i = 0; i < 38; ++i) ten38 *= 10;
  CHECK(Number::FromParts(false, ten38 + 1, 0).status().message() == kTooManyDigits);
  CHECK(Number::FromParts(false, 1, 126).status().message() == kOverflow);
  CHECK(Number::FromParts(false, 1, 125).ok());
  CHECK(Number::FromParts(false, 1, -131).status().message() == kUnderflow);
  CHECK(Number::FromParts(false, 11, -131).ok());  // 1.1E-130
}

TEST_CASE("Number comparison", "[number]") {
  CHECK(std::is_lt(P("-1") <=> P("0")));
  CHECK(std::is_lt(P("-2") <=> P("-1")));
  CHECK(std::is_gt(P("0.1") <=> P("0")));
  CHECK(std::is_lt(P("0") <=> P("1E-130")));
  CHECK(std::is_gt(P("0") <=> P("-1E-130")));
  CHECK(std::is_eq(P("1E2") <=> P("100.00")));
  CHECK(std::is_lt(P("99") <=> P("100")));
  CHECK(std::is_lt(P("1.5") <=> P("1.51")));
  CHECK(std::is_gt(P("-1.5") <=> P("-1.51")));
  CHECK(std::is_lt(P("9.9999999999999999999999999999999999998E125") <=>
                   P("9.9999999999999999999999999999999999999E125")));
  CHECK(std::is_lt(P("1E-130") <=> P("1.0000000000000000000000000000000000001E-130")));
  CHECK(std::is_gt(P("-1E-130") <=> P("-1.0000000000000000000000000000000000001E-130")));
}

TEST_CASE("Number Add and Subtract are exact", "[number]") {
  auto add = [](std::string_view a, std::string_view b) {
    auto r = P(a).Add(P(b));
    return r.ok() ? r->ToString() : "<" + r.status().message() + ">";
  };
  auto sub = [](std::string_view a, std::string_view b) {
    auto r = P(a).Subtract(P(b));
    return r.ok() ? r->ToString() : "<" + r.status().message() + ">";
  };
  CHECK(add("0.1", "0.2") == "0.3");
  CHECK(P("0.1").Add(P("0.2")).value() == P("0.3"));
  CHECK(sub("0.3", "0.1") == "0.2");
  CHECK(add("1", "-1") == "0");
  CHECK(add("-0.5", "0.5") == "0");
  CHECK(add("0", "-7") == "-7");
  CHECK(sub("0", "7") == "-7");
  CHECK(add("5", "0") == "5");
  CHECK(sub("1", "1") == "0");
  // Alternator test_update_expression_plus_precision.
  CHECK(add("1", "10000000000000000000000") == "10000000000000000000001");
  CHECK(sub("10000000000000000000000", "1") == "9999999999999999999999");
  // Moto PR 10092's AWS column.
  CHECK(sub("100000000000000000000.00000001", "1") == "99999999999999999999.00000001");
  // 38 digits on both sides of the carry.
  CHECK(add("99999999999999999999999999999999999999", "1") ==
        "100000000000000000000000000000000000000");
  CHECK(add("12345678901234567890123456789012345678", "87654321098765432109876543210987654322") ==
        "100000000000000000000000000000000000000");
  CHECK(add("99999999999999999999999999999999999999", "2") == "<" + kOverflow + ">");
  // Cancellation across a wide alignment (slow path).
  CHECK(sub("1E100", "9.9999999999999999999999999999999999999E99") == "1" + std::string(62, '0'));
  CHECK(add("-1E100", "9.9999999999999999999999999999999999999E99") ==
        "-1" + std::string(62, '0'));
  CHECK(sub("1E-130", "1E-130") == "0");
  // DynamoDB answers the overflow message for a result needing > 38 digits
  // (Alternator test_update_expression_plus_imprecise: 1e50 + 1, 1e50 - 1).
  CHECK(add("1e50", "1") == "<" + kOverflow + ">");
  CHECK(sub("1e50", "1") == "<" + kOverflow + ">");
  // Range (Alternator test_update_expression_plus_overflow).
  CHECK(add("9e125", "9e125") == "<" + kOverflow + ">");
  CHECK(sub("9e125", "-9e125") == "<" + kOverflow + ">");
  CHECK(add("-9e125", "-9e125") == "<" + kOverflow + ">");
  CHECK(add("9e125", "9e124") == "99" + std::string(124, '0'));
  CHECK(add("9.9999999999999999999999999999999999999E+125", "1E+125") == "<" + kOverflow + ">");
  // A difference below 1E-130.
  CHECK(sub("1.0000000000000000000000000000000000001E-130", "1E-130") == "<" + kUnderflow + ">");
  CHECK(add("1E-130", "1E-130") == "0." + std::string(129, '0') + "2");
  // Huge and tiny: 256 digits apart.
  CHECK(add("1E125", "1E-130") == "<" + kOverflow + ">");
}

// ---- property tests ----

struct Rng {
  std::mt19937_64 gen{0xD1A0C0DEull};
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
};

// A random valid number: 1..38 significant digits, any leading exponent.
Number RandomNumber(Rng& rng, int max_digits = 38) {
  int nd = rng.Int(1, max_digits);
  std::string digits;
  digits.push_back(static_cast<char>('1' + rng.Int(0, 8)));
  for (int i = 1; i < nd; ++i) digits.push_back(static_cast<char>('0' + rng.Int(0, 9)));
  int lead = rng.Int(0, 9) == 0 ? (rng.Int(0, 1) ? 125 : -130) : rng.Int(-130, 125);
  std::string text = (rng.Int(0, 1) ? "-" : "") + digits.substr(0, 1) + "." + digits.substr(1) +
                     "E" + std::to_string(lead);
  return P(text);
}

// Plain decimal text with the point placed: returns integer and fraction
// digit strings (no sign), independent of Number internals beyond ToString.
struct Plain {
  bool neg;
  std::string integer, fraction;
};
Plain Split(const Number& n) {
  std::string s = n.ToString();
  Plain p{false, "", ""};
  if (s[0] == '-') {
    p.neg = true;
    s.erase(0, 1);
  }
  auto dot = s.find('.');
  p.integer = s.substr(0, dot);
  if (dot != std::string::npos) p.fraction = s.substr(dot + 1);
  return p;
}

// Reference comparison on the texts.
int RefCompare(const Number& a, const Number& b) {
  Plain x = Split(a), y = Split(b);
  bool xz = x.integer == "0" && x.fraction.empty(), yz = y.integer == "0" && y.fraction.empty();
  int sx = xz ? 0 : (x.neg ? -1 : 1), sy = yz ? 0 : (y.neg ? -1 : 1);
  if (sx != sy) return sx < sy ? -1 : 1;
  if (sx == 0) return 0;
  size_t il = std::max(x.integer.size(), y.integer.size());
  size_t fl = std::max(x.fraction.size(), y.fraction.size());
  std::string xs = std::string(il - x.integer.size(), '0') + x.integer + x.fraction +
                   std::string(fl - x.fraction.size(), '0');
  std::string ys = std::string(il - y.integer.size(), '0') + y.integer + y.fraction +
                   std::string(fl - y.fraction.size(), '0');
  int c = xs.compare(ys);
  c = c < 0 ? -1 : c > 0 ? 1 : 0;
  return sx > 0 ? c : -c;
}

// Reference sum on digit strings; returns plain text (may be out of range).
std::string RefAdd(const Number& a, const Number& b) {
  Plain x = Split(a), y = Split(b);
  size_t fl = std::max(x.fraction.size(), y.fraction.size());
  std::string xs = x.integer + x.fraction + std::string(fl - x.fraction.size(), '0');
  std::string ys = y.integer + y.fraction + std::string(fl - y.fraction.size(), '0');
  size_t w = std::max(xs.size(), ys.size()) + 1;
  xs.insert(0, w - xs.size(), '0');
  ys.insert(0, w - ys.size(), '0');
  std::string r(w, '0');
  bool neg;
  if (x.neg == y.neg) {
    neg = x.neg;
    int carry = 0;
    for (size_t i = w; i-- > 0;) {
      int s = (xs[i] - '0') + (ys[i] - '0') + carry;
      r[i] = static_cast<char>('0' + s % 10);
      carry = s / 10;
    }
  } else {
    if (xs < ys) {
      std::swap(xs, ys);
      neg = y.neg;
    } else {
      neg = x.neg;
    }
    int borrow = 0;
    for (size_t i = w; i-- > 0;) {
      int d = (xs[i] - '0') - (ys[i] - '0') - borrow;
      borrow = d < 0;
      r[i] = static_cast<char>('0' + (d < 0 ? d + 10 : d));
    }
  }
  std::string text = r.substr(0, r.size() - fl);
  if (fl) text += "." + r.substr(r.size() - fl);
  return (neg ? "-" : "") + text;
}

TEST_CASE("Number property: text round trips in several spellings", "[number][property]") {
  Rng rng;
  for (int iter = 0; iter < 5000; ++iter) {
    Number x = RandomNumber(rng);
    std::string plain = x.ToString();
    INFO("x = " << plain);
    REQUIRE(plain.find_first_of("eE") == std::string::npos);
    CHECK(P(plain) == x);
    // Scientific spelling with a random exponent shift and padding zeros.
    uint8_t d[Number::kMaxDigits];
    int nd = x.Digits(d);
    std::string digits;
    for (int i = 0; i < nd; ++i) digits.push_back(static_cast<char>('0' + d[i]));
    int zeros_before = rng.Int(0, 3), zeros_after = rng.Int(0, 3);
    std::string sci = (x.is_negative() ? "-" : (rng.Int(0, 1) ? "+" : "")) +
                      std::string(zeros_before, '0') + digits + std::string(zeros_after, '0') +
                      (rng.Int(0, 1) ? "e" : "E") + std::to_string(x.exponent() - zeros_after);
    INFO("sci = " << sci);
    CHECK(P(sci) == x);
    // The fields rebuild the same number.
    auto rebuilt = Number::FromParts(x.is_negative(), x.coefficient(), x.exponent());
    REQUIRE(rebuilt.ok());
    CHECK(*rebuilt == x);
  }
}

TEST_CASE("Number property: comparison agrees with a text reference", "[number][property]") {
  Rng rng;
  for (int iter = 0; iter < 5000; ++iter) {
    Number a = RandomNumber(rng);
    Number b;
    switch (rng.Int(0, 3)) {
      case 0: b = RandomNumber(rng); break;
      case 1: b = a; break;
      case 2: {  // close to a: same leading exponent region
        auto r = a.Add(P("1E" + std::to_string(std::max(a.leading_exponent() - rng.Int(0, 37),
                                                        -130))));
        b = r.ok() ? *r : a;
        break;
      }
      default: b = RandomNumber(rng, 5); break;
    }
    INFO("a = " << a.ToString() << ", b = " << b.ToString());
    int want = RefCompare(a, b);
    auto got = a <=> b;
    CHECK((want < 0) == std::is_lt(got));
    CHECK((want == 0) == std::is_eq(got));
    CHECK((want > 0) == std::is_gt(got));
    CHECK((want == 0) == (a == b));
  }
}

TEST_CASE("Number property: Add/Subtract match a digit-string reference", "[number][property]") {
  Rng rng;
  int ok_count = 0;
  for (int iter = 0; iter < 5000; ++iter) {
    Number a = RandomNumber(rng, rng.Int(0, 1) ? 38 : 12);
    Number b;
    switch (rng.Int(0, 3)) {
      case 3: {  // b = a - 10^k with a wide gap: a - b cancels to one digit
        a = RandomNumber(rng, 3);
        int k = std::max(a.exponent() - rng.Int(1, 45), -130);
        auto r = a.Subtract(P("1E" + std::to_string(k)));
        b = r.ok() ? *r : a;
        break;
      }
      case 0: b = RandomNumber(rng, 12); break;
      case 1: {  // near a's magnitude: exercises carries and cancellation
        int lead = std::clamp(a.leading_exponent() + rng.Int(-40, 2), -130, 125);
        std::string digits = std::to_string(rng.Int(1, 9));
        int nd = rng.Int(0, 37);
        for (int i = 0; i < nd; ++i) digits.push_back(static_cast<char>('0' + rng.Int(0, 9)));
        b = P((rng.Int(0, 1) ? "-" : "") + digits.substr(0, 1) + "." + digits.substr(1) + "E" +
              std::to_string(lead));
        break;
      }
      default: b = a; break;
    }
    bool subtract = rng.Int(0, 1);
    Number bb = b;
    if (subtract && !b.is_zero()) bb = P(b.is_negative() ? b.ToString().substr(1) : "-" + b.ToString());
    std::string ref = RefAdd(a, bb);
    auto want = Number::Parse(ref);
    auto got = subtract ? a.Subtract(b) : a.Add(b);
    INFO("a = " << a.ToString() << (subtract ? " - " : " + ") << b.ToString() << " ref " << ref);
    if (want.ok()) {
      REQUIRE(got.ok());
      CHECK(*got == *want);
      ++ok_count;
    } else {
      REQUIRE_FALSE(got.ok());
      // Too many digits in an arithmetic result reads as overflow (DynamoDB).
      std::string expected = want.status().message() == kTooManyDigits ? kOverflow
                                                                        : want.status().message();
      CHECK(got.status().message() == expected);
    }
  }
  CHECK(ok_count > 1000);  // the generator exercises exact results, not only errors
}

TEST_CASE("Number property: random text is accepted exactly by the grammar", "[number][property]") {
  // DynamoDB's grammar, independently as a regex.
  const std::regex grammar(R"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?)");
  const std::string alphabet = "0123456789000.eE+- x";
  Rng rng;
  int accepted = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    std::string s;
    int len = rng.Int(0, 12);
    for (int i = 0; i < len; ++i) s.push_back(alphabet[rng.Int(0, static_cast<int>(alphabet.size()) - 1)]);
    INFO("text '" << s << "'");
    auto r = Number::Parse(s);
    bool valid = std::regex_match(s, grammar);
    if (!valid) {
      REQUIRE_FALSE(r.ok());
      CHECK(r.status().message() == (s.empty() ? kNotNumeric : kNotNumeric + ": " + s));
    } else if (r.ok()) {
      ++accepted;
      CHECK(P(r->ToString()) == *r);
    } else {
      // Well-formed but out of range or too precise.
      const std::string& m = r.status().message();
      CHECK((m == kOverflow || m == kUnderflow || m == kTooManyDigits));
    }
  }
  CHECK(accepted > 500);
}

}  // namespace
}  // namespace dynarock
