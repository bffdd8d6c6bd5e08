// Byte helpers for the wire: gzip (zlib), CRC32, SHA-256, HMAC-SHA256, hex.
//
// Thread-safety: stateless functions, safe to call concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "dynarock/status.h"

namespace dynarock::server {

// CRC32 (the gzip / java.util.zip polynomial) of data, as DynamoDB's
// x-amz-crc32 header carries it: unsigned decimal of this value.
uint32_t Crc32(std::string_view data);

// gzip-compresses data (RFC 1952 framing).
// Returns the compressed bytes; Internal if zlib fails.
Result<std::string> GzipCompress(std::string_view data);

// Decompresses one gzip stream into *out. Returns kNone on success,
// kCorrupt if data is not exactly one complete gzip stream, kTooLarge when
// the output would pass max_output (a zip bomb stops there).
enum class GunzipError { kNone, kCorrupt, kTooLarge };
GunzipError GzipDecompress(std::string_view data, size_t max_output, std::string* out);

using Sha256Digest = std::array<unsigned char, 32>;
Sha256Digest Sha256(std::string_view data);
Sha256Digest HmacSha256(std::string_view key, std::string_view data);

// Lowercase hex of bytes.
std::string Hex(const unsigned char* data, size_t n);
inline std::string Hex(const Sha256Digest& d) { return Hex(d.data(), d.size()); }

}  // namespace dynarock::server
