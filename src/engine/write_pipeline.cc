#include "engine/write_pipeline.h"

#include <mutex>

#include "codec/item_codec.h"
#include "engine/index_upkeep.h"

namespace dynarock::engine {

Status WritePipeline::ReadOld(const ItemWrite& op, bool read, std::string* buffer,
                              std::optional<Item>* old_item) {
  if (!read) return Status::OK();
  ASSIGN_OR_RETURN(bool found, store_->Get(*op.table->cf, op.key, buffer));
  if (!found) return Status::OK();
  ASSIGN_OR_RETURN(Item item, codec::DecodeItem(*buffer));
  *old_item = std::move(item);
  return Status::OK();
}

Status WritePipeline::Stage(ItemWrite& op, const Item* old_item, const IndexList& indexes,
                            ItemChange* change, storage::WriteBatch* batch, std::string* buffer,
                            WriteOutcome* outcome) {
  RETURN_IF_ERROR(op.compute(old_item, change));
  switch (change->kind) {
    case ItemChange::Kind::kKeep:
      return Status::OK();
    case ItemChange::Kind::kPut:
      if (change->item == nullptr) return Status::Internal("compute hook set kPut without an item");
      buffer->clear();
      codec::EncodeItem(*change->item, buffer);
      batch->Put(*op.table->cf, op.key, *buffer);
      break;
    case ItemChange::Kind::kDelete:
      batch->Delete(*op.table->cf, op.key);
      break;
  }
  const Item* new_item = change->kind == ItemChange::Kind::kPut ? change->item : nullptr;
  if (!indexes.empty()) {
    RETURN_IF_ERROR(StageIndexesForWrite(*store_, *op.table->cf, op.table->key, indexes, old_item,
                                         new_item, collection_limit_,
                                         &outcome->item_collection_bytes, batch));
  }
  if (op.index_entries) RETURN_IF_ERROR(op.index_entries(old_item, new_item, batch));
  return Status::OK();
}

Result<WriteOutcome> WritePipeline::Apply(ItemWrite& op) {
  // Reused per thread: the hot path allocates nothing once warm.
  thread_local std::string buffer;
  thread_local storage::WriteBatch batch;
  batch.Clear();

  WriteOutcome outcome;
  std::lock_guard<std::mutex> lock(locks_->At(locks_->Stripe(op.table->lock_seed, op.key)));
  // Loaded under the lock: see index_backfill.h for why that matters.
  const std::shared_ptr<const IndexList> indexes = op.table->indexes->Load();
  RETURN_IF_ERROR(ReadOld(op, op.read_old_item || !indexes->empty(), &buffer, &outcome.old_item));
  const Item* old_item = outcome.old_item ? &*outcome.old_item : nullptr;
  if (op.check) RETURN_IF_ERROR(op.check(old_item));
  ItemChange change;
  RETURN_IF_ERROR(Stage(op, old_item, *indexes, &change, &batch, &buffer, &outcome));
  outcome.applied = change.kind;
  if (batch.Count() > 0) RETURN_IF_ERROR(store_->Write(&batch));
  return outcome;
}

Status WritePipeline::ApplyAll(std::span<ItemWrite> ops, std::vector<WriteOutcome>* outcomes,
                               std::vector<Status>* results) {
  std::vector<size_t> stripes;
  stripes.reserve(ops.size());
  for (const auto& op : ops) stripes.push_back(locks_->Stripe(op.table->lock_seed, op.key));
  LockSet lock(locks_, std::move(stripes));

  std::string buffer;
  outcomes->assign(ops.size(), WriteOutcome{});
  results->assign(ops.size(), Status::OK());
  Status first;
  std::vector<std::shared_ptr<const IndexList>> indexes;
  indexes.reserve(ops.size());
  for (const auto& op : ops) indexes.push_back(op.table->indexes->Load());
  for (size_t i = 0; i < ops.size(); ++i) {
    Status s = ReadOld(ops[i], ops[i].read_old_item || !indexes[i]->empty(), &buffer,
                       &(*outcomes)[i].old_item);
    if (s.ok() && ops[i].check) {
      const auto& old = (*outcomes)[i].old_item;
      s = ops[i].check(old ? &*old : nullptr);
    }
    if (!s.ok() && first.ok()) first = s;
    (*results)[i] = std::move(s);
  }
  if (!first.ok()) return first;

  storage::WriteBatch batch;
  std::vector<ItemChange> changes(ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    const auto& old = (*outcomes)[i].old_item;
    Status s = Stage(ops[i], old ? &*old : nullptr, *indexes[i], &changes[i], &batch, &buffer,
                     &(*outcomes)[i]);
    if (!s.ok()) {
      (*results)[i] = s;
      return s;
    }
    (*outcomes)[i].applied = changes[i].kind;
  }
  if (batch.Count() > 0) RETURN_IF_ERROR(store_->Write(&batch));
  return Status::OK();
}

}  // namespace dynarock::engine
