// Varint grammar (LEB128, as LevelDB and protobuf):
//   varint := { byte with bit 7 set }* byte with bit 7 clear
// each byte carries 7 bits of the value, least significant group first.
// Fixed64 big-endian := 8 bytes, most significant first.
#include "util/coding.h"

namespace dynarock::util {

void PutVarint32(std::string* out, uint32_t v) { PutVarint64(out, v); }

void PutVarint64(std::string* out, uint64_t v) {
  char buf[kMaxVarint64Bytes];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out->append(buf, n);
}

int VarintLength(uint64_t v) {
  int n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

bool GetVarint32(std::string_view* in, uint32_t* v) {
  // Fast path: one byte, the common case for lengths and counts.
  if (!in->empty() && static_cast<uint8_t>((*in)[0]) < 0x80) {
    *v = static_cast<uint8_t>((*in)[0]);
    in->remove_prefix(1);
    return true;
  }
  uint32_t result = 0;
  size_t n = in->size() < kMaxVarint32Bytes ? in->size() : kMaxVarint32Bytes;
  for (size_t i = 0; i < n; ++i) {
    uint32_t byte = static_cast<uint8_t>((*in)[i]);
    if (i == 4 && byte > 0x0F) return false;  // more than 32 bits
    result |= (byte & 0x7F) << (7 * i);
    if (byte < 0x80) {
      in->remove_prefix(i + 1);
      *v = result;
      return true;
    }
  }
  return false;
}

bool GetVarint64(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  size_t n = in->size() < kMaxVarint64Bytes ? in->size() : kMaxVarint64Bytes;
  for (size_t i = 0; i < n; ++i) {
    uint64_t byte = static_cast<uint8_t>((*in)[i]);
    if (i == 9 && byte > 0x01) return false;  // more than 64 bits
    result |= (byte & 0x7F) << (7 * i);
    if (byte < 0x80) {
      in->remove_prefix(i + 1);
      *v = result;
      return true;
    }
  }
  return false;
}

void PutLengthPrefixed(std::string* out, std::string_view bytes) {
  PutVarint32(out, static_cast<uint32_t>(bytes.size()));
  out->append(bytes);
}

bool GetLengthPrefixed(std::string_view* in, std::string_view* bytes) {
  uint32_t len = 0;
  if (!GetVarint32(in, &len) || len > in->size()) return false;
  *bytes = in->substr(0, len);
  in->remove_prefix(len);
  return true;
}

void PutFixed64BigEndian(std::string* out, uint64_t v) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  out->append(buf, 8);
}

uint64_t DecodeFixed64BigEndian(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

bool GetFixed64BigEndian(std::string_view* in, uint64_t* v) {
  if (in->size() < 8) return false;
  *v = DecodeFixed64BigEndian(in->data());
  in->remove_prefix(8);
  return true;
}

}  // namespace dynarock::util
