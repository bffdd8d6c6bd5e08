// Options for opening a Database.
//
// An aggregate: set the fields you need, leave the rest at their defaults.
#pragma once

#include <cstdint>
#include <string>

namespace dynarock {

struct Options {
  // Create the data directory and database if they do not exist.
  // Default: true
  bool create_if_missing = true;

  // Keep everything in memory (RocksDB's memory Env): the same code paths,
  // nothing written to disk, everything lost on close. The path passed to
  // Database::Open is then only a name.
  // Default: false
  bool in_memory = false;

  // fsync the write-ahead log on every write, for durability across power
  // loss (not just process crashes, which the WAL always survives).
  // Default: false
  bool sync_writes = false;

  // RocksDB block cache size in bytes.
  // Default: 64 MiB
  int64_t block_cache_bytes = int64_t{64} << 20;

  // Memtable size of each table and index (RocksDB write_buffer_size).
  // Larger ones hold more recent writes in memory; smaller ones keep their
  // skiplist in the CPU caches, which makes writes and reads of recent
  // items faster (see docs/performance.md).
  // Default: 16 MiB
  int64_t write_buffer_bytes = int64_t{16} << 20;

  // Run RocksDB's flush and compaction threads at the lowest CPU priority
  // (nice 19), so that they use the CPU requests leave and do not add to
  // request latency. The setting is on RocksDB's default thread pools,
  // which every RocksDB database in the process shares. dynarock-server
  // sets it. Ignored in memory.
  // Default: false
  bool low_priority_background = false;

  // Largest item collection (all items and LSI entries sharing a partition
  // key, on a table with local secondary indexes) before writes fail with
  // ItemCollectionSizeLimitExceededException. Tests lower it.
  // Default: 10 GiB, as DynamoDB
  int64_t item_collection_size_limit_bytes = int64_t{10} << 30;

  // Region and account that appear in ARNs (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME).
  // Default: "us-east-1" and "000000000000"
  std::string region = "us-east-1";
  std::string account_id = "000000000000";

  // Background work (index backfill, TTL deletion) threads.
  // Default: 1
  int background_threads = 1;
};

}  // namespace dynarock
