#include "util/coding.h"

#include <catch2/catch.hpp>

#include <random>

namespace dynarock::util {
namespace {

TEST_CASE("varint32 round trips at every width boundary") {
  for (uint32_t v : {0u, 1u, 127u, 128u, 16383u, 16384u, 2097151u, 2097152u, 268435455u,
                     268435456u, 0xFFFFFFFFu}) {
    std::string s;
    PutVarint32(&s, v);
    CHECK(static_cast<int>(s.size()) == VarintLength(v));
    std::string_view in = s;
    uint32_t back = 0;
    REQUIRE(GetVarint32(&in, &back));
    CHECK(back == v);
    CHECK(in.empty());
  }
  std::string s;
  PutVarint32(&s, 300);
  CHECK(s == std::string("\xAC\x02", 2));  // LEB128, low group first
}

TEST_CASE("varint64 round trips") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 10000; ++i) {
    uint64_t v = rng() >> (rng() % 64);
    std::string s;
    PutVarint64(&s, v);
    s += "x";
    std::string_view in = s;
    uint64_t back = 0;
    REQUIRE(GetVarint64(&in, &back));
    REQUIRE(back == v);
    REQUIRE(in == "x");
  }
  std::string max;
  PutVarint64(&max, UINT64_MAX);
  CHECK(max.size() == 10);
}

TEST_CASE("varint decoders reject truncated and over-wide input") {
  uint32_t v32 = 0;
  uint64_t v64 = 0;
  std::string_view empty;
  CHECK(!GetVarint32(&empty, &v32));
  CHECK(!GetVarint64(&empty, &v64));
  std::string cut("\x80\x80", 2);
  std::string_view in = cut;
  CHECK(!GetVarint32(&in, &v32));
  in = cut;
  CHECK(!GetVarint64(&in, &v64));
  std::string wide32("\xFF\xFF\xFF\xFF\x1F", 5);  // 35 bits
  in = wide32;
  CHECK(!GetVarint32(&in, &v32));
  std::string six("\x80\x80\x80\x80\x80\x01", 6);
  in = six;
  CHECK(!GetVarint32(&in, &v32));
  std::string wide64("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x03", 10);  // 65 bits
  in = wide64;
  CHECK(!GetVarint64(&in, &v64));
}

TEST_CASE("length-prefixed bytes and big-endian fixed64") {
  std::string s;
  PutLengthPrefixed(&s, "hello");
  PutFixed64BigEndian(&s, 0x0102030405060708ULL);
  CHECK(s == std::string("\x05hello\x01\x02\x03\x04\x05\x06\x07\x08", 14));
  std::string_view in = s, bytes;
  REQUIRE(GetLengthPrefixed(&in, &bytes));
  CHECK(bytes == "hello");
  uint64_t v = 0;
  REQUIRE(GetFixed64BigEndian(&in, &v));
  CHECK(v == 0x0102030405060708ULL);
  CHECK(!GetFixed64BigEndian(&in, &v));
  std::string bad("\x06hello", 6);
  in = bad;
  CHECK(!GetLengthPrefixed(&in, &bytes));
  // Big-endian keeps memcmp order equal to numeric order.
  std::string a, b;
  PutFixed64BigEndian(&a, 255);
  PutFixed64BigEndian(&b, 256);
  CHECK(a < b);
}

}  // namespace
}  // namespace dynarock::util
