#include "engine/index_checker.h"

#include "codec/index_key.h"
#include "codec/item_codec.h"
#include "codec/key_codec.h"
#include "engine/index_upkeep.h"

namespace dynarock::engine {
namespace {

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes.substr(0, 48)) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  if (bytes.size() > 48) out += "...";
  return out;
}

class Reporter {
 public:
  Reporter(IndexCheckReport* report, size_t max) : report_(report), max_(max) {}
  void Add(std::string problem) {
    if (report_->problems.size() < max_) report_->problems.push_back(std::move(problem));
  }
  bool full() const { return report_->problems.size() >= max_; }

 private:
  IndexCheckReport* report_;
  size_t max_;
};

}  // namespace

Result<IndexCheckReport> CheckIndexConsistency(const storage::Store& store,
                                               const storage::ColumnFamily& table_cf,
                                               const KeySchema& table, const IndexList& indexes,
                                               size_t max_problems) {
  IndexCheckReport report;
  Reporter rep(&report, max_problems == 0 ? 1 : max_problems);
  auto snapshot = store.GetSnapshot();
  std::vector<const IndexSchema*> checked;
  for (const auto& index : indexes) {
    if (index.backfilling) {
      report.skipped.push_back(index.name());
    } else {
      checked.push_back(&index);
    }
  }

  // Pass 1: base items -> expected entries.
  std::string want_key, want_value, got_value;
  {
    auto it = store.NewIterator(table_cf, storage::KeyRange{}, snapshot.get());
    for (it->SeekToFirst(); it->Valid() && !rep.full(); it->Next()) {
      ++report.items;
      auto item = codec::DecodeItem(it->value());
      if (!item.ok()) return item.status();
      for (const IndexSchema* index : checked) {
        if (!IndexEntryOf(table, *index, *item, &want_key, &want_value)) continue;
        ASSIGN_OR_RETURN(bool found, store.Get(*index->cf, want_key, &got_value, snapshot.get()));
        if (!found) {
          rep.Add("index " + index->name() + ": missing entry for item " + ItemDebugString(*item));
        } else if (got_value != want_value) {
          rep.Add("index " + index->name() + ": entry " + Hex(want_key) +
                  " does not hold the projection of item " + ItemDebugString(*item));
        }
      }
    }
    RETURN_IF_ERROR(it->status());
  }

  // Pass 2: entries -> their base items. The key "" is a backfill cursor
  // (index_backfill.h), not an entry.
  std::string item_key, base_value;
  for (const IndexSchema* index : checked) {
    const codec::IndexKeyTypes types = index->KeyTypes(table);
    storage::KeyRange range;
    range.lower.assign(1, '\0');
    auto it = store.NewIterator(*index->cf, std::move(range), snapshot.get());
    for (it->SeekToFirst(); it->Valid() && !rep.full(); it->Next()) {
      ++report.entries;
      auto decoded = codec::DecodeIndexEntryKey(it->key(), types);
      if (!decoded.ok()) {
        rep.Add("index " + index->name() + ": undecodable entry key " + Hex(it->key()) + ": " +
                decoded.status().message());
        continue;
      }
      item_key.clear();
      codec::AppendItemKey(decoded->table_partition,
                           decoded->table_sort ? &*decoded->table_sort : nullptr, &item_key);
      ASSIGN_OR_RETURN(bool found, store.Get(table_cf, item_key, &base_value, snapshot.get()));
      if (!found) {
        rep.Add("index " + index->name() + ": orphan entry " + Hex(it->key()) +
                " (no base item)");
        continue;
      }
      auto item = codec::DecodeItem(base_value);
      if (!item.ok()) return item.status();
      if (!IndexEntryOf(table, *index, *item, &want_key, &want_value)) {
        rep.Add("index " + index->name() + ": entry " + Hex(it->key()) +
                " for an item the index should not hold: " + ItemDebugString(*item));
      } else if (want_key != it->key()) {
        rep.Add("index " + index->name() + ": stale entry " + Hex(it->key()) + " for item " +
                ItemDebugString(*item));
      } else if (want_value != it->value()) {
        rep.Add("index " + index->name() + ": entry " + Hex(it->key()) +
                " does not hold the projection of item " + ItemDebugString(*item));
      }
    }
    RETURN_IF_ERROR(it->status());
  }
  return report;
}

}  // namespace dynarock::engine
