#include "codec/number_codec.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "codec_test_util.h"

namespace dynarock::codec {
namespace {

using codec_test::FromHex;
using codec_test::MemcmpSign;
using codec_test::NumberOrder;
using codec_test::ReadGolden;
using codec_test::ToHex;

Number N(std::string_view text) {
  auto n = Number::Parse(text);
  REQUIRE(n.ok());
  return *n;
}

std::string Key(const Number& n) {
  std::string out;
  AppendNumberKey(n, &out);
  return out;
}

std::string Compact(const Number& n) {
  std::string out;
  AppendNumberCompact(n, &out);
  return out;
}

TEST_CASE("number golden encodings match byte for byte, both ways") {
  for (const auto& g : ReadGolden("number_golden.txt")) {
    INFO("line " << g.line_number << ": " << g.description);
    size_t space = g.description.find(' ');
    std::string form = g.description.substr(0, space);
    Number n = N(g.description.substr(space + 1));
    std::string_view in = g.bytes;
    if (form == "key") {
      CHECK(ToHex(Key(n)) == ToHex(g.bytes));
      auto back = DecodeNumberKey(&in);
      CHECK(back.ok());
      if (back.ok()) CHECK(*back == n);
    } else {
      REQUIRE(form == "compact");
      CHECK(ToHex(Compact(n)) == ToHex(g.bytes));
      auto back = DecodeNumberCompact(&in);
      CHECK(back.ok());
      if (back.ok()) CHECK(*back == n);
    }
    CHECK(in.empty());
  }
}

TEST_CASE("number key order equals numeric order over random numbers") {
  codec_test::RandomValues rnd(0xC0DEC1);
  std::vector<Number> numbers;
  for (int i = 0; i < 4000; ++i) numbers.push_back(rnd.RandomNumber());
  // Edges: extremes, zero, neighbours in the 38th digit, powers of ten.
  for (const char* t : {"0", "1E-130", "-1E-130", "9.9999999999999999999999999999999999999E+125",
                        "-9.9999999999999999999999999999999999999E+125", "1", "-1", "10", "100",
                        "0.1", "0.01", "11", "1.1", "1.01", "1.001", "99", "-99", "0.99",
                        "12345678901234567890123456789012345678",
                        "12345678901234567890123456789012345679",
                        "12345678901234567890123456789012345677",
                        "-12345678901234567890123456789012345678",
                        "-12345678901234567890123456789012345679",
                        "1234567890123456789012345678901234567.8",
                        "1234567890123456789012345678901234567.9",
                        "99999999999999999999999999999999999999", "1E+38", "1E+37",
                        "1.0000000000000000000000000000000000001", "5", "50", "500", "0.5"}) {
    numbers.push_back(N(t));
  }
  std::vector<std::string> keys;
  for (const auto& n : numbers) keys.push_back(Key(n));
  for (size_t i = 0; i < numbers.size(); ++i) {
    for (size_t j : {(i + 1) % numbers.size(), (i * 7919 + 13) % numbers.size(),
                     numbers.size() - 1 - i}) {
      INFO(numbers[i].ToString() << " vs " << numbers[j].ToString());
      REQUIRE(MemcmpSign(keys[i], keys[j]) == NumberOrder(numbers[i], numbers[j]));
    }
  }
  // Sorting by bytes gives a numerically sorted sequence.
  std::vector<size_t> idx(numbers.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
  for (size_t i = 1; i < idx.size(); ++i) {
    INFO(numbers[idx[i - 1]].ToString() << " then " << numbers[idx[i]].ToString());
    REQUIRE(!std::is_gt(numbers[idx[i - 1]] <=> numbers[idx[i]]));
  }
}

TEST_CASE("number keys order neighbours that differ in the 38th digit") {
  std::mt19937_64 rng(0xC0DEC4);
  int checked = 0;
  for (int i = 0; i < 4000; ++i) {
    // A 38-digit coefficient c and c + 1, neither ending in 0.
    unsigned __int128 c = 1;
    for (int d = 1; d < 38; ++d) c = c * 10 + rng() % 10;
    if (c % 10 == 0 || c % 10 == 9) continue;
    int exponent = static_cast<int>(rng() % 200) - 160;  // leading exponent -123..76
    for (bool negative : {false, true}) {
      auto a = Number::FromParts(negative, c, exponent);
      auto b = Number::FromParts(negative, c + 1, exponent);
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      int want = negative ? 1 : -1;
      REQUIRE(NumberOrder(*a, *b) == want);
      REQUIRE(MemcmpSign(Key(*a), Key(*b)) == want);
      ++checked;
    }
  }
  CHECK(checked > 4000);
}

TEST_CASE("number encodings round trip and are canonical") {
  codec_test::RandomValues rnd(0xC0DEC2);
  for (int i = 0; i < 5000; ++i) {
    Number n = rnd.RandomNumber();
    INFO(n.ToString());
    std::string k = Key(n);
    REQUIRE(k.size() <= static_cast<size_t>(kMaxNumberKeyBytes));
    k += std::string("\x00\xff tail", 7);  // self-delimiting: the decoder stops at the end
    std::string_view in = k;
    auto back = DecodeNumberKey(&in);
    REQUIRE(back.ok());
    REQUIRE(*back == n);
    REQUIRE(in == std::string_view("\x00\xff tail", 7));

    std::string c = Compact(n);
    std::string_view cin = c;
    auto cback = DecodeNumberCompact(&cin);
    REQUIRE(cback.ok());
    REQUIRE(*cback == n);
    REQUIRE(cin.empty());
  }
  // Equal values written differently encode identically.
  CHECK(Key(N("1E2")) == Key(N("100")));
  CHECK(Key(N("100.000")) == Key(N("100")));
  CHECK(Key(N("-0")) == Key(N("0")));
  CHECK(Compact(N("1E2")) == Compact(N("100.0")));
}

TEST_CASE("number decoders reject malformed bytes") {
  auto key_fails = [](std::string hex) {
    std::string b = FromHex(hex);
    std::string_view in = b;
    return !DecodeNumberKey(&in).ok();
  };
  CHECK(key_fails(""));
  CHECK(key_fails("00"));            // bad class
  CHECK(key_fails("04"));            // bad class
  CHECK(key_fails("03"));            // truncated
  CHECK(key_fails("0341"));          // no digits
  CHECK(key_fails("034103"));        // digit without a final one
  CHECK(key_fails("0341c8"));        // digit byte 200 > 199
  CHECK(key_fails("034100"));        // final digit 0
  CHECK(key_fails("03410102"));      // leading digit 0
  CHECK(key_fails("03c002"));        // exponent byte 0xC0: e = 128
  CHECK(key_fails("01bc"));          // negative, no digits
  CHECK(key_fails("01bcfe"));        // negative, a digit but no final one
  CHECK(key_fails("01bcff"));        // negative, final digit 0
  std::string nineteen;
  for (int i = 0; i < 19; ++i) nineteen += "17";  // digit 11, more follow
  CHECK(key_fails("0360" + nineteen + "20"));                     // 40 digits
  CHECK(key_fails("0360" + std::string("0b") + nineteen.substr(2) + "20"));  // 39 digits
  CHECK(!key_fails("0360" + std::string("0b") + nineteen.substr(4) + "20"));  // 37 digits
  auto compact_fails = [](std::string hex) {
    std::string b = FromHex(hex);
    std::string_view in = b;
    return !DecodeNumberCompact(&in).ok();
  };
  CHECK(compact_fails(""));
  CHECK(compact_fails("00"));        // missing coefficient
  CHECK(compact_fails("0080"));      // truncated coefficient varint
  CHECK(compact_fails("000a"));      // 10: trailing zero, not normalised
  CHECK(compact_fails("0100"));      // negative zero
  CHECK(compact_fails("0200"));      // zero with exponent -1
  CHECK(compact_fails("008000"));    // over-long varint
  CHECK(compact_fails("00" + std::string(38, 'f') + "7f"));  // > 128 bits
}

TEST_CASE("number decoders survive every truncation and random bytes") {
  codec_test::RandomValues rnd(0xC0DEC3);
  for (int i = 0; i < 500; ++i) {
    Number n = rnd.RandomNumber();
    // A cut key form lacks its final digit; a cut compact form ends
    // inside a varint or lacks the coefficient: neither decodes.
    std::string key = Key(n), compact = Compact(n);
    for (size_t len = 0; len < key.size(); ++len) {
      std::string cut = key.substr(0, len);
      std::string_view in = cut;
      CHECK(!DecodeNumberKey(&in).ok());
    }
    for (size_t len = 0; len < compact.size(); ++len) {
      std::string cut = compact.substr(0, len);
      std::string_view in = cut;
      CHECK(!DecodeNumberCompact(&in).ok());
    }
  }
  for (int i = 0; i < 20000; ++i) {
    std::string bytes = rnd.RandomBytes(24);
    std::string_view a = bytes, b = bytes;
    auto k = DecodeNumberKey(&a);
    auto c = DecodeNumberCompact(&b);
    // Whatever decodes must re-encode to the bytes consumed (canonical).
    if (k.ok()) CHECK(Key(*k) == bytes.substr(0, bytes.size() - a.size()));
    if (c.ok()) CHECK(Compact(*c) == bytes.substr(0, bytes.size() - b.size()));
  }
}

}  // namespace
}  // namespace dynarock::codec
