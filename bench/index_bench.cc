// Index benchmarks (docs/performance.md, section "Indexes"):
//   - PutItem on a table with 0, 1 and 5 GSIs (ALL projection): the cost of
//     keeping indexes exact in the same WriteBatch, as a ratio to 0 GSIs;
//   - the same Query (one partition, 100 items) on a GSI and on the table;
//   - backfill rate: UpdateTable adds a GSI to a table of 100k items; the
//     time until DescribeTable reports it ACTIVE gives items/s.
// Databases live in temporary directories under /tmp, removed at exit.
//
//   cmake --build BUILD --target index_bench && BUILD/bench/index_bench
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "dynarock/database.h"

namespace {

using dynarock::AttributeValue;
using dynarock::Item;

constexpr int kPartitions = 100;
constexpr int kItemsPerPartition = 100;
constexpr int kBackfillItems = 100000;

std::string MakeTempDir(const char* tag) {
  std::string tmpl = std::string("/tmp/dynarock-index-bench-") + tag + "-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) std::abort();
  return tmpl;
}

// A ~100-byte item carrying the keys of up to five GSIs.
Item MakeItem(int i) {
  const int p = i % kPartitions;
  return Item{{"pk", AttributeValue::S("user-" + std::to_string(i))},
              {"gp", AttributeValue::S("group-" + std::to_string(p))},
              {"gs", AttributeValue::N(std::to_string(i))},
              {"g1", AttributeValue::S("a" + std::to_string(i % 7))},
              {"g2", AttributeValue::S("b" + std::to_string(i % 11))},
              {"g3", AttributeValue::N(std::to_string(i % 13))},
              {"g4", AttributeValue::S("c" + std::to_string(i % 17))},
              {"note", AttributeValue::S("some text to reach a hundred bytes")}};
}

dynarock::CreateTableRequest TableWithGsis(int gsis) {
  dynarock::CreateTableRequest r;
  r.table_name = "bench";
  r.key_schema = {{"pk", dynarock::KeyType::kHash}};
  r.attribute_definitions = {{"pk", dynarock::ScalarAttributeType::kS}};
  r.billing_mode = dynarock::BillingMode::kPayPerRequest;
  const char* hashes[] = {"gp", "g1", "g2", "g3", "g4"};
  if (gsis > 0) r.global_secondary_indexes.emplace();
  for (int g = 0; g < gsis; ++g) {
    dynarock::GlobalSecondaryIndex index;
    index.index_name = std::string("gsi") + std::to_string(g);
    index.key_schema = {{hashes[g], dynarock::KeyType::kHash}, {"gs", dynarock::KeyType::kRange}};
    index.projection.projection_type = dynarock::ProjectionType::kAll;
    r.global_secondary_indexes->push_back(index);
    r.attribute_definitions.push_back(
        {hashes[g], g == 3 ? dynarock::ScalarAttributeType::kN : dynarock::ScalarAttributeType::kS});
  }
  if (gsis > 0) r.attribute_definitions.push_back({"gs", dynarock::ScalarAttributeType::kN});
  return r;
}

struct Db {
  explicit Db(int gsis) {
    dynarock::Options o;
    auto opened = dynarock::Database::Open(o, dir);
    if (!opened.ok()) std::abort();
    db = std::move(opened).value();
    auto created = db->CreateTable(TableWithGsis(gsis));
    if (!created.ok()) {
      std::fprintf(stderr, "CreateTable: %s\n", created.status().ToString().c_str());
      std::abort();
    }
  }
  ~Db() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  void Put(int i) {
    dynarock::PutItemRequest r;
    r.table_name = "bench";
    r.item = MakeItem(i);
    if (!db->PutItem(r).ok()) std::abort();
  }
  std::string dir = MakeTempDir("db");
  std::unique_ptr<dynarock::Database> db;
};

void BM_PutItem(benchmark::State& state) {
  Db db(static_cast<int>(state.range(0)));
  int i = 0;
  for (auto _ : state) db.Put(i++);
  state.SetItemsProcessed(state.iterations());
  state.counters["puts/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PutItem)->Arg(0)->Arg(1)->Arg(5)->Unit(benchmark::kMicrosecond);

// One partition of 100 items through the table's own key (a Query on
// "gp" cannot use the table, so the table side reads the same 100 items
// by a table partition built the same way: pk = group, sort key gs).
struct QueryFixture {
  QueryFixture() {
    dynarock::Options o;
    auto opened = dynarock::Database::Open(o, dir);
    if (!opened.ok()) std::abort();
    db = std::move(opened).value();
    dynarock::CreateTableRequest r = TableWithGsis(1);
    r.table_name = "by_index";
    if (!db->CreateTable(r).ok()) std::abort();
    dynarock::CreateTableRequest t;
    t.table_name = "by_table";
    t.key_schema = {{"gp", dynarock::KeyType::kHash}, {"gs", dynarock::KeyType::kRange}};
    t.attribute_definitions = {{"gp", dynarock::ScalarAttributeType::kS},
                               {"gs", dynarock::ScalarAttributeType::kN}};
    t.billing_mode = dynarock::BillingMode::kPayPerRequest;
    if (!db->CreateTable(t).ok()) std::abort();
    for (int i = 0; i < kPartitions * kItemsPerPartition; ++i) {
      for (const char* table : {"by_index", "by_table"}) {
        dynarock::PutItemRequest p;
        p.table_name = table;
        p.item = MakeItem(i);
        if (!db->PutItem(p).ok()) std::abort();
      }
    }
  }
  ~QueryFixture() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string dir = MakeTempDir("query");
  std::unique_ptr<dynarock::Database> db;
};

QueryFixture& Queries() {
  static QueryFixture* f = new QueryFixture();  // lives for the run
  return *f;
}

void QueryPartitions(benchmark::State& state, bool index) {
  auto& f = Queries();
  int p = 0;
  for (auto _ : state) {
    dynarock::QueryRequest q;
    q.table_name = index ? "by_index" : "by_table";
    if (index) q.index_name = "gsi0";
    dynarock::Condition c;
    c.attribute_value_list = {AttributeValue::S("group-" + std::to_string(p++ % kPartitions))};
    q.key_conditions = dynarock::ConditionMap{{"gp", c}};
    auto r = f.db->Query(q);
    if (!r.ok() || r->count != kItemsPerPartition) {
      state.SkipWithError(r.ok() ? "wrong count" : r.status().ToString().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * kItemsPerPartition);
  state.counters["queries/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                   benchmark::Counter::kIsRate);
}
void BM_QueryTable(benchmark::State& state) { QueryPartitions(state, false); }
void BM_QueryGsi(benchmark::State& state) { QueryPartitions(state, true); }
BENCHMARK(BM_QueryTable)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_QueryGsi)->Unit(benchmark::kMicrosecond);

void BM_Backfill(benchmark::State& state) {
  for (auto _ : state) {
    Db db(0);
    for (int i = 0; i < kBackfillItems; ++i) db.Put(i);
    dynarock::UpdateTableRequest u;
    u.table_name = "bench";
    u.attribute_definitions = std::vector<dynarock::AttributeDefinition>{
        {"gp", dynarock::ScalarAttributeType::kS}, {"gs", dynarock::ScalarAttributeType::kN}};
    dynarock::GlobalSecondaryIndexUpdate create;
    create.create.emplace();
    create.create->index.index_name = "late";
    create.create->index.key_schema = {{"gp", dynarock::KeyType::kHash},
                                       {"gs", dynarock::KeyType::kRange}};
    create.create->index.projection.projection_type = dynarock::ProjectionType::kAll;
    u.global_secondary_index_updates = std::vector<dynarock::GlobalSecondaryIndexUpdate>{create};
    const auto start = std::chrono::steady_clock::now();
    auto updated = db.db->UpdateTable(u);
    if (!updated.ok()) {
      state.SkipWithError(updated.status().ToString().c_str());
      break;
    }
    // A benchmark may poll: DescribeTable until the index is ACTIVE.
    for (;;) {
      auto d = db.db->DescribeTable({"bench"});
      if (!d.ok()) std::abort();
      if (d->table.global_secondary_indexes.at(0).index_status == dynarock::IndexStatus::kActive) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.counters["items/s"] = kBackfillItems / seconds;
    state.SetIterationTime(seconds);
  }
}
BENCHMARK(BM_Backfill)->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
