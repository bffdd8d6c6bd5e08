// Index backfill. Cursor record (docs/format/index.md):
//
//   key   := ""                         (in the index's column family)
//   value := 'c' next_table_key         (the smallest table key not yet done)
#include "engine/index_backfill.h"

#include <vector>

#include "codec/item_codec.h"
#include "engine/index_upkeep.h"

namespace dynarock::engine {
namespace {

constexpr char kCursorTag = 'c';

void StageCursor(const storage::ColumnFamily& cf, std::string_view next, storage::WriteBatch* batch) {
  std::string value(1, kCursorTag);
  value.append(next);
  batch->Put(cf, kBackfillCursorKey, value);
}

}  // namespace

void StageBackfillStart(const storage::ColumnFamily& index_cf, storage::WriteBatch* batch) {
  StageCursor(index_cf, "", batch);
}

Result<std::optional<std::string>> LoadBackfillCursor(const storage::Store& store,
                                                      const storage::ColumnFamily& index_cf) {
  std::string value;
  ASSIGN_OR_RETURN(bool found, store.Get(index_cf, kBackfillCursorKey, &value));
  if (!found) return std::optional<std::string>();
  if (value.empty() || value[0] != kCursorTag) {
    return Status::Corruption("index backfill cursor: bad record");
  }
  return std::optional<std::string>(value.substr(1));
}

Result<BackfillChunkResult> BackfillChunk(storage::Store* store, KeyLocks* locks,
                                          const BackfillTarget& target, size_t max_items) {
  BackfillChunkResult result;
  const storage::ColumnFamily& index_cf = *target.index.cf;
  ASSIGN_OR_RETURN(std::optional<std::string> cursor, LoadBackfillCursor(*store, index_cf));
  if (!cursor) {
    result.done = true;
    return result;
  }
  // The chunk's keys, read without locks: the locked re-read below decides.
  std::vector<std::string> keys;
  {
    storage::KeyRange range;
    range.lower = *cursor;
    auto it = store->NewIterator(*target.table_cf, std::move(range));
    for (it->SeekToFirst(); it->Valid() && keys.size() < max_items; it->Next()) {
      keys.emplace_back(it->key());
    }
    RETURN_IF_ERROR(it->status());
  }
  storage::WriteBatch batch;
  if (keys.empty()) {
    batch.Delete(index_cf, kBackfillCursorKey);
    RETURN_IF_ERROR(store->Write(&batch));
    result.done = true;
    return result;
  }
  std::vector<size_t> stripes;
  stripes.reserve(keys.size());
  for (const auto& k : keys) stripes.push_back(locks->Stripe(target.lock_seed, k));
  LockSet lock(locks, std::move(stripes));
  std::string value;
  for (const auto& k : keys) {
    ASSIGN_OR_RETURN(bool found, store->Get(*target.table_cf, k, &value));
    if (!found) continue;  // deleted since the keys were read
    ASSIGN_OR_RETURN(Item item, codec::DecodeItem(value));
    if (StageIndexEntry(target.key, target.index, item, &batch)) ++result.items;
  }
  std::string next = keys.back();
  next.push_back('\0');  // the smallest key after the chunk's last
  StageCursor(index_cf, next, &batch);
  RETURN_IF_ERROR(store->Write(&batch));
  return result;
}

// ------------------------------------------------------------ IndexBackfiller

IndexBackfiller::IndexBackfiller(storage::Store* store, KeyLocks* locks, Hooks hooks,
                                 size_t chunk_items)
    : store_(store), locks_(locks), hooks_(std::move(hooks)), chunk_items_(chunk_items) {
  worker_ = std::thread([this] { Run(); });
}

IndexBackfiller::~IndexBackfiller() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

void IndexBackfiller::Enqueue(std::string table, std::string index) {
  {
    std::lock_guard lock(mu_);
    queue_.emplace_back(std::move(table), std::move(index));
  }
  cv_.notify_all();
}

void IndexBackfiller::WaitIdle() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return stop_ || (queue_.empty() && !running_job_); });
}

void IndexBackfiller::SetPaused(bool paused) {
  {
    std::lock_guard lock(mu_);
    paused_ = paused;
  }
  cv_.notify_all();
}

Status IndexBackfiller::last_error() const {
  std::lock_guard lock(mu_);
  return last_error_;
}

int64_t IndexBackfiller::items_indexed() const {
  std::lock_guard lock(mu_);
  return items_;
}

void IndexBackfiller::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || (!paused_ && !queue_.empty()); });
    if (stop_) return;
    auto [table, index] = queue_.front();
    queue_.pop_front();
    running_job_ = true;
    for (;;) {
      cv_.wait(lock, [this] { return stop_ || !paused_; });
      if (stop_) break;
      lock.unlock();
      std::optional<BackfillTarget> target = hooks_.find(table, index);
      Result<BackfillChunkResult> r = BackfillChunkResult{true, 0};
      if (target) r = BackfillChunk(store_, locks_, *target, chunk_items_);
      if (r.ok() && r->done && target) hooks_.on_done(table, index);
      lock.lock();
      if (!r.ok()) {
        // The index stays CREATING: its state is reported truthfully and
        // the next open retries.
        last_error_ = r.status();
        break;
      }
      items_ += r->items;
      if (r->done) break;
    }
    running_job_ = false;
    cv_.notify_all();
  }
}

}  // namespace dynarock::engine
