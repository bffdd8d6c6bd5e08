// Expression layer micro-benchmarks: compile (parse + resolve) and evaluate
// a typical ConditionExpression and a typical UpdateExpression.
//
//   cmake --build BUILD --target expr_bench && BUILD/bench/expr_bench
//
// Results are recorded in docs/performance.md, section "Expressions".

#include <benchmark/benchmark.h>

#include "expr/expr.h"

namespace dynarock::expr {
namespace {

const char* kCondition =
    "attribute_exists(#pk) AND #st = :active AND (#ver < :ver OR attribute_not_exists(#ver)) "
    "AND begins_with(sk, :prefix) AND size(tags) > :zero";
const char* kUpdate =
    "SET #ver = if_not_exists(#ver, :zero) + :one, #st = :active, history = list_append(history, :entry), "
    "profile.nickname = :name REMOVE scratch ADD visits :one";

std::optional<ExpressionAttributeNames> Names() {
  return ExpressionAttributeNames{{"#pk", "pk"}, {"#st", "status"}, {"#ver", "version"}};
}
std::optional<ExpressionAttributeValues> Values() {
  return ExpressionAttributeValues{
      {":active", AttributeValue::S("active")},
      {":ver", AttributeValue::N(Number::FromInt64(7))},
      {":prefix", AttributeValue::S("user#")},
      {":zero", AttributeValue::N(Number::FromInt64(0))},
      {":one", AttributeValue::N(Number::FromInt64(1))},
      {":entry", AttributeValue::L({AttributeValue::S("login")})},
      {":name", AttributeValue::S("bob")},
  };
}

Item TypicalItem() {
  Item item;
  item["pk"] = AttributeValue::S("user#123");
  item["sk"] = AttributeValue::S("user#profile");
  item["status"] = AttributeValue::S("active");
  item["version"] = AttributeValue::N(Number::FromInt64(3));
  item["tags"] = AttributeValue::SS({"a", "b", "c"});
  item["history"] = AttributeValue::L({AttributeValue::S("signup")});
  item["profile"] = AttributeValue::M({{"nickname", AttributeValue::S("b")}, {"age", AttributeValue::N(Number::FromInt64(30))}});
  item["scratch"] = AttributeValue::S("x");
  item["visits"] = AttributeValue::N(Number::FromInt64(10));
  return item;
}

void BM_ConditionCompile(benchmark::State& state) {
  auto names = Names();
  auto values = Values();
  for (auto _ : state) {
    Compiler c(names, values);
    auto cond = c.CompileCondition(kCondition);
    if (!cond.ok()) state.SkipWithError(cond.status().message().c_str());
    benchmark::DoNotOptimize(cond);
  }
}
BENCHMARK(BM_ConditionCompile);

void BM_ConditionEvaluate(benchmark::State& state) {
  auto names = Names();
  auto values = Values();
  Compiler c(names, values);
  auto compiled = c.CompileCondition(kCondition);
  if (!compiled.ok()) {
    state.SkipWithError(compiled.status().message().c_str());
    return;
  }
  Condition cond = *compiled;
  Item item = TypicalItem();
  if (auto r = cond.Evaluate(&item); !r.ok() || !*r) {
    state.SkipWithError("the typical condition must hold on the typical item");
    return;
  }
  for (auto _ : state) {
    auto r = cond.Evaluate(&item);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ConditionEvaluate);

void BM_ConditionCompileAndEvaluate(benchmark::State& state) {
  auto names = Names();
  auto values = Values();
  Item item = TypicalItem();
  for (auto _ : state) {
    Compiler c(names, values);
    auto cond = c.CompileCondition(kCondition);
    if (!cond.ok()) {
      state.SkipWithError(cond.status().message().c_str());
      return;
    }
    auto r = cond->Evaluate(&item);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ConditionCompileAndEvaluate);

void BM_UpdateCompile(benchmark::State& state) {
  auto names = Names();
  auto values = Values();
  for (auto _ : state) {
    Compiler c(names, values);
    auto u = c.CompileUpdate(kUpdate);
    if (!u.ok()) state.SkipWithError(u.status().message().c_str());
    benchmark::DoNotOptimize(u);
  }
}
BENCHMARK(BM_UpdateCompile);

void BM_UpdateApply(benchmark::State& state) {
  auto names = Names();
  auto values = Values();
  Compiler c(names, values);
  auto compiled = c.CompileUpdate(kUpdate);
  if (!compiled.ok()) {
    state.SkipWithError(compiled.status().message().c_str());
    return;
  }
  Update u = *compiled;
  Item item = TypicalItem();
  {
    Item out;
    Status s = u.Apply(&item, &out);
    if (!s.ok()) {
      state.SkipWithError(s.message().c_str());
      return;
    }
  }
  for (auto _ : state) {
    Item out;
    Status s = u.Apply(&item, &out);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_UpdateApply);

void BM_UpdateCompileAndApply(benchmark::State& state) {
  auto names = Names();
  auto values = Values();
  Item item = TypicalItem();
  for (auto _ : state) {
    Compiler c(names, values);
    auto u = c.CompileUpdate(kUpdate);
    if (!u.ok()) {
      state.SkipWithError(u.status().message().c_str());
      return;
    }
    Item out;
    Status s = u->Apply(&item, &out);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_UpdateCompileAndApply);

}  // namespace
}  // namespace dynarock::expr

BENCHMARK_MAIN();
