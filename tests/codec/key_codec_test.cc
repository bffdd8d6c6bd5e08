#include "codec/key_codec.h"

#include <catch2/catch.hpp>

#include <xxhash.h>

#include <algorithm>

#include "codec/number_codec.h"
#include "codec_test_util.h"
#include "util/coding.h"

namespace dynarock::codec {
namespace {

using codec_test::ByteOrder;
using codec_test::FromHex;
using codec_test::MemcmpSign;
using codec_test::NumberOrder;
using codec_test::ReadGolden;
using codec_test::ToHex;
using codec_test::Unescape;

ScalarAttributeType KeyType(const AttributeValue& v) {
  switch (v.type()) {
    case ValueType::kS: return ScalarAttributeType::kS;
    case ValueType::kN: return ScalarAttributeType::kN;
    default: return ScalarAttributeType::kB;
  }
}

int DynamoOrder(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() == ValueType::kN) return NumberOrder(a.n(), b.n());
  return ByteOrder(a.type() == ValueType::kS ? a.s() : a.b(),
                   b.type() == ValueType::kS ? b.s() : b.b());
}

std::string Plain(const AttributeValue& v) {
  std::string out;
  AppendKeyBytes(v, &out);
  return out;
}

std::string Delimited(const AttributeValue& v) {
  std::string out;
  AppendKeyBytesDelimited(v, &out);
  return out;
}

// "S <text>", "N <number>", "B <hex>" (text takes \xNN escapes).
AttributeValue ParseScalar(std::string_view type, std::string_view text) {
  if (type == "S") return AttributeValue::S(Unescape(text));
  if (type == "N") return AttributeValue::N(text);
  REQUIRE(type == "B");
  return AttributeValue::B(FromHex(text));
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t sp = s.find(' ', pos);
    if (sp == std::string::npos) sp = s.size();
    out.push_back(s.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return out;
}

// Lines: "plain T v | hex", "delimited T v | hex",
// "item T v | hex" (hash-only item key), "item T v T v | hex".
TEST_CASE("key golden encodings match byte for byte, both ways") {
  for (const auto& g : ReadGolden("key_golden.txt")) {
    INFO("line " << g.line_number << ": " << g.description);
    auto f = Split(g.description);
    REQUIRE(f.size() >= 3);
    if (f[0] == "plain" || f[0] == "delimited") {
      AttributeValue v = ParseScalar(f[1], f[2]);
      const bool delimited = f[0] == "delimited";
      CHECK(ToHex(delimited ? Delimited(v) : Plain(v)) == ToHex(g.bytes));
      std::string_view in = g.bytes;
      auto back = DecodeKeyValue(&in, KeyType(v), delimited);
      CHECK(back.ok());
      if (back.ok()) CHECK(*back == v);
      CHECK(in.empty());
    } else {
      REQUIRE(f[0] == "item");
      AttributeValue pk = ParseScalar(f[1], f[2]);
      std::optional<AttributeValue> sk;
      if (f.size() == 5) sk = ParseScalar(f[3], f[4]);
      std::string key;
      AppendItemKey(pk, sk ? &*sk : nullptr, &key);
      CHECK(ToHex(key) == ToHex(g.bytes));
      auto back = DecodeItemKey(g.bytes, KeyType(pk), sk.has_value(),
                                sk ? KeyType(*sk) : ScalarAttributeType::kS);
      CHECK(back.ok());
      if (back.ok()) {
        CHECK(back->partition_key == pk);
        CHECK(back->sort_key == sk);
      }
    }
  }
}

TEST_CASE("partition hash is XXH64 seed 0, frozen") {
  // Published XXH64 test vectors (seed 0): "" and "abc".
  CHECK(PartitionHash("") == 0xEF46DB3751D8E999ULL);
  CHECK(PartitionHash("abc") == 0x44BC2CF5AD770999ULL);
  std::string prefix;
  AppendPartitionPrefix(AttributeValue::S("abc"), &prefix);
  CHECK(ToHex(prefix) == "44bc2cf5ad77099903616263");
}

TEST_CASE("key order equals DynamoDB order for S, N, B, plain and delimited") {
  codec_test::RandomValues rnd(0x4B45591);
  for (int type = 0; type < 3; ++type) {
    std::vector<AttributeValue> values;
    for (int i = 0; i < 3000; ++i) values.push_back(rnd.RandomScalar(type));
    if (type != 1) {  // hand-picked byte strings around the escapes
      for (const char* s : {"", "a", "ab", "a\x01", "a\xff", "\xff", "\xff\xff", "\x01"}) {
        values.push_back(type == 0 ? AttributeValue::S(s) : AttributeValue::B(s));
      }
      for (std::string s : {std::string("a\0", 2), std::string("a\0\0", 3),
                            std::string("a\0\x01", 3), std::string("a\0\xff", 3),
                            std::string("\0", 1), std::string("\0\xff", 2)}) {
        values.push_back(type == 0 ? AttributeValue::S(s) : AttributeValue::B(s));
      }
    }
    std::vector<std::string> plain, delim;
    int compared = 0;
    for (const auto& v : values) {
      plain.push_back(Plain(v));
      delim.push_back(Delimited(v));
    }
    for (size_t i = 0; i < values.size(); ++i) {
      for (size_t j = 0; j < values.size(); j += 1 + (i % 17)) {
        // Checked by hand so the debug text is built only on failure.
        int want = DynamoOrder(values[i], values[j]);
        if (MemcmpSign(plain[i], plain[j]) != want || MemcmpSign(delim[i], delim[j]) != want) {
          FAIL(values[i].DebugString() << " vs " << values[j].DebugString() << " want " << want);
        }
        ++compared;
      }
    }
    CHECK(compared > 100000);
  }
}

TEST_CASE("delimited compound keys order lexicographically") {
  codec_test::RandomValues rnd(0x4B45592);
  for (int round = 0; round < 20000; ++round) {
    int t1 = rnd.Uniform(0, 2), t2 = rnd.Uniform(0, 2);
    // Small alphabets make equal first components common.
    AttributeValue a1 = rnd.RandomScalar(t1), b1 = rnd.Chance(40) ? a1 : rnd.RandomScalar(t1);
    AttributeValue a2 = rnd.RandomScalar(t2), b2 = rnd.RandomScalar(t2);
    std::string ka = Delimited(a1) + Delimited(a2);
    std::string kb = Delimited(b1) + Delimited(b2);
    int first = DynamoOrder(a1, b1);
    int want = first != 0 ? first : DynamoOrder(a2, b2);
    INFO(a1.DebugString() << "," << a2.DebugString() << " vs " << b1.DebugString() << ","
                          << b2.DebugString());
    REQUIRE(MemcmpSign(ka, kb) == want);
    // And the compound key decodes back component by component.
    std::string_view in = ka;
    auto d1 = DecodeKeyValue(&in, KeyType(a1), true);
    REQUIRE(d1.ok());
    auto d2 = DecodeKeyValue(&in, KeyType(a2), true);
    REQUIRE(d2.ok());
    REQUIRE(in.empty());
    REQUIRE(*d1 == a1);
    REQUIRE(*d2 == a2);
  }
}

TEST_CASE("item keys round trip and keep a partition's items sorted") {
  codec_test::RandomValues rnd(0x4B45593);
  for (int round = 0; round < 3000; ++round) {
    int pt = rnd.Uniform(0, 2), st = rnd.Uniform(0, 2);
    AttributeValue pk = rnd.RandomScalar(pt);
    if (KeyBytes(pk).empty()) pk = AttributeValue::S("x");
    AttributeValue s1 = rnd.RandomScalar(st), s2 = rnd.RandomScalar(st);
    std::string k1, k2, prefix;
    AppendItemKey(pk, &s1, &k1);
    AppendItemKey(pk, &s2, &k2);
    AppendPartitionPrefix(pk, &prefix);
    REQUIRE(k1.compare(0, prefix.size(), prefix) == 0);
    REQUIRE(util::DecodeFixed64BigEndian(prefix.data()) == XXH64(KeyBytes(pk).data(), KeyBytes(pk).size(), 0));
    REQUIRE(MemcmpSign(k1, k2) == DynamoOrder(s1, s2));
    if (Plain(s1).empty()) continue;  // an empty sort key is never stored
    auto back = DecodeItemKey(k1, KeyType(pk), true, KeyType(s1));
    REQUIRE(back.ok());
    REQUIRE(back->partition_key == pk);
    REQUIRE(back->sort_key == s1);
    std::string hash_only;
    AppendItemKey(pk, nullptr, &hash_only);
    REQUIRE(hash_only == prefix);
    auto back2 = DecodeItemKey(hash_only, KeyType(pk), false, ScalarAttributeType::kS);
    REQUIRE(back2.ok());
    REQUIRE(back2->partition_key == pk);
    REQUIRE(!back2->sort_key.has_value());
  }
}

TEST_CASE("key decoders reject malformed bytes and never over-read") {
  auto decode = [](std::string bytes, ScalarAttributeType t, bool delimited) {
    std::string_view in = bytes;
    return DecodeKeyValue(&in, t, delimited).ok();
  };
  CHECK(!decode("abc", ScalarAttributeType::kS, true));                   // no terminator
  CHECK(!decode(std::string("ab\0", 3), ScalarAttributeType::kS, true));  // cut terminator
  CHECK(!decode(std::string("a\0\x02", 3), ScalarAttributeType::kB, true));  // bad escape
  CHECK(decode(std::string("a\0\x01", 3), ScalarAttributeType::kB, true));
  CHECK(!decode(FromHex("0341 02 00"), ScalarAttributeType::kN, false));  // trailing byte
  CHECK(decode(FromHex("0341 02 00"), ScalarAttributeType::kN, true));    // rest left over

  std::string good;
  AttributeValue pk = AttributeValue::S("user#1"), sk = AttributeValue::N("42");
  AppendItemKey(pk, &sk, &good);
  for (size_t len = 0; len < good.size(); ++len) {
    // Copy so that ASan sees a read past the cut.
    std::string cut = good.substr(0, len);
    CHECK(!DecodeItemKey(cut, ScalarAttributeType::kS, true, ScalarAttributeType::kN).ok());
  }
  std::string bad_hash = good;
  bad_hash[0] ^= 1;
  CHECK(!DecodeItemKey(bad_hash, ScalarAttributeType::kS, true, ScalarAttributeType::kN).ok());
  CHECK(!DecodeItemKey(good, ScalarAttributeType::kS, false, ScalarAttributeType::kS).ok());
  std::string long_len = good;
  long_len[8] = 0x7F;  // claims more partition key bytes than exist
  CHECK(!DecodeItemKey(long_len, ScalarAttributeType::kS, true, ScalarAttributeType::kN).ok());

  codec_test::RandomValues rnd(0x4B45594);
  for (int i = 0; i < 20000; ++i) {
    std::string bytes = good;
    int flips = rnd.Uniform(1, 3);
    for (int f = 0; f < flips; ++f) {
      bytes[rnd.Uniform(0, static_cast<int>(bytes.size()) - 1)] ^=
          static_cast<char>(1 << rnd.Uniform(0, 7));
    }
    auto r = DecodeItemKey(bytes, ScalarAttributeType::kS, true, ScalarAttributeType::kN);
    if (r.ok()) {  // only a flip in the sort key can survive the hash check
      std::string again;
      AppendItemKey(r->partition_key, &*r->sort_key, &again);
      CHECK(again == bytes);
    }
    std::string junk = rnd.RandomBytes(30);
    for (auto t : {ScalarAttributeType::kS, ScalarAttributeType::kN, ScalarAttributeType::kB}) {
      decode(junk, t, true);
      decode(junk, t, false);
      DecodeItemKey(junk, t, true, t).status().IgnoreError();
    }
  }
}

}  // namespace
}  // namespace dynarock::codec
