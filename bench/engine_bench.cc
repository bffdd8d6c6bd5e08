// Engine benchmarks: PutItem, GetItem, Query of 10 and 100 items and a full
// Scan through dynarock, each beside the same work done with raw RocksDB
// calls on a plain DB with values of the same size, in the same run. After
// the runs a summary prints each engine/raw throughput ratio against its
// target (docs/performance.md, section "Engine").
//
// Both databases live in temporary directories under /tmp (mkdtemp),
// removed at exit.
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "codec/item_codec.h"
#include "codec/key_codec.h"
#include "dynarock/database.h"

namespace {

using dynarock::AttributeValue;
using dynarock::Item;

constexpr int kGetItems = 20000;        // items for GetItem / Scan
constexpr int kPartitions = 200;        // Query partitions
constexpr int kItemsPerPartition = 100; // items in each
const std::string kTable = "bench";

std::string MakeTempDir(const char* tag) {
  std::string tmpl = std::string("/tmp/dynarock-bench-") + tag + "-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) std::abort();
  return tmpl;
}

// A ~100-byte flat item like the codec benchmark's.
Item MakeItem(const std::string& pk, int sk) {
  return Item{{"pk", AttributeValue::S(pk)},
              {"sk", AttributeValue::N(std::to_string(sk))},
              {"name", AttributeValue::S("benchmark item name")},
              {"count", AttributeValue::N("12345")},
              {"price", AttributeValue::N("19.99")},
              {"active", AttributeValue::Bool(true)},
              {"city", AttributeValue::S("Lisbon")},
              {"note", AttributeValue::S("some text to reach a hundred bytes")}};
}

std::string PartitionName(int p) { return "partition-" + std::to_string(p); }
std::string GetKeyName(int i) { return "user-" + std::to_string(i); }

struct Fixture {
  std::string engine_dir = MakeTempDir("engine");
  std::string raw_dir = MakeTempDir("raw");
  std::unique_ptr<dynarock::Database> db;
  std::unique_ptr<rocksdb::DB> raw;
  std::string value;  // an encoded item: the raw DB stores values of this size
  int next_put = 0;

  Fixture() {
    dynarock::Options o;
    auto opened = dynarock::Database::Open(o, engine_dir);
    if (!opened.ok()) std::abort();
    db = std::move(opened).value();
    dynarock::CreateTableRequest ct;
    ct.table_name = kTable;
    ct.key_schema = {{"pk", dynarock::KeyType::kHash}, {"sk", dynarock::KeyType::kRange}};
    ct.attribute_definitions = {{"pk", dynarock::ScalarAttributeType::kS},
                                {"sk", dynarock::ScalarAttributeType::kN}};
    ct.billing_mode = dynarock::BillingMode::kPayPerRequest;
    if (!db->CreateTable(ct).ok()) std::abort();

    rocksdb::Options ro;
    ro.create_if_missing = true;
    rocksdb::DB* raw_db = nullptr;
    if (!rocksdb::DB::Open(ro, raw_dir, &raw_db).ok()) std::abort();
    raw.reset(raw_db);
    dynarock::codec::EncodeItem(MakeItem(GetKeyName(0), 0), &value);

    // The same data in both: GetItem/Scan items and Query partitions. Raw
    // keys use the engine's key layout so key sizes and order match too.
    for (int i = 0; i < kGetItems; ++i) Load(GetKeyName(i), 0);
    for (int p = 0; p < kPartitions; ++p) {
      for (int s = 0; s < kItemsPerPartition; ++s) Load(PartitionName(p), s);
    }
    // Neither database is flushed by hand: both read what RocksDB's own
    // flushing left in memtables and SST files after the same writes.
  }
  ~Fixture() {
    db.reset();
    raw.reset();
    std::error_code ec;
    std::filesystem::remove_all(engine_dir, ec);
    std::filesystem::remove_all(raw_dir, ec);
  }

