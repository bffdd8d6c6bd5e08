// Catalog records: round trip of every field, golden bytes of a small
// record, corruption handling, forward compatibility, and LoadCatalog.
#include "storage/catalog.h"

#include <catch2/catch.hpp>

#include "util/coding.h"

namespace dynarock::storage {
namespace {

TableMeta FullMeta() {
  TableMeta m;
  TableDescription& d = m.description;
  d.table_name = "Music";
  d.table_id = "0b6a3c1e-2f4d-4a8b-9c7d-1e2f3a4b5c6d";
  d.table_arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Music";
  d.key_schema = {{"artist", KeyType::kHash}, {"song", KeyType::kRange}};
  d.attribute_definitions = {{"artist", ScalarAttributeType::kS}, {"song", ScalarAttributeType::kN},
                             {"album", ScalarAttributeType::kB}};
  d.creation_date_time = 1700000000.123;
  d.provisioned_throughput.read_capacity_units = 7;
  d.provisioned_throughput.write_capacity_units = 9;
  d.provisioned_throughput.last_increase_date_time = 1700000100.5;
  d.provisioned_throughput.number_of_decreases_today = 2;
  BillingModeSummary s;
  s.billing_mode = BillingMode::kPayPerRequest;
  s.last_update_to_pay_per_request_date_time = 1700000200.0;
  d.billing_mode_summary = s;
  d.on_demand_throughput = OnDemandThroughput{std::nullopt, int64_t{0}};
  d.stream_specification = StreamSpecification{true, std::string("NEW_IMAGE")};
  d.table_class = "STANDARD_INFREQUENT_ACCESS";
  d.deletion_protection_enabled = true;
  GlobalSecondaryIndexDescription g;
  g.index_name = "byAlbum";
  g.key_schema = {{"album", KeyType::kHash}};
  g.projection.projection_type = ProjectionType::kInclude;
  g.projection.non_key_attributes = std::vector<std::string>{"year", "genre"};
  g.provisioned_throughput.read_capacity_units = 3;
  d.global_secondary_indexes.push_back(g);
  LocalSecondaryIndexDescription l;
  l.index_name = "byYear";
  l.key_schema = {{"artist", KeyType::kHash}, {"year", KeyType::kRange}};
  l.projection.projection_type = ProjectionType::kKeysOnly;
  d.local_secondary_indexes.push_back(l);
  m.generation = 42;
  m.column_family = "t.42";
  m.ttl = TimeToLiveSpecification{"expires", true};
  m.tags = {{"env", "prod"}, {"empty", ""}};
  m.index_column_families = {{"byAlbum", "t.43"}, {"byYear", "t.44"}};
  return m;
}

TEST_CASE("Catalog record round-trips every field") {
  TableMeta m = FullMeta();
  auto decoded = DecodeTableMeta(EncodeTableMeta(m));
  INFO(decoded.status().ToString());
  REQUIRE(decoded.ok());
  const TableMeta& x = *decoded;
  const TableDescription& d = x.description;
  REQUIRE(d.table_name == "Music");
  REQUIRE(d.table_id == m.description.table_id);
  REQUIRE(d.table_arn == m.description.table_arn);
  REQUIRE(d.key_schema.size() == 2);
  REQUIRE(d.key_schema[1].attribute_name == "song");
  REQUIRE(d.key_schema[1].key_type == KeyType::kRange);
  REQUIRE(d.attribute_definitions.size() == 3);
  REQUIRE(d.attribute_definitions[2].attribute_type == ScalarAttributeType::kB);
  REQUIRE(d.creation_date_time == Approx(1700000000.123).epsilon(1e-12));
  REQUIRE(d.provisioned_throughput.read_capacity_units == 7);
  REQUIRE(d.provisioned_throughput.write_capacity_units == 9);
  REQUIRE(*d.provisioned_throughput.last_increase_date_time == Approx(1700000100.5));
  REQUIRE(!d.provisioned_throughput.last_decrease_date_time);
  REQUIRE(d.provisioned_throughput.number_of_decreases_today == 2);
  REQUIRE(d.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest);
  REQUIRE(*d.billing_mode_summary->last_update_to_pay_per_request_date_time == Approx(1700000200.0));
  REQUIRE(!d.on_demand_throughput->max_read_request_units);
  REQUIRE(*d.on_demand_throughput->max_write_request_units == 0);
  REQUIRE(d.stream_specification->stream_enabled);
  REQUIRE(*d.stream_specification->stream_view_type == "NEW_IMAGE");
  REQUIRE(*d.table_class == "STANDARD_INFREQUENT_ACCESS");
  REQUIRE(d.deletion_protection_enabled);
  REQUIRE(d.global_secondary_indexes.size() == 1);
  REQUIRE(d.global_secondary_indexes[0].index_name == "byAlbum");
  REQUIRE(*d.global_secondary_indexes[0].projection.projection_type == ProjectionType::kInclude);
  REQUIRE(d.global_secondary_indexes[0].projection.non_key_attributes->size() == 2);
  REQUIRE(d.global_secondary_indexes[0].provisioned_throughput.read_capacity_units == 3);
  REQUIRE(d.local_secondary_indexes.size() == 1);
  REQUIRE(d.local_secondary_indexes[0].key_schema[1].attribute_name == "year");
  REQUIRE(!d.local_secondary_indexes[0].projection.non_key_attributes);
  REQUIRE(x.generation == 42);
  REQUIRE(x.column_family == "t.42");
  REQUIRE(x.ttl->attribute_name == "expires");
  REQUIRE(x.ttl->enabled);
  REQUIRE(x.tags.size() == 2);
  REQUIRE(x.tags[1].key == "empty");
  REQUIRE(x.index_column_families ==
          std::vector<std::pair<std::string, std::string>>{{"byAlbum", "t.43"}, {"byYear", "t.44"}});
  // Deterministic.
  REQUIRE(EncodeTableMeta(x) == EncodeTableMeta(m));
}

TEST_CASE("Catalog record golden bytes") {
  TableMeta m;
  m.description.table_name = "abc";
  m.description.key_schema = {{"k", KeyType::kHash}};
  m.description.attribute_definitions = {{"k", ScalarAttributeType::kN}};
  m.generation = 3;
  m.column_family = "t.3";
  // version 1; name; id ""; arn ""; generation 3; cf "t.3"; creation 0;
  // key (HASH, "k"); def (N, "k"); billing PROVISIONED; throughput 0 x5;
  // deletion protection 0.
  const std::string expected = std::string(
      "\x01"
      "\x01\x03" "abc"
      "\x02\x00"
      "\x03\x00"
      "\x04\x01\x03"
      "\x05\x03" "t.3"
      "\x06\x01\x00"
      "\x07\x02\x00" "k"
      "\x08\x02\x01" "k"
      "\x09\x01\x00"
      "\x0a\x05\x00\x00\x00\x00\x00"
      "\x0f\x01\x00", 42);
  REQUIRE(EncodeTableMeta(m) == expected);
}

TEST_CASE("Catalog decoder rejects bad bytes and skips unknown fields") {
  std::string good = EncodeTableMeta(FullMeta());
  REQUIRE(DecodeTableMeta("").status().code() == ErrorCode::kCorruption);
  REQUIRE(DecodeTableMeta(std::string("\x02", 1)).status().code() == ErrorCode::kCorruption);
  for (size_t n = 1; n < good.size(); ++n) {
    auto r = DecodeTableMeta(good.substr(0, n));  // every truncation: an error, never a crash
    if (r.ok()) {
      // A cut on a field boundary may still decode; it must then be a prefix's content.
      REQUIRE(r->description.table_name == "Music");
    }
  }
  std::string extended = good;
  util::PutVarint32(&extended, 200);  // a field from a later format
  util::PutLengthPrefixed(&extended, "future");
  auto r = DecodeTableMeta(extended);
  REQUIRE(r.ok());
  REQUIRE(r->description.table_name == "Music");
  std::string bad_enum = EncodeTableMeta(FullMeta());
  // Find the key-schema field (tag 7) and break its key-type byte.
  size_t pos = bad_enum.find(std::string("\x07\x07\x00" "artist", 9));
  REQUIRE(pos != std::string::npos);
  bad_enum[pos + 2] = '\x05';
  REQUIRE(DecodeTableMeta(bad_enum).status().code() == ErrorCode::kCorruption);
}

TEST_CASE("Column family names") {
  REQUIRE(TableColumnFamilyName(17) == "t.17");
  uint64_t g = 0;
  REQUIRE(ParseTableColumnFamilyName("t.17", &g));
  REQUIRE(g == 17);
  REQUIRE(!ParseTableColumnFamilyName("t.", &g));
  REQUIRE(!ParseTableColumnFamilyName("t.1x", &g));
  REQUIRE(!ParseTableColumnFamilyName("catalog", &g));
}

TEST_CASE("LoadCatalog reads tables and the generation counter") {
  StoreOptions o;
  o.in_memory = true;
  auto store = std::move(Store::Open(o, "/m")).value();
  auto empty = LoadCatalog(*store);
  REQUIRE(empty.ok());
  REQUIRE(empty->tables.empty());
  REQUIRE(empty->next_generation == 1);
  WriteBatch b;
  PutTableMeta(*store, FullMeta(), &b);
  PutNextGeneration(*store, 45, &b);
  REQUIRE(store->Write(&b).ok());
  auto loaded = LoadCatalog(*store);
  REQUIRE(loaded.ok());
  REQUIRE(loaded->tables.size() == 1);
  REQUIRE(loaded->next_generation == 45);
  b.Clear();
  DeleteTableMeta(*store, "Music", &b);
  b.Put(*store->catalog(), "zzz", "junk");
  REQUIRE(store->Write(&b).ok());
  REQUIRE(LoadCatalog(*store).status().code() == ErrorCode::kCorruption);
}

}  // namespace
}  // namespace dynarock::storage
