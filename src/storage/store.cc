// RocksDB behind the storage types of store.h. The only file (with the
// other src/storage files) that names rocksdb::.
#include "storage/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/options_util.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <string>

namespace dynarock::storage {
namespace {

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::OK();
  std::string msg = std::string(what) + ": " + s.ToString();
  if (s.IsCorruption()) return Status::Corruption(std::move(msg));
  return Status::IOError(std::move(msg));
}

rocksdb::Slice ToSlice(std::string_view v) { return rocksdb::Slice(v.data(), v.size()); }

}  // namespace

Status IOErrorStatus(std::string_view what, std::string_view detail) {
  return Status::IOError(std::string(what) + ": " + std::string(detail));
}

// ------------------------------------------------------------ ColumnFamily

ColumnFamily::~ColumnFamily() {
  if (db_ != nullptr && handle_ != nullptr) db_->DestroyColumnFamilyHandle(handle_).PermitUncheckedError();
}

// -------------------------------------------------------------- WriteBatch

WriteBatch::WriteBatch() : batch_(std::make_unique<rocksdb::WriteBatch>()) {}
WriteBatch::~WriteBatch() = default;

void WriteBatch::Put(const ColumnFamily& cf, std::string_view key, std::string_view value) {
  batch_->Put(cf.handle_, ToSlice(key), ToSlice(value)).PermitUncheckedError();
}
void WriteBatch::Delete(const ColumnFamily& cf, std::string_view key) {
  batch_->Delete(cf.handle_, ToSlice(key)).PermitUncheckedError();
}
void WriteBatch::Clear() { batch_->Clear(); }
int WriteBatch::Count() const { return batch_->Count(); }

// ---------------------------------------------------------------- Snapshot

Snapshot::~Snapshot() { db_->ReleaseSnapshot(snap_); }

// ---------------------------------------------------------------- Iterator

struct Iterator::Bounds {
  rocksdb::Slice lower;
  rocksdb::Slice upper;
};

Iterator::~Iterator() = default;
void Iterator::SeekToFirst() { it_->SeekToFirst(); }
void Iterator::SeekToLast() { it_->SeekToLast(); }
void Iterator::Seek(std::string_view target) { it_->Seek(ToSlice(target)); }
void Iterator::SeekForPrev(std::string_view target) { it_->SeekForPrev(ToSlice(target)); }
void Iterator::Next() { it_->Next(); }
void Iterator::Prev() { it_->Prev(); }
bool Iterator::Valid() const { return it_->Valid(); }
std::string_view Iterator::key() const {
  rocksdb::Slice k = it_->key();
  return {k.data(), k.size()};
}
std::string_view Iterator::value() const {
  rocksdb::Slice v = it_->value();
  return {v.data(), v.size()};
}
Status Iterator::status() const { return FromRocks(it_->status(), "iterator"); }

// ------------------------------------------------------------------- Store

Store::~Store() {
  catalog_.reset();
  opened_.clear();
  if (db_ != nullptr) {
    if (default_cf_ != nullptr) db_->DestroyColumnFamilyHandle(default_cf_).PermitUncheckedError();
    db_->Close().PermitUncheckedError();
    db_.reset();
  }
}

Result<std::unique_ptr<Store>> Store::Open(const StoreOptions& options, std::string_view path) {
  std::unique_ptr<Store> store(new Store());
  RETURN_IF_ERROR(store->Init(options, path));
  return store;
}

Status Store::Init(const StoreOptions& options, std::string_view path_view) {
  std::string path(path_view);
  sync_writes_ = options.sync_writes;

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  if (options.in_memory) {
    mem_env_.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    db_options.env = mem_env_.get();
    // The memory Env cannot make a relative path absolute ("Not implemented:
    // GetAbsolutePath"); in memory the path is only a name, so root it.
    if (path.empty() || path.front() != '/') path.insert(0, "/");
  }

  if (options.low_priority_background && !options.in_memory) {
    // Flushes and compactions then take CPU only when requests leave some:
    // on a small machine they otherwise show up as request latency.
    rocksdb::Env* env = rocksdb::Env::Default();
    for (auto pool : {rocksdb::Env::Priority::LOW, rocksdb::Env::Priority::HIGH}) {
      env->LowerThreadPoolCPUPriority(pool, rocksdb::CpuPriority::kLow).PermitUncheckedError();
    }
  }

  // Every column family (tables, indexes, catalog) shares one block cache.
  // Bloom filters make point reads of absent items cheap; the hash index in
  // each data block finds a key without a binary search.
  cf_options_ = std::make_unique<rocksdb::ColumnFamilyOptions>();
  rocksdb::BlockBasedTableOptions table_options;
  table_options.block_cache = rocksdb::NewLRUCache(
      static_cast<size_t>(std::max<int64_t>(options.block_cache_bytes, 1 << 20)));
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10, false));
  table_options.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
  cf_options_->table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  // Memtables: small enough that the skiplist stays in the CPU caches (a
  // lookup in a 64 MB one is mostly cache misses: measured 3-4 us per
  // insert or get), with room for more of them while one is flushed, and a
  // whole-key bloom filter so that a read of a key not in the memtable
  // skips its skiplist.
  cf_options_->write_buffer_size = static_cast<size_t>(std::max<int64_t>(options.write_buffer_bytes, 1 << 20));
  cf_options_->max_write_buffer_number = 4;
  cf_options_->memtable_whole_key_filtering = true;
  cf_options_->memtable_prefix_bloom_size_ratio = 0.1;

  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(db_options, path, &names);
  if (!s.ok()) {
    // A new database: only "default" exists once created.
    names.clear();
  }
  if (std::find(names.begin(), names.end(), rocksdb::kDefaultColumnFamilyName) == names.end()) {
    names.push_back(rocksdb::kDefaultColumnFamilyName);
  }
  if (std::find(names.begin(), names.end(), std::string(kCatalogColumnFamily)) == names.end()) {
    names.emplace_back(kCatalogColumnFamily);
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.reserve(names.size());
  for (const auto& n : names) descriptors.emplace_back(n, *cf_options_);

  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::Open(db_options, path, descriptors, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "open " + path);
  db_.reset(raw);
  for (size_t i = 0; i < handles.size(); ++i) {
    if (names[i] == rocksdb::kDefaultColumnFamilyName) {
      default_cf_ = handles[i];
    } else if (names[i] == kCatalogColumnFamily) {
      catalog_.reset(new ColumnFamily(db_.get(), handles[i], names[i]));
    } else {
      opened_.emplace_back(new ColumnFamily(db_.get(), handles[i], names[i]));
    }
  }
  return Status::OK();
}

