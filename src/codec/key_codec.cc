// Key encoding. Grammar of the bytes (docs/format/key.md):
//
//   item_key   := hash64 pk_len pk_bytes sk_bytes?
//   hash64     := XXH64(pk_bytes, seed 0), 8 bytes big-endian
//   pk_len     := varint32 (length of pk_bytes)
//   pk_bytes   := plain(partition key)
//   sk_bytes   := plain(sort key)                 absent on hash-only tables
//
//   plain(S)   := UTF-8 bytes                      (memcmp = DynamoDB order)
//   plain(B)   := raw bytes
//   plain(N)   := number key form (number_codec.cc; self-delimiting)
//   delim(S|B) := { byte != 0x00 | 0x00 0xFF }* 0x00 0x01
//   delim(N)   := number key form
//
// Why the delimited escape preserves order: a 0x00 data byte becomes 00 FF
// and the terminator is 00 01, so at the first position where two encodings
// differ, an ended string (00 01) sorts below both a continuing 0x00 (00 FF)
// and any non-zero byte, exactly as a prefix sorts below a longer string.
#include "codec/key_codec.h"

#include <xxhash.h>

#include <cstring>

#include "codec/number_codec.h"
#include "util/coding.h"

namespace dynarock::codec {
namespace {

Status KeyCorruption(std::string_view what) {
  return Status::Corruption("corrupt key encoding: " + std::string(what));
}

void AppendEscaped(std::string_view bytes, std::string* out) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  while (p < end) {
    const void* zero = std::memchr(p, 0, end - p);
    if (zero == nullptr) {
      out->append(p, end - p);
      break;
    }
    const char* z = static_cast<const char*>(zero);
    out->append(p, z - p);
    out->append("\x00\xFF", 2);
    p = z + 1;
  }
  out->append("\x00\x01", 2);
}

// Reads one escaped component, advancing *in past its terminator.
bool GetEscaped(std::string_view* in, std::string* bytes) {
  const char* p = in->data();
  const char* end = p + in->size();
  while (p < end) {
    const void* zero = std::memchr(p, 0, end - p);
    if (zero == nullptr) return false;  // no terminator
    const char* z = static_cast<const char*>(zero);
    bytes->append(p, z - p);
    if (z + 1 >= end) return false;
    uint8_t next = static_cast<uint8_t>(z[1]);
    if (next == 0x01) {
      in->remove_prefix(z + 2 - in->data());
      return true;
    }
    if (next != 0xFF) return false;
    bytes->push_back('\0');
    p = z + 2;
  }
  return false;
}

}  // namespace

void AppendKeyBytes(const AttributeValue& v, std::string* out) {
  switch (v.type()) {
    case ValueType::kS: out->append(v.s()); break;
    case ValueType::kB: out->append(v.b()); break;
    case ValueType::kN: AppendNumberKey(v.n(), out); break;
    default: break;  // REQUIRES violated: not a key type; nothing is written
  }
}

void AppendKeyBytesDelimited(const AttributeValue& v, std::string* out) {
  switch (v.type()) {
    case ValueType::kS: AppendEscaped(v.s(), out); break;
    case ValueType::kB: AppendEscaped(v.b(), out); break;
    case ValueType::kN: AppendNumberKey(v.n(), out); break;
    default: break;
  }
}

std::string KeyBytes(const AttributeValue& v) {
  std::string out;
  AppendKeyBytes(v, &out);
  return out;
}

Result<AttributeValue> DecodeKeyValue(std::string_view* in, ScalarAttributeType type,
                                      bool delimited) {
  switch (type) {
    case ScalarAttributeType::kN: {
      ASSIGN_OR_RETURN(Number n, DecodeNumberKey(in));
      if (!delimited && !in->empty()) return KeyCorruption("bytes after number");
      return AttributeValue::N(std::move(n));
    }
    case ScalarAttributeType::kS:
    case ScalarAttributeType::kB: {
      std::string bytes;
      if (delimited) {
        if (!GetEscaped(in, &bytes)) return KeyCorruption("bad escaped string");
      } else {
        bytes.assign(in->data(), in->size());
        in->remove_prefix(in->size());
      }
      return type == ScalarAttributeType::kS ? AttributeValue::S(std::move(bytes))
                                             : AttributeValue::B(std::move(bytes));
    }
  }
  return KeyCorruption("unknown key type");
}

uint64_t PartitionHash(std::string_view partition_key_bytes) {
  return XXH64(partition_key_bytes.data(), partition_key_bytes.size(), 0);
}

void AppendPartitionPrefix(const AttributeValue& partition_key, std::string* out) {
  // Encode the key bytes first (in place, after room for hash and length)
  // so that no temporary string is needed for S and B.
  if (partition_key.type() == ValueType::kS || partition_key.type() == ValueType::kB) {
    std::string_view bytes =
        partition_key.type() == ValueType::kS ? partition_key.s() : partition_key.b();
    util::PutFixed64BigEndian(out, PartitionHash(bytes));
    util::PutLengthPrefixed(out, bytes);
    return;
  }
  // N: the key form is at most 22 bytes, so its length varint is one byte;
  // write it in place after the hash and patch both afterwards.
  const size_t start = out->size();
  out->append(9, '\0');
  AppendKeyBytes(partition_key, out);
  std::string_view bytes(out->data() + start + 9, out->size() - start - 9);
  const uint64_t hash = PartitionHash(bytes);
  for (int i = 7; i >= 0; --i) (*out)[start + 7 - i] = static_cast<char>(hash >> (8 * i));
  (*out)[start + 8] = static_cast<char>(bytes.size());
}

void AppendItemKey(const AttributeValue& partition_key, const AttributeValue* sort_key,
                   std::string* out) {
  AppendPartitionPrefix(partition_key, out);
  if (sort_key != nullptr) AppendKeyBytes(*sort_key, out);
}

Result<DecodedItemKey> DecodeItemKey(std::string_view key, ScalarAttributeType partition_type,
                                     bool has_sort_key, ScalarAttributeType sort_type) {
  uint64_t hash = 0;
  std::string_view pk_bytes;
  if (!util::GetFixed64BigEndian(&key, &hash)) return KeyCorruption("truncated hash");
  if (!util::GetLengthPrefixed(&key, &pk_bytes)) return KeyCorruption("bad partition key length");
  if (pk_bytes.empty()) return KeyCorruption("empty partition key");
  if (PartitionHash(pk_bytes) != hash) return KeyCorruption("partition hash mismatch");
  DecodedItemKey out;
  ASSIGN_OR_RETURN(out.partition_key, DecodeKeyValue(&pk_bytes, partition_type, false));
  if (!has_sort_key) {
    if (!key.empty()) return KeyCorruption("bytes after partition key");
    return out;
  }
  if (key.empty()) return KeyCorruption("missing sort key");
  ASSIGN_OR_RETURN(out.sort_key, DecodeKeyValue(&key, sort_type, false));
  return out;
}

}  // namespace dynarock::codec
