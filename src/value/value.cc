// AttributeValue: names, equality, debug text, validation (see value.h).

#include "dynarock/value.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "value/value_internal.h"

namespace dynarock {

std::string_view ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kS: return "S";
    case ValueType::kN: return "N";
    case ValueType::kB: return "B";
    case ValueType::kBool: return "BOOL";
    case ValueType::kNull: return "NULL";
    case ValueType::kM: return "M";
    case ValueType::kL: return "L";
    case ValueType::kSS: return "SS";
    case ValueType::kNS: return "NS";
    case ValueType::kBS: return "BS";
  }
  return "?";
}

AttributeValue AttributeValue::N(std::string_view text) {
  auto n = Number::Parse(text);
  if (!n.ok()) {
    // Documented REQUIRES: a test or example passed a bad literal.
    std::fprintf(stderr, "AttributeValue::N(\"%.*s\"): %s\n", static_cast<int>(text.size()),
                 text.data(), n.status().message().c_str());
    std::abort();
  }
  return AttributeValue(std::move(n).value());
}

namespace {

// Set equality on possibly unvalidated sets: duplicates do not matter,
// order does not matter.
template <typename T, typename Less>
bool SameSet(const std::vector<T>& a, const std::vector<T>& b, Less less) {
  if (a.size() == b.size()) {
    // Common case: identical order.
    bool same = true;
    for (size_t i = 0; i < a.size() && same; ++i) same = !less(a[i], b[i]) && !less(b[i], a[i]);
    if (same) return true;
  }
  std::vector<const T*> x, y;
  x.reserve(a.size());
  y.reserve(b.size());
  for (const T& v : a) x.push_back(&v);
  for (const T& v : b) y.push_back(&v);
  auto pless = [&](const T* p, const T* q) { return less(*p, *q); };
  auto peq = [&](const T* p, const T* q) { return !less(*p, *q) && !less(*q, *p); };
  std::sort(x.begin(), x.end(), pless);
  std::sort(y.begin(), y.end(), pless);
  x.erase(std::unique(x.begin(), x.end(), peq), x.end());
  y.erase(std::unique(y.begin(), y.end(), peq), y.end());
  return std::equal(x.begin(), x.end(), y.begin(), y.end(), peq);
}

}  // namespace

bool AttributeValue::operator==(const AttributeValue& other) const {
  if (type() != other.type()) return false;
  switch (type()) {
    case ValueType::kS: return s() == other.s();
    case ValueType::kN: return n() == other.n();  // normalised: field equality is numeric
    case ValueType::kB: return b() == other.b();
    case ValueType::kBool: return boolean() == other.boolean();
    case ValueType::kNull: return true;
    case ValueType::kM: {
      const Map& a = m();
      const Map& o = other.m();
      if (a.size() != o.size()) return false;
      auto it = o.begin();
      for (const auto& [k, v] : a) {
        if (it->first != k || !(it->second == v)) return false;
        ++it;
      }
      return true;
    }
    case ValueType::kL: return l() == other.l();
    case ValueType::kSS: return SameSet(ss(), other.ss(), std::less<std::string>());
    case ValueType::kBS: return SameSet(bs(), other.bs(), std::less<std::string>());
    case ValueType::kNS:
      return SameSet(ns(), other.ns(),
                     [](const Number& x, const Number& y) { return std::is_lt(x <=> y); });
  }
  return false;
}

namespace value_internal {

void AppendBase64(std::string_view bytes, std::string* out) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8) | p[i + 2];
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back(kAlphabet[v & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = uint32_t{p[i]} << 16;
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->append("==");
  } else if (rest == 2) {
    uint32_t v = (uint32_t{p[i]} << 16) | (uint32_t{p[i + 1]} << 8);
    out->push_back(kAlphabet[(v >> 18) & 63]);
    out->push_back(kAlphabet[(v >> 12) & 63]);
    out->push_back(kAlphabet[(v >> 6) & 63]);
    out->push_back('=');
  }
}

void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(ch);  // UTF-8 passes through unchanged
        }
    }
  }
  out->push_back('"');
}

}  // namespace value_internal

namespace {

using value_internal::AppendBase64;
using value_internal::AppendJsonString;

void AppendDebug(const AttributeValue& v, std::string* out) {
  out->append("{\"");
  out->append(ValueTypeName(v.type()));
  out->append("\":");
  switch (v.type()) {
    case ValueType::kS: AppendJsonString(v.s(), out); break;
    case ValueType::kN: AppendJsonString(v.n().ToString(), out); break;
    case ValueType::kB:
      out->push_back('"');
      AppendBase64(v.b(), out);
      out->push_back('"');
      break;
    case ValueType::kBool: out->append(v.boolean() ? "true" : "false"); break;
    case ValueType::kNull: out->append("true"); break;
    case ValueType::kM: {
      out->push_back('{');
      bool first = true;
      for (const auto& [k, e] : v.m()) {  // std::map: sorted, so deterministic
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(k, out);
        out->push_back(':');
        AppendDebug(e, out);
      }
      out->push_back('}');
      break;
    }
    case ValueType::kL: {
      out->push_back('[');
      for (size_t i = 0; i < v.l().size(); ++i) {
        if (i) out->push_back(',');
        AppendDebug(v.l()[i], out);
      }
      out->push_back(']');
      break;
    }
    case ValueType::kSS:
    case ValueType::kBS: {
      const auto& set = v.type() == ValueType::kSS ? v.ss() : v.bs();
      out->push_back('[');
      for (size_t i = 0; i < set.size(); ++i) {
        if (i) out->push_back(',');
        if (v.type() == ValueType::kSS) {
          AppendJsonString(set[i], out);
        } else {
          out->push_back('"');
          AppendBase64(set[i], out);
          out->push_back('"');
        }
      }
      out->push_back(']');
      break;
    }
    case ValueType::kNS: {
      out->push_back('[');
      for (size_t i = 0; i < v.ns().size(); ++i) {
        if (i) out->push_back(',');
        AppendJsonString(v.ns()[i].ToString(), out);
      }
      out->push_back(']');
      break;
    }
  }
  out->push_back('}');
}

}  // namespace

std::string AttributeValue::DebugString() const {
  std::string out;
  AppendDebug(*this, &out);
  return out;
}

std::string ItemDebugString(const Item& item) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : item) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(k, &out);
    out.push_back(':');
    AppendDebug(v, &out);
  }
  out.push_back('}');
  return out;
}

}  // namespace dynarock
