// Store: the engine's only window onto RocksDB.
//
// One Store owns one RocksDB database (a directory, or RocksDB's memory Env)
// with a "catalog" column family and one column family per table (and later
// per index). It offers the engine small types of its own - ColumnFamily,
// WriteBatch, Snapshot, Iterator - so that no rocksdb:: type leaves
// src/storage/. rocksdb::Status becomes Status (IOError or Corruption) here.
//
// Thread-safety: a Store is safe to share between threads. A WriteBatch, a
// Snapshot and an Iterator belong to one thread at a time.
//
// Ownership: Open returns the only owner. Every ColumnFamily, Snapshot and
// Iterator must be destroyed before the Store.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/status.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Env;
class Iterator;
class Snapshot;
class WriteBatch;
struct ColumnFamilyOptions;
}  // namespace rocksdb

namespace dynarock::storage {

struct StoreOptions {
  // Default: true
  bool create_if_missing = true;
  // Use RocksDB's memory Env: nothing touches the disk. Default: false
  bool in_memory = false;
  // WriteOptions::sync on every write. Default: false
  bool sync_writes = false;
  // Block cache shared by every column family. Default: 64 MiB
  int64_t block_cache_bytes = int64_t{64} << 20;
  // Memtable size of each column family. Default: 16 MiB
  int64_t write_buffer_bytes = int64_t{16} << 20;
  // Run RocksDB's background threads (of the process's default Env) at the
  // lowest CPU priority. Default: false
  bool low_priority_background = false;
};

class Store;

// A column family. Shared: a table being dropped stays readable by the
// operations that already hold it; the RocksDB handle is released with the
// last reference.
class ColumnFamily {
 public:
  ~ColumnFamily();
  ColumnFamily(const ColumnFamily&) = delete;
  ColumnFamily& operator=(const ColumnFamily&) = delete;
  const std::string& name() const { return name_; }

 private:
  friend class Store;
  friend class WriteBatch;
  ColumnFamily(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* handle, std::string name)
      : db_(db), handle_(handle), name_(std::move(name)) {}
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* handle_;
  std::string name_;
};
using ColumnFamilyRef = std::shared_ptr<ColumnFamily>;

// Writes applied atomically by Store::Write.
class WriteBatch {
 public:
  WriteBatch();
  ~WriteBatch();
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;

  void Put(const ColumnFamily& cf, std::string_view key, std::string_view value);
  void Delete(const ColumnFamily& cf, std::string_view key);
  void Clear();
  // Number of Put/Delete records.
  int Count() const;

 private:
  friend class Store;
  std::unique_ptr<rocksdb::WriteBatch> batch_;
};

// A consistent point-in-time view for reads. Released on destruction.
class Snapshot {
 public:
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

 private:
  friend class Store;
  Snapshot(rocksdb::DB* db, const rocksdb::Snapshot* snap) : db_(db), snap_(snap) {}
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snap_;
};

// Bounds of an iteration: keys k with lower <= k < upper. An empty lower
// means "from the first key"; has_upper false means "to the last key".
struct KeyRange {
  std::string lower;
  std::string upper;
  bool has_upper = false;
};

// An ordered iterator over one column family within a KeyRange. It reads
// from one consistent view (its own implicit snapshot, or the Snapshot given).
// key() and value() stay valid until the next move.
class Iterator {
 public:
  ~Iterator();
  Iterator(const Iterator&) = delete;
  Iterator& operator=(const Iterator&) = delete;

  void SeekToFirst();
  void SeekToLast();
  // First key >= target.
  void Seek(std::string_view target);
  // Last key <= target.
  void SeekForPrev(std::string_view target);
  void Next();
  void Prev();
  bool Valid() const;
  std::string_view key() const;
  std::string_view value() const;
  // IOError/Corruption if iteration stopped on an error.
  Status status() const;

 private:
  friend class Store;
  Iterator() = default;
  KeyRange range_;  // owns the bound bytes ReadOptions points at
  struct Bounds;  // rocksdb::Slices over range_; declared before it_ so it outlives it
  std::unique_ptr<Bounds> bounds_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

class Store {
 public:
  static constexpr std::string_view kCatalogColumnFamily = "catalog";

  // Opens the database at path with every column family it holds.
  // Returns IOError if the directory cannot be used (or does not exist and
  // create_if_missing is false), Corruption if RocksDB finds damage.
  static Result<std::unique_ptr<Store>> Open(const StoreOptions& options, std::string_view path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The catalog column family (created on first open).
  const ColumnFamilyRef& catalog() const { return catalog_; }

  // Column families that existed when the store was opened (catalog and
  // RocksDB's "default" excluded). The caller takes what it needs; the rest
  // are orphans it may drop.
  std::vector<ColumnFamilyRef> TakeOpenedColumnFamilies();

  // Creates a column family. Returns IOError on failure (e.g. name exists).
  Result<ColumnFamilyRef> CreateColumnFamily(const std::string& name);
  // Drops a column family: its data is gone for good. Readers holding the
  // ref may still finish. Returns IOError on failure.
  Status DropColumnFamily(const ColumnFamily& cf);

  // Point read. Returns true and fills *value if the key exists, false if
  // not; IOError/Corruption on failure. snapshot may be null (latest).
  Result<bool> Get(const ColumnFamily& cf, std::string_view key, std::string* value,
                   const Snapshot* snapshot = nullptr) const;

  // Applies the batch atomically (WAL on; sync per StoreOptions). Records
  // for a column family dropped meanwhile are discarded (as if written just
  // before the drop). Returns IOError/Corruption on failure.
  Status Write(WriteBatch* batch);

  std::unique_ptr<Snapshot> GetSnapshot() const;

  // An iterator over cf restricted to range. snapshot may be null.
  std::unique_ptr<Iterator> NewIterator(const ColumnFamily& cf, KeyRange range,
                                        const Snapshot* snapshot = nullptr) const;

  // Cheap estimates (RocksDB properties; see docs/architecture.md): number
  // of keys and bytes of live data in the column family.
  struct Estimate {
    int64_t keys = 0;
    int64_t bytes = 0;
  };
  Estimate EstimateSize(const ColumnFamily& cf) const;

 private:
  Store() = default;
  Status Init(const StoreOptions& options, std::string_view path);

  std::unique_ptr<rocksdb::Env> mem_env_;  // in-memory mode only; outlives db_
  std::unique_ptr<rocksdb::ColumnFamilyOptions> cf_options_;
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::ColumnFamilyHandle* default_cf_ = nullptr;
  ColumnFamilyRef catalog_;
  std::vector<ColumnFamilyRef> opened_;
  bool sync_writes_ = false;
};

// Converts a RocksDB status message into ours; exposed for tests.
Status IOErrorStatus(std::string_view what, std::string_view detail);

}  // namespace dynarock::storage
