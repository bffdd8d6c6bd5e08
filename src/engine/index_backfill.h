// Index backfill: fills a global secondary index that UpdateTable created
// on a table that already holds items, in the background, while writes go
// on.
//
// Protocol (docs/format/index.md, "Backfill cursor"):
//   1. UpdateTable creates the index's column family and writes the cursor
//      record (key "" in that column family) before the catalog names the
//      index; then it publishes the index (IndexStatus CREATING,
//      Backfilling true) in the table's IndexHolder.
//   2. From then on every write maintains the index: the write pipeline
//      loads the IndexHolder while holding the item's lock.
//   3. The backfill walks the table in key order, a chunk at a time. For a
//      chunk it takes the chunk's item locks (ascending stripes, as
//      transactions do), re-reads each item, puts its entry, and moves the
//      cursor past the chunk - one WriteBatch, so a crash keeps or loses
//      the chunk and its cursor together.
//   4. The chunk that finds no item left deletes the cursor; the engine
//      then marks the index ACTIVE.
//
// Why no write is lost or doubled: an item write either holds the item's
// lock before the backfill takes it (then the backfill reads the item the
// write left, and writes its current entry) or after (then the write
// loaded the index list after step 1 and keeps the entry itself). Entry
// puts are idempotent and deletes remove the entry whatever wrote it.
//
// Restart: on open, an index whose cursor record exists is still
// CREATING; the engine enqueues it again and the backfill resumes at the
// cursor.
//
// Thread-safety: IndexBackfiller owns one worker thread; its methods may be
// called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "dynarock/status.h"
#include "engine/index_schema.h"
#include "engine/key_locks.h"
#include "engine/key_schema.h"
#include "storage/store.h"

namespace dynarock::engine {

// Key of the cursor record in an index's column family. No entry key is
// empty (entries start with an 8-byte hash), so it never collides.
inline constexpr std::string_view kBackfillCursorKey = "";

// Adds the cursor record "start from the first item" to batch.
void StageBackfillStart(const storage::ColumnFamily& index_cf, storage::WriteBatch* batch);

// The cursor: the smallest table key not yet backfilled, or nullopt if the
// index has no cursor (complete). Corruption for a malformed record.
Result<std::optional<std::string>> LoadBackfillCursor(const storage::Store& store,
                                                      const storage::ColumnFamily& index_cf);

struct BackfillChunkResult {
  bool done = false;   // the cursor is gone: the index is complete
  int64_t items = 0;   // items indexed by this chunk
};

// What one chunk needs to know of the table and the index.
struct BackfillTarget {
  storage::ColumnFamilyRef table_cf;
  KeySchema key;
  uint64_t lock_seed = 0;
  IndexSchema index;  // with cf
};

// Runs one chunk of at most max_items items (see the protocol above).
Result<BackfillChunkResult> BackfillChunk(storage::Store* store, KeyLocks* locks,
                                          const BackfillTarget& target, size_t max_items);

class IndexBackfiller {
 public:
  struct Hooks {
    // The current table and index, or nullopt if either is gone (the job
    // then ends quietly).
    std::function<std::optional<BackfillTarget>(const std::string& table, const std::string& index)>
        find;
    // Called on the worker thread when an index is complete.
    std::function<void(const std::string& table, const std::string& index)> on_done;
  };

  // Starts the worker. chunk_items bounds the items (and locks) of a chunk.
  IndexBackfiller(storage::Store* store, KeyLocks* locks, Hooks hooks, size_t chunk_items = 256);
  // Stops after the current chunk and joins: a backfill in progress stays
  // in its cursor and resumes on the next open.
  ~IndexBackfiller();
  IndexBackfiller(const IndexBackfiller&) = delete;
  IndexBackfiller& operator=(const IndexBackfiller&) = delete;

  void Enqueue(std::string table, std::string index);
  // Blocks until no job is queued or running (tests, benchmarks, Close).
  void WaitIdle();
  // Tests: while paused the worker starts no chunk.
  void SetPaused(bool paused);
  // The last error a job stopped on (OK if none).
  Status last_error() const;
  // Items indexed since start (benchmarks).
  int64_t items_indexed() const;

 private:
  void Run();

  storage::Store* store_;
  KeyLocks* locks_;
  Hooks hooks_;
  size_t chunk_items_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::string, std::string>> queue_;  // GUARDED_BY(mu_)
  bool running_job_ = false;                               // GUARDED_BY(mu_)
  bool stop_ = false;                                      // GUARDED_BY(mu_)
  bool paused_ = false;                                    // GUARDED_BY(mu_)
  Status last_error_;                                      // GUARDED_BY(mu_)
  int64_t items_ = 0;                                      // GUARDED_BY(mu_)
  std::thread worker_;
};

}  // namespace dynarock::engine
