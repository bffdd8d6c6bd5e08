// Helpers for the index tests that go through the Database: tables with
// indexes, queries on them, the consistency checker and backfill waits.
#pragma once

#include "engine/database_impl.h"
#include "engine_test_util.h"

namespace dynarock::testing {

inline engine::DatabaseImpl& Impl(Database& db) { return static_cast<engine::DatabaseImpl&>(db); }

// REQUIREs that every index of table is exact.
inline void RequireIndexesExact(Database& db, const std::string& table) {
  auto report = Impl(db).CheckIndexes(table);
  INFO(report.status().ToString());
  REQUIRE(report.ok());
  for (const auto& p : report->problems) UNSCOPED_INFO(p);
  REQUIRE(report->ok());
  REQUIRE(report->skipped.empty());
}

inline GlobalSecondaryIndex MakeGsi(const std::string& name, std::vector<KeySchemaElement> keys,
                                    ProjectionType projection = ProjectionType::kAll,
                                    std::vector<std::string> include = {}) {
  GlobalSecondaryIndex g;
  g.index_name = name;
  g.key_schema = std::move(keys);
  g.projection.projection_type = projection;
  if (projection == ProjectionType::kInclude) g.projection.non_key_attributes = include;
  g.provisioned_throughput = ProvisionedThroughput{5, 5};
  return g;
}

inline LocalSecondaryIndex MakeLsi(const std::string& name, const std::string& range,
                                   ProjectionType projection = ProjectionType::kAll) {
  LocalSecondaryIndex l;
  l.index_name = name;
  l.key_schema = {{"pk", KeyType::kHash}, {range, KeyType::kRange}};
  l.projection.projection_type = projection;
  return l;
}

// Table "tbl": pk S, sk N; GSI "byg" (g S, gs N, ALL), GSI "keys" (g S,
// KEYS_ONLY), GSI "multi" (a S + b N, c S, INCLUDE [x]), LSI "byls" (ls S,
// KEYS_ONLY).
inline CreateTableRequest IndexedTableRequest(const std::string& name = "tbl") {
  CreateTableRequest r = TableRequest(name, ScalarAttributeType::kS, ScalarAttributeType::kN);
  for (auto [n, t] : std::vector<std::pair<const char*, ScalarAttributeType>>{
           {"g", ScalarAttributeType::kS}, {"gs", ScalarAttributeType::kN},
           {"a", ScalarAttributeType::kS}, {"b", ScalarAttributeType::kN},
           {"c", ScalarAttributeType::kS}, {"ls", ScalarAttributeType::kS}}) {
    r.attribute_definitions.push_back({n, t});
  }
  r.global_secondary_indexes = std::vector<GlobalSecondaryIndex>{
      MakeGsi("byg", {{"g", KeyType::kHash}, {"gs", KeyType::kRange}}),
      MakeGsi("keys", {{"g", KeyType::kHash}}, ProjectionType::kKeysOnly),
      MakeGsi("multi", {{"a", KeyType::kHash}, {"b", KeyType::kHash}, {"c", KeyType::kRange}},
              ProjectionType::kInclude, {"x"})};
  r.local_secondary_indexes = std::vector<LocalSecondaryIndex>{
      MakeLsi("byls", "ls", ProjectionType::kKeysOnly)};
  return r;
}

inline QueryRequest IndexQuery(const std::string& table, const std::string& index,
                               ConditionMap conditions) {
  QueryRequest q;
  q.table_name = table;
  q.index_name = index;
  q.key_conditions = std::move(conditions);
  return q;
}

inline Condition Eq(AttributeValue v) {
  Condition c;
  c.comparison_operator = ComparisonOperator::kEq;
  c.attribute_value_list = {std::move(v)};
  return c;
}

inline Condition Op(ComparisonOperator op, std::vector<AttributeValue> values) {
  Condition c;
  c.comparison_operator = op;
  c.attribute_value_list = std::move(values);
  return c;
}

}  // namespace dynarock::testing