std::vector<ColumnFamilyRef> Store::TakeOpenedColumnFamilies() { return std::move(opened_); }

Result<ColumnFamilyRef> Store::CreateColumnFamily(const std::string& name) {
  rocksdb::ColumnFamilyHandle* handle = nullptr;
  rocksdb::Status s = db_->CreateColumnFamily(*cf_options_, name, &handle);
  if (!s.ok()) return FromRocks(s, "create column family " + name);
  return ColumnFamilyRef(new ColumnFamily(db_.get(), handle, name));
}

Status Store::DropColumnFamily(const ColumnFamily& cf) {
  return FromRocks(db_->DropColumnFamily(cf.handle_), "drop column family " + cf.name());
}

Result<bool> Store::Get(const ColumnFamily& cf, std::string_view key, std::string* value,
                        const Snapshot* snapshot) const {
  rocksdb::ReadOptions ro;
  if (snapshot != nullptr) ro.snapshot = snapshot->snap_;
  // Read into a pinnable slice backed by *value: a memtable hit copies once,
  // a block-cache hit pins and copies once; never twice.
  rocksdb::PinnableSlice pinned(value);
  rocksdb::Status s = db_->Get(ro, cf.handle_, ToSlice(key), &pinned);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return FromRocks(s, "get");
  if (pinned.IsPinned()) value->assign(pinned.data(), pinned.size());
  return true;
}

Status Store::Write(WriteBatch* batch) {
  rocksdb::WriteOptions wo;
  wo.sync = sync_writes_;
  // A write that races DeleteTable may name a column family dropped a
  // moment earlier. RocksDB would fail the whole write group with it (other
  // threads' unrelated batches too); ignoring records of dropped families
  // instead makes such a write behave as if it had landed just before the
  // drop, which is what DeleteTable then discards.
  wo.ignore_missing_column_families = true;
  return FromRocks(db_->Write(wo, batch->batch_.get()), "write");
}

std::unique_ptr<Snapshot> Store::GetSnapshot() const {
  return std::unique_ptr<Snapshot>(new Snapshot(db_.get(), db_->GetSnapshot()));
}

std::unique_ptr<Iterator> Store::NewIterator(const ColumnFamily& cf, KeyRange range,
                                             const Snapshot* snapshot) const {
  std::unique_ptr<Iterator> it(new Iterator());
  it->range_ = std::move(range);
  it->bounds_ = std::make_unique<Iterator::Bounds>();
  rocksdb::ReadOptions ro;
  if (snapshot != nullptr) ro.snapshot = snapshot->snap_;
  if (!it->range_.lower.empty()) {
    it->bounds_->lower = ToSlice(it->range_.lower);
    ro.iterate_lower_bound = &it->bounds_->lower;
  }
  if (it->range_.has_upper) {
    it->bounds_->upper = ToSlice(it->range_.upper);
    ro.iterate_upper_bound = &it->bounds_->upper;
  }
  it->it_.reset(db_->NewIterator(ro, cf.handle_));
  return it;
}

Store::Estimate Store::EstimateSize(const ColumnFamily& cf) const {
  Estimate e;
  uint64_t v = 0;
  if (db_->GetIntProperty(cf.handle_, "rocksdb.estimate-num-keys", &v)) e.keys = static_cast<int64_t>(v);
  uint64_t live = 0, mem = 0;
  db_->GetIntProperty(cf.handle_, "rocksdb.estimate-live-data-size", &live);
  db_->GetIntProperty(cf.handle_, "rocksdb.cur-size-all-mem-tables", &mem);
  e.bytes = static_cast<int64_t>(live + mem);
  // An empty memtable still reports its arena (2 KB): DynamoDB says 0 bytes
  // for a table without items, and so do we.
  if (e.keys == 0) e.bytes = 0;
  return e;
}

}  // namespace dynarock::storage
