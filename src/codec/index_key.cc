// Index entry key encoding. Grammar of the bytes (docs/format/index.md):
//
//   entry_key  := hash64 ipk_len ipk_bytes isk* tpk tsk?
//   hash64     := XXH64(ipk_bytes, seed 0), 8 bytes big-endian
//   ipk_len    := varint32 (length of ipk_bytes)
//   ipk_bytes  := delim(index partition attribute){1..4}
//   isk        := delim(index sort attribute)        0..4 of them
//   tpk        := delim(table partition key)
//   tsk        := delim(table sort key)              absent on hash-only tables
//
//   delim(S|B) := { byte != 0x00 | 0x00 0xFF }* 0x00 0x01
//   delim(N)   := number key form (self-delimiting)
//
// delim is key_codec's AppendKeyBytesDelimited. Because every component is
// self-delimiting and order-preserving, memcmp over everything after the
// partition prefix orders entries by index sort key, then by table key.
#include "codec/index_key.h"

#include "codec/key_codec.h"
#include "util/coding.h"

namespace dynarock::codec {
namespace {

Status IndexKeyCorruption(std::string_view what) {
  return Status::Corruption("corrupt index key: " + std::string(what));
}

bool EmptyScalar(const AttributeValue& v) {
  return (v.type() == ValueType::kS && v.s().empty()) ||
         (v.type() == ValueType::kB && v.b().empty());
}

Result<AttributeValue> DecodeComponent(std::string_view* in, ScalarAttributeType type) {
  ASSIGN_OR_RETURN(AttributeValue v, DecodeKeyValue(in, type, /*delimited=*/true));
  if (EmptyScalar(v)) return IndexKeyCorruption("empty key component");
  return v;
}

}  // namespace

void AppendIndexComponent(const AttributeValue& v, std::string* out) {
  AppendKeyBytesDelimited(v, out);
}

void AppendIndexPartitionPrefix(std::span<const AttributeValue* const> partition,
                                std::string* out) {
  std::string bytes;
  for (const AttributeValue* v : partition) AppendKeyBytesDelimited(*v, &bytes);
  util::PutFixed64BigEndian(out, PartitionHash(bytes));
  util::PutLengthPrefixed(out, bytes);
}

void AppendIndexEntryKey(std::span<const AttributeValue* const> partition,
                         std::span<const AttributeValue* const> sort,
                         const AttributeValue& table_partition, const AttributeValue* table_sort,
                         std::string* out) {
  AppendIndexPartitionPrefix(partition, out);
  for (const AttributeValue* v : sort) AppendKeyBytesDelimited(*v, out);
  AppendKeyBytesDelimited(table_partition, out);
  if (table_sort != nullptr) AppendKeyBytesDelimited(*table_sort, out);
}

Result<size_t> IndexPartitionPrefixLength(std::string_view key) {
  std::string_view in = key;
  uint64_t hash = 0;
  std::string_view bytes;
  if (!util::GetFixed64BigEndian(&in, &hash)) return IndexKeyCorruption("truncated hash");
  if (!util::GetLengthPrefixed(&in, &bytes)) return IndexKeyCorruption("bad partition length");
  return key.size() - in.size();
}

Result<DecodedIndexKey> DecodeIndexEntryKey(std::string_view key, const IndexKeyTypes& types) {
  if (types.partition.empty() || types.partition.size() > kMaxIndexKeyAttributes ||
      types.sort.size() > kMaxIndexKeyAttributes) {
    return Status::Internal("DecodeIndexEntryKey: bad key types");
  }
  uint64_t hash = 0;
  std::string_view pk_bytes;
  if (!util::GetFixed64BigEndian(&key, &hash)) return IndexKeyCorruption("truncated hash");
  if (!util::GetLengthPrefixed(&key, &pk_bytes)) return IndexKeyCorruption("bad partition length");
  if (PartitionHash(pk_bytes) != hash) return IndexKeyCorruption("partition hash mismatch");
  DecodedIndexKey out;
  for (ScalarAttributeType t : types.partition) {
    ASSIGN_OR_RETURN(AttributeValue v, DecodeComponent(&pk_bytes, t));
    out.partition.push_back(std::move(v));
  }
  if (!pk_bytes.empty()) return IndexKeyCorruption("bytes after partition components");
  for (ScalarAttributeType t : types.sort) {
    ASSIGN_OR_RETURN(AttributeValue v, DecodeComponent(&key, t));
    out.sort.push_back(std::move(v));
  }
  ASSIGN_OR_RETURN(out.table_partition, DecodeComponent(&key, types.table_partition));
  if (types.table_sort) {
    ASSIGN_OR_RETURN(AttributeValue v, DecodeComponent(&key, *types.table_sort));
    out.table_sort = std::move(v);
  }
  if (!key.empty()) return IndexKeyCorruption("bytes after table key");
  return out;
}

}  // namespace dynarock::codec
