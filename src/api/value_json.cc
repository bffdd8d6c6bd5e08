// DynamoDB JSON <-> AttributeValue.
//
// Grammar of a value (one type key; unknown keys are ignored, as DynamoDB
// ignores unknown members):
//   value  := '{' type ':' body '}'
//   type   := "S" | "N" | "B" | "BOOL" | "NULL" | "M" | "L" | "SS" | "NS" | "BS"
//   S      := string            N  := string (a decimal, see number.h)
//   B      := base64 string     BOOL := true | false     NULL := true
//   M      := '{' (name ':' value)* '}'     L := '[' value* ']'
//   SS     := '[' string* ']'   NS := '[' string* ']'     BS := '[' base64* ']'
// Numbers are written back in Number::ToString's normal form.
#include "api/value_json.h"

#include <array>

namespace dynarock::api {
namespace {

using nlohmann::json;

constexpr std::string_view kStartOfStructure = "Start of structure or map found where not expected";
constexpr std::string_view kUnexpectedField = "Unexpected field type";

// Deeper than any value DynamoDB accepts (32 levels): only guards our stack;
// the engine reports the precise nesting error.
constexpr int kMaxParseDepth = 64;

Status ParseValue(const json& j, AttributeValue* out, int depth);

Status ParseString(const json& j, std::string* out) {
  if (!j.is_string()) return Status::Serialization(ScalarTypeMismatch(j, "String"));
  *out = j.get_ref<const std::string&>();
  return Status::OK();
}

Status ParseBinary(const json& j, std::string* out) {
  if (j.is_string()) return Base64Decode(j.get_ref<const std::string&>(), out);
  if (j.is_array()) return Status::Serialization("Unrecognized collection type class java.nio.ByteBuffer");
  if (j.is_object()) return Status::Serialization(std::string(kStartOfStructure));
  return Status::Serialization("only base-64-encoded strings are convertible to bytes");
}

Status ParseNumber(const json& j, Number* out) {
  std::string text;
  RETURN_IF_ERROR(ParseString(j, &text));
  ASSIGN_OR_RETURN(*out, Number::Parse(text));
  return Status::OK();
}

Status ParseBool(const json& j, bool* out) {
  if (!j.is_boolean()) return Status::Serialization(ScalarTypeMismatch(j, "Boolean"));
  *out = j.get<bool>();
  return Status::OK();
}

Status ExpectList(const json& j) {
  if (j.is_array()) return Status::OK();
  if (j.is_object()) return Status::Serialization(std::string(kStartOfStructure));
  return Status::Serialization(std::string(kUnexpectedField));
}

enum class Kind { kS, kN, kB, kBool, kNull, kM, kL, kSS, kNS, kBS, kUnknown };

Kind KindOf(std::string_view key) {
  switch (key.size()) {
    case 1:
      if (key[0] == 'S') return Kind::kS;
      if (key[0] == 'N') return Kind::kN;
      if (key[0] == 'B') return Kind::kB;
      if (key[0] == 'M') return Kind::kM;
      if (key[0] == 'L') return Kind::kL;
      break;
    case 2:
      if (key == "SS") return Kind::kSS;
      if (key == "NS") return Kind::kNS;
      if (key == "BS") return Kind::kBS;
      break;
    case 4:
      if (key == "BOOL") return Kind::kBool;
      if (key == "NULL") return Kind::kNull;
      break;
  }
  return Kind::kUnknown;
}

Status ParseTyped(Kind kind, const json& body, AttributeValue* out, int depth) {
  switch (kind) {
    case Kind::kS: {
      std::string s;
      RETURN_IF_ERROR(ParseString(body, &s));
      *out = AttributeValue::S(std::move(s));
      return Status::OK();
    }
    case Kind::kN: {
      Number n;
      RETURN_IF_ERROR(ParseNumber(body, &n));
      *out = AttributeValue::N(n);
      return Status::OK();
    }
    case Kind::kB: {
      std::string b;
      RETURN_IF_ERROR(ParseBinary(body, &b));
      *out = AttributeValue::B(std::move(b));
      return Status::OK();
    }
    case Kind::kBool: {
      bool b = false;
      RETURN_IF_ERROR(ParseBool(body, &b));
      *out = AttributeValue::Bool(b);
      return Status::OK();
    }
    case Kind::kNull: {
      bool b = false;
      RETURN_IF_ERROR(ParseBool(body, &b));
      if (!b) {
        return Status::Validation(
            "One or more parameter values were invalid: Null attribute value types must have the value of true");
      }
      *out = AttributeValue::MakeNull();
      return Status::OK();
    }
    case Kind::kM: {
      if (body.is_array()) {
        return Status::Serialization(
            "Unrecognized collection type java.util.Map<java.lang.String, "
            "com.amazonaws.dynamodb.v20120810.AttributeValue>");
      }
      if (!body.is_object()) return Status::Serialization(std::string(kUnexpectedField));
      AttributeValue::Map m;
      for (auto it = body.begin(); it != body.end(); ++it) {
        if (it->is_null()) continue;
        AttributeValue v;
        RETURN_IF_ERROR(ParseValue(*it, &v, depth + 1));
        m.emplace_hint(m.end(), it.key(), std::move(v));
      }
      *out = AttributeValue::M(std::move(m));
      return Status::OK();
    }
    case Kind::kL: {
      RETURN_IF_ERROR(ExpectList(body));
      AttributeValue::List l;
      l.reserve(body.size());
      for (const json& e : body) {
        if (e.is_null()) continue;
        l.emplace_back();
        RETURN_IF_ERROR(ParseValue(e, &l.back(), depth + 1));
      }
      *out = AttributeValue::L(std::move(l));
      return Status::OK();
    }
    case Kind::kSS:
    case Kind::kBS: {
      RETURN_IF_ERROR(ExpectList(body));
      std::vector<std::string> s;
      s.reserve(body.size());
      for (const json& e : body) {
        if (e.is_null()) continue;
        s.emplace_back();
        RETURN_IF_ERROR(kind == Kind::kSS ? ParseString(e, &s.back()) : ParseBinary(e, &s.back()));
      }
      *out = kind == Kind::kSS ? AttributeValue::SS(std::move(s)) : AttributeValue::BS(std::move(s));
      return Status::OK();
    }
    case Kind::kNS: {
      RETURN_IF_ERROR(ExpectList(body));
      std::vector<Number> s;
      s.reserve(body.size());
      for (const json& e : body) {
        if (e.is_null()) continue;
        s.emplace_back();
        RETURN_IF_ERROR(ParseNumber(e, &s.back()));
      }
      *out = AttributeValue::NS(std::move(s));
      return Status::OK();
    }
    case Kind::kUnknown:
      break;
  }
  return Status::Internal("unknown attribute value kind");
}

Status ParseValue(const json& j, AttributeValue* out, int depth) {
  if (depth > kMaxParseDepth) {
    return Status::Validation("Nesting Levels have exceeded supported limits");
  }
  if (!j.is_object()) {
    if (j.is_array()) {
      return Status::Serialization(
          "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
    }
    return Status::Serialization("Unexpected value type in payload");
  }
  int types = 0;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it->is_null()) continue;  // an absent member, as DynamoDB reads it
    Kind kind = KindOf(it.key());
    if (kind == Kind::kUnknown) continue;
    ++types;
    // Keep parsing after a second type so that a wrongly typed member still
    // reports its SerializationException first, as DynamoDB deserialises
    // the whole value before validating it.
    RETURN_IF_ERROR(ParseTyped(kind, *it, out, depth));
  }
  if (types == 0) {
    return Status::Validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  }
  if (types > 1) {
    return Status::Validation(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
  }
  return Status::OK();
}

constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> MakeDecodeTable() {
  std::array<int8_t, 256> t{};
  for (auto& x : t) x = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kBase64Alphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr std::array<int8_t, 256> kBase64Decode = MakeDecodeTable();

}  // namespace

std::string ScalarTypeMismatch(const json& j, std::string_view java_type) {
  std::string what;
  switch (j.type()) {
    case json::value_t::boolean:
      what = j.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      what = "NUMBER_VALUE";
      break;
    case json::value_t::number_float:
      what = "DECIMAL_VALUE";
      break;
    case json::value_t::string:
      // DynamoDB's parser rejects a string token where a boolean is due
      // without naming a conversion.
      if (java_type == "Boolean") return "Unexpected token received from parser";
      what = "STRING_VALUE";
      break;
    case json::value_t::array:
      return "Unrecognized collection type class java.lang." + std::string(java_type);
    case json::value_t::object:
      return std::string(kStartOfStructure);
    default:
      what = "NULL_VALUE";
      break;
  }
  return what + " cannot be converted to " + std::string(java_type);
}

Status ParseAttributeValue(const json& j, AttributeValue* out) { return ParseValue(j, out, 1); }

Status ParseAttributeMap(const json& j, Item* out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it->is_null()) continue;
    AttributeValue v;
    RETURN_IF_ERROR(ParseValue(*it, &v, 1));
    // nlohmann keeps object keys sorted, the same order as Item's: append.
    out->emplace_hint(out->end(), it.key(), std::move(v));
  }
  return Status::OK();
}

