// UpdateTable's GlobalSecondaryIndexUpdates (Create with a background
// backfill, Delete, Update of throughput) and the backfill's hooks into the
// DatabaseImpl. See index_backfill.h for the protocol.
#include <algorithm>
#include <set>

#include "engine/database_impl.h"
#include "engine/index_backfill.h"
#include "engine/index_catalog.h"
#include "engine/index_validation.h"

namespace dynarock::engine {

void DatabaseImpl::StartIndexBackfills() {
  IndexBackfiller::Hooks hooks;
  hooks.find = [this](const std::string& table, const std::string& index) {
    return BackfillTargetFor(table, index);
  };
  hooks.on_done = [this](const std::string& table, const std::string& index) {
    FinishBackfill(table, index);
  };
  backfiller_ = std::make_unique<IndexBackfiller>(store_.get(), &locks_, std::move(hooks));
  std::shared_lock lock(tables_mu_);
  for (const auto& [name, table] : tables_) {
    for (const auto& index : *table->indexes->Load()) {
      if (index.backfilling) backfiller_->Enqueue(name, index.name());
    }
  }
}

std::optional<BackfillTarget> DatabaseImpl::BackfillTargetFor(const std::string& table_name,
                                                              const std::string& index_name) {
  auto table = FindTable(table_name);
  if (!table.ok()) return std::nullopt;
  auto list = (*table)->indexes->Load();
  const IndexSchema* index = FindIndex(*list, index_name);
  if (index == nullptr || !index->backfilling) return std::nullopt;
  return BackfillTarget{(*table)->cf, (*table)->key, (*table)->lock_seed, *index};
}

void DatabaseImpl::FinishBackfill(const std::string& table_name, const std::string& index_name) {
  std::lock_guard ddl(ddl_mu_);
  auto table = FindTable(table_name);
  if (!table.ok()) return;
  IndexList list = *(*table)->indexes->Load();
  for (auto& index : list) {
    if (index.name() == index_name) {
      index.backfilling = false;
      index.status = IndexStatus::kActive;
    }
  }
  (*table)->indexes->Store(std::move(list));
}

namespace {

// The definitions still used by the table's key and its indexes.
std::vector<AttributeDefinition> UsedDefinitions(const TableDescription& d,
                                                 const std::vector<AttributeDefinition>& defs) {
  std::set<std::string> used;
  for (const auto& k : d.key_schema) used.insert(k.attribute_name);
  for (const auto& g : d.global_secondary_indexes) {
    for (const auto& k : g.key_schema) used.insert(k.attribute_name);
  }
  for (const auto& l : d.local_secondary_indexes) {
    for (const auto& k : l.key_schema) used.insert(k.attribute_name);
  }
  std::vector<AttributeDefinition> out;
  for (const auto& a : defs) {
    if (used.count(a.attribute_name) != 0) out.push_back(a);
  }
  return out;
}

}  // namespace

Result<UpdateTableResult> DatabaseImpl::UpdateTableIndexes(const UpdateTableRequest& r,
                                                           const TableRef& table) {
  bool busy = false;
  for (const auto& index : *table->indexes->Load()) {
    busy = busy || index.backfilling || index.status != IndexStatus::kActive;
  }
  RETURN_IF_ERROR(ValidateGsiUpdates(r, table->meta.description, busy));
  storage::TableMeta meta = table->meta;
  TableDescription& d = meta.description;
  IndexList list = *table->indexes->Load();
  std::vector<storage::ColumnFamilyRef> to_drop;
  std::optional<std::string> created;
  std::optional<GlobalSecondaryIndexDescription> deleted;
  for (const auto& u : *r.global_secondary_index_updates) {
    if (u.create) {
      ASSIGN_OR_RETURN(std::vector<AttributeDefinition> merged, MergedDefinitions(r, d));
      d.global_secondary_indexes.push_back(DescribeNewGlobalIndex(u.create->index));
      d.attribute_definitions = UsedDefinitions(d, merged);
      created = u.create->index.index_name;
    } else if (u.del) {
      auto it = std::find_if(d.global_secondary_indexes.begin(), d.global_secondary_indexes.end(),
                             [&](const auto& g) { return g.index_name == u.del->index_name; });
      deleted = *it;
      d.global_secondary_indexes.erase(it);
      std::erase_if(meta.index_column_families,
                    [&](const auto& e) { return e.first == u.del->index_name; });
      d.attribute_definitions = UsedDefinitions(d, d.attribute_definitions);
      for (auto& index : list) {
        if (index.name() == u.del->index_name) to_drop.push_back(index.cf);
      }
      std::erase_if(list, [&](const IndexSchema& i) { return i.name() == u.del->index_name; });
    } else {
      for (auto& g : d.global_secondary_indexes) {
        if (g.index_name != u.update->index_name) continue;
        if (u.update->provisioned_throughput) {
          auto& t = g.provisioned_throughput;
          const int64_t rcu = u.update->provisioned_throughput->read_capacity_units;
          const int64_t wcu = u.update->provisioned_throughput->write_capacity_units;
          if (rcu < t.read_capacity_units || wcu < t.write_capacity_units) {
            ++t.number_of_decreases_today;
          }
          t.read_capacity_units = rcu;
          t.write_capacity_units = wcu;
        }
        if (u.update->on_demand_throughput) g.on_demand_throughput = u.update->on_demand_throughput;
      }
    }
  }
  if (created) {
    // Column family and cursor before the catalog names the index: a crash
    // in between leaves an orphan column family that the next open drops.
    uint64_t next = next_generation_;
    ASSIGN_OR_RETURN(std::vector<storage::ColumnFamilyRef> cfs,
                     CreateIndexColumnFamilies(store_.get(), &meta, &next));
    storage::WriteBatch start;
    StageBackfillStart(*cfs.at(0), &start);
    storage::PutNextGeneration(*store_, next, &start);
    Status s = store_->Write(&start);
    if (!s.ok()) {
      store_->DropColumnFamily(*cfs[0]).IgnoreError();
      return s;
    }
    next_generation_ = next;
    IndexSchema index = IndexSchema::FromGlobal(d.global_secondary_indexes.back(), d);
    index.cf = cfs[0];
    index.status = IndexStatus::kCreating;
    index.backfilling = true;
    list.push_back(std::move(index));
  }
  // Publish the index list before the backfill starts: from here on every
  // write maintains the new index (index_backfill.h).
  table->indexes->Store(list);
  RETURN_IF_ERROR(ReplaceMeta(table, std::move(meta)));
  for (const auto& cf : to_drop) RETURN_IF_ERROR(store_->DropColumnFamily(*cf));
  if (created) backfiller_->Enqueue(r.table_name, *created);
  ASSIGN_OR_RETURN(TableRef updated, FindTable(r.table_name, true));
  UpdateTableResult result;
  result.table_description = Describe(*updated, TableStatus::kUpdating);
  if (deleted) {
    deleted->index_status = IndexStatus::kDeleting;
    deleted->index_arn = updated->meta.description.table_arn + "/index/" + deleted->index_name;
    result.table_description.global_secondary_indexes.push_back(*deleted);
  }
  return result;
}

}  // namespace dynarock::engine
