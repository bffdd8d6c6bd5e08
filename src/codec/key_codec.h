// Key encoding: order-preserving bytes for DynamoDB key values, and the
// RocksDB key layout of items (see docs/format/key.md for every byte).
//
// Item key in a table's column family:
//   hash64(partition key bytes) big-endian (8 bytes)
//   | varint32 length of partition key bytes | partition key bytes
//   | sort key bytes (order-preserving; absent on hash-only tables)
// The partition key bytes are KeyBytes() of the value (S: UTF-8, B: raw, N:
// the order-preserving number encoding). The hash is XXH64 with seed 0, part
// of the on-disk format: never change it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dynarock/requests.h"
#include "dynarock/value.h"

namespace dynarock::codec {

// Order-preserving encoding of a scalar key value (S, N or B) as the last
// component of a key: memcmp order of the output equals DynamoDB's order of
// the values. Not self-delimiting. REQUIRES: v is S, N or B.
void AppendKeyBytes(const AttributeValue& v, std::string* out);

// The bytes AppendKeyBytes writes, as a string (the "partition key bytes"
// hashed by PartitionHash).
std::string KeyBytes(const AttributeValue& v);

// Self-delimiting variant (for components followed by others, as in index
// keys): memcmp order is still DynamoDB's order, and DecodeKeyValue can find
// the end. REQUIRES: v is S, N or B.
void AppendKeyBytesDelimited(const AttributeValue& v, std::string* out);

// Decodes a value written by AppendKeyBytes (delimited=false: consumes all of
// *in) or AppendKeyBytesDelimited (delimited=true: consumes one component and
// advances *in). Returns Corruption on malformed bytes.
Result<AttributeValue> DecodeKeyValue(std::string_view* in, ScalarAttributeType type,
                                      bool delimited);

// XXH64 (seed 0) of the partition key bytes. Frozen: part of the format.
uint64_t PartitionHash(std::string_view partition_key_bytes);

// Appends hash | varint length | partition key bytes: the common prefix of
// every item of one partition.
void AppendPartitionPrefix(const AttributeValue& partition_key, std::string* out);

// Full item key. sort_key may be null for a hash-only table.
void AppendItemKey(const AttributeValue& partition_key, const AttributeValue* sort_key,
                   std::string* out);

// Splits an item key back into its values. sort_type is ignored when
// has_sort_key is false. Returns Corruption on malformed bytes, including a
// hash that does not match the partition key bytes and an empty partition
// or sort key (DynamoDB never stores one).
struct DecodedItemKey {
  AttributeValue partition_key;
  std::optional<AttributeValue> sort_key;
};
Result<DecodedItemKey> DecodeItemKey(std::string_view key, ScalarAttributeType partition_type,
                                     bool has_sort_key, ScalarAttributeType sort_type);

}  // namespace dynarock::codec
