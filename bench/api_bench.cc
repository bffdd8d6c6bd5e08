// Cost of the JSON API layer: PutItem and GetItem through JsonApi::Handle
// (parse, validate, map, engine call, write the answer) against the same
// calls made on the typed Database API, in the same run on an in-memory
// database. The ratio is the JSON layer's overhead.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "dynarock/database.h"
#include "dynarock/json_api.h"

namespace dynarock {
namespace {

constexpr int kKeys = 10000;

std::unique_ptr<Database> OpenWithTable() {
  Options o;
  o.in_memory = true;
  auto db = Database::Open(o, "/bench");
  if (!db.ok()) return nullptr;
  JsonApi api(db->get());
  api.Handle("CreateTable", R"J({"TableName":"bench","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"})J");
  return std::move(db).value();
}

// About 100 bytes of item, like the HTTP load test's.
std::string PutBody(int i) {
  return R"J({"TableName":"bench","Item":{"pk":{"S":"key)J" + std::to_string(i) +
         R"J("},"name":{"S":"some name of twenty c"},"count":{"N":"12345"},"flag":{"BOOL":true},"tags":{"SS":["a","b"]}}})J";
}

PutItemRequest PutRequest(int i) {
  PutItemRequest r;
  r.table_name = "bench";
  r.item["pk"] = AttributeValue::S("key" + std::to_string(i));
  r.item["name"] = AttributeValue::S("some name of twenty c");
  r.item["count"] = AttributeValue::N("12345");
  r.item["flag"] = AttributeValue::Bool(true);
  r.item["tags"] = AttributeValue::SS({"a", "b"});
  return r;
}

void BM_PutItemJson(benchmark::State& state) {
  auto db = OpenWithTable();
  if (!db) return state.SkipWithError("open failed");
  JsonApi api(db.get());
  int i = 0;
  for (auto _ : state) {
    std::string body = PutBody(i++ % kKeys);
    auto r = api.Handle("PutItem", body);
    if (r.http_status != 200) return state.SkipWithError(r.body.c_str());
    benchmark::DoNotOptimize(r);
  }
}

void BM_PutItemTyped(benchmark::State& state) {
  auto db = OpenWithTable();
  if (!db) return state.SkipWithError("open failed");
  int i = 0;
  for (auto _ : state) {
    PutItemRequest r = PutRequest(i++ % kKeys);
    auto res = db->PutItem(r);
    if (!res.ok()) return state.SkipWithError(res.status().ToString().c_str());
    benchmark::DoNotOptimize(res);
  }
}

void BM_GetItemJson(benchmark::State& state) {
  auto db = OpenWithTable();
  if (!db) return state.SkipWithError("open failed");
  JsonApi api(db.get());
  for (int i = 0; i < kKeys; ++i) api.Handle("PutItem", PutBody(i));
  int i = 0;
  for (auto _ : state) {
    std::string body = R"J({"TableName":"bench","Key":{"pk":{"S":"key)J" + std::to_string(i++ % kKeys) + R"J("}}})J";
    auto r = api.Handle("GetItem", body);
    if (r.http_status != 200) return state.SkipWithError(r.body.c_str());
    benchmark::DoNotOptimize(r);
  }
}

void BM_GetItemTyped(benchmark::State& state) {
  auto db = OpenWithTable();
  if (!db) return state.SkipWithError("open failed");
  for (int i = 0; i < kKeys; ++i) (void)db->PutItem(PutRequest(i));
  int i = 0;
  for (auto _ : state) {
    GetItemRequest r;
    r.table_name = "bench";
    r.key["pk"] = AttributeValue::S("key" + std::to_string(i++ % kKeys));
    auto res = db->GetItem(r);
    if (!res.ok()) return state.SkipWithError(res.status().ToString().c_str());
    benchmark::DoNotOptimize(res);
  }
}

// The JSON layer alone: a request the engine rejects at once (no table),
// so the cost is parse + validate + map + error body.
void BM_GetItemJsonNoTable(benchmark::State& state) {
  auto db = OpenWithTable();
  if (!db) return state.SkipWithError("open failed");
  JsonApi api(db.get());
  const std::string body = R"J({"TableName":"missing","Key":{"pk":{"S":"key1"}}})J";
  for (auto _ : state) {
    auto r = api.Handle("GetItem", body);
    benchmark::DoNotOptimize(r);
  }
}

BENCHMARK(BM_PutItemTyped);
BENCHMARK(BM_PutItemJson);
BENCHMARK(BM_GetItemTyped);
BENCHMARK(BM_GetItemJson);
BENCHMARK(BM_GetItemJsonNoTable);

}  // namespace
}  // namespace dynarock

BENCHMARK_MAIN();
