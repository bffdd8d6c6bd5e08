// Index declaration rules. The order of the checks is DynamoDB's: field
// constraints first (AddIndexConstraintErrors), then LSIs, then GSIs, each
// index in request order, then the cross-index limits and the attribute
// definitions.
#include "engine/index_validation.h"

#include <algorithm>
#include <set>

namespace dynarock::engine {
namespace {

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

Status Invalid(std::string_view what) {
  return Status::Validation(std::string(kInvalid) + std::string(what));
}

std::string Join(const std::vector<std::string>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s + "]";
}

std::string RenderKeySchema(const std::vector<KeySchemaElement>& keys) {
  std::string s = "[";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i != 0) s += ", ";
    s += "KeySchemaElement(attributeName=" + keys[i].attribute_name +
         ", keyType=" + (keys[i].key_type == KeyType::kHash ? "HASH" : "RANGE") + ")";
  }
  return s + "]";
}

std::string ProjectionTypeName(ProjectionType t) {
  switch (t) {
    case ProjectionType::kAll: return "ALL";
    case ProjectionType::kKeysOnly: return "KEYS_ONLY";
    case ProjectionType::kInclude: return "INCLUDE";
  }
  return "ALL";
}

std::vector<std::string> DefinitionNames(const std::vector<AttributeDefinition>& defs) {
  std::vector<std::string> out;
  for (const auto& d : defs) out.push_back(d.attribute_name);
  return out;
}

Status CheckKeysDefined(const std::vector<KeySchemaElement>& keys,
                        const std::vector<std::string>& defs) {
  std::vector<std::string> names;
  bool missing = false;
  for (const auto& k : keys) {
    names.push_back(k.attribute_name);
    if (std::find(defs.begin(), defs.end(), k.attribute_name) == defs.end()) missing = true;
  }
  if (!missing) return Status::OK();
  return Invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: " +
                 Join(names) + ", AttributeDefinitions: " + Join(defs));
}

