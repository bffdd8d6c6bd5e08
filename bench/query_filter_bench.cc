// Expressions in the engine (issue 3): what a FilterExpression costs a
// Query, and what a condition costs a write, measured through the typed
// Database API on an in-memory database.
//
//   BM_Query100/NoFilter        Query of one 100-item partition
//   BM_Query100/FilterHalf      the same Query with "parity = :even" (keeps 50)
//   BM_Query100/FilterHalfCount the filtered Query with Select COUNT
//   BM_CompileWriteExpressions  parse + compile of a typical condition and
//                               update as item_write_builder does it
//   BM_Put/NoCondition          PutItem of an existing item
//   BM_Put/Condition            the same PutItem with a ConditionExpression
//                               (parse + compile + evaluate on the stored item)
//   BM_Update/Counter           UpdateItem "SET n = n + :one" with
//                               ConditionExpression "attribute_exists(pk)"
//
// Numbers and the command: docs/performance.md, "Expressions in the engine".
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "dynarock/database.h"
#include "engine/item_write_builder.h"

namespace {

using dynarock::AttributeValue;
using dynarock::Item;

constexpr int kItems = 100;
const std::string kTable = "bench";

Item MakeItem(int sk) {
  return Item{{"pk", AttributeValue::S("partition")},
              {"sk", AttributeValue::N(std::to_string(sk))},
              {"parity", AttributeValue::S(sk % 2 == 0 ? "even" : "odd")},
              {"name", AttributeValue::S("benchmark item name")},
              {"count", AttributeValue::N("12345")},
              {"price", AttributeValue::N("19.99")},
              {"city", AttributeValue::S("Lisbon")},
              {"note", AttributeValue::S("some text to reach a hundred bytes")}};
}

dynarock::Database& Db() {
  static std::unique_ptr<dynarock::Database> db = [] {
    dynarock::Options o;
    o.in_memory = true;
    auto opened = dynarock::Database::Open(o, "/bench");
    if (!opened.ok()) std::abort();
    std::unique_ptr<dynarock::Database> d = std::move(opened).value();
    dynarock::CreateTableRequest t;
    t.table_name = kTable;
    t.key_schema = {{"pk", dynarock::KeyType::kHash}, {"sk", dynarock::KeyType::kRange}};
    t.attribute_definitions = {{"pk", dynarock::ScalarAttributeType::kS},
                               {"sk", dynarock::ScalarAttributeType::kN}};
    t.billing_mode = dynarock::BillingMode::kPayPerRequest;
    if (!d->CreateTable(t).ok()) std::abort();
    for (int i = 0; i < kItems; ++i) {
      dynarock::PutItemRequest p;
      p.table_name = kTable;
      p.item = MakeItem(i);
      if (!d->PutItem(p).ok()) std::abort();
    }
    return d;
  }();
  return *db;
}

enum QueryMode { kNoFilter = 0, kFilterHalf = 1, kFilterHalfCount = 2 };

void BM_Query100(benchmark::State& state) {
  const auto mode = static_cast<QueryMode>(state.range(0));
  dynarock::QueryRequest q;
  q.table_name = kTable;
  q.key_condition_expression = "pk = :p";
  q.expression_attribute_values = dynarock::ExpressionAttributeValues{{":p", AttributeValue::S("partition")}};
  if (mode != kNoFilter) {
    q.filter_expression = "parity = :even";
    q.expression_attribute_values->emplace(":even", AttributeValue::S("even"));
  }
  if (mode == kFilterHalfCount) q.select = dynarock::Select::kCount;
  const int want = mode == kNoFilter ? kItems : kItems / 2;
  for (auto _ : state) {
    auto r = Db().Query(q);
    if (!r.ok() || r->count != want) {
      state.SkipWithError("unexpected Query result");
      break;
    }
    benchmark::DoNotOptimize(r->items.data());
  }
  state.SetItemsProcessed(state.iterations() * kItems);
  state.SetLabel(mode == kNoFilter ? "no filter" : mode == kFilterHalf ? "filter keeps half" : "filter, COUNT");
}
BENCHMARK(BM_Query100)->Arg(kNoFilter)->Arg(kFilterHalf)->Arg(kFilterHalfCount);

void BM_CompileWriteExpressions(benchmark::State& state) {
  dynarock::UpdateItemRequest r;
  r.table_name = kTable;
  r.key = Item{{"pk", AttributeValue::S("partition")}, {"sk", AttributeValue::N("1")}};
  r.update_expression = "SET #c = #c + :one, city = if_not_exists(city, :city) REMOVE note";
  r.condition_expression = "attribute_exists(pk) AND #c < :max AND parity IN (:even, :odd)";
  r.expression_attribute_names = dynarock::ExpressionAttributeNames{{"#c", "count"}};
  r.expression_attribute_values = dynarock::ExpressionAttributeValues{
      {":one", AttributeValue::N("1")},     {":city", AttributeValue::S("Porto")},
      {":max", AttributeValue::N("1E10")},  {":even", AttributeValue::S("even")},
      {":odd", AttributeValue::S("odd")}};
  const dynarock::engine::ItemWriteSpec spec = dynarock::engine::SpecOf(r);
  for (auto _ : state) {
    auto compiled = dynarock::engine::CompileWriteExpressions(spec);
    if (!compiled.ok()) {
      state.SkipWithError("compile failed");
      break;
    }
    benchmark::DoNotOptimize(compiled->condition.empty());
  }
}
BENCHMARK(BM_CompileWriteExpressions);

void BM_Put(benchmark::State& state) {
  dynarock::PutItemRequest p;
  p.table_name = kTable;
  p.item = MakeItem(1);
  if (state.range(0) != 0) {
    p.condition_expression = "attribute_exists(pk) AND #c < :max AND parity IN (:even, :odd)";
    p.expression_attribute_names = dynarock::ExpressionAttributeNames{{"#c", "count"}};
    p.expression_attribute_values = dynarock::ExpressionAttributeValues{{":max", AttributeValue::N("1E10")},
                                                                        {":even", AttributeValue::S("even")},
                                                                        {":odd", AttributeValue::S("odd")}};
  }
  for (auto _ : state) {
    auto r = Db().PutItem(p);
    if (!r.ok()) {
      state.SkipWithError("PutItem failed");
      break;
    }
  }
  state.SetLabel(state.range(0) != 0 ? "with ConditionExpression" : "no condition");
}
BENCHMARK(BM_Put)->Arg(0)->Arg(1);

void BM_UpdateCounter(benchmark::State& state) {
  dynarock::UpdateItemRequest r;
  r.table_name = kTable;
  r.key = Item{{"pk", AttributeValue::S("partition")}, {"sk", AttributeValue::N("2")}};
  r.update_expression = "SET #c = #c + :one";
  r.condition_expression = "attribute_exists(pk)";
  r.expression_attribute_names = dynarock::ExpressionAttributeNames{{"#c", "count"}};
  r.expression_attribute_values = dynarock::ExpressionAttributeValues{{":one", AttributeValue::N("1")}};
  for (auto _ : state) {
    auto res = Db().UpdateItem(r);
    if (!res.ok()) {
      state.SkipWithError("UpdateItem failed");
      break;
    }
  }
}
BENCHMARK(BM_UpdateCounter);

}  // namespace

BENCHMARK_MAIN();
