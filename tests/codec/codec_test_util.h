// Helpers shared by the codec tests: hex, golden fixture files, a small
// DynamoDB-JSON reader for fixtures, random values for property tests, and
// the DynamoDB ordering oracles the order properties compare against.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynarock/number.h"
#include "dynarock/value.h"

namespace dynarock::codec_test {

inline std::string ToHex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// Hex to bytes; spaces are ignored so fixtures can group bytes.
inline std::string FromHex(std::string_view hex) {
  std::string out;
  int nibble = -1;
  for (char c : hex) {
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else if (c == ' ') continue;
    else throw std::runtime_error("bad hex: " + std::string(hex));
    if (nibble < 0) {
      nibble = v;
    } else {
      out.push_back(static_cast<char>(nibble * 16 + v));
      nibble = -1;
    }
  }
  if (nibble >= 0) throw std::runtime_error("odd hex: " + std::string(hex));
  return out;
}

struct GoldenLine {
  int line_number;
  std::string description;  // everything before the last " | "
  std::string bytes;        // the decoded hex after it
};

// Reads DYNAROCK_GOLDEN_DIR/<name>: "description | hex" lines; '#' comments
// and blank lines are skipped. Throws (failing the test) if the file is
// missing or a line is malformed, so a lost fixture cannot pass silently.
inline std::vector<GoldenLine> ReadGolden(const std::string& name) {
  std::ifstream f(std::string(DYNAROCK_GOLDEN_DIR) + "/" + name);
  if (!f) throw std::runtime_error("cannot open golden file " + name);
  std::vector<GoldenLine> out;
  std::string line;
  int n = 0;
  while (std::getline(f, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    size_t bar = line.rfind(" | ");
    if (bar == std::string::npos) throw std::runtime_error("bad golden line " + std::to_string(n));
    out.push_back({n, line.substr(0, bar), FromHex(line.substr(bar + 3))});
  }
  if (out.empty()) throw std::runtime_error("empty golden file " + name);
  return out;
}

// C-style escapes in fixture text: \xNN and \\ .
inline std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'x' && i + 3 < s.size()) {
      out += FromHex(s.substr(i + 2, 2));
      i += 3;
    } else if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\\') {
      out.push_back('\\');
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// DynamoDB JSON ({"S": "x"}, {"N": "1"}, {"B": "<hex>"}...) to a value. B and
// BS hold hex rather than base64 here to keep fixtures readable.
inline AttributeValue FromJson(const nlohmann::json& j) {
  if (!j.is_object() || j.size() != 1) throw std::runtime_error("bad value: " + j.dump());
  const std::string& type = j.begin().key();
  const nlohmann::json& v = j.begin().value();
  if (type == "S") return AttributeValue::S(v.get<std::string>());
  if (type == "N") return AttributeValue::N(v.get<std::string>());
  if (type == "B") return AttributeValue::B(FromHex(v.get<std::string>()));
  if (type == "BOOL") return AttributeValue::Bool(v.get<bool>());
  if (type == "NULL") return AttributeValue::MakeNull();
  if (type == "M") {
    AttributeValue::Map m;
    for (auto it = v.begin(); it != v.end(); ++it) m.emplace(it.key(), FromJson(it.value()));
    return AttributeValue::M(std::move(m));
  }
  if (type == "L") {
    AttributeValue::List l;
    for (auto& e : v) l.push_back(FromJson(e));
    return AttributeValue::L(std::move(l));
  }
  if (type == "SS") return AttributeValue::SS(v.get<std::vector<std::string>>());
  if (type == "NS") {
    std::vector<Number> ns;
    for (auto& e : v) ns.push_back(*Number::Parse(e.get<std::string>()));
    return AttributeValue::NS(std::move(ns));
  }
  if (type == "BS") {
    std::vector<std::string> bs;
    for (auto& e : v) bs.push_back(FromHex(e.get<std::string>()));
    return AttributeValue::BS(std::move(bs));
  }
  throw std::runtime_error("unknown type " + type);
}

inline Item ItemFromJson(const std::string& text) {
  Item item;
  nlohmann::json j = nlohmann::json::parse(text);
  for (auto it = j.begin(); it != j.end(); ++it) item.emplace(it.key(), FromJson(it.value()));
  return item;
}

// DynamoDB's order of S and B values: unsigned bytes, shorter prefix first.
// Written independently of memcmp so it can serve as the oracle.
inline int ByteOrder(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = a[i], y = b[i];
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

inline int Sign(int v) { return (v > 0) - (v < 0); }

inline int MemcmpSign(std::string_view a, std::string_view b) {
  int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return Sign(c);
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

inline int NumberOrder(const Number& a, const Number& b) {
  auto c = a <=> b;
  return std::is_lt(c) ? -1 : (std::is_gt(c) ? 1 : 0);
}

class RandomValues {
 public:
  explicit RandomValues(uint64_t seed) : rng_(seed) {}

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Uniform(0, 99) < percent; }

  // A valid number: 1..38 digits, leading exponent anywhere in
  // [-130, 125], either sign; biased towards small integers, edges and long
  // coefficients so near-equal values get compared.
  Number RandomNumber() {
    if (Chance(5)) return Number();
    const bool negative = Chance(50);
    int digits = Chance(30) ? Uniform(1, 3) : (Chance(30) ? 38 : Uniform(1, 38));
    int leading;
    switch (Uniform(0, 3)) {
      case 0: leading = Uniform(digits - 1, std::min(digits + 2, 125)); break;  // integers
      case 1: leading = Uniform(-130, -125); break;
      case 2: leading = Uniform(120, 125); break;
      default: leading = Uniform(-130, 125); break;
    }
    unsigned __int128 c = 0;
    for (int i = 0; i < digits; ++i) {
      int d = Uniform(0, 9);
      if (i == 0 && d == 0) d = 1;
      if (i == digits - 1 && d == 0) d = Uniform(1, 9);
      if (Chance(20)) d = (i == 0 || i == digits - 1) ? 9 : (Chance(50) ? 0 : 9);
      c = c * 10 + d;
    }
    int exponent = leading - digits + 1;
    if (exponent < -130) {  // keep at least 1E-130: drop low digits
      while (exponent < -130) {
        c /= 10;
        ++exponent;
      }
      while (c % 10 == 0) {
        c /= 10;
        ++exponent;
      }
    }
    auto n = Number::FromParts(negative, c, exponent);
    if (!n.ok()) throw std::runtime_error("generator built an invalid number: " + n.status().message());
    return *n;
  }

  // Bytes biased towards 0x00, 0x01, 0xFF and a small alphabet so that
  // prefixes and escapes are common.
  std::string RandomBytes(int max_len) {
    int len = Uniform(0, max_len);
    std::string s;
    for (int i = 0; i < len; ++i) {
      switch (Uniform(0, 5)) {
        case 0: s.push_back('\0'); break;
        case 1: s.push_back('\xFF'); break;
        case 2: s.push_back('\x01'); break;
        case 3: s.push_back(static_cast<char>(Uniform(0, 255))); break;
        default: s.push_back(static_cast<char>('a' + Uniform(0, 2))); break;
      }
    }
    return s;
  }

  // Valid UTF-8 with 1- to 4-byte characters, including U+0000.
  std::string RandomUtf8(int max_chars) {
    int len = Uniform(0, max_chars);
    std::string s;
    for (int i = 0; i < len; ++i) {
      uint32_t cp;
      switch (Uniform(0, 5)) {
        case 0: cp = 0; break;
        case 1: cp = Uniform(0x80, 0x7FF); break;
        case 2: cp = Uniform(0x800, 0xD7FF); break;
        case 3: cp = Uniform(0x10000, 0x10FFFF); break;
        default: cp = 'a' + Uniform(0, 2); break;
      }
      AppendUtf8(cp, &s);
    }
    return s;
  }

  AttributeValue RandomScalar(int type) {
    switch (type) {
      case 0: return AttributeValue::S(RandomUtf8(8));
      case 1: return AttributeValue::N(RandomNumber());
      default: return AttributeValue::B(RandomBytes(8));
    }
  }

  // Any of the ten types, nested up to max_depth levels of M/L.
  AttributeValue RandomValue(int max_depth) {
    int type = Uniform(0, 9);
    if (max_depth <= 0 && (type == 5 || type == 6)) type = Uniform(0, 4);
    switch (type) {
      case 0: return AttributeValue::S(RandomUtf8(12));
      case 1: return AttributeValue::N(RandomNumber());
      case 2: return AttributeValue::B(RandomBytes(12));
      case 3: return AttributeValue::Bool(Chance(50));
      case 4: return AttributeValue::MakeNull();
      case 5: {
        AttributeValue::Map m;
        int n = Uniform(0, 4);
        for (int i = 0; i < n; ++i) m.emplace(RandomUtf8(4), RandomValue(max_depth - 1));
        return AttributeValue::M(std::move(m));
      }
      case 6: {
        AttributeValue::List l;
        int n = Uniform(0, 4);
        for (int i = 0; i < n; ++i) l.push_back(RandomValue(max_depth - 1));
        return AttributeValue::L(std::move(l));
      }
      case 7: {
        std::vector<std::string> v;
        int n = Uniform(1, 4);
        for (int i = 0; i < n; ++i) v.push_back(RandomUtf8(6) + std::to_string(i));
        return AttributeValue::SS(std::move(v));
      }
      case 8: {
        std::vector<Number> v;
        int n = Uniform(1, 4);
        for (int i = 0; i < n; ++i) v.push_back(RandomNumber());
        return AttributeValue::NS(std::move(v));
      }
      default: {
        std::vector<std::string> v;
        int n = Uniform(1, 4);
        for (int i = 0; i < n; ++i) v.push_back(RandomBytes(6) + std::to_string(i));
        return AttributeValue::BS(std::move(v));
      }
    }
  }

  Item RandomItem(int max_attrs, int max_depth) {
    Item item;
    int n = Uniform(0, max_attrs);
    for (int i = 0; i < n; ++i) item.emplace(RandomUtf8(6) + "a", RandomValue(max_depth));
    return item;
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  static void AppendUtf8(uint32_t cp, std::string* s) {
    if (cp < 0x80) {
      s->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      s->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      s->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      s->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      s->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      s->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      s->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      s->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  std::mt19937_64 rng_;
};

}  // namespace dynarock::codec_test
