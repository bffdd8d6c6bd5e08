#include "engine/index_catalog.h"

#include <charconv>

#include "engine/index_backfill.h"

namespace dynarock::engine {

std::string IndexColumnFamilyName(uint64_t generation) { return "i." + std::to_string(generation); }

bool ParseIndexColumnFamilyName(std::string_view name, uint64_t* generation) {
  if (name.size() < 3 || name.substr(0, 2) != "i.") return false;
  std::string_view digits = name.substr(2);
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *generation);
  return ec == std::errc() && p == digits.data() + digits.size();
}

void DescribeNewIndexes(const CreateTableRequest& r, TableDescription* d) {
  const bool ppr = r.billing_mode == BillingMode::kPayPerRequest;
  if (r.global_secondary_indexes) {
    for (const auto& g : *r.global_secondary_indexes) {
      GlobalSecondaryIndexDescription out;
      out.index_name = g.index_name;
      out.key_schema = g.key_schema;
      out.projection = g.projection;
      out.index_status = IndexStatus::kActive;
      if (!ppr && g.provisioned_throughput) {
        out.provisioned_throughput.read_capacity_units = g.provisioned_throughput->read_capacity_units;
        out.provisioned_throughput.write_capacity_units = g.provisioned_throughput->write_capacity_units;
      }
      out.on_demand_throughput = g.on_demand_throughput;
      d->global_secondary_indexes.push_back(std::move(out));
    }
  }
  if (r.local_secondary_indexes) {
    for (const auto& l : *r.local_secondary_indexes) {
      LocalSecondaryIndexDescription out;
      out.index_name = l.index_name;
      out.key_schema = l.key_schema;
      out.projection = l.projection;
      d->local_secondary_indexes.push_back(std::move(out));
    }
  }
}

GlobalSecondaryIndexDescription DescribeNewGlobalIndex(const GlobalSecondaryIndex& g) {
  GlobalSecondaryIndexDescription out;
  out.index_name = g.index_name;
  out.key_schema = g.key_schema;
  out.projection = g.projection;
  out.index_status = IndexStatus::kCreating;
  out.backfilling = true;
  if (g.provisioned_throughput) {
    out.provisioned_throughput.read_capacity_units = g.provisioned_throughput->read_capacity_units;
    out.provisioned_throughput.write_capacity_units = g.provisioned_throughput->write_capacity_units;
  }
  out.on_demand_throughput = g.on_demand_throughput;
  return out;
}

Result<std::vector<storage::ColumnFamilyRef>> CreateIndexColumnFamilies(
    storage::Store* store, storage::TableMeta* meta, uint64_t* next_generation) {
  std::vector<storage::ColumnFamilyRef> created;
  auto has_cf = [&](const std::string& index) {
    for (const auto& [name, cf] : meta->index_column_families) {
      if (name == index) return true;
    }
    return false;
  };
  std::vector<std::string> names;
  for (const auto& g : meta->description.global_secondary_indexes) names.push_back(g.index_name);
  for (const auto& l : meta->description.local_secondary_indexes) names.push_back(l.index_name);
  for (const auto& index : names) {
    if (has_cf(index)) continue;
    const std::string cf_name = IndexColumnFamilyName((*next_generation)++);
    auto cf = store->CreateColumnFamily(cf_name);
    if (!cf.ok()) {
      for (const auto& c : created) store->DropColumnFamily(*c).IgnoreError();
      return cf.status();
    }
    created.push_back(*cf);
    meta->index_column_families.emplace_back(index, cf_name);
  }
  return created;
}

Result<IndexList> OpenIndexes(
    const storage::Store& store, const storage::TableMeta& meta,
    const std::function<storage::ColumnFamilyRef(const std::string&)>& cf_by_name) {
  IndexList list = BuildIndexes(meta.description);
  for (auto& index : list) {
    std::string cf_name;
    for (const auto& [name, cf] : meta.index_column_families) {
      if (name == index.name()) cf_name = cf;
    }
    index.cf = cf_name.empty() ? nullptr : cf_by_name(cf_name);
    if (index.cf == nullptr) {
      return Status::Corruption("catalog: index " + index.name() + " of table " +
                                meta.description.table_name + " has no column family");
    }
    if (index.is_global()) {
      ASSIGN_OR_RETURN(std::optional<std::string> cursor, LoadBackfillCursor(store, *index.cf));
      index.backfilling = cursor.has_value();
      index.status = cursor ? IndexStatus::kCreating : IndexStatus::kActive;
    }
  }
  return list;
}

void DescribeIndexes(const storage::Store& store, const IndexList& indexes,
                     const std::string& table_arn, TableDescription* d) {
  for (auto& g : d->global_secondary_indexes) {
    const IndexSchema* index = FindIndex(indexes, g.index_name);
    g.index_arn = table_arn + "/index/" + g.index_name;
    if (index == nullptr || index->cf == nullptr) continue;
    g.index_status = index->status;
    if (index->status == IndexStatus::kCreating) {
      g.backfilling = index->backfilling;
    } else {
      g.backfilling.reset();
    }
    storage::Store::Estimate e = store.EstimateSize(*index->cf);
    g.item_count = e.keys;
    g.index_size_bytes = e.bytes;
  }
  for (auto& l : d->local_secondary_indexes) {
    const IndexSchema* index = FindIndex(indexes, l.index_name);
    l.index_arn = table_arn + "/index/" + l.index_name;
    if (index == nullptr || index->cf == nullptr) continue;
    storage::Store::Estimate e = store.EstimateSize(*index->cf);
    l.item_count = e.keys;
    l.index_size_bytes = e.bytes;
  }
}

}  // namespace dynarock::engine
