#include "engine/index_schema.h"

#include <algorithm>

#include "codec/key_codec.h"

namespace dynarock::engine {
namespace {

ScalarAttributeType DefinedType(const TableDescription& d, const std::string& name) {
  for (const auto& a : d.attribute_definitions) {
    if (a.attribute_name == name) return a.attribute_type;
  }
  return ScalarAttributeType::kS;
}

void SplitKeys(const std::vector<KeySchemaElement>& keys, const TableDescription& d,
               std::vector<IndexKeyAttribute>* partition, std::vector<IndexKeyAttribute>* sort) {
  for (const auto& k : keys) {
    IndexKeyAttribute a{k.attribute_name, DefinedType(d, k.attribute_name)};
    (k.key_type == KeyType::kHash ? partition : sort)->push_back(std::move(a));
  }
}

}  // namespace

IndexSchema IndexSchema::FromGlobal(const GlobalSecondaryIndexDescription& g,
                                    const TableDescription& table) {
  IndexSchema s;
  s.name_ = g.index_name;
  s.global_ = true;
  SplitKeys(g.key_schema, table, &s.partition_, &s.sort_);
  s.projection_ = g.projection.projection_type.value_or(ProjectionType::kAll);
  if (g.projection.non_key_attributes) s.non_key_ = *g.projection.non_key_attributes;
  s.status = g.index_status;
  s.backfilling = g.backfilling.value_or(false);
  return s;
}

IndexSchema IndexSchema::FromLocal(const LocalSecondaryIndexDescription& l,
                                   const TableDescription& table) {
  IndexSchema s;
  s.name_ = l.index_name;
  s.global_ = false;
  SplitKeys(l.key_schema, table, &s.partition_, &s.sort_);
  s.projection_ = l.projection.projection_type.value_or(ProjectionType::kAll);
  if (l.projection.non_key_attributes) s.non_key_ = *l.projection.non_key_attributes;
  return s;
}

std::vector<std::string> IndexSchema::partition_names() const {
  std::vector<std::string> out;
  for (const auto& a : partition_) out.push_back(a.name);
  return out;
}

std::vector<std::string> IndexSchema::sort_names() const {
  std::vector<std::string> out;
  for (const auto& a : sort_) out.push_back(a.name);
  return out;
}

bool IndexSchema::IsIndexKeyAttribute(std::string_view name) const {
  for (const auto& a : partition_) {
    if (a.name == name) return true;
  }
  for (const auto& a : sort_) {
    if (a.name == name) return true;
  }
  return false;
}

bool IndexSchema::Projects(std::string_view name, const KeySchema& table) const {
  if (projection_ == ProjectionType::kAll) return true;
  if (table.IsKeyAttribute(name) || IsIndexKeyAttribute(name)) return true;
  return projection_ == ProjectionType::kInclude &&
         std::find(non_key_.begin(), non_key_.end(), name) != non_key_.end();
}

Status IndexSchema::ValidateItem(const Item& item) const {
  int64_t partition_bytes = 0, sort_bytes = 0;
  auto check = [&](const IndexKeyAttribute& a, int64_t* total) -> Status {
    auto it = item.find(a.name);
    if (it == item.end()) return Status::OK();
    const AttributeValue& v = it->second;
    if (!HasScalarType(v, a.type)) {
      return Status::Validation(
          "One or more parameter values were invalid: Type mismatch for Index Key " + a.name +
          " Expected: " + std::string(ScalarTypeName(a.type)) +
          " Actual: " + std::string(ValueTypeName(v.type())) + " IndexName: " + name_);
    }
    if ((v.type() == ValueType::kS && v.s().empty()) ||
        (v.type() == ValueType::kB && v.b().empty())) {
      return Status::Validation(
          "One or more parameter values are not valid. A value specified for a secondary index "
          "key is not supported. The AttributeValue for a key attribute cannot contain an empty " +
          std::string(v.type() == ValueType::kS ? "string" : "binary") +
          " value. IndexName: " + name_ + ", IndexKey: " + a.name);
    }
    *total += ValueSize(v);
    return Status::OK();
  };
  for (const auto& a : partition_) RETURN_IF_ERROR(check(a, &partition_bytes));
  for (const auto& a : sort_) RETURN_IF_ERROR(check(a, &sort_bytes));
  if (partition_bytes > kMaxPartitionKeyBytes) {
    return Status::Validation(
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
        "limit of2048 bytes");
  }
  if (sort_bytes > kMaxSortKeyBytes) {
    return Status::Validation(
        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded "
        "the size limit of 1024 bytes");
  }
  return Status::OK();
}

bool IndexSchema::Indexes(const Item& item) const {
  // An empty S or B is never a key: writes reject it (ValidateItem), and an
  // item stored before the index existed with one is left out, as DynamoDB
  // leaves out items that violate a new index's key rules.
  auto has = [&](const IndexKeyAttribute& a) {
    auto it = item.find(a.name);
    if (it == item.end() || !HasScalarType(it->second, a.type)) return false;
    const AttributeValue& v = it->second;
    return !((v.type() == ValueType::kS && v.s().empty()) ||
             (v.type() == ValueType::kB && v.b().empty()));
  };
  return std::all_of(partition_.begin(), partition_.end(), has) &&
         std::all_of(sort_.begin(), sort_.end(), has);
}

void IndexSchema::EncodeEntryKey(const KeySchema& table, const Item& item, std::string* out) const {
  const AttributeValue* p[codec::kMaxIndexKeyAttributes];
  const AttributeValue* s[codec::kMaxIndexKeyAttributes];
  for (size_t i = 0; i < partition_.size(); ++i) p[i] = &item.find(partition_[i].name)->second;
  for (size_t i = 0; i < sort_.size(); ++i) s[i] = &item.find(sort_[i].name)->second;
  const AttributeValue& tpk = item.find(table.partition_name())->second;
  const AttributeValue* tsk = table.has_sort_key() ? &item.find(table.sort_name())->second : nullptr;
  codec::AppendIndexEntryKey(std::span(p, partition_.size()), std::span(s, sort_.size()), tpk, tsk,
                             out);
}

void IndexSchema::EncodePartitionPrefix(const std::vector<const AttributeValue*>& values,
                                        std::string* out) const {
  codec::AppendIndexPartitionPrefix(values, out);
}

Item IndexSchema::Project(const KeySchema& table, const Item& item) const {
  if (projection_ == ProjectionType::kAll) return item;
  Item out;
  for (const auto& [name, value] : item) {
    if (Projects(name, table)) out.emplace(name, value);
  }
  return out;
}

Item IndexSchema::ExtractKey(const KeySchema& table, const Item& item) const {
  Item key = table.ExtractKey(item);
  for (const auto& a : partition_) {
    if (auto it = item.find(a.name); it != item.end()) key.emplace(it->first, it->second);
  }
  for (const auto& a : sort_) {
    if (auto it = item.find(a.name); it != item.end()) key.emplace(it->first, it->second);
  }
  return key;
}

codec::IndexKeyTypes IndexSchema::KeyTypes(const KeySchema& table) const {
  codec::IndexKeyTypes t;
  for (const auto& a : partition_) t.partition.push_back(a.type);
  for (const auto& a : sort_) t.sort.push_back(a.type);
  t.table_partition = table.partition_type();
  if (table.has_sort_key()) t.table_sort = table.sort_type();
  return t;
}

IndexList BuildIndexes(const TableDescription& d) {
  IndexList out;
  for (const auto& g : d.global_secondary_indexes) out.push_back(IndexSchema::FromGlobal(g, d));
  for (const auto& l : d.local_secondary_indexes) out.push_back(IndexSchema::FromLocal(l, d));
  return out;
}

const IndexSchema* FindIndex(const IndexList& list, std::string_view name) {
  for (const auto& i : list) {
    if (i.name() == name) return &i;
  }
  return nullptr;
}

}  // namespace dynarock::engine
