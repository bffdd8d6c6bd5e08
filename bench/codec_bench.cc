// Codec micro-benchmarks: sort-key encoding (S, N, B), comparison of
// encoded keys, and item encode/decode for a ~100 B flat item and a ~4 KB
// nested item. Issue 2's target: a number sort key encodes in < 100 ns.
//
//   cmake --build BUILD --target codec_bench && BUILD/bench/codec_bench
#include <benchmark/benchmark.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "codec/item_codec.h"
#include "codec/key_codec.h"
#include "codec/number_codec.h"
#include "dynarock/value.h"

namespace dynarock::codec {
namespace {

// A spread of numbers as sort keys meet them: small integers, epoch
// timestamps, prices, negatives and full 38-digit values.
std::vector<AttributeValue> SampleNumbers() {
  std::vector<AttributeValue> out;
  for (const char* t : {"7", "42", "1700000000", "-15", "19.99", "0.001", "123456.789",
                        "-98765.4321", "12345678901234567890123456789012345678",
                        "-1.2345678901234567890123456789012345678E-100"}) {
    out.push_back(AttributeValue::N(t));
  }
  return out;
}

std::vector<AttributeValue> SampleStrings(bool binary) {
  std::vector<AttributeValue> out;
  std::mt19937 rng(1);
  for (int i = 0; i < 10; ++i) {
    std::string s = "2024-06-0" + std::to_string(i) + "T12:00:00Z#order";
    if (binary) s[3] = '\0';  // exercises the escape in the delimited form
    out.push_back(binary ? AttributeValue::B(s) : AttributeValue::S(s));
  }
  return out;
}

void EncodeKeys(benchmark::State& state, const std::vector<AttributeValue>& values,
                bool delimited) {
  std::string out;
  out.reserve(256);
  size_t i = 0;
  for (auto _ : state) {
    out.clear();
    if (delimited) {
      AppendKeyBytesDelimited(values[i], &out);
    } else {
      AppendKeyBytes(values[i], &out);
    }
    benchmark::DoNotOptimize(out.data());
    i = (i + 1 == values.size()) ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SortKeyEncodeN(benchmark::State& state) { EncodeKeys(state, SampleNumbers(), false); }
void BM_SortKeyEncodeS(benchmark::State& state) { EncodeKeys(state, SampleStrings(false), false); }
void BM_SortKeyEncodeB(benchmark::State& state) { EncodeKeys(state, SampleStrings(true), false); }
void BM_SortKeyEncodeDelimitedS(benchmark::State& state) {
  EncodeKeys(state, SampleStrings(false), true);
}
void BM_SortKeyEncodeDelimitedB(benchmark::State& state) {
  EncodeKeys(state, SampleStrings(true), true);
}
BENCHMARK(BM_SortKeyEncodeN);
BENCHMARK(BM_SortKeyEncodeS);
BENCHMARK(BM_SortKeyEncodeB);
BENCHMARK(BM_SortKeyEncodeDelimitedS);
BENCHMARK(BM_SortKeyEncodeDelimitedB);

void BM_SortKeyDecodeN(benchmark::State& state) {
  std::vector<std::string> keys;
  for (const auto& v : SampleNumbers()) keys.push_back(KeyBytes(v));
  size_t i = 0;
  for (auto _ : state) {
    std::string_view in = keys[i];
    auto r = DecodeKeyValue(&in, ScalarAttributeType::kN, false);
    benchmark::DoNotOptimize(r);
    i = (i + 1 == keys.size()) ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SortKeyDecodeN);

void BM_ItemKeyEncode(benchmark::State& state) {
  AttributeValue pk = AttributeValue::S("customer#0001234");
  AttributeValue sk = AttributeValue::N("1700000000");
  std::string out;
  out.reserve(64);
  for (auto _ : state) {
    out.clear();
    AppendItemKey(pk, &sk, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ItemKeyEncode);

// memcmp of two encoded keys, as RocksDB's bytewise comparator does.
void CompareKeys(benchmark::State& state, const std::vector<AttributeValue>& values) {
  std::vector<std::string> keys;
  for (const auto& v : values) keys.push_back(KeyBytes(v));
  size_t i = 0;
  for (auto _ : state) {
    const std::string& a = keys[i];
    const std::string& b = keys[(i + 3) % keys.size()];
    int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    if (c == 0) c = static_cast<int>(a.size()) - static_cast<int>(b.size());
    benchmark::DoNotOptimize(c);
    i = (i + 1 == keys.size()) ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_SortKeyCompareN(benchmark::State& state) { CompareKeys(state, SampleNumbers()); }
void BM_SortKeyCompareS(benchmark::State& state) { CompareKeys(state, SampleStrings(false)); }
BENCHMARK(BM_SortKeyCompareN);
BENCHMARK(BM_SortKeyCompareS);

// Comparing the decoded numbers instead, for scale.
void BM_NumberCompareDecoded(benchmark::State& state) {
  auto values = SampleNumbers();
  size_t i = 0;
  for (auto _ : state) {
    auto c = values[i].n() <=> values[(i + 3) % values.size()].n();
    benchmark::DoNotOptimize(c);
    i = (i + 1 == values.size()) ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NumberCompareDecoded);

Item FlatItem() {
  Item item;
  item["pk"] = AttributeValue::S("customer#0001234");
  item["sk"] = AttributeValue::N("1700000000");
  item["name"] = AttributeValue::S("Alice Example");
  item["email"] = AttributeValue::S("alice@example.com");
  item["age"] = AttributeValue::N("42");
  item["score"] = AttributeValue::N("98.6");
  item["active"] = AttributeValue::Bool(true);
  item["city"] = AttributeValue::S("Lisbon");
  return item;
}

Item NestedItem() {
  Item item;
  item["pk"] = AttributeValue::S("customer#0001234");
  item["sk"] = AttributeValue::S("profile");
  AttributeValue::List orders;
  for (int i = 0; i < 24; ++i) {
    AttributeValue::Map o;
    o["id"] = AttributeValue::S("order-" + std::to_string(100000 + i));
    o["qty"] = AttributeValue::N(std::to_string(i + 1));
    o["price"] = AttributeValue::N(std::to_string(i) + ".99");
    o["sku"] = AttributeValue::S("SKU-ABCDEFGH-" + std::to_string(i));
    o["note"] = AttributeValue::S("leave at the door, ring twice; fragile items inside");
    o["gift"] = AttributeValue::Bool(i % 3 == 0);
    AttributeValue::Map addr;
    addr["street"] = AttributeValue::S("Rua Augusta 12");
    addr["zip"] = AttributeValue::S("1100-053");
    o["address"] = AttributeValue::M(std::move(addr));
    orders.push_back(AttributeValue::M(std::move(o)));
  }
  item["orders"] = AttributeValue::L(std::move(orders));
  item["tags"] = AttributeValue::SS({"gold", "early-adopter", "newsletter", "eu"});
  item["scores"] = AttributeValue::NS({*Number::Parse("1.5"), *Number::Parse("99"),
                                       *Number::Parse("-3")});
  return item;
}

void EncodeItemBench(benchmark::State& state, const Item& item) {
  std::string out;
  EncodeItem(item, &out);
  const size_t size = out.size();
  for (auto _ : state) {
    out.clear();
    EncodeItem(item, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * size);
  state.counters["encoded_bytes"] = static_cast<double>(size);
}

void DecodeItemBench(benchmark::State& state, const Item& item) {
  const std::string bytes = EncodeItem(item);
  for (auto _ : state) {
    auto r = DecodeItem(bytes);
    if (!r.ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(state.iterations() * bytes.size());
  state.counters["encoded_bytes"] = static_cast<double>(bytes.size());
}

void BM_ItemEncodeFlat100B(benchmark::State& state) { EncodeItemBench(state, FlatItem()); }
void BM_ItemDecodeFlat100B(benchmark::State& state) { DecodeItemBench(state, FlatItem()); }
void BM_ItemEncodeNested4KB(benchmark::State& state) { EncodeItemBench(state, NestedItem()); }
void BM_ItemDecodeNested4KB(benchmark::State& state) { DecodeItemBench(state, NestedItem()); }
BENCHMARK(BM_ItemEncodeFlat100B);
BENCHMARK(BM_ItemDecodeFlat100B);
BENCHMARK(BM_ItemEncodeNested4KB);
BENCHMARK(BM_ItemDecodeNested4KB);

}  // namespace
}  // namespace dynarock::codec

BENCHMARK_MAIN();
