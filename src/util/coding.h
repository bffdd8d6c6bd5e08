// Byte-level encoding helpers shared by the codecs: LEB128-style varints
// (7 bits per byte, low group first, high bit = "more bytes follow") and
// big-endian fixed-width integers (big-endian so that memcmp order equals
// numeric order, which the key layout relies on).
//
// Decoders take a std::string_view* cursor, advance it past what they read
// and return false (leaving the cursor unspecified) on truncated or
// over-long input; they never read past the view.
//
// Thread-safety: free functions over caller-owned buffers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dynarock::util {

inline constexpr int kMaxVarint32Bytes = 5;
inline constexpr int kMaxVarint64Bytes = 10;

// Appends v as a varint (1..5 bytes).
void PutVarint32(std::string* out, uint32_t v);
// Appends v as a varint (1..10 bytes).
void PutVarint64(std::string* out, uint64_t v);
// Number of bytes PutVarint64 writes for v.
int VarintLength(uint64_t v);

// Reads a varint32. Returns false if the input ends inside the varint or the
// value does not fit 32 bits (a 5th byte above 0x0F, or a 6th byte).
bool GetVarint32(std::string_view* in, uint32_t* v);
// Reads a varint64. Returns false if truncated or over 64 bits.
bool GetVarint64(std::string_view* in, uint64_t* v);

// Appends a varint32 length followed by the bytes.
void PutLengthPrefixed(std::string* out, std::string_view bytes);
// Reads a varint32 length and that many bytes. Returns false if truncated.
bool GetLengthPrefixed(std::string_view* in, std::string_view* bytes);

// Big-endian fixed 64-bit.
void PutFixed64BigEndian(std::string* out, uint64_t v);
// REQUIRES: p points at 8 readable bytes.
uint64_t DecodeFixed64BigEndian(const char* p);
// Reads 8 bytes. Returns false if fewer remain.
bool GetFixed64BigEndian(std::string_view* in, uint64_t* v);

}  // namespace dynarock::util
