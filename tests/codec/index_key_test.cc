#include "codec/index_key.h"

#include <catch2/catch.hpp>

#include <xxhash.h>

#include "codec/key_codec.h"
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

ScalarAttributeType TypeOf(const AttributeValue& v) {
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

AttributeValue ParseScalar(std::string_view type, std::string_view text) {
  if (type == "S") return AttributeValue::S(Unescape(text));
  if (type == "N") return AttributeValue::N(text);
  REQUIRE(type == "B");
  return AttributeValue::B(FromHex(text));
}

std::vector<const AttributeValue*> Ptrs(const std::vector<AttributeValue>& v) {
  std::vector<const AttributeValue*> out;
  for (const auto& x : v) out.push_back(&x);
  return out;
}

struct Entry {
  std::vector<AttributeValue> partition, sort, table;  // table: pk [, sk]
  std::string Encode() const {
    std::string out;
    auto p = Ptrs(partition), s = Ptrs(sort);
    AppendIndexEntryKey(p, s, table[0], table.size() > 1 ? &table[1] : nullptr, &out);
    return out;
  }
  IndexKeyTypes Types() const {
    IndexKeyTypes t;
    for (const auto& v : partition) t.partition.push_back(TypeOf(v));
    for (const auto& v : sort) t.sort.push_back(TypeOf(v));
    t.table_partition = TypeOf(table[0]);
    if (table.size() > 1) t.table_sort = TypeOf(table[1]);
    return t;
  }
};

// "part: T v [T v]... sort: [T v]... table: T v [T v]"
Entry ParseEntry(const std::string& text) {
  Entry e;
  std::vector<AttributeValue>* group = nullptr;
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t sp = text.find(' ', pos);
    if (sp == std::string::npos) sp = text.size();
    if (sp > pos) words.push_back(text.substr(pos, sp - pos));
    pos = sp + 1;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "part:") { group = &e.partition; continue; }
    if (words[i] == "sort:") { group = &e.sort; continue; }
    if (words[i] == "table:") { group = &e.table; continue; }
    REQUIRE(group != nullptr);
    REQUIRE(i + 1 < words.size());
    group->push_back(ParseScalar(words[i], words[i + 1]));
    ++i;
  }
  return e;
}

void RequireDecodes(const Entry& e, std::string_view key) {
  auto back = DecodeIndexEntryKey(key, e.Types());
  INFO(back.status().ToString());
  REQUIRE(back.ok());
  REQUIRE(back->partition == e.partition);
  REQUIRE(back->sort == e.sort);
  REQUIRE(back->table_partition == e.table[0]);
  if (e.table.size() > 1) {
    REQUIRE(back->table_sort == e.table[1]);
  } else {
    REQUIRE(!back->table_sort.has_value());
  }
}

TEST_CASE("index key golden encodings match byte for byte, both ways") {
  for (const auto& g : ReadGolden("index_key_golden.txt")) {
    INFO("line " << g.line_number << ": " << g.description);
    Entry e = ParseEntry(g.description);
    CHECK(ToHex(e.Encode()) == ToHex(g.bytes));
    RequireDecodes(e, g.bytes);
  }
}

TEST_CASE("index partition prefix hashes the delimited components with XXH64") {
  AttributeValue a = AttributeValue::S("abc"), n = AttributeValue::N("7");
  std::vector<const AttributeValue*> one{&a}, two{&a, &n};
  std::string p1, p2;
  AppendIndexPartitionPrefix(one, &p1);
  AppendIndexPartitionPrefix(two, &p2);
  std::string bytes1 = "abc" + std::string("\x00\x01", 2);
  CHECK(util::DecodeFixed64BigEndian(p1.data()) == XXH64(bytes1.data(), bytes1.size(), 0));
  CHECK(p1.substr(8) == std::string(1, static_cast<char>(bytes1.size())) + bytes1);
  // Adding a component changes the partition: different hash and length.
  CHECK(p1 != p2.substr(0, p1.size()));
  auto len = IndexPartitionPrefixLength(p2 + "tail");
  REQUIRE(len.ok());
  CHECK(*len == p2.size());
}

