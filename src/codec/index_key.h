// Index entry keys: the RocksDB key of one entry in a secondary index's
// column family (docs/format/index.md describes every byte).
//
//   hash64(index partition bytes) big-endian (8 bytes)
//   | varint32 length of the index partition bytes | index partition bytes
//   | index sort components | table key components
//
// The index partition bytes are the index's partition key attributes (one,
// or up to four for DynamoDB's multi-attribute GSI keys), each written with
// AppendKeyBytesDelimited, so one partition's entries share a prefix and no
// other partition's entries start with it. The hash is the frozen XXH64 of
// the item keys (PartitionHash). Then come the index sort attributes (zero
// to four) and the table's partition key and optional sort key, all
// self-delimiting and order-preserving, so entries of one partition sort by
// the index sort key and then, for equal index keys, by the table's key, as
// DynamoDB orders them.
//
// Thread-safety: free functions over caller-owned buffers.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "dynarock/value.h"

namespace dynarock::codec {

// Most attributes in an index partition key, and in an index sort key.
inline constexpr size_t kMaxIndexKeyAttributes = 4;

// Appends hash | length | partition components: the prefix shared by every
// entry of one index partition.
// REQUIRES: 1 <= partition.size() <= 4; every value is S, N or B.
void AppendIndexPartitionPrefix(std::span<const AttributeValue* const> partition,
                                std::string* out);

// Appends one component in its self-delimiting, order-preserving form (the
// sort components and table key components of an entry key). Same bytes as
// AppendKeyBytesDelimited.
void AppendIndexComponent(const AttributeValue& v, std::string* out);

// Appends the full entry key. table_sort may be null (hash-only table).
// REQUIRES: partition as above; sort.size() <= 4; all values S, N or B.
void AppendIndexEntryKey(std::span<const AttributeValue* const> partition,
                         std::span<const AttributeValue* const> sort,
                         const AttributeValue& table_partition, const AttributeValue* table_sort,
                         std::string* out);

// The types needed to decode an entry key.
struct IndexKeyTypes {
  std::vector<ScalarAttributeType> partition;  // 1..4
  std::vector<ScalarAttributeType> sort;       // 0..4
  ScalarAttributeType table_partition = ScalarAttributeType::kS;
  std::optional<ScalarAttributeType> table_sort;  // absent: hash-only table
};

struct DecodedIndexKey {
  std::vector<AttributeValue> partition;
  std::vector<AttributeValue> sort;
  AttributeValue table_partition;
  std::optional<AttributeValue> table_sort;
};

// Splits an entry key back into its values. Returns Corruption for bytes
// AppendIndexEntryKey did not write with these types: truncation, a bad
// length, a hash that does not match, trailing bytes, an empty S or B
// component (DynamoDB never stores one), malformed numbers.
Result<DecodedIndexKey> DecodeIndexEntryKey(std::string_view key, const IndexKeyTypes& types);

// Returns the length of the partition prefix (hash | length | partition
// bytes) at the start of key, or Corruption.
Result<size_t> IndexPartitionPrefixLength(std::string_view key);

}  // namespace dynarock::codec
