// Batch and transaction benchmarks (issue 5): 25 items written by one
// BatchWriteItem against the same 25 items written by 25 PutItems, a
// 4-action TransactWriteItems (2 Puts, an Update, a ConditionCheck), and the
// raw RocksDB baselines of the same bytes in the same run (25 single Puts,
// one WriteBatch of 25). Items are the ~100-byte flat items of
// engine_bench.cc. Both databases are on disk under /tmp (mkdtemp), WAL on,
// no fsync, removed at exit.
//
//   cmake --build BUILD --target batch_bench && BUILD/bench/batch_bench
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "codec/item_codec.h"
#include "dynarock/database.h"

namespace {

using dynarock::AttributeValue;
using dynarock::Item;

constexpr int kBatch = 25;
const std::string kTable = "bench";

std::string MakeTempDir(const char* tag) {
  std::string tmpl = std::string("/tmp/dynarock-bench-") + tag + "-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) std::abort();
  return tmpl;
}

Item MakeItem(int64_t id) {
  return Item{{"pk", AttributeValue::S("user-" + std::to_string(id))},
              {"name", AttributeValue::S("benchmark item name")},
              {"count", AttributeValue::N("12345")},
              {"price", AttributeValue::N("19.99")},
              {"active", AttributeValue::Bool(true)},
              {"city", AttributeValue::S("Lisbon")},
              {"note", AttributeValue::S("some text to reach a hundred bytes")}};
}

struct Fixture {
  std::string engine_dir = MakeTempDir("batch");
  std::string raw_dir = MakeTempDir("batch-raw");
  std::unique_ptr<dynarock::Database> db;
  std::unique_ptr<rocksdb::DB> raw;
  std::string value = dynarock::codec::EncodeItem(MakeItem(0));
  int64_t next = 0;

  Fixture() {
    auto opened = dynarock::Database::Open(dynarock::Options{}, engine_dir);
    if (!opened.ok()) std::abort();
    db = std::move(opened).value();
    dynarock::CreateTableRequest ct;
    ct.table_name = kTable;
    ct.key_schema = {{"pk", dynarock::KeyType::kHash}};
    ct.attribute_definitions = {{"pk", dynarock::ScalarAttributeType::kS}};
    ct.billing_mode = dynarock::BillingMode::kPayPerRequest;
    if (!db->CreateTable(ct).ok()) std::abort();
    rocksdb::Options ro;
    ro.create_if_missing = true;
    rocksdb::DB* raw_db = nullptr;
    if (!rocksdb::DB::Open(ro, raw_dir, &raw_db).ok()) std::abort();
    raw.reset(raw_db);
  }
  ~Fixture() {
    db.reset();
    raw.reset();
    std::error_code ec;
    std::filesystem::remove_all(engine_dir, ec);
    std::filesystem::remove_all(raw_dir, ec);
  }
};

Fixture& F() {
  static Fixture* f = new Fixture();  // lives until exit; the OS reclaims it
  return *f;
}

void BM_PutItem_x25(benchmark::State& state) {
  Fixture& f = F();
  dynarock::PutItemRequest r;
  r.table_name = kTable;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      r.item = MakeItem(f.next++);
      if (!f.db->PutItem(r).ok()) state.SkipWithError("PutItem failed");
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_PutItem_x25);

void BM_BatchWriteItem_25(benchmark::State& state) {
  Fixture& f = F();
  dynarock::BatchWriteItemRequest r;
  auto& list = r.request_items[kTable];
  list.resize(kBatch);
  for (auto _ : state) {
    for (auto& w : list) w.put_request = MakeItem(f.next++);
    auto res = f.db->BatchWriteItem(r);
    if (!res.ok() || !res->unprocessed_items.empty()) state.SkipWithError("BatchWriteItem failed");
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_BatchWriteItem_25);

// 2 Puts of new items, an Update (ADD to a counter) and a ConditionCheck.
void BM_TransactWriteItems_4(benchmark::State& state) {
  Fixture& f = F();
  {
    dynarock::PutItemRequest p;
    p.table_name = kTable;
    p.item = MakeItem(-1);
    if (!f.db->PutItem(p).ok()) std::abort();
  }
  dynarock::TransactWriteItemsRequest r;
  r.transact_items.resize(4);
  r.transact_items[0].put.emplace();
  r.transact_items[0].put->table_name = kTable;
  r.transact_items[1].put.emplace();
  r.transact_items[1].put->table_name = kTable;
  auto& u = r.transact_items[2].update.emplace();
  u.table_name = kTable;
  u.key = {{"pk", AttributeValue::S("counter")}};
  u.update_expression = "ADD #c :one";
  u.expression_attribute_names = dynarock::ExpressionAttributeNames{{"#c", "count"}};
  u.expression_attribute_values = dynarock::ExpressionAttributeValues{{":one", AttributeValue::N("1")}};
  auto& c = r.transact_items[3].condition_check.emplace();
  c.table_name = kTable;
  c.key = {{"pk", AttributeValue::S("user--1")}};
  c.condition_expression = "attribute_exists(pk)";
  for (auto _ : state) {
    r.transact_items[0].put->item = MakeItem(f.next++);
    r.transact_items[1].put->item = MakeItem(f.next++);
    if (!f.db->TransactWriteItems(r).ok()) state.SkipWithError("TransactWriteItems failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TransactWriteItems_4);

std::string RawKey(int64_t id) { return "user-" + std::to_string(id); }

void BM_RawRocksDB_Put_x25(benchmark::State& state) {
  Fixture& f = F();
  rocksdb::WriteOptions wo;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      if (!f.raw->Put(wo, RawKey(f.next++), f.value).ok()) state.SkipWithError("Put failed");
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_RawRocksDB_Put_x25);

void BM_RawRocksDB_WriteBatch_25(benchmark::State& state) {
  Fixture& f = F();
  rocksdb::WriteOptions wo;
  rocksdb::WriteBatch batch;
  for (auto _ : state) {
    batch.Clear();
    for (int i = 0; i < kBatch; ++i) batch.Put(RawKey(f.next++), f.value);
    if (!f.raw->Write(wo, &batch).ok()) state.SkipWithError("Write failed");
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_RawRocksDB_WriteBatch_25);

}  // namespace

BENCHMARK_MAIN();
