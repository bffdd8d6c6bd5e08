// A table's primary key (partition key and optional sort key): validation
// of keys and items against it, and the RocksDB item key.
//
// Thread-safety: value type; const methods are safe to share.
#pragma once

#include <optional>
#include <string>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "dynarock/value.h"

namespace dynarock::engine {

inline constexpr int64_t kMaxPartitionKeyBytes = 2048;
inline constexpr int64_t kMaxSortKeyBytes = 1024;
inline constexpr int64_t kMaxItemBytes = 400 * 1024;

// "S", "N" or "B".
std::string_view ScalarTypeName(ScalarAttributeType t);
// True if v has the scalar type t.
bool HasScalarType(const AttributeValue& v, ScalarAttributeType t);

class KeySchema {
 public:
  KeySchema() = default;
  // REQUIRES: description's key schema and definitions were validated.
  static KeySchema FromDescription(const TableDescription& description);

  const std::string& partition_name() const { return partition_name_; }
  ScalarAttributeType partition_type() const { return partition_type_; }
  bool has_sort_key() const { return has_sort_key_; }
  const std::string& sort_name() const { return sort_name_; }
  ScalarAttributeType sort_type() const { return sort_type_; }
  bool IsKeyAttribute(std::string_view name) const {
    return name == partition_name_ || (has_sort_key_ && name == sort_name_);
  }

  // PutItem: the item holds every key attribute with the right type, not
  // empty, within the size limits. Errors (DynamoDB's messages): "Missing
  // the key <k> in the item", "Type mismatch for key <k> expected: S actual:
  // N", empty key values, key sizes.
  Status ValidateItem(const Item& item) const;

  // GetItem/DeleteItem/ExclusiveStartKey: the map holds exactly the key
  // attributes with the right types. Errors: "The provided key element does
  // not match the schema", then empty values and sizes as ValidateItem.
  Status ValidateKey(const Item& key) const;

  // Appends the RocksDB item key. REQUIRES: ValidateItem or ValidateKey passed.
  void EncodeKey(const Item& item_or_key, std::string* out) const;

  // The key attributes of an item (LastEvaluatedKey).
  Item ExtractKey(const Item& item) const;

  // Rules for one key value of the right type: not an empty S or B, and
  // within the partition (2048 B) or sort (1024 B) key size limit.
  Status CheckKeyValue(const std::string& name, const AttributeValue& v, bool partition) const;

 private:

  std::string partition_name_;
  ScalarAttributeType partition_type_ = ScalarAttributeType::kS;
  bool has_sort_key_ = false;
  std::string sort_name_;
  ScalarAttributeType sort_type_ = ScalarAttributeType::kS;
};

// Validates every value of an item with ValidateValue (value.h).
Status ValidateItemValues(const Item& item);

}  // namespace dynarock::engine
