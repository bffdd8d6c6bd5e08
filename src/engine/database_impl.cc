// Database::Open, table lookup and the catalog-to-runtime plumbing.
#include "engine/database_impl.h"

#include <xxhash.h>

#include <filesystem>
#include <set>

#include "engine/index_catalog.h"
#include "engine/validation.h"

namespace dynarock {

Result<std::unique_ptr<Database>> Database::Open(const Options& options, std::string_view path) {
  return engine::DatabaseImpl::Open(options, path);
}

namespace engine {

DatabaseImpl::DatabaseImpl(Options options, std::unique_ptr<storage::Store> store)
    : options_(std::move(options)), store_(std::move(store)), pipeline_(store_.get(), &locks_) {
  pipeline_.set_item_collection_limit(options_.item_collection_size_limit_bytes);
}

DatabaseImpl::~DatabaseImpl() {
  // The backfill worker uses the tables and the Store: stop it first (a
  // backfill in progress resumes at its cursor on the next open).
  backfiller_.reset();
  // Tables hold column-family refs, which must go before the Store.
  std::unique_lock lock(tables_mu_);
  tables_.clear();
}

Result<std::unique_ptr<Database>> DatabaseImpl::Open(const Options& options, std::string_view path) {
  std::string dir(path);
  if (options.in_memory) {
    if (dir.empty()) dir = "/dynarock-memory";
  } else {
    if (dir.empty()) return Status::IOError("open: empty path");
    if (options.create_if_missing) {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) return Status::IOError("open " + dir + ": " + ec.message());
    }
  }
  storage::StoreOptions so;
  so.create_if_missing = options.create_if_missing;
  so.in_memory = options.in_memory;
  so.sync_writes = options.sync_writes;
  so.block_cache_bytes = options.block_cache_bytes;
  so.write_buffer_bytes = options.write_buffer_bytes;
  so.low_priority_background = options.low_priority_background;
  ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store, storage::Store::Open(so, dir));
  std::unique_ptr<DatabaseImpl> db(new DatabaseImpl(options, std::move(store)));
  RETURN_IF_ERROR(db->LoadTables());
  db->StartIndexBackfills();
  return std::unique_ptr<Database>(std::move(db));
}

Status DatabaseImpl::LoadTables() {
  ASSIGN_OR_RETURN(storage::CatalogContents contents, storage::LoadCatalog(*store_));
  std::map<std::string, storage::ColumnFamilyRef> opened;
  uint64_t next_generation = contents.next_generation;
  for (auto& cf : store_->TakeOpenedColumnFamilies()) {
    uint64_t g = 0;
    if (storage::ParseTableColumnFamilyName(cf->name(), &g) ||
        ParseIndexColumnFamilyName(cf->name(), &g)) {
      next_generation = std::max(next_generation, g + 1);
    }
    opened.emplace(cf->name(), std::move(cf));
  }
  std::set<std::string> referenced;
  std::unique_lock lock(tables_mu_);
  for (auto& meta : contents.tables) {
    next_generation = std::max(next_generation, meta.generation + 1);
    auto it = opened.find(meta.column_family);
    if (it == opened.end()) {
      return Status::Corruption("catalog: table " + meta.description.table_name +
                                " names missing column family " + meta.column_family);
    }
    referenced.insert(meta.column_family);
    for (const auto& [index, cf] : meta.index_column_families) referenced.insert(cf);
    std::string name = meta.description.table_name;
    ASSIGN_OR_RETURN(IndexList indexes,
                     OpenIndexes(*store_, meta, [&opened](const std::string& cf_name) {
                       auto found = opened.find(cf_name);
                       return found == opened.end() ? nullptr : found->second;
                     }));
    TableRef table = MakeTable(std::move(meta), it->second);
    table->indexes->Store(std::move(indexes));
    tables_.emplace(std::move(name), std::move(table));
  }
  // Orphans: a crash between the catalog write and the column family drop
  // (DeleteTable), or between creating the column family and the catalog
  // write (CreateTable). Their data belongs to no table.
  for (auto& [name, cf] : opened) {
    if (referenced.count(name) == 0) RETURN_IF_ERROR(store_->DropColumnFamily(*cf));
  }
  next_generation_ = next_generation;
  return Status::OK();
}

TableRef DatabaseImpl::MakeTable(storage::TableMeta meta, storage::ColumnFamilyRef cf,
                                 std::shared_ptr<IndexHolder> indexes) const {
  auto t = std::make_shared<Table>();
  if (indexes != nullptr) t->indexes = std::move(indexes);
  t->key = KeySchema::FromDescription(meta.description);
  t->lock_seed = XXH64(meta.description.table_id.data(), meta.description.table_id.size(), 0);
  t->meta = std::move(meta);
  t->cf = std::move(cf);
  return t;
}

Result<TableRef> DatabaseImpl::FindTable(std::string_view name, bool with_name) const {
  {
    std::shared_lock lock(tables_mu_);
    auto it = tables_.find(name);
    if (it != tables_.end()) return it->second;
  }
  if (with_name) {
    return Status::ResourceNotFound("Requested resource not found: Table: " + std::string(name) +
                                    " not found");
  }
  return Status::ResourceNotFound("Requested resource not found");
}

std::string DatabaseImpl::TableArn(std::string_view name) const {
  return "arn:aws:dynamodb:" + options_.region + ":" + options_.account_id + ":table/" +
         std::string(name);
}

TableDescription DatabaseImpl::Describe(const Table& table, TableStatus status) const {
  TableDescription d = table.meta.description;
  d.table_status = status;
  // DynamoDB refreshes ItemCount and TableSizeBytes about every six hours;
  // RocksDB's own estimates are as faithful and cost nothing to read.
  storage::Store::Estimate e = store_->EstimateSize(*table.cf);
  d.item_count = e.keys;
  d.table_size_bytes = e.bytes;
  DescribeIndexes(*store_, *table.indexes->Load(), d.table_arn, &d);
  return d;
}

// UpdateItem lives in item_ops.cc with PutItem and DeleteItem (issue 3).

}  // namespace engine
}  // namespace dynarock
