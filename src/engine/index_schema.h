// IndexSchema: the runtime form of one secondary index (GSI or LSI) - its
// key attributes and types, its projection, its column family and status -
// and IndexHolder, the current list of a table's indexes that every write
// reads under its item lock.
//
// An index's entry for an item (docs/format/index.md):
//   key   = codec::AppendIndexEntryKey(index partition attributes, index
//           sort attributes, table partition key, table sort key)
//   value = codec::EncodeItem(Project(item))
// An item is in the index only if it has every index key attribute
// (sparse indexes); a present key attribute of the wrong type or an empty
// S/B value is a ValidationException (ValidateItem).
//
// Thread-safety: IndexSchema is immutable once built; IndexHolder is safe
// to share (atomic shared_ptr).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "codec/index_key.h"
#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "dynarock/value.h"
#include "engine/key_schema.h"
#include "storage/store.h"

namespace dynarock::engine {

struct IndexKeyAttribute {
  std::string name;
  ScalarAttributeType type = ScalarAttributeType::kS;
};

class IndexSchema {
 public:
  IndexSchema() = default;
  // REQUIRES: the description was validated (index_validation.h) against
  // the table description's attribute definitions.
  static IndexSchema FromGlobal(const GlobalSecondaryIndexDescription& g,
                                const TableDescription& table);
  static IndexSchema FromLocal(const LocalSecondaryIndexDescription& l,
                               const TableDescription& table);

  const std::string& name() const { return name_; }
  bool is_global() const { return global_; }
  const std::vector<IndexKeyAttribute>& partition() const { return partition_; }
  const std::vector<IndexKeyAttribute>& sort() const { return sort_; }
  std::vector<std::string> partition_names() const;
  std::vector<std::string> sort_names() const;
  ProjectionType projection_type() const { return projection_; }
  const std::vector<std::string>& non_key_attributes() const { return non_key_; }
  // True if name is one of the index's key attributes.
  bool IsIndexKeyAttribute(std::string_view name) const;
  // True if the entry of an item carries attribute `name` (projected or a
  // key of the index or of the table).
  bool Projects(std::string_view name, const KeySchema& table) const;

  // DynamoDB's write-time rules for index key attributes present in item:
  // type as declared ("One or more parameter values were invalid: Type
  // mismatch for Index Key c Expected: S Actual: N IndexName: i"), not an
  // empty S or B ("... A value specified for a secondary index key is not
  // supported ..."), and the key size limits. Absent attributes are fine.
  Status ValidateItem(const Item& item) const;

  // True if item has every index key attribute with the declared type and
  // a non-empty value (then it has an entry in this index).
  bool Indexes(const Item& item) const;

  // Appends the entry key of item. REQUIRES: Indexes(item), and item holds
  // the table key (KeySchema::ValidateItem passed).
  void EncodeEntryKey(const KeySchema& table, const Item& item, std::string* out) const;
  // Appends the partition prefix for the given index partition values (in
  // partition() order).
  void EncodePartitionPrefix(const std::vector<const AttributeValue*>& values,
                             std::string* out) const;

  // The attributes the entry stores: the whole item (ALL), the table and
  // index keys (KEYS_ONLY), or those plus NonKeyAttributes (INCLUDE).
  Item Project(const KeySchema& table, const Item& item) const;

  // Index key and table key attributes of an item: LastEvaluatedKey of a
  // Query/Scan on the index.
  Item ExtractKey(const KeySchema& table, const Item& item) const;

  // Types to decode this index's entry keys.
  codec::IndexKeyTypes KeyTypes(const KeySchema& table) const;

  // Runtime state, set by the engine.
  storage::ColumnFamilyRef cf;
  IndexStatus status = IndexStatus::kActive;
  bool backfilling = false;

 private:
  std::string name_;
  bool global_ = true;
  std::vector<IndexKeyAttribute> partition_;
  std::vector<IndexKeyAttribute> sort_;
  ProjectionType projection_ = ProjectionType::kAll;
  std::vector<std::string> non_key_;
};

using IndexList = std::vector<IndexSchema>;

// The indexes a table description declares (GSIs first, then LSIs), without
// column families.
IndexList BuildIndexes(const TableDescription& d);

// Finds an index by name in a list; null if absent.
const IndexSchema* FindIndex(const IndexList& list, std::string_view name);

// The current index list of one table, shared by every version of its
// Table. Writers load it while holding the item's lock, so a GSI published
// here before its backfill starts is maintained by every write the backfill
// could race with (index_backfill.h explains why that is enough).
class IndexHolder {
 public:
  IndexHolder() : list_(std::make_shared<const IndexList>()) {}
  explicit IndexHolder(IndexList list)
      : list_(std::make_shared<const IndexList>(std::move(list))) {}
  std::shared_ptr<const IndexList> Load() const { return list_.load(std::memory_order_acquire); }
  void Store(IndexList list) {
    list_.store(std::make_shared<const IndexList>(std::move(list)), std::memory_order_release);
  }

 private:
  std::atomic<std::shared_ptr<const IndexList>> list_;
};

}  // namespace dynarock::engine