  void Load(const std::string& pk, int sk) {
    dynarock::PutItemRequest r;
    r.table_name = kTable;
    r.item = MakeItem(pk, sk);
    if (!db->PutItem(r).ok()) std::abort();
    if (!raw->Put(rocksdb::WriteOptions(), RawKey(pk, sk), value).ok()) std::abort();
  }

  static std::string RawKey(const std::string& pk, int sk) {
    std::string k;
    AttributeValue p = AttributeValue::S(pk);
    AttributeValue s = AttributeValue::N(std::to_string(sk));
    dynarock::codec::AppendItemKey(p, &s, &k);
    return k;
  }
};

Fixture* fx = nullptr;

// ------------------------------------------------------------------ Put

void BM_Engine_PutItem(benchmark::State& state) {
  dynarock::PutItemRequest r;
  r.table_name = kTable;
  for (auto _ : state) {
    state.PauseTiming();
    r.item = MakeItem("put-" + std::to_string(fx->next_put++), 1);
    state.ResumeTiming();
    if (!fx->db->PutItem(r).ok()) state.SkipWithError("PutItem failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Raw_Put(benchmark::State& state) {
  rocksdb::WriteOptions wo;
  for (auto _ : state) {
    state.PauseTiming();
    std::string key = Fixture::RawKey("put-" + std::to_string(fx->next_put++), 1);
    state.ResumeTiming();
    if (!fx->raw->Put(wo, key, fx->value).ok()) state.SkipWithError("Put failed");
  }
  state.SetItemsProcessed(state.iterations());
}

// ------------------------------------------------------------------ Get

void BM_Engine_GetItem(benchmark::State& state) {
  std::mt19937 rng(1);
  std::vector<dynarock::GetItemRequest> requests(1024);
  for (auto& r : requests) {
    r.table_name = kTable;
    int i = static_cast<int>(rng() % kGetItems);
    r.key = {{"pk", AttributeValue::S(GetKeyName(i))}, {"sk", AttributeValue::N("0")}};
  }
  size_t n = 0;
  for (auto _ : state) {
    auto res = fx->db->GetItem(requests[n++ & 1023]);
    if (!res.ok() || !res->item) state.SkipWithError("GetItem missed");
    benchmark::DoNotOptimize(res);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Raw_Get(benchmark::State& state) {
  std::mt19937 rng(1);
  std::vector<std::string> keys(1024);
  for (auto& k : keys) k = Fixture::RawKey(GetKeyName(static_cast<int>(rng() % kGetItems)), 0);
  rocksdb::ReadOptions ro;
  std::string value;
  size_t n = 0;
  for (auto _ : state) {
    if (!fx->raw->Get(ro, keys[n++ & 1023], &value).ok()) state.SkipWithError("Get missed");
    benchmark::DoNotOptimize(value);
  }
  state.SetItemsProcessed(state.iterations());
}

// ---------------------------------------------------------------- Query

void BM_Engine_Query(benchmark::State& state) {
  const int limit = static_cast<int>(state.range(0));
  std::mt19937 rng(2);
  for (auto _ : state) {
    dynarock::QueryRequest q;
    q.table_name = kTable;
    q.key_conditions = dynarock::ConditionMap{
        {"pk", dynarock::Condition{dynarock::ComparisonOperator::kEq,
                                   {AttributeValue::S(PartitionName(static_cast<int>(rng() % kPartitions)))}}}};
    if (limit < kItemsPerPartition) q.limit = limit;
    auto res = fx->db->Query(q);
    if (!res.ok() || res->count != limit) state.SkipWithError("Query count");
    benchmark::DoNotOptimize(res);
  }
  state.SetItemsProcessed(state.iterations() * limit);
}

void BM_Raw_Iterate(benchmark::State& state) {
  const int limit = static_cast<int>(state.range(0));
  std::mt19937 rng(2);
  rocksdb::ReadOptions ro;
  for (auto _ : state) {
    std::string prefix;
    dynarock::codec::AppendPartitionPrefix(
        AttributeValue::S(PartitionName(static_cast<int>(rng() % kPartitions))), &prefix);
    std::unique_ptr<rocksdb::Iterator> it(fx->raw->NewIterator(ro));
    int n = 0;
    size_t bytes = 0;
    for (it->Seek(prefix); it->Valid() && n < limit && it->key().starts_with(prefix); it->Next()) {
      bytes += it->value().size();
      ++n;
    }
    if (n != limit) state.SkipWithError("iterate count");
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() * limit);
}

// ----------------------------------------------------------------- Scan

void BM_Engine_Scan(benchmark::State& state) {
  int64_t items = 0;
  for (auto _ : state) {
    dynarock::ScanRequest r;
    r.table_name = kTable;
    do {
      auto page = fx->db->Scan(r);
      if (!page.ok()) {
        state.SkipWithError("Scan failed");
        break;
      }
      items += page->count;
      r.exclusive_start_key = std::move(page->last_evaluated_key);
    } while (r.exclusive_start_key);
  }
  state.SetItemsProcessed(items);
}

void BM_Raw_Scan(benchmark::State& state) {
  int64_t items = 0;
  rocksdb::ReadOptions ro;
  for (auto _ : state) {
    std::unique_ptr<rocksdb::Iterator> it(fx->raw->NewIterator(ro));
    size_t bytes = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      bytes += it->value().size();
      ++items;
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(items);
}

BENCHMARK(BM_Engine_PutItem);
BENCHMARK(BM_Raw_Put);
BENCHMARK(BM_Engine_GetItem);
BENCHMARK(BM_Raw_Get);
BENCHMARK(BM_Engine_Query)->Arg(10)->Arg(100);
BENCHMARK(BM_Raw_Iterate)->Arg(10)->Arg(100);
BENCHMARK(BM_Engine_Scan)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Raw_Scan)->Unit(benchmark::kMillisecond);

// Remembers items/s of every run for the summary.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      if (r.run_type != Run::RT_Iteration && r.aggregate_name != "median") continue;
      auto it = r.counters.find("items_per_second");
      if (it == r.counters.end()) continue;
      std::string name = r.run_name.str();
      rate_[name] = it->second.value;
    }
  }
  void Summary() const {
    struct Pair {
      const char* what;
      const char* engine;
      const char* raw;
      double target;  // 0: no target
    };
    const Pair pairs[] = {
        {"PutItem vs Put", "BM_Engine_PutItem", "BM_Raw_Put", 0.60},
        {"GetItem vs Get", "BM_Engine_GetItem", "BM_Raw_Get", 0.70},
        {"Query 10 vs Seek+10 Next", "BM_Engine_Query/10", "BM_Raw_Iterate/10", 0},
        {"Query 100 vs Seek+100 Next", "BM_Engine_Query/100", "BM_Raw_Iterate/100", 0.50},
        {"full Scan vs iterator", "BM_Engine_Scan", "BM_Raw_Scan", 0},
    };
    std::printf("\n%-28s %14s %14s %8s %8s\n", "engine / raw RocksDB", "engine items/s",
                "raw items/s", "ratio", "target");
    for (const auto& p : pairs) {
      auto e = rate_.find(p.engine), r = rate_.find(p.raw);
      if (e == rate_.end() || r == rate_.end()) continue;
      double ratio = e->second / r->second;
      char target[32] = "-";
      if (p.target > 0) {
        std::snprintf(target, sizeof(target), ">=%.0f%% %s", p.target * 100,
                      ratio >= p.target ? "met" : "MISSED");
      }
      std::printf("%-28s %14.0f %14.0f %7.0f%% %s\n", p.what, e->second, r->second, ratio * 100,
                  target);
    }
  }

 private:
  std::map<std::string, double> rate_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  Fixture fixture;
  fx = &fixture;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.Summary();
  benchmark::Shutdown();
  fx = nullptr;
  return 0;
}
