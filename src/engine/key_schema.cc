#include "engine/key_schema.h"

#include "codec/key_codec.h"

namespace dynarock::engine {

std::string_view ScalarTypeName(ScalarAttributeType t) {
  switch (t) {
    case ScalarAttributeType::kS: return "S";
    case ScalarAttributeType::kN: return "N";
    case ScalarAttributeType::kB: return "B";
  }
  return "S";
}

bool HasScalarType(const AttributeValue& v, ScalarAttributeType t) {
  switch (t) {
    case ScalarAttributeType::kS: return v.type() == ValueType::kS;
    case ScalarAttributeType::kN: return v.type() == ValueType::kN;
    case ScalarAttributeType::kB: return v.type() == ValueType::kB;
  }
  return false;
}

KeySchema KeySchema::FromDescription(const TableDescription& d) {
  KeySchema k;
  auto type_of = [&d](const std::string& name) {
    for (const auto& a : d.attribute_definitions) {
      if (a.attribute_name == name) return a.attribute_type;
    }
    return ScalarAttributeType::kS;
  };
  for (const auto& e : d.key_schema) {
    if (e.key_type == KeyType::kHash) {
      k.partition_name_ = e.attribute_name;
      k.partition_type_ = type_of(e.attribute_name);
    } else {
      k.has_sort_key_ = true;
      k.sort_name_ = e.attribute_name;
      k.sort_type_ = type_of(e.attribute_name);
    }
  }
  return k;
}

Status KeySchema::CheckKeyValue(const std::string& name, const AttributeValue& v,
                                bool partition) const {
  // Empty strings and binaries are allowed in other attributes since 2020,
  // never in keys.
  if (v.type() == ValueType::kS && v.s().empty()) {
    return Status::Validation(
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: " + name);
  }
  if (v.type() == ValueType::kB && v.b().empty()) {
    return Status::Validation(
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty binary value. Key: " + name);
  }
  int64_t size = ValueSize(v);
  if (partition && size > kMaxPartitionKeyBytes) {
    return Status::Validation(
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
        "limit of2048 bytes");
  }
  if (!partition && size > kMaxSortKeyBytes) {
    return Status::Validation(
        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded "
        "the size limit of 1024 bytes");
  }
  return Status::OK();
}

Status KeySchema::ValidateItem(const Item& item) const {
  auto check = [&](const std::string& name, ScalarAttributeType type, bool partition) -> Status {
    auto it = item.find(name);
    if (it == item.end()) {
      return Status::Validation("One or more parameter values were invalid: Missing the key " +
                                name + " in the item");
    }
    if (!HasScalarType(it->second, type)) {
      return Status::Validation("One or more parameter values were invalid: Type mismatch for key " +
                                name + " expected: " + std::string(ScalarTypeName(type)) +
                                " actual: " + std::string(ValueTypeName(it->second.type())));
    }
    return CheckKeyValue(name, it->second, partition);
  };
  RETURN_IF_ERROR(check(partition_name_, partition_type_, true));
  if (has_sort_key_) RETURN_IF_ERROR(check(sort_name_, sort_type_, false));
  return Status::OK();
}

Status KeySchema::ValidateKey(const Item& key) const {
  static constexpr std::string_view kMismatch = "The provided key element does not match the schema";
  const size_t want = has_sort_key_ ? 2 : 1;
  if (key.size() != want) return Status::Validation(std::string(kMismatch));
  auto p = key.find(partition_name_);
  if (p == key.end() || !HasScalarType(p->second, partition_type_)) {
    return Status::Validation(std::string(kMismatch));
  }
  const AttributeValue* s = nullptr;
  if (has_sort_key_) {
    auto it = key.find(sort_name_);
    if (it == key.end() || !HasScalarType(it->second, sort_type_)) {
      return Status::Validation(std::string(kMismatch));
    }
    s = &it->second;
  }
  RETURN_IF_ERROR(CheckKeyValue(partition_name_, p->second, true));
  if (s != nullptr) RETURN_IF_ERROR(CheckKeyValue(sort_name_, *s, false));
  return Status::OK();
}

void KeySchema::EncodeKey(const Item& item, std::string* out) const {
  const AttributeValue& pk = item.find(partition_name_)->second;
  const AttributeValue* sk = has_sort_key_ ? &item.find(sort_name_)->second : nullptr;
  codec::AppendItemKey(pk, sk, out);
}

Item KeySchema::ExtractKey(const Item& item) const {
  Item key;
  if (auto it = item.find(partition_name_); it != item.end()) key.emplace(it->first, it->second);
  if (has_sort_key_) {
    if (auto it = item.find(sort_name_); it != item.end()) key.emplace(it->first, it->second);
  }
  return key;
}

Status ValidateItemValues(const Item& item) {
  for (const auto& [name, value] : item) RETURN_IF_ERROR(ValidateValue(value));
  return Status::OK();
}

}  // namespace dynarock::engine