Status CheckProjection(const Projection& p) {
  if (!p.projection_type) return Invalid("Unknown ProjectionType: null");
  const ProjectionType t = *p.projection_type;
  if (t != ProjectionType::kInclude && p.non_key_attributes) {
    return Invalid("ProjectionType is " + ProjectionTypeName(t) +
                   ", but NonKeyAttributes is specified");
  }
  if (t == ProjectionType::kInclude) {
    if (!p.non_key_attributes) {
      return Invalid("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    }
    std::set<std::string, std::less<>> seen;
    for (const auto& n : *p.non_key_attributes) {
      if (!seen.insert(n).second) return Invalid("Duplicate element in NonKeyAttributes: " + n);
    }
  }
  return Status::OK();
}

// The key schema rules of a GSI (multi-attribute keys allowed).
Status CheckGlobalKeySchema(const std::vector<KeySchemaElement>& keys) {
  if (keys.size() == 2 && keys[0].attribute_name == keys[1].attribute_name) {
    return Status::Validation(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  std::set<std::string, std::less<>> names;
  for (const auto& k : keys) {
    if (!names.insert(k.attribute_name).second) {
      return Status::Validation("The KeySchema contains multiple key attributes with the same name");
    }
  }
  if (keys[0].key_type != KeyType::kHash) {
    return Status::Validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  size_t hashes = 0, ranges = 0;
  for (const auto& k : keys) {
    if (k.key_type == KeyType::kHash) {
      if (ranges != 0) return Invalid("All HASH key attributes must precede RANGE key attributes in the KeySchema");
      ++hashes;
    } else {
      ++ranges;
    }
  }
  if (hashes > kMaxIndexHashAttributes) {
    return Invalid("The KeySchema exceeds the maximum allowed number of HASH key attributes");
  }
  if (ranges > kMaxIndexRangeAttributes) {
    return Invalid("The KeySchema exceeds the maximum allowed number of RANGE key attributes");
  }
  return Status::OK();
}

Status CheckLocalIndex(const LocalSecondaryIndex& l, const std::vector<std::string>& defs,
                       const std::string& table_hash) {
  RETURN_IF_ERROR(CheckKeysDefined(l.key_schema, defs));
  const auto& k = l.key_schema;
  if (k.size() == 2 && k[0].attribute_name == k[1].attribute_name) {
    return Status::Validation(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (k[0].key_type != KeyType::kHash) {
    return Status::Validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (k.size() == 2 && k[1].key_type != KeyType::kRange) {
    return Status::Validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  if (k.size() != 2) {
    return Invalid("Index KeySchema does not have a range key for index: " + l.index_name);
  }
  if (k[0].attribute_name != table_hash) {
    return Invalid("Index KeySchema does not have the same leading hash key as table KeySchema for "
                   "index: " + l.index_name + ". index hash key: " + k[0].attribute_name +
                   ", table hash key: " + table_hash);
  }
  return CheckProjection(l.projection);
}

size_t NonKeyCount(const Projection& p) {
  return p.projection_type == ProjectionType::kInclude && p.non_key_attributes
             ? p.non_key_attributes->size()
             : 0;
}

void AddKeySchemaConstraints(const std::vector<KeySchemaElement>& keys, const std::string& base,
                             size_t max, ConstraintErrors* errors) {
  if (keys.empty()) {
    errors->Add("[]", base + "keySchema", "Member must have length greater than or equal to 1");
  } else if (keys.size() > max) {
    errors->Add(RenderKeySchema(keys), base + "keySchema",
                "Member must have length less than or equal to " + std::to_string(max));
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string& n = keys[i].attribute_name;
    const std::string field = base + "keySchema." + std::to_string(i + 1) + ".member.attributeName";
    if (n.empty()) errors->Add(n, field, "Member must have length greater than or equal to 1");
    if (n.size() > 255) errors->Add(n, field, "Member must have length less than or equal to 255");
  }
}

void AddProjectionConstraints(const Projection& p, const std::string& base,
                              ConstraintErrors* errors) {
  if (p.non_key_attributes && p.non_key_attributes->empty()) {
    errors->Add("[]", base + "projection.nonKeyAttributes",
                "Member must have length greater than or equal to 1");
  }
}

void AddThroughputConstraints(const std::optional<ProvisionedThroughput>& t,
                              const std::string& base, ConstraintErrors* errors) {
  if (!t) return;
  if (t->write_capacity_units < 1) {
    errors->Add(std::to_string(t->write_capacity_units),
                base + "provisionedThroughput.writeCapacityUnits",
                "Member must have value greater than or equal to 1");
  }
  if (t->read_capacity_units < 1) {
    errors->Add(std::to_string(t->read_capacity_units),
                base + "provisionedThroughput.readCapacityUnits",
                "Member must have value greater than or equal to 1");
  }
}

}  // namespace

void AddIndexConstraintErrors(const CreateTableRequest& r, ConstraintErrors* errors) {
  if (r.local_secondary_indexes) {
    for (size_t i = 0; i < r.local_secondary_indexes->size(); ++i) {
      const auto& l = (*r.local_secondary_indexes)[i];
      const std::string base = "localSecondaryIndexes." + std::to_string(i + 1) + ".member.";
      CheckResourceName(l.index_name, base + "indexName", errors);
      AddKeySchemaConstraints(l.key_schema, base, 2, errors);
      AddProjectionConstraints(l.projection, base, errors);
    }
  }
  if (r.global_secondary_indexes) {
    for (size_t i = 0; i < r.global_secondary_indexes->size(); ++i) {
      const auto& g = (*r.global_secondary_indexes)[i];
      const std::string base = "globalSecondaryIndexes." + std::to_string(i + 1) + ".member.";
      CheckResourceName(g.index_name, base + "indexName", errors);
      AddThroughputConstraints(g.provisioned_throughput, base, errors);
      AddKeySchemaConstraints(g.key_schema, base, kMaxIndexHashAttributes + kMaxIndexRangeAttributes,
                              errors);
      AddProjectionConstraints(g.projection, base, errors);
    }
  }
}

Status ValidateCreateTableIndexes(const CreateTableRequest& r) {
  const std::vector<std::string> defs = DefinitionNames(r.attribute_definitions);
  const bool has_indexes = r.global_secondary_indexes || r.local_secondary_indexes;
  if (!has_indexes) {
    if (r.key_schema.size() != defs.size()) {
      return Invalid("Number of attributes in KeySchema does not exactly match number of attributes "
                     "defined in AttributeDefinitions");
    }
    return Status::OK();
  }
  std::set<std::string, std::less<>> index_names;
  size_t non_key = 0;
  if (r.local_secondary_indexes) {
    const auto& lsis = *r.local_secondary_indexes;
    if (lsis.empty()) return Invalid("List of LocalSecondaryIndexes is empty");
    if (r.key_schema.size() != 2) {
      return Invalid("Table KeySchema does not have a range key, which is required when specifying "
                     "a LocalSecondaryIndex");
    }
    for (const auto& l : lsis) {
      RETURN_IF_ERROR(CheckLocalIndex(l, defs, r.key_schema[0].attribute_name));
      if (!index_names.insert(l.index_name).second) {
        return Invalid("Duplicate index name: " + l.index_name);
      }
      non_key += NonKeyCount(l.projection);
    }
    if (lsis.size() > kMaxLocalSecondaryIndexes) {
      return Invalid("Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    }
  }
  const bool ppr = r.billing_mode == BillingMode::kPayPerRequest;
  if (r.global_secondary_indexes) {
    const auto& gsis = *r.global_secondary_indexes;
    if (gsis.empty()) return Invalid("List of GlobalSecondaryIndexes is empty");
    for (const auto& g : gsis) {
      RETURN_IF_ERROR(CheckKeysDefined(g.key_schema, defs));
      RETURN_IF_ERROR(CheckGlobalKeySchema(g.key_schema));
      RETURN_IF_ERROR(CheckProjection(g.projection));
      if (ppr && g.provisioned_throughput) {
        return Invalid("ProvisionedThroughput should not be specified for index: " + g.index_name +
                       " when BillingMode is PAY_PER_REQUEST");
      }
      if (!ppr && !g.provisioned_throughput) {
        return Invalid("ProvisionedThroughput is not specified for index: " + g.index_name);
      }
      if (!index_names.insert(g.index_name).second) {
        return Invalid("Duplicate index name: " + g.index_name);
      }
      non_key += NonKeyCount(g.projection);
    }
    if (gsis.size() > kMaxGlobalSecondaryIndexes) {
      return Invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
    }
  }
  if (non_key > kMaxProjectedNonKeyAttributes) {
    return Invalid("Number of projected attributes in all indexes exceeds limit of 100");
  }
  // Every definition must be a key of the table or of an index.
  std::set<std::string> used;
  for (const auto& k : r.key_schema) used.insert(k.attribute_name);
  if (r.local_secondary_indexes) {
    for (const auto& l : *r.local_secondary_indexes) {
      for (const auto& k : l.key_schema) used.insert(k.attribute_name);
    }
  }
  if (r.global_secondary_indexes) {
    for (const auto& g : *r.global_secondary_indexes) {
      for (const auto& k : g.key_schema) used.insert(k.attribute_name);
    }
  }
  std::vector<std::string> sorted_defs = defs;
  std::sort(sorted_defs.begin(), sorted_defs.end());
  sorted_defs.erase(std::unique(sorted_defs.begin(), sorted_defs.end()), sorted_defs.end());
  if (sorted_defs.size() > used.size()) {
    return Invalid("Some AttributeDefinitions are not used. AttributeDefinitions: " +
                   Join(sorted_defs) + ", keys used: " +
                   Join(std::vector<std::string>(used.begin(), used.end())));
  }
  return Status::OK();
}

Result<std::vector<AttributeDefinition>> MergedDefinitions(const UpdateTableRequest& r,
                                                           const TableDescription& table) {
  std::vector<AttributeDefinition> defs = table.attribute_definitions;
  if (r.attribute_definitions) {
    for (const auto& a : *r.attribute_definitions) {
      auto it = std::find_if(defs.begin(), defs.end(), [&](const AttributeDefinition& d) {
        return d.attribute_name == a.attribute_name;
      });
      // A name the table already defines keeps its definition: a key's
      // type never changes.
      if (it == defs.end()) defs.push_back(a);
    }
  }
  return defs;
}

Status ValidateGsiUpdates(const UpdateTableRequest& r, const TableDescription& table,
                          bool creating_or_deleting) {
  const auto& updates = *r.global_secondary_index_updates;
  if (updates.empty()) return Invalid("List of GlobalSecondaryIndexUpdates is empty");
  {
    ConstraintErrors errors;
    for (size_t i = 0; i < updates.size(); ++i) {
      const auto& u = updates[i];
      const std::string base = "globalSecondaryIndexUpdates." + std::to_string(i + 1) + ".member.";
      if (u.create) {
        CheckResourceName(u.create->index.index_name, base + "create.indexName", &errors);
        AddThroughputConstraints(u.create->index.provisioned_throughput, base + "create.", &errors);
        AddKeySchemaConstraints(u.create->index.key_schema, base + "create.",
                                kMaxIndexHashAttributes + kMaxIndexRangeAttributes, &errors);
        AddProjectionConstraints(u.create->index.projection, base + "create.", &errors);
      }
      if (u.update) {
        CheckResourceName(u.update->index_name, base + "update.indexName", &errors);
        AddThroughputConstraints(u.update->provisioned_throughput, base + "update.", &errors);
      }
      if (u.del) CheckResourceName(u.del->index_name, base + "delete.indexName", &errors);
    }
    RETURN_IF_ERROR(errors.ToStatus());
  }
  std::set<std::string, std::less<>> touched;
  size_t creates_or_deletes = 0;
  for (const auto& u : updates) {
    const int actions = (u.create ? 1 : 0) + (u.update ? 1 : 0) + (u.del ? 1 : 0);
    if (actions == 0) {
      return Invalid("One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                     "GlobalSecondaryIndexUpdate.Delete must not be null");
    }
    if (actions > 1) {
      return Invalid("Only one global secondary index action is allowed per "
                     "GlobalSecondaryIndexUpdate object");
    }
    const std::string& name = u.create ? u.create->index.index_name
                              : u.update ? u.update->index_name
                                         : u.del->index_name;
    if (!touched.insert(name).second) {
      return Invalid("Only one global secondary index update per index is allowed simultaneously. "
                     "Index: " + name);
    }
    if (u.create || u.del) ++creates_or_deletes;
  }
  if (creates_or_deletes > 1 || (creates_or_deletes == 1 && creating_or_deleting)) {
    return Status(ErrorCode::kLimitExceeded,
                  "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                  "simultaneously per table");
  }
  const bool ppr = table.billing_mode_summary &&
                   table.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest;
  auto find_gsi = [&](const std::string& name) {
    return std::find_if(table.global_secondary_indexes.begin(), table.global_secondary_indexes.end(),
                        [&](const GlobalSecondaryIndexDescription& g) { return g.index_name == name; });
  };
  auto is_lsi = [&](const std::string& name) {
    return std::any_of(table.local_secondary_indexes.begin(), table.local_secondary_indexes.end(),
                       [&](const LocalSecondaryIndexDescription& l) { return l.index_name == name; });
  };
  for (const auto& u : updates) {
    if (u.create) {
      const GlobalSecondaryIndex& g = u.create->index;
      if (find_gsi(g.index_name) != table.global_secondary_indexes.end() || is_lsi(g.index_name)) {
        return Status::Validation("Attempting to create an index which already exists");
      }
      if (!r.attribute_definitions) {
        return Invalid("AttributeDefinitions is not specified for index: " + g.index_name);
      }
      ASSIGN_OR_RETURN(std::vector<AttributeDefinition> merged, MergedDefinitions(r, table));
      RETURN_IF_ERROR(CheckKeysDefined(g.key_schema, DefinitionNames(merged)));
      RETURN_IF_ERROR(CheckGlobalKeySchema(g.key_schema));
      RETURN_IF_ERROR(CheckProjection(g.projection));
      if (ppr && g.provisioned_throughput) {
        return Invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for "
                       "index: " + g.index_name + " when BillingMode is PAY_PER_REQUEST");
      }
      if (!ppr && !g.provisioned_throughput) {
        return Invalid("ProvisionedThroughput must be specified for index: " + g.index_name);
      }
      size_t non_key = NonKeyCount(g.projection);
      for (const auto& e : table.global_secondary_indexes) non_key += NonKeyCount(e.projection);
      for (const auto& e : table.local_secondary_indexes) non_key += NonKeyCount(e.projection);
      if (non_key > kMaxProjectedNonKeyAttributes) {
        return Invalid("Number of projected attributes in all indexes exceeds limit of 100");
      }
      if (table.global_secondary_indexes.size() + 1 > kMaxGlobalSecondaryIndexes) {
        return Status(ErrorCode::kLimitExceeded,
                      std::string(kInvalid) +
                          "GlobalSecondaryIndex count exceeds the per-table limit of 20");
      }
    } else if (u.del) {
      if (find_gsi(u.del->index_name) == table.global_secondary_indexes.end()) {
        return Status::Validation("Cannot delete an index that is not a GlobalSecondaryIndex: " +
                                  u.del->index_name);
      }
    } else {
      if (find_gsi(u.update->index_name) == table.global_secondary_indexes.end()) {
        return Status::Validation("Cannot update an index that is not a GlobalSecondaryIndex: " +
                                  u.update->index_name);
      }
      if (ppr && u.update->provisioned_throughput) {
        return Invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for "
                       "index: " + u.update->index_name + " when BillingMode is PAY_PER_REQUEST");
      }
      if (!ppr && !u.update->provisioned_throughput) {
        return Invalid("ProvisionedThroughput must be specified for index: " + u.update->index_name);
      }
    }
  }
  return Status::OK();
}

}  // namespace dynarock::engine
