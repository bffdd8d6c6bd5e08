// Catalog: the persisted description of every table, in the "catalog"
// column family (docs/format/catalog.md describes every byte).
//
//   key "t" + table name   -> EncodeTableMeta(meta)
//   key "g"                -> varint64 next column-family generation
//
// A table's items live in the column family "t.<generation>"; generations
// are never reused, so a table deleted and created again under the same
// name never sees the old data.
//
// Thread-safety: free functions and value types. The engine serialises
// catalog writes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dynarock/requests.h"
#include "dynarock/status.h"
#include "storage/store.h"

namespace dynarock::storage {

// Everything the catalog knows of one table. description carries the
// DynamoDB-visible fields (its table_status, item_count and
// table_size_bytes are not persisted: they are computed when described).
struct TableMeta {
  TableDescription description;
  uint64_t generation = 0;
  std::string column_family;  // "t.<generation>"
  std::optional<TimeToLiveSpecification> ttl;  // absent: never configured
  std::vector<Tag> tags;
  // Column families of the secondary indexes, by index name (issue 8).
  std::vector<std::pair<std::string, std::string>> index_column_families;
};

// Column family name of a table generation: "t.<generation>".
std::string TableColumnFamilyName(uint64_t generation);
// Parses "t.<generation>"; false for any other name.
bool ParseTableColumnFamilyName(std::string_view name, uint64_t* generation);

// Format version written by EncodeTableMeta. DO NOT CHANGE: on disk.
inline constexpr uint8_t kCatalogFormatVersion = 1;

std::string EncodeTableMeta(const TableMeta& meta);
// Returns Corruption for bytes EncodeTableMeta did not write (unknown
// version, truncation, bad enum values). Unknown field tags are skipped, so
// a later format can add fields.
Result<TableMeta> DecodeTableMeta(std::string_view bytes);

// Catalog keys.
std::string CatalogTableKey(std::string_view table_name);
inline constexpr std::string_view kCatalogGenerationKey = "g";

struct CatalogContents {
  std::vector<TableMeta> tables;
  uint64_t next_generation = 1;
};
// Reads the whole catalog. Returns Corruption if a record cannot be decoded.
Result<CatalogContents> LoadCatalog(const Store& store);

// Adds the records to a batch on the catalog column family.
void PutTableMeta(const Store& store, const TableMeta& meta, WriteBatch* batch);
void DeleteTableMeta(const Store& store, std::string_view table_name, WriteBatch* batch);
void PutNextGeneration(const Store& store, uint64_t next_generation, WriteBatch* batch);

}  // namespace dynarock::storage