TEST_CASE("entries of one index partition order by index sort key, then table key") {
  codec_test::RandomValues rnd(0x1D3);
  for (int round = 0; round < 400; ++round) {
    const int nsort = rnd.Uniform(0, 4);
    std::vector<int> sort_types;
    for (int i = 0; i < nsort; ++i) sort_types.push_back(rnd.Uniform(0, 2));
    const int tpt = rnd.Uniform(0, 2), tst = rnd.Uniform(0, 2);
    const bool has_ts = rnd.Chance(70);
    std::vector<AttributeValue> part{AttributeValue::S("p" + std::to_string(round))};
    if (rnd.Chance(50)) part.push_back(AttributeValue::N("42"));
    auto non_empty = [&](int type) {
      for (;;) {
        AttributeValue v = rnd.RandomScalar(type);
        if (!KeyBytes(v).empty() && !(v.type() == ValueType::kS && v.s().empty())) return v;
      }
    };
    std::vector<Entry> entries;
    for (int i = 0; i < 30; ++i) {
      Entry e;
      e.partition = part;
      for (int t : sort_types) {
        // Reuse an earlier entry's component often so that ties happen.
        if (!entries.empty() && rnd.Chance(50)) {
          e.sort.push_back(entries[rnd.Uniform(0, entries.size() - 1)].sort[e.sort.size()]);
        } else {
          e.sort.push_back(non_empty(t));
        }
      }
      e.table.push_back(!entries.empty() && rnd.Chance(30) ? entries.back().table[0] : non_empty(tpt));
      if (has_ts) e.table.push_back(non_empty(tst));
      entries.push_back(std::move(e));
    }
    std::vector<std::string> keys;
    for (const auto& e : entries) keys.push_back(e.Encode());
    for (size_t i = 0; i < entries.size(); ++i) {
      RequireDecodes(entries[i], keys[i]);
      for (size_t j = 0; j < entries.size(); ++j) {
        int want = 0;
        for (size_t c = 0; c < entries[i].sort.size() && want == 0; ++c) {
          want = DynamoOrder(entries[i].sort[c], entries[j].sort[c]);
        }
        for (size_t c = 0; c < entries[i].table.size() && want == 0; ++c) {
          want = DynamoOrder(entries[i].table[c], entries[j].table[c]);
        }
        if (MemcmpSign(keys[i], keys[j]) != want) {
          FAIL("entry " << i << " vs " << j << " want " << want);
        }
      }
    }
  }
}

TEST_CASE("a sort component's escaped body is a prefix exactly of the values that begin with it") {
  // Query's begins_with on an index sort key relies on this.
  codec_test::RandomValues rnd(0x1D4);
  for (int round = 0; round < 20000; ++round) {
    std::string a = rnd.RandomBytes(5), b = rnd.RandomBytes(7);
    if (rnd.Chance(40)) b = a + b;
    std::string ea, eb;
    AppendIndexComponent(AttributeValue::B(a), &ea);
    AppendIndexComponent(AttributeValue::B(b), &eb);
    std::string body = ea.substr(0, ea.size() - 2);  // drop the 00 01 terminator
    const bool begins = b.compare(0, a.size(), a) == 0 && b.size() >= a.size();
    REQUIRE((eb.compare(0, body.size(), body) == 0) == begins);
  }
}

TEST_CASE("malformed index keys are Corruption, never a crash") {
  Entry e = ParseEntry("part: S ab N 3 sort: B 00ff table: S pk N -1.5");
  std::string key = e.Encode();
  RequireDecodes(e, key);
  for (size_t n = 0; n < key.size(); ++n) {
    auto r = DecodeIndexEntryKey(std::string_view(key).substr(0, n), e.Types());
    REQUIRE(!r.ok());
    REQUIRE(r.status().code() == ErrorCode::kCorruption);
  }
  auto trailing = DecodeIndexEntryKey(key + "x", e.Types());
  REQUIRE(trailing.status().code() == ErrorCode::kCorruption);
  std::string flipped = key;
  flipped[0] ^= 1;  // hash no longer matches
  REQUIRE(DecodeIndexEntryKey(flipped, e.Types()).status().code() == ErrorCode::kCorruption);
  IndexKeyTypes wrong = e.Types();
  wrong.table_sort.reset();  // the key has a table sort key the types do not
  REQUIRE(DecodeIndexEntryKey(key, wrong).status().code() == ErrorCode::kCorruption);
  // An empty component is never written, so it is never accepted.
  Entry empty = ParseEntry("part: S ab table: S pk");
  empty.table[0] = AttributeValue::S("");
  REQUIRE(DecodeIndexEntryKey(empty.Encode(), empty.Types()).status().code() ==
          ErrorCode::kCorruption);
}

}  // namespace
}  // namespace dynarock::codec
