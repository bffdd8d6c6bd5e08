#include "engine/index_upkeep.h"

#include <algorithm>

#include "codec/item_codec.h"
#include "codec/key_codec.h"

namespace dynarock::engine {
namespace {

// Smallest string greater than every string that starts with prefix, or
// empty when there is none.
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<uint8_t>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<uint8_t>(prefix.back()) + 1);
  return prefix;
}

Result<int64_t> RangeBytes(const storage::Store& store, const storage::ColumnFamily& cf,
                           const std::string& prefix) {
  storage::KeyRange range;
  range.lower = prefix;
  range.upper = PrefixEnd(prefix);
  range.has_upper = !range.upper.empty();
  auto it = store.NewIterator(cf, std::move(range));
  int64_t total = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    total += static_cast<int64_t>(it->key().size() + it->value().size());
  }
  RETURN_IF_ERROR(it->status());
  return total;
}

}  // namespace

Status ValidateIndexKeys(const IndexList& indexes, const Item& new_item) {
  for (const auto& index : indexes) RETURN_IF_ERROR(index.ValidateItem(new_item));
  return Status::OK();
}

bool IndexEntryOf(const KeySchema& table, const IndexSchema& index, const Item& item,
                  std::string* key, std::string* value) {
  if (!index.Indexes(item)) return false;
  key->clear();
  index.EncodeEntryKey(table, item, key);
  value->clear();
  if (index.projection_type() == ProjectionType::kAll) {
    codec::EncodeItem(item, value);
  } else {
    codec::EncodeItem(index.Project(table, item), value);
  }
  return true;
}

bool StageIndexEntry(const KeySchema& table, const IndexSchema& index, const Item& item,
                     storage::WriteBatch* batch) {
  std::string key, value;
  if (!IndexEntryOf(table, index, item, &key, &value)) return false;
  batch->Put(*index.cf, key, value);
  return true;
}

void StageIndexUpkeep(const KeySchema& table, const IndexList& indexes, const Item* old_item,
                      const Item* new_item, storage::WriteBatch* batch) {
  std::string old_key, new_key, value, old_value;
  for (const auto& index : indexes) {
    const bool had = old_item != nullptr && index.Indexes(*old_item);
    const bool has = new_item != nullptr && index.Indexes(*new_item);
    old_key.clear();
    new_key.clear();
    if (had) index.EncodeEntryKey(table, *old_item, &old_key);
    if (has) index.EncodeEntryKey(table, *new_item, &new_key);
    if (had && (!has || old_key != new_key)) batch->Delete(*index.cf, old_key);
    if (!has) continue;
    value.clear();
    if (index.projection_type() == ProjectionType::kAll) {
      codec::EncodeItem(*new_item, &value);
    } else {
      codec::EncodeItem(index.Project(table, *new_item), &value);
      if (had && old_key == new_key) {
        // Same entry key: skip the put if the stored bytes would not change
        // (an update of an attribute this index does not carry). Compared
        // as bytes, not as values: equal sets in another order encode
        // differently, and the entry must hold exactly the item's bytes.
        old_value.clear();
        codec::EncodeItem(index.Project(table, *old_item), &old_value);
        if (old_value == value) continue;
      }
    }
    batch->Put(*index.cf, new_key, value);
  }
}

bool HasLocalIndex(const IndexList& indexes) {
  for (const auto& i : indexes) {
    if (!i.is_global()) return true;
  }
  return false;
}

Result<int64_t> ItemCollectionSize(const storage::Store& store, const storage::ColumnFamily& table_cf,
                                   const IndexList& indexes, const AttributeValue& partition_key) {
  std::string prefix;
  codec::AppendPartitionPrefix(partition_key, &prefix);
  ASSIGN_OR_RETURN(int64_t total, RangeBytes(store, table_cf, prefix));
  for (const auto& index : indexes) {
    if (index.is_global()) continue;
    // An LSI's partition key is the table's: its partition prefix holds
    // exactly this collection's entries.
    std::string lsi_prefix;
    const AttributeValue* p = &partition_key;
    codec::AppendIndexPartitionPrefix(std::span(&p, 1), &lsi_prefix);
    ASSIGN_OR_RETURN(int64_t bytes, RangeBytes(store, *index.cf, lsi_prefix));
    total += bytes;
  }
  return total;
}

namespace {

int64_t EncodedBytes(const KeySchema& table, const Item* item) {
  if (item == nullptr) return 0;
  std::string key;
  table.EncodeKey(*item, &key);
  return static_cast<int64_t>(key.size() + codec::EncodeItem(*item).size());
}

}  // namespace

Status StageIndexesForWrite(const storage::Store& store, const storage::ColumnFamily& table_cf,
                            const KeySchema& table, const IndexList& indexes,
                            const Item* old_item, const Item* new_item,
                            int64_t collection_limit_bytes,
                            std::optional<int64_t>* collection_bytes, storage::WriteBatch* batch) {
  if (indexes.empty()) return Status::OK();
  if (new_item != nullptr) RETURN_IF_ERROR(ValidateIndexKeys(indexes, *new_item));
  const Item* any = new_item != nullptr ? new_item : old_item;
  if (any != nullptr && HasLocalIndex(indexes)) {
    const AttributeValue& pk = any->find(table.partition_name())->second;
    ASSIGN_OR_RETURN(int64_t before, ItemCollectionSize(store, table_cf, indexes, pk));
    // The item's own bytes change; its LSI entries are small beside it and
    // are counted when the next write measures the collection.
    const int64_t delta = EncodedBytes(table, new_item) - EncodedBytes(table, old_item);
    const int64_t after = std::max<int64_t>(0, before + delta);
    if (delta > 0 && after > collection_limit_bytes) {
      return Status(ErrorCode::kItemCollectionSizeLimitExceeded, std::string(kCollectionSizeExceeded));
    }
    *collection_bytes = after;
  }
  StageIndexUpkeep(table, indexes, old_item, new_item, batch);
  return Status::OK();
}

ItemCollectionMetrics CollectionMetrics(const KeySchema& table, const Item& item, int64_t bytes) {
  ItemCollectionMetrics m;
  if (auto it = item.find(table.partition_name()); it != item.end()) {
    m.item_collection_key.emplace(it->first, it->second);
  }
  // DynamoDB reports a range around its estimate: [low, high] in GB.
  const double gb = static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0);
  m.size_estimate_range_gb = {gb * 0.9, gb * 1.1 > 0 ? gb * 1.1 : 1.0 / (1024.0 * 1024.0)};
  return m;
}

}  // namespace dynarock::engine
