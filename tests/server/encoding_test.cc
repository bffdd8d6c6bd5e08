#include "server/encoding.h"

#include <catch2/catch.hpp>
#include <random>

namespace dynarock::server {
namespace {

TEST_CASE("Crc32 is the gzip polynomial (check value of \"123456789\")", "[encoding]") {
  REQUIRE(Crc32("123456789") == 0xCBF43926u);
  REQUIRE(Crc32("") == 0u);
  // dynalite's constant for its 404 body: CRC32 of "<UnknownOperationException/>\n".
  REQUIRE(Crc32("<UnknownOperationException/>\n") == 3552371480u);
}

TEST_CASE("gzip round-trips text and random bytes", "[encoding]") {
  std::mt19937 rng(7);
  for (size_t n : {size_t{0}, size_t{1}, size_t{1000}, size_t{300000}}) {
    std::string data(n, '\0');
    for (char& c : data) c = static_cast<char>(rng() % (n % 2 ? 256 : 4));
    Result<std::string> gz = GzipCompress(data);
    REQUIRE(gz.ok());
    REQUIRE(gz->size() >= 18);  // gzip header + trailer
    REQUIRE(static_cast<unsigned char>((*gz)[0]) == 0x1f);
    REQUIRE(static_cast<unsigned char>((*gz)[1]) == 0x8b);
    std::string back;
    REQUIRE(GzipDecompress(*gz, n, &back) == GunzipError::kNone);
    REQUIRE(back == data);
  }
}

TEST_CASE("gunzip refuses truncated, trailing and non-gzip input", "[encoding]") {
  std::string data(5000, 'x');
  std::string gz = GzipCompress(data).value();
  std::string out;
  REQUIRE(GzipDecompress(gz.substr(0, gz.size() - 5), 1 << 20, &out) == GunzipError::kCorrupt);
  REQUIRE(out.empty());
  REQUIRE(GzipDecompress(gz + "junk", 1 << 20, &out) == GunzipError::kCorrupt);
  REQUIRE(GzipDecompress("{\"not\":\"gzip\"}", 1 << 20, &out) == GunzipError::kCorrupt);
  REQUIRE(GzipDecompress("", 1 << 20, &out) == GunzipError::kCorrupt);
  std::string flipped = gz;
  flipped[gz.size() - 6] ^= 0x55;  // CRC32 in the trailer no longer matches
  REQUIRE(GzipDecompress(flipped, 1 << 20, &out) == GunzipError::kCorrupt);
}

TEST_CASE("gunzip stops a zip bomb at the limit", "[encoding]") {
  std::string big(10 << 20, 'a');  // 10 MiB of 'a' compresses to ~10 KB
  std::string gz = GzipCompress(big).value();
  REQUIRE(gz.size() < 100000);
  std::string out;
  REQUIRE(GzipDecompress(gz, (10 << 20) - 1, &out) == GunzipError::kTooLarge);
  REQUIRE(out.empty());
  REQUIRE(GzipDecompress(gz, 10 << 20, &out) == GunzipError::kNone);
  REQUIRE(out.size() == big.size());
}

TEST_CASE("SHA-256 and HMAC-SHA256 match published vectors", "[encoding]") {
  REQUIRE(Hex(Sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  REQUIRE(Hex(Sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  REQUIRE(Hex(HmacSha256("Jefe", "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace dynarock::server
