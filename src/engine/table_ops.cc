// CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable,
// UpdateTimeToLive, DescribeTimeToLive, TagResource, UntagResource,
// ListTagsOfResource.
#include <chrono>
#include <cstdio>
#include <random>

#include "engine/database_impl.h"
#include "engine/index_catalog.h"
#include "engine/index_validation.h"
#include "engine/validation.h"

namespace dynarock::engine {
namespace {

constexpr int64_t kMaxCapacityUnits = 1000000000000;  // DynamoDB's bound
constexpr size_t kMaxTagsPerResource = 50;

double NowSeconds() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count()) /
         1000.0;
}

std::string NewUuid() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^
                                   static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  uint64_t a = rng(), b = rng();
  a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char buf[37];
  std::snprintf(buf, sizeof(buf), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xffff),
                static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

std::string KeyTypeName(KeyType t) { return t == KeyType::kHash ? "HASH" : "RANGE"; }

// Java-style rendering DynamoDB uses for list values in constraint errors.
std::string RenderKeySchema(const std::vector<KeySchemaElement>& keys) {
  std::string s = "[";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i != 0) s += ", ";
    s += "KeySchemaElement(attributeName=" + keys[i].attribute_name +
         ", keyType=" + KeyTypeName(keys[i].key_type) + ")";
  }
  return s + "]";
}

void CheckThroughputConstraints(const std::optional<ProvisionedThroughput>& t,
                                ConstraintErrors* errors) {
  if (!t) return;
  if (t->write_capacity_units < 1) {
    errors->Add(std::to_string(t->write_capacity_units), "provisionedThroughput.writeCapacityUnits",
                "Member must have value greater than or equal to 1");
  }
  if (t->read_capacity_units < 1) {
    errors->Add(std::to_string(t->read_capacity_units), "provisionedThroughput.readCapacityUnits",
                "Member must have value greater than or equal to 1");
  }
}

Status CheckThroughputBounds(const ProvisionedThroughput& t) {
  if (t.read_capacity_units > kMaxCapacityUnits) {
    return Status::Validation("Given value " + std::to_string(t.read_capacity_units) +
                              " for ReadCapacityUnits is out of bounds");
  }
  if (t.write_capacity_units > kMaxCapacityUnits) {
    return Status::Validation("Given value " + std::to_string(t.write_capacity_units) +
                              " for WriteCapacityUnits is out of bounds");
  }
  return Status::OK();
}

void CheckTableClass(const std::optional<std::string>& c, ConstraintErrors* errors) {
  if (c && *c != "STANDARD" && *c != "STANDARD_INFREQUENT_ACCESS") {
    errors->Add(*c, "tableClass",
                "Member must satisfy enum value set: [STANDARD_INFREQUENT_ACCESS, STANDARD]");
  }
}

void CheckStream(const std::optional<StreamSpecification>& s, ConstraintErrors* errors) {
  if (!s || !s->stream_view_type) return;
  const std::string& v = *s->stream_view_type;
  if (v != "NEW_IMAGE" && v != "OLD_IMAGE" && v != "NEW_AND_OLD_IMAGES" && v != "KEYS_ONLY") {
    errors->Add(v, "streamSpecification.streamViewType",
                "Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, "
                "KEYS_ONLY]");
  }
}

Status ValidateTags(const std::vector<Tag>& tags) {
  ConstraintErrors errors;
  for (size_t i = 0; i < tags.size(); ++i) {
    std::string base = "tags." + std::to_string(i + 1) + ".member.";
    if (tags[i].key.empty()) {
      errors.Add(tags[i].key, base + "key", "Member must have length greater than or equal to 1");
    }
    if (tags[i].key.size() > 128) {
      errors.Add(tags[i].key, base + "key", "Member must have length less than or equal to 128");
    }
    if (tags[i].value.size() > 256) {
      errors.Add(tags[i].value, base + "value", "Member must have length less than or equal to 256");
    }
  }
  return errors.ToStatus();
}