void WriteAttributeValue(JsonWriter& w, const AttributeValue& v) {
  w.BeginObject();
  switch (v.type()) {
    case ValueType::kS:
      w.Field("S", v.s());
      break;
    case ValueType::kN:
      w.Field("N", v.n().ToString());
      break;
    case ValueType::kB:
      w.Field("B", Base64Encode(v.b()));
      break;
    case ValueType::kBool:
      w.FieldBool("BOOL", v.boolean());
      break;
    case ValueType::kNull:
      w.FieldBool("NULL", true);
      break;
    case ValueType::kM:
      w.Key("M");
      WriteItem(w, v.m());
      break;
    case ValueType::kL:
      w.Key("L");
      w.BeginArray();
      for (const auto& e : v.l()) WriteAttributeValue(w, e);
      w.EndArray();
      break;
    case ValueType::kSS:
      w.Key("SS");
      w.BeginArray();
      for (const auto& e : v.ss()) w.String(e);
      w.EndArray();
      break;
    case ValueType::kNS:
      w.Key("NS");
      w.BeginArray();
      for (const auto& e : v.ns()) w.String(e.ToString());
      w.EndArray();
      break;
    case ValueType::kBS:
      w.Key("BS");
      w.BeginArray();
      for (const auto& e : v.bs()) w.String(Base64Encode(e));
      w.EndArray();
      break;
  }
  w.EndObject();
}

