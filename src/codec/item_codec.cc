// Item encoding. Grammar of the bytes (docs/format/item.md):
//
//   item     := version count attr*
//   version  := 0x01
//   count    := varint32                    number of attributes
//   attr     := name value                  names in strictly ascending byte order
//   name     := varint32 length, bytes
//   value    := tag payload
//   tag      := uint8, ValueType's numeric value (DO NOT CHANGE: on disk)
//   payload  := S:    varint32 length, UTF-8 bytes
//             | N:    number            (compact form, number_codec.cc)
//             | B:    varint32 length, bytes
//             | BOOL: 0x00 (false) | 0x01 (true)
//             | NULL: (nothing)
//             | M:    varint32 count, (name value)*   names strictly ascending
//             | L:    varint32 count, value*
//             | SS:   varint32 count, (varint32 length, bytes)*
//             | NS:   varint32 count, number*
//             | BS:   varint32 count, (varint32 length, bytes)*
//
// Decoding is bounded: M/L nesting deeper than kMaxDecodeDepth, a length or
// count larger than the bytes left, a name out of order, an unknown tag or
// trailing bytes all give Corruption. Sets keep their stored element order.
#include "codec/item_codec.h"

#include <iterator>
#include <tuple>
#include <utility>

#include "codec/number_codec.h"
#include "util/coding.h"