// Merges tags into existing ones (a key given again replaces its value).
Status MergeTags(std::vector<Tag>* existing, const std::vector<Tag>& add) {
  std::vector<Tag> merged = *existing;
  for (const auto& t : add) {
    bool replaced = false;
    for (auto& e : merged) {
      if (e.key == t.key) {
        e.value = t.value;
        replaced = true;
      }
    }
    if (!replaced) merged.push_back(t);
  }
  if (merged.size() > kMaxTagsPerResource) {
    return Status(ErrorCode::kLimitExceeded,
                  "The number of tags for the resource exceeds the limit of 50");
  }
  *existing = std::move(merged);
  return Status::OK();
}

}  // namespace

// ------------------------------------------------------------- CreateTable

Result<CreateTableResult> DatabaseImpl::CreateTable(const CreateTableRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  {
    ConstraintErrors errors;
    if (r.key_schema.empty()) {
      errors.Add("[]", "keySchema", "Member must have length greater than or equal to 1");
    } else if (r.key_schema.size() > 2) {
      errors.Add(RenderKeySchema(r.key_schema), "keySchema",
                 "Member must have length less than or equal to 2");
    }
    for (size_t i = 0; i < r.key_schema.size(); ++i) {
      const std::string& n = r.key_schema[i].attribute_name;
      std::string field = "keySchema." + std::to_string(i + 1) + ".member.attributeName";
      if (n.empty()) errors.Add(n, field, "Member must have length greater than or equal to 1");
      if (n.size() > 255) errors.Add(n, field, "Member must have length less than or equal to 255");
    }
    CheckThroughputConstraints(r.provisioned_throughput, &errors);
    CheckTableClass(r.table_class, &errors);
    CheckStream(r.stream_specification, &errors);
    AddIndexConstraintErrors(r, &errors);
    RETURN_IF_ERROR(errors.ToStatus());
  }
  const bool ppr = r.billing_mode == BillingMode::kPayPerRequest;
  if (ppr) {
    if (r.provisioned_throughput) {
      return Status::Validation(
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
          "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
  } else {
    if (!r.provisioned_throughput) {
      return Status::Validation(
          "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
          "must both be specified when BillingMode is PROVISIONED");
    }
    RETURN_IF_ERROR(CheckThroughputBounds(*r.provisioned_throughput));
  }

  std::vector<std::string> defs, keys;
  for (const auto& a : r.attribute_definitions) defs.push_back(a.attribute_name);
  for (const auto& k : r.key_schema) keys.push_back(k.attribute_name);
  if (keys.size() > defs.size()) {
    return Status::Validation("Invalid KeySchema: Some index key attribute have no definition");
  }
  for (const auto& k : keys) {
    if (std::find(defs.begin(), defs.end(), k) == defs.end()) {
      auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
        return s;
      };
      return Status::Validation(
          "One or more parameter values were invalid: Some index key attributes are not defined "
          "in AttributeDefinitions. Keys: [" + join(keys) + "], AttributeDefinitions: [" +
          join(defs) + "]");
    }
  }
  if (keys.size() == 2 && keys[0] == keys[1]) {
    return Status::Validation(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (r.key_schema[0].key_type != KeyType::kHash) {
    return Status::Validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (r.key_schema.size() == 2 && r.key_schema[1].key_type != KeyType::kRange) {
    return Status::Validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  // Index rules, and the attribute definition rules indexes change.
  RETURN_IF_ERROR(ValidateCreateTableIndexes(r));
  if (r.tags) {
    RETURN_IF_ERROR(ValidateTags(*r.tags));
    if (r.tags->size() > kMaxTagsPerResource) {
      return Status(ErrorCode::kLimitExceeded,
                    "The number of tags for the resource exceeds the limit of 50");
    }
  }

  storage::TableMeta meta;
  TableDescription& d = meta.description;
  d.table_name = r.table_name;
  d.table_arn = TableArn(r.table_name);
  d.table_id = NewUuid();
  d.key_schema = r.key_schema;
  d.attribute_definitions = r.attribute_definitions;
  d.creation_date_time = NowSeconds();
  if (ppr) {
    BillingModeSummary s;
    s.billing_mode = BillingMode::kPayPerRequest;
    s.last_update_to_pay_per_request_date_time = d.creation_date_time;
    d.billing_mode_summary = s;
  } else {
    d.provisioned_throughput.read_capacity_units = r.provisioned_throughput->read_capacity_units;
    d.provisioned_throughput.write_capacity_units = r.provisioned_throughput->write_capacity_units;
  }
  d.on_demand_throughput = r.on_demand_throughput;
  if (r.stream_specification && r.stream_specification->stream_enabled) {
    d.stream_specification = r.stream_specification;
  }
  d.table_class = r.table_class;
  d.deletion_protection_enabled = r.deletion_protection_enabled.value_or(false);
  DescribeNewIndexes(r, &d);
  if (r.tags) meta.tags = *r.tags;

  std::lock_guard ddl(ddl_mu_);
  {
    std::shared_lock lock(tables_mu_);
    if (tables_.count(r.table_name) != 0) {
      return Status::ResourceInUse("Table already exists: " + r.table_name);
    }
  }
  meta.generation = next_generation_;
  meta.column_family = storage::TableColumnFamilyName(meta.generation);
  // Column family first, catalog second: a crash in between leaves an
  // orphan column family that the next Open drops.
  ASSIGN_OR_RETURN(storage::ColumnFamilyRef cf, store_->CreateColumnFamily(meta.column_family));
  uint64_t next = meta.generation + 1;
  auto index_cfs = CreateIndexColumnFamilies(store_.get(), &meta, &next);
  if (!index_cfs.ok()) {
    store_->DropColumnFamily(*cf).IgnoreError();
    return index_cfs.status();
  }
  storage::WriteBatch batch;
  storage::PutTableMeta(*store_, meta, &batch);
  storage::PutNextGeneration(*store_, next, &batch);
  Status s = store_->Write(&batch);
  if (!s.ok()) {
    store_->DropColumnFamily(*cf).IgnoreError();
    for (const auto& c : *index_cfs) store_->DropColumnFamily(*c).IgnoreError();
    return s;
  }
  next_generation_ = next;
  auto indexes = OpenIndexes(*store_, meta, [&](const std::string& name) -> storage::ColumnFamilyRef {
    for (const auto& c : *index_cfs) {
      if (c->name() == name) return c;
    }
    return nullptr;
  });
  if (!indexes.ok()) return indexes.status();
  TableRef table = MakeTable(std::move(meta), std::move(cf));
  table->indexes->Store(std::move(*indexes));
  {
    std::unique_lock lock(tables_mu_);
    tables_.emplace(r.table_name, table);
  }
  CreateTableResult result;
  result.table_description = Describe(*table, TableStatus::kCreating);
  return result;
}

// ----------------------------------------------------------- DescribeTable

Result<DescribeTableResult> DatabaseImpl::DescribeTable(const DescribeTableRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  ASSIGN_OR_RETURN(TableRef table, FindTable(r.table_name, /*with_name=*/true));
  DescribeTableResult result;
  result.table = Describe(*table, TableStatus::kActive);
  return result;
}

// -------------------------------------------------------------- ListTables

Result<ListTablesResult> DatabaseImpl::ListTables(const ListTablesRequest& r) {
  ConstraintErrors errors;
  if (r.exclusive_start_table_name) {
    CheckResourceName(*r.exclusive_start_table_name, "exclusiveStartTableName", &errors);
  }
  if (r.limit && *r.limit < 1) {
    errors.Add(std::to_string(*r.limit), "limit", "Member must have value greater than or equal to 1");
  }
  if (r.limit && *r.limit > 100) {
    errors.Add(std::to_string(*r.limit), "limit", "Member must have value less than or equal to 100");
  }
  RETURN_IF_ERROR(errors.ToStatus());
  const size_t limit = r.limit ? static_cast<size_t>(*r.limit) : 100;
  ListTablesResult result;
  std::shared_lock lock(tables_mu_);
  auto it = r.exclusive_start_table_name ? tables_.upper_bound(*r.exclusive_start_table_name)
                                         : tables_.begin();
  for (; it != tables_.end() && result.table_names.size() < limit; ++it) {
    result.table_names.push_back(it->first);
  }
  if (it != tables_.end() && !result.table_names.empty()) {
    result.last_evaluated_table_name = result.table_names.back();
  }
  return result;
}

// ------------------------------------------------------------- DeleteTable

Result<DeleteTableResult> DatabaseImpl::DeleteTable(const DeleteTableRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  std::lock_guard ddl(ddl_mu_);
  ASSIGN_OR_RETURN(TableRef table, FindTable(r.table_name, /*with_name=*/true));
  if (table->meta.description.deletion_protection_enabled) {
    return Status::Validation(
        "Resource cannot be deleted as it is currently protected against deletion. Disable "
        "deletion protection first.");
  }
  DeleteTableResult result;
  result.table_description = Describe(*table, TableStatus::kDeleting);
  // Catalog first, column family second: a crash in between leaves an
  // orphan column family that the next Open drops.
  storage::WriteBatch batch;
  storage::DeleteTableMeta(*store_, r.table_name, &batch);
  RETURN_IF_ERROR(store_->Write(&batch));
  {
    std::unique_lock lock(tables_mu_);
    tables_.erase(r.table_name);
  }
  RETURN_IF_ERROR(store_->DropColumnFamily(*table->cf));
  for (const auto& index : *table->indexes->Load()) {
    RETURN_IF_ERROR(store_->DropColumnFamily(*index.cf));
  }
  return result;
}

Status DatabaseImpl::ReplaceMeta(const TableRef& old, storage::TableMeta meta) {
  storage::WriteBatch batch;
  storage::PutTableMeta(*store_, meta, &batch);
  RETURN_IF_ERROR(store_->Write(&batch));
  TableRef table = MakeTable(std::move(meta), old->cf, old->indexes);
  std::unique_lock lock(tables_mu_);
  tables_[table->name()] = table;
  return Status::OK();
}

// ------------------------------------------------------------- UpdateTable

Result<UpdateTableResult> DatabaseImpl::UpdateTable(const UpdateTableRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  {
    ConstraintErrors errors;
    CheckThroughputConstraints(r.provisioned_throughput, &errors);
    CheckTableClass(r.table_class, &errors);
    CheckStream(r.stream_specification, &errors);
    RETURN_IF_ERROR(errors.ToStatus());
  }
  std::lock_guard ddl(ddl_mu_);
  ASSIGN_OR_RETURN(TableRef table, FindTable(r.table_name, /*with_name=*/true));
  const bool other_changes = r.provisioned_throughput || r.billing_mode || r.stream_specification ||
                             r.table_class || r.deletion_protection_enabled ||
                             r.on_demand_throughput;
  if (r.global_secondary_index_updates) {
    ASSIGN_OR_RETURN(UpdateTableResult indexed, UpdateTableIndexes(r, table));
    if (!other_changes) return indexed;
    ASSIGN_OR_RETURN(table, FindTable(r.table_name, /*with_name=*/true));
  }
  if (!r.provisioned_throughput && !r.billing_mode && !r.stream_specification && !r.table_class &&
      !r.deletion_protection_enabled && !r.on_demand_throughput) {
    return Status::Validation(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
  }
  storage::TableMeta meta = table->meta;
  TableDescription& d = meta.description;
  const bool was_ppr = d.billing_mode_summary &&
                       d.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest;
  const bool ppr = r.billing_mode ? *r.billing_mode == BillingMode::kPayPerRequest : was_ppr;
  if (ppr && r.provisioned_throughput) {
    return Status::Validation(
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
        "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  }
  if (!ppr && was_ppr && !r.provisioned_throughput) {
    return Status::Validation(
        "One or more parameter values were invalid: ProvisionedThroughput must be specified when "
        "BillingMode is PROVISIONED");
  }
  const double now = NowSeconds();
  if (ppr && !was_ppr) {
    BillingModeSummary s;
    s.billing_mode = BillingMode::kPayPerRequest;
    s.last_update_to_pay_per_request_date_time = now;
    d.billing_mode_summary = s;
    d.provisioned_throughput.read_capacity_units = 0;
    d.provisioned_throughput.write_capacity_units = 0;
  }
  if (!ppr && was_ppr) {
    BillingModeSummary s;
    s.billing_mode = BillingMode::kProvisioned;
    d.billing_mode_summary = s;
  }
  if (r.provisioned_throughput) {
    RETURN_IF_ERROR(CheckThroughputBounds(*r.provisioned_throughput));
    auto& t = d.provisioned_throughput;
    const int64_t rcu = r.provisioned_throughput->read_capacity_units;
    const int64_t wcu = r.provisioned_throughput->write_capacity_units;
    const bool only_throughput = !r.billing_mode && !r.stream_specification && !r.table_class &&
                                 !r.deletion_protection_enabled && !r.on_demand_throughput;
    if (!was_ppr && only_throughput && rcu == t.read_capacity_units && wcu == t.write_capacity_units) {
      return Status::Validation(
          "The provisioned throughput for the table will not change. The requested value equals "
          "the current value. Current ReadCapacityUnits provisioned for the table: " +
          std::to_string(t.read_capacity_units) + ". Requested ReadCapacityUnits: " +
          std::to_string(rcu) + ". Current WriteCapacityUnits provisioned for the table: " +
          std::to_string(t.write_capacity_units) + ". Requested WriteCapacityUnits: " +
          std::to_string(wcu) +
          ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request "
          "higher limits.");
    }
    if (rcu > t.read_capacity_units || wcu > t.write_capacity_units) t.last_increase_date_time = now;
    if (rcu < t.read_capacity_units || wcu < t.write_capacity_units) {
      t.last_decrease_date_time = now;
      ++t.number_of_decreases_today;
    }
    t.read_capacity_units = rcu;
    t.write_capacity_units = wcu;
  }
  if (r.on_demand_throughput) d.on_demand_throughput = r.on_demand_throughput;
  if (r.stream_specification) {
    if (r.stream_specification->stream_enabled) {
      d.stream_specification = r.stream_specification;
    } else {
      d.stream_specification.reset();
    }
  }
  if (r.table_class) d.table_class = r.table_class;
  if (r.deletion_protection_enabled) d.deletion_protection_enabled = *r.deletion_protection_enabled;
  RETURN_IF_ERROR(ReplaceMeta(table, std::move(meta)));
  ASSIGN_OR_RETURN(TableRef updated, FindTable(r.table_name, true));
  UpdateTableResult result;
  result.table_description = Describe(*updated, TableStatus::kUpdating);
  return result;
}

// ------------------------------------------------------------------- TTL

Result<UpdateTimeToLiveResult> DatabaseImpl::UpdateTimeToLive(const UpdateTimeToLiveRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  const std::string& attr = r.time_to_live_specification.attribute_name;
  {
    ConstraintErrors errors;
    if (attr.empty()) {
      errors.Add(attr, "timeToLiveSpecification.attributeName",
                 "Member must have length greater than or equal to 1");
    }
    if (attr.size() > 255) {
      errors.Add(attr, "timeToLiveSpecification.attributeName",
                 "Member must have length less than or equal to 255");
    }
    RETURN_IF_ERROR(errors.ToStatus());
  }
  std::lock_guard ddl(ddl_mu_);
  ASSIGN_OR_RETURN(TableRef table, FindTable(r.table_name, /*with_name=*/true));
  storage::TableMeta meta = table->meta;
  const bool enabled = meta.ttl && meta.ttl->enabled;
  if (r.time_to_live_specification.enabled && enabled) {
    return Status::Validation("TimeToLive is already enabled");
  }
  if (!r.time_to_live_specification.enabled) {
    if (!enabled) return Status::Validation("TimeToLive is already disabled");
    if (meta.ttl->attribute_name != attr) {
      return Status::Validation("TimeToLive is active on a different AttributeName: current AttributeName is " +
                                meta.ttl->attribute_name);
    }
  }
  meta.ttl = r.time_to_live_specification;
  RETURN_IF_ERROR(ReplaceMeta(table, std::move(meta)));
  UpdateTimeToLiveResult result;
  result.time_to_live_specification = r.time_to_live_specification;
  return result;
}

Result<DescribeTimeToLiveResult> DatabaseImpl::DescribeTimeToLive(const DescribeTimeToLiveRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  ASSIGN_OR_RETURN(TableRef table, FindTable(r.table_name, /*with_name=*/true));
  DescribeTimeToLiveResult result;
  if (table->meta.ttl && table->meta.ttl->enabled) {
    result.time_to_live_description.time_to_live_status = "ENABLED";
    result.time_to_live_description.attribute_name = table->meta.ttl->attribute_name;
  } else {
    result.time_to_live_description.time_to_live_status = "DISABLED";
  }
  return result;
}

// ------------------------------------------------------------------ Tags

Result<TableRef> DatabaseImpl::FindTableByArn(std::string_view arn) const {
  const std::string prefix = "arn:aws:dynamodb:";
  auto invalid = [&] {
    return Status::Validation("Invalid TableArn: Invalid ResourceArn provided as input " +
                              std::string(arn));
  };
  auto not_found = [&] {
    // "ResourcArn" (sic) is DynamoDB's spelling.
    return Status::ResourceNotFound("Requested resource not found: ResourcArn: " +
                                    std::string(arn) + " not found");
  };
  if (arn.substr(0, prefix.size()) != prefix) return invalid();
  std::string_view rest = arn.substr(prefix.size());
  size_t c1 = rest.find(':');
  if (c1 == std::string_view::npos) return invalid();
  size_t c2 = rest.find(':', c1 + 1);
  if (c2 == std::string_view::npos) return invalid();
  std::string_view region = rest.substr(0, c1);
  std::string_view account = rest.substr(c1 + 1, c2 - c1 - 1);
  std::string_view resource = rest.substr(c2 + 1);
  if (resource.substr(0, 6) != "table/" || resource.size() == 6) return invalid();
  std::string_view name = resource.substr(6);
  if (name.find('/') != std::string_view::npos) return invalid();  // index/stream ARNs
  if (region != options_.region || account != options_.account_id) return not_found();
  auto t = FindTable(name);
  if (!t.ok()) return not_found();
  return *t;
}

Status DatabaseImpl::TagResource(const TagResourceRequest& r) {
  if (r.tags.empty()) return Status::Validation("Atleast one Tag needs to be provided as Input.");
  RETURN_IF_ERROR(ValidateTags(r.tags));
  std::lock_guard ddl(ddl_mu_);
  ASSIGN_OR_RETURN(TableRef table, FindTableByArn(r.resource_arn));
  storage::TableMeta meta = table->meta;
  RETURN_IF_ERROR(MergeTags(&meta.tags, r.tags));
  return ReplaceMeta(table, std::move(meta));
}

Status DatabaseImpl::UntagResource(const UntagResourceRequest& r) {
  if (r.tag_keys.empty()) {
    return Status::Validation("Atleast one Tag Key needs to be provided as Input.");
  }
  std::lock_guard ddl(ddl_mu_);
  ASSIGN_OR_RETURN(TableRef table, FindTableByArn(r.resource_arn));
  storage::TableMeta meta = table->meta;
  std::erase_if(meta.tags, [&](const Tag& t) {
    return std::find(r.tag_keys.begin(), r.tag_keys.end(), t.key) != r.tag_keys.end();
  });
  return ReplaceMeta(table, std::move(meta));
}

Result<ListTagsOfResourceResult> DatabaseImpl::ListTagsOfResource(const ListTagsOfResourceRequest& r) {
  ASSIGN_OR_RETURN(TableRef table, FindTableByArn(r.resource_arn));
  // At most 50 tags per resource: one page always holds them all, so no
  // NextToken is ever returned.
  ListTagsOfResourceResult result;
  result.tags = table->meta.tags;
  return result;
}

}  // namespace dynarock::engine