void WriteItem(JsonWriter& w, const Item& item) {
  w.BeginObject();
  for (const auto& [name, value] : item) {
    w.Key(name);
    WriteAttributeValue(w, value);
  }
  w.EndObject();
}

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = b(i) << 16 | b(i + 1) << 8 | b(i + 2);
    out.push_back(kBase64Alphabet[n >> 18]);
    out.push_back(kBase64Alphabet[(n >> 12) & 63]);
    out.push_back(kBase64Alphabet[(n >> 6) & 63]);
    out.push_back(kBase64Alphabet[n & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t n = b(i) << 16;
    out.push_back(kBase64Alphabet[n >> 18]);
    out.push_back(kBase64Alphabet[(n >> 12) & 63]);
    out.append("==");
  } else if (rest == 2) {
    uint32_t n = b(i) << 16 | b(i + 1) << 8;
    out.push_back(kBase64Alphabet[n >> 18]);
    out.push_back(kBase64Alphabet[(n >> 12) & 63]);
    out.push_back(kBase64Alphabet[(n >> 6) & 63]);
    out.push_back('=');
  }
  return out;
}

Status Base64Decode(std::string_view text, std::string* out) {
  out->clear();
  if (text.size() % 4 != 0) {
    return Status::Serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " +
                                 std::to_string(text.size()));
  }
  constexpr std::string_view kBadLast = "Invalid last non-pad Base64 character dectected";
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') pad = (text.size() >= 2 && text[text.size() - 2] == '=') ? 2 : 1;
  size_t data_len = text.size() - pad;
  for (size_t i = 0; i < data_len; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (kBase64Decode[c] < 0) {
      if (c == '=') return Status::Serialization(std::string(kBadLast));
      return Status::Serialization("Invalid Base64 character: '" + std::string(1, static_cast<char>(c)) + "'");
    }
  }
  out->reserve(data_len * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < data_len; ++i) {
    acc = acc << 6 | static_cast<uint32_t>(kBase64Decode[static_cast<unsigned char>(text[i])]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // The bits left over after the last full byte must be zero: otherwise two
  // texts would decode to the same bytes.
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return Status::Serialization(std::string(kBadLast));
  return Status::OK();
}

}  // namespace dynarock::api
