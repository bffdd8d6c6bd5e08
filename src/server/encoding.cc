#include "server/encoding.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <zlib.h>

namespace dynarock::server {

uint32_t Crc32(std::string_view data) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed large inputs in pieces.
  while (!data.empty()) {
    uInt n = static_cast<uInt>(std::min<size_t>(data.size(), 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), n);
    data.remove_prefix(n);
  }
  return static_cast<uint32_t>(crc);
}

Result<std::string> GzipCompress(std::string_view data) {
  z_stream zs{};
  // 15 window bits + 16 selects the gzip wrapper; level 1 because the
  // response is sent once and latency matters more than the last bytes.
  if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("deflateInit2 failed");
  }
  std::string out;
  out.resize(deflateBound(&zs, data.size()) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t produced = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::Internal("gzip compression failed");
  out.resize(produced);
  return out;
}

GunzipError GzipDecompress(std::string_view data, size_t max_output, std::string* out) {
  out->clear();
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return GunzipError::kCorrupt;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  char chunk[64 * 1024];
  int rc = Z_OK;
  GunzipError result = GunzipError::kNone;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof(chunk);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      result = GunzipError::kCorrupt;
      break;
    }
    size_t got = sizeof(chunk) - zs.avail_out;
    // Checked before appending so a zip bomb never allocates past the limit.
    if (out->size() + got > max_output) {
      result = GunzipError::kTooLarge;
      break;
    }
    out->append(chunk, got);
    if (rc == Z_STREAM_END) {
      // Trailing bytes after the gzip member are not a valid body.
      if (zs.avail_in != 0) result = GunzipError::kCorrupt;
      break;
    }
    if (got == 0 && zs.avail_in == 0) {  // input ended before the stream did
      result = GunzipError::kCorrupt;
      break;
    }
  }
  inflateEnd(&zs);
  if (result != GunzipError::kNone) out->clear();
  return result;
}

Sha256Digest Sha256(std::string_view data) {
  Sha256Digest d;
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), d.data());
  return d;
}

Sha256Digest HmacSha256(std::string_view key, std::string_view data) {
  Sha256Digest d;
  unsigned int len = static_cast<unsigned int>(d.size());
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), d.data(), &len);
  return d;
}

std::string Hex(const unsigned char* data, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    s[2 * i] = kDigits[data[i] >> 4];
    s[2 * i + 1] = kDigits[data[i] & 0xf];
  }
  return s;
}

}  // namespace dynarock::server
