#include "codec/item_codec.h"

#include <catch2/catch.hpp>

#include "codec_test_util.h"

namespace dynarock::codec {
namespace {

using codec_test::FromHex;
using codec_test::ReadGolden;
using codec_test::ToHex;

// Lines: "title | DynamoDB JSON (B as hex) | hex".
struct ItemGolden {
  int line_number;
  std::string title;
  Item item;
  std::string bytes;
};

std::vector<ItemGolden> ReadItemGolden() {
  std::vector<ItemGolden> out;
  for (auto& g : ReadGolden("item_golden.txt")) {
    size_t bar = g.description.find(" | ");
    REQUIRE(bar != std::string::npos);
    out.push_back({g.line_number, g.description.substr(0, bar),
                   codec_test::ItemFromJson(g.description.substr(bar + 3)), g.bytes});
  }
  return out;
}

TEST_CASE("item golden encodings match byte for byte, both ways") {
  for (const auto& g : ReadItemGolden()) {
    INFO("line " << g.line_number << ": " << g.title);
    CHECK(ToHex(EncodeItem(g.item)) == ToHex(g.bytes));
    auto back = DecodeItem(g.bytes);
    CHECK(back.ok());
    if (back.ok()) CHECK(*back == g.item);
  }
}

TEST_CASE("random nested items round trip") {
  codec_test::RandomValues rnd(0x17E41);
  for (int i = 0; i < 3000; ++i) {
    Item item = rnd.RandomItem(8, rnd.Uniform(0, 5));
    std::string bytes = EncodeItem(item);
    auto back = DecodeItem(bytes);
    INFO(ItemDebugString(item));
    REQUIRE(back.ok());
    REQUIRE(*back == item);
    // Deterministic, and sets keep their stored order.
    REQUIRE(EncodeItem(*back) == bytes);
  }
}

TEST_CASE("item encoding appends and handles edge values") {
  Item item;
  item["empty"] = AttributeValue::S("");
  item["emptyb"] = AttributeValue::B("");
  item["unicode"] = AttributeValue::S("\xF0\x9F\x98\x80 \xC3\xA9\xE2\x82\xAC");
  item["zero"] = AttributeValue::N("0");
  item["tiny"] = AttributeValue::N("-1E-130");
  item["huge"] = AttributeValue::N("9.9999999999999999999999999999999999999E+125");
  item["em"] = AttributeValue::M({});
  item["el"] = AttributeValue::L({});
  item[std::string("nul\0name", 8)] = AttributeValue::B(std::string("\0\xff", 2));
  std::string out = "prefix";
  EncodeItem(item, &out);
  REQUIRE(out.substr(0, 6) == "prefix");
  auto back = DecodeItem(std::string_view(out).substr(6));
  REQUIRE(back.ok());
  CHECK(*back == item);
  CHECK(DecodeItem(FromHex("0100")).ok());  // the empty item
  CHECK(DecodeItem(FromHex("0100"))->empty());
}

AttributeValue Nest(int depth) {
  AttributeValue v = AttributeValue::S("leaf");
  for (int i = 0; i < depth; ++i) {
    if (i % 2) {
      v = AttributeValue::L({std::move(v)});
    } else {
      AttributeValue::Map m;
      m.emplace("k", std::move(v));
      v = AttributeValue::M(std::move(m));
    }
  }
  return v;
}

TEST_CASE("item decoding bounds nesting depth") {
  Item ok_item{{"a", Nest(kMaxDecodeDepth)}};
  auto ok = DecodeItem(EncodeItem(ok_item));
  REQUIRE(ok.ok());
  CHECK(*ok == ok_item);
  CHECK(!DecodeItem(EncodeItem(Item{{"a", Nest(kMaxDecodeDepth + 1)}})).ok());
  // A forged nesting bomb: 100000 nested one-element lists.
  std::string bomb = FromHex("0101 0161");
  for (int i = 0; i < 100000; ++i) bomb += FromHex("0601");
  bomb += FromHex("04");
  auto r = DecodeItem(bomb);
  REQUIRE(!r.ok());
  CHECK(r.status().code() == ErrorCode::kCorruption);
}

TEST_CASE("item decoding rejects malformed bytes") {
  auto fails = [](std::string hex) {
    auto r = DecodeItem(FromHex(hex));
    return !r.ok() && r.status().code() == ErrorCode::kCorruption;
  };
  CHECK(fails(""));
  CHECK(fails("02 00"));                 // unknown version
  CHECK(fails("01"));                    // no count
  CHECK(fails("01 01"));                 // count without attributes
  CHECK(fails("01 ffffffff0f"));         // forged huge count
  CHECK(fails("01 01 05 61"));           // name longer than the bytes
  CHECK(fails("01 01 01 61"));           // missing value
  CHECK(fails("01 01 01 61 0a"));        // unknown tag
  CHECK(fails("01 01 01 61 03 02"));     // BOOL byte 2
  CHECK(fails("01 01 01 61 04 00"));     // trailing byte
  CHECK(fails("01 02 01 62 04 01 61 04"));  // names out of order
  CHECK(fails("01 02 01 61 04 01 61 04"));  // duplicate names
  CHECK(fails("01 01 01 61 05 02 01 62 04 01 61 04"));  // map keys out of order
  CHECK(fails("01 01 01 61 06 ffffff7f"));  // forged list count
  CHECK(fails("01 01 01 61 07 02 01 78"));  // set shorter than its count
  CHECK(fails("01 01 01 61 08 01 00 0a"));  // NS element not normalised
  CHECK(fails("01 01 01 61 00 8080808010"));  // length varint over 32 bits
  CHECK(!fails("01 01 01 61 08 01 00 01"));   // NS {1}
}

TEST_CASE("item decoding survives random bytes") {
  codec_test::RandomValues rnd(0x17E43);
  int decoded = 0;
  for (int i = 0; i < 100000; ++i) {
    // Version byte and a small count first, so the walk gets past the header.
    std::string bytes = std::string("\x01", 1) + static_cast<char>(rnd.Uniform(0, 3));
    int len = rnd.Uniform(0, 24);
    for (int k = 0; k < len; ++k) {
      bytes.push_back(rnd.Chance(50) ? static_cast<char>(rnd.Uniform(0, 9))
                                     : static_cast<char>(rnd.Uniform(0, 255)));
    }
    auto r = DecodeItem(bytes);
    if (r.ok()) {
      ++decoded;
      auto again = DecodeItem(EncodeItem(*r));
      REQUIRE(again.ok());
      CHECK(*again == *r);
    } else {
      CHECK(r.status().code() == ErrorCode::kCorruption);
    }
  }
  CHECK(decoded > 0);  // the generator does reach valid items
}

TEST_CASE("item decoding survives truncation and byte flips") {
  std::vector<std::string> encodings;
  for (const auto& g : ReadItemGolden()) encodings.push_back(g.bytes);
  codec_test::RandomValues rnd(0x17E42);
  for (int i = 0; i < 50; ++i) encodings.push_back(EncodeItem(rnd.RandomItem(6, 3)));
  for (const auto& enc : encodings) {
    for (size_t len = 0; len < enc.size(); ++len) {
      // A copy of exactly `len` bytes, so ASan flags any over-read.
      std::string cut = enc.substr(0, len);
      CHECK(!DecodeItem(cut).ok());  // a strict prefix is never a whole item
    }
    for (int f = 0; f < 300 && !enc.empty(); ++f) {
      std::string bytes = enc;
      int flips = rnd.Uniform(1, 4);
      for (int k = 0; k < flips; ++k) {
        size_t pos = rnd.Uniform(0, static_cast<int>(bytes.size()) - 1);
        bytes[pos] = rnd.Chance(50) ? static_cast<char>(rnd.Uniform(0, 255))
                                    : static_cast<char>(bytes[pos] ^ (1 << rnd.Uniform(0, 7)));
      }
      auto r = DecodeItem(bytes);
      if (r.ok()) {
        // Whatever decodes is a well-formed item that re-encodes to itself.
        auto again = DecodeItem(EncodeItem(*r));
        REQUIRE(again.ok());
        CHECK(*again == *r);
      }
    }
  }
}

}  // namespace
}  // namespace dynarock::codec