namespace dynarock::codec {
namespace {

constexpr uint8_t kFormatVersion = 0x01;

Status ItemCorruption(std::string_view what) {
  return Status::Corruption("corrupt item encoding: " + std::string(what));
}

void EncodeValue(const AttributeValue& v, std::string* out);

void EncodeMapEntries(const AttributeValue::Map& m, std::string* out) {
  util::PutVarint32(out, static_cast<uint32_t>(m.size()));
  for (const auto& [name, value] : m) {
    util::PutLengthPrefixed(out, name);
    EncodeValue(value, out);
  }
}

void EncodeValue(const AttributeValue& v, std::string* out) {
  const ValueType type = v.type();
  out->push_back(static_cast<char>(type));
  switch (type) {
    case ValueType::kS: util::PutLengthPrefixed(out, v.s()); break;
    case ValueType::kN: AppendNumberCompact(v.n(), out); break;
    case ValueType::kB: util::PutLengthPrefixed(out, v.b()); break;
    case ValueType::kBool: out->push_back(v.boolean() ? 1 : 0); break;
    case ValueType::kNull: break;
    case ValueType::kM: EncodeMapEntries(v.m(), out); break;
    case ValueType::kL:
      util::PutVarint32(out, static_cast<uint32_t>(v.l().size()));
      for (const auto& e : v.l()) EncodeValue(e, out);
      break;
    case ValueType::kSS:
    case ValueType::kBS: {
      const auto& set = type == ValueType::kSS ? v.ss() : v.bs();
      util::PutVarint32(out, static_cast<uint32_t>(set.size()));
      for (const auto& e : set) util::PutLengthPrefixed(out, e);
      break;
    }
    case ValueType::kNS:
      util::PutVarint32(out, static_cast<uint32_t>(v.ns().size()));
      for (const auto& e : v.ns()) AppendNumberCompact(e, out);
      break;
  }
}

// Reads a count and checks it against the bytes left, given the smallest
// encoding of one element, so that reserve() cannot be driven by a forged
// count.
bool GetCount(std::string_view* in, size_t min_element_bytes, uint32_t* count) {
  if (!util::GetVarint32(in, count)) return false;
  return static_cast<uint64_t>(*count) * min_element_bytes <= in->size();
}

Status DecodeValue(std::string_view* in, int depth, AttributeValue* out);

// Decodes `count` (name, value) pairs into *m. The encoder writes std::map
// order, so names must be strictly ascending: each is appended at the end
// with a hint (O(1)), and a name that did not land last (out of order) or
// did not insert (duplicate) is corruption. Values are decoded in place into
// the map node, avoiding moves of AttributeValue.
template <typename MapT>
Status DecodeEntries(std::string_view* in, uint32_t count, int depth, MapT* m) {
  for (uint32_t i = 0; i < count; ++i) {
    std::string_view name;
    if (!util::GetLengthPrefixed(in, &name)) return ItemCorruption("bad attribute name");
    const size_t before = m->size();
    auto it = m->emplace_hint(m->end(), std::piecewise_construct, std::forward_as_tuple(name),
                              std::forward_as_tuple());
    if (m->size() == before || std::next(it) != m->end()) {
      return ItemCorruption("attribute names out of order");
    }
    RETURN_IF_ERROR(DecodeValue(in, depth, &it->second));
  }
  return Status::OK();
}

Status DecodeByteStrings(std::string_view* in, std::vector<std::string>* out) {
  uint32_t count = 0;
  if (!GetCount(in, 1, &count)) return ItemCorruption("bad set count");
  out->reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    std::string_view bytes;
    if (!util::GetLengthPrefixed(in, &bytes)) return ItemCorruption("bad set element");
    out->emplace_back(bytes);
  }
  return Status::OK();
}

// Decodes one value into *out (which holds NULL on entry).
Status DecodeValue(std::string_view* in, int depth, AttributeValue* out) {
  if (in->empty()) return ItemCorruption("missing value tag");
  const uint8_t tag = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  switch (tag) {
    case static_cast<uint8_t>(ValueType::kS):
    case static_cast<uint8_t>(ValueType::kB): {
      std::string_view bytes;
      if (!util::GetLengthPrefixed(in, &bytes)) return ItemCorruption("bad string length");
      *out = tag == static_cast<uint8_t>(ValueType::kS) ? AttributeValue::S(std::string(bytes))
                                                       : AttributeValue::B(std::string(bytes));
      return Status::OK();
    }
    case static_cast<uint8_t>(ValueType::kN): {
      auto n = DecodeNumberCompact(in);
      if (!n.ok()) return std::move(n).status();
      *out = AttributeValue::N(*n);
      return Status::OK();
    }
    case static_cast<uint8_t>(ValueType::kBool): {
      if (in->empty()) return ItemCorruption("truncated BOOL");
      const uint8_t b = static_cast<uint8_t>((*in)[0]);
      if (b > 1) return ItemCorruption("bad BOOL byte");
      in->remove_prefix(1);
      *out = AttributeValue::Bool(b == 1);
      return Status::OK();
    }
    case static_cast<uint8_t>(ValueType::kNull):
      return Status::OK();
    case static_cast<uint8_t>(ValueType::kM): {
      if (depth >= kMaxDecodeDepth) return ItemCorruption("nesting too deep");
      uint32_t count = 0;
      if (!GetCount(in, 2, &count)) return ItemCorruption("bad map count");
      *out = AttributeValue::M({});
      return DecodeEntries(in, count, depth + 1, &out->m());
    }
    case static_cast<uint8_t>(ValueType::kL): {
      if (depth >= kMaxDecodeDepth) return ItemCorruption("nesting too deep");
      uint32_t count = 0;
      if (!GetCount(in, 1, &count)) return ItemCorruption("bad list count");
      *out = AttributeValue::L({});
      AttributeValue::List& l = out->l();
      l.reserve(count);
      for (uint32_t i = 0; i < count; ++i) {
        RETURN_IF_ERROR(DecodeValue(in, depth + 1, &l.emplace_back()));
      }
      return Status::OK();
    }
    case static_cast<uint8_t>(ValueType::kSS):
      *out = AttributeValue::SS({});
      return DecodeByteStrings(in, &out->ss());
    case static_cast<uint8_t>(ValueType::kBS):
      *out = AttributeValue::BS({});
      return DecodeByteStrings(in, &out->bs());
    case static_cast<uint8_t>(ValueType::kNS): {
      uint32_t count = 0;
      if (!GetCount(in, 2, &count)) return ItemCorruption("bad set count");
      *out = AttributeValue::NS({});
      std::vector<Number>& set = out->ns();
      set.reserve(count);
      for (uint32_t i = 0; i < count; ++i) {
        auto n = DecodeNumberCompact(in);
        if (!n.ok()) return std::move(n).status();
        set.push_back(*n);
      }
      return Status::OK();
    }
    default:
      return ItemCorruption("unknown value tag");
  }
}

}  // namespace

void EncodeItem(const Item& item, std::string* out) {
  out->push_back(static_cast<char>(kFormatVersion));
  util::PutVarint32(out, static_cast<uint32_t>(item.size()));
  for (const auto& [name, value] : item) {
    util::PutLengthPrefixed(out, name);
    EncodeValue(value, out);
  }
}

std::string EncodeItem(const Item& item) {
  std::string out;
  EncodeItem(item, &out);
  return out;
}

Result<Item> DecodeItem(std::string_view bytes) {
  if (bytes.empty()) return ItemCorruption("empty");
  if (static_cast<uint8_t>(bytes[0]) != kFormatVersion) {
    return ItemCorruption("unknown format version");
  }
  bytes.remove_prefix(1);
  uint32_t count = 0;
  if (!GetCount(&bytes, 2, &count)) return ItemCorruption("bad attribute count");
  Item item;
  RETURN_IF_ERROR(DecodeEntries(&bytes, count, 0, &item));
  if (!bytes.empty()) return ItemCorruption("trailing bytes");
  return item;
}

}  // namespace dynarock::codec
