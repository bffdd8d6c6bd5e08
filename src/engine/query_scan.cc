// Query and Scan: one page each, read from one iterator (one consistent
// view), at most Limit items and at most 1 MB of item data read. The
// filter and projection (read_plan.h) apply to the items of the page after
// they are read: Limit and the 1 MB rule count items read (ScannedCount),
// Count counts the items that passed the filter.
#include "codec/item_codec.h"
#include "codec/key_codec.h"
#include "engine/database_impl.h"
#include "engine/read_plan.h"
#include "engine/request_checks.h"
#include "engine/validation.h"

namespace dynarock::engine {
namespace {

// DynamoDB stops a page once it has read 1 MB of items (by ItemSize).
constexpr int64_t kMaxPageBytes = 1024 * 1024;

// Operand count each operator takes (IN: one or more, encoded as -1).
int OperandCount(ComparisonOperator op) {
  switch (op) {
    case ComparisonOperator::kNull:
    case ComparisonOperator::kNotNull: return 0;
    case ComparisonOperator::kIn: return -1;
    case ComparisonOperator::kBetween: return 2;
    default: return 1;
  }
}

bool IsScalarKeyType(const AttributeValue& v) {
  return v.type() == ValueType::kS || v.type() == ValueType::kN || v.type() == ValueType::kB;
}

// Smallest string greater than every string that starts with prefix, or
// nullopt when there is none (empty or all 0xff).
std::optional<std::string> PrefixSuccessor(std::string prefix) {
  while (!prefix.empty() && static_cast<uint8_t>(prefix.back()) == 0xff) prefix.pop_back();
  if (prefix.empty()) return std::nullopt;
  prefix.back() = static_cast<char>(static_cast<uint8_t>(prefix.back()) + 1);
  return prefix;
}

// Narrows range to keys > key (forward paging) or < key (backward).
void ApplyStartKey(const std::string& key, bool forward, storage::KeyRange* range) {
  if (forward) {
    std::string after = key;
    after.push_back('\0');  // the smallest key greater than key
    if (after > range->lower) range->lower = std::move(after);
  } else if (!range->has_upper || key < range->upper) {
    range->upper = key;
    range->has_upper = true;
  }
}

struct PageOptions {
  bool forward = true;
  int32_t limit = 0;  // 0: no limit (items read)
  bool count_only = false;
  const ReadPlan* plan = nullptr;  // filter and projection; REQUIRES: set
};

Status CheckLimit(const std::optional<int32_t>& limit) {
  if (limit && *limit < 1) {
    ConstraintErrors errors;
    errors.Add(std::to_string(*limit), "limit", "Member must have value greater than or equal to 1");
    return errors.ToStatus();
  }
  return Status::OK();
}

Status InvalidStartKey(const Status& why) {
  return Status::Validation("The provided starting key is invalid: " + why.message());
}

}  // namespace

// Reads one page over range. Shared by Query and Scan.
static Status ReadPage(const storage::Store& store, const Table& table, storage::KeyRange range,
                       const PageOptions& opt, QueryResult* out, int64_t* bytes_read) {
  auto it = store.NewIterator(*table.cf, std::move(range));
  if (opt.forward) {
    it->SeekToFirst();
  } else {
    it->SeekToLast();
  }
  int64_t bytes = 0;
  if (!opt.count_only && opt.limit > 0 && opt.limit <= 1024) {
    out->items.reserve(static_cast<size_t>(opt.limit));
  }
  const ReadPlan& plan = *opt.plan;
  for (; it->Valid(); opt.forward ? it->Next() : it->Prev()) {
    ASSIGN_OR_RETURN(Item item, codec::DecodeItem(it->value()));
    bytes += ItemSize(item);
    ++out->scanned_count;
    // Limit counts items read, filtered or not, as DynamoDB's does.
    const bool stop = (opt.limit > 0 && out->scanned_count >= opt.limit) || bytes >= kMaxPageBytes;
    // DynamoDB returns LastEvaluatedKey whenever the page stopped on Limit or
    // on 1 MB, without looking ahead: the next page may be empty.
    if (stop) out->last_evaluated_key = table.key.ExtractKey(item);
    ASSIGN_OR_RETURN(bool keep, Keep(plan, item));
    if (keep) {
      ++out->count;
      if (!opt.count_only) {
        if (!plan.projection.empty()) {
          out->items.push_back(plan.projection.Apply(item));
        } else {
          out->items.push_back(std::move(item));
        }
      }
    }
    if (stop) break;
  }
  *bytes_read = bytes;
  return it->status();
}

// ------------------------------------------------------------------- Query

Result<QueryResult> DatabaseImpl::Query(const QueryRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  // Issue 8: a Query on an index is index_ops.cc's, request checks included
  // (multi-attribute index keys take more than two key conditions).
  if (r.index_name) return QueryOnIndex(r);
  RETURN_IF_ERROR(CheckLimit(r.limit));
  // Mixing rules, Select, the filter, projection and key condition
  // (a KeyConditionExpression becomes the KeyConditions it means).
  ASSIGN_OR_RETURN(ReadPlan plan, CompileQueryPlan(r));
  const ConditionMap& conditions =
      plan.key_condition ? plan.key_conditions_from_expression : *r.key_conditions;
  for (const auto& [name, c] : conditions) {
    for (const auto& v : c.attribute_value_list) RETURN_IF_ERROR(ValidateValue(v));
    const int want = OperandCount(c.comparison_operator);
    const int have = static_cast<int>(c.attribute_value_list.size());
    if ((want >= 0 && have != want) || (want < 0 && have < 1)) {
      return Status::Validation(
          "The attempted filter operation is not supported for the provided filter argument count");
    }
  }
  if (conditions.size() != 1 && conditions.size() != 2) {
    return Status::Validation("Conditions can be of length 1 or 2 only");
  }
  if (r.exclusive_start_key) {
    for (const auto& [name, v] : *r.exclusive_start_key) {
      Status s = ValidateValue(v);
      if (!s.ok()) return InvalidStartKey(s);
    }
  }
  ASSIGN_OR_RETURN(TableRef table, FindTable(r.table_name));
  const KeySchema& ks = table->key;

  auto pk_it = conditions.find(ks.partition_name());
  if (pk_it == conditions.end()) {
    return Status::Validation("Query condition missed key schema element: " + ks.partition_name());
  }
  const Condition* sk_cond = nullptr;
  if (conditions.size() == 2) {
    if (!ks.has_sort_key()) return Status::Validation("Query key condition not supported");
    auto sk_it = conditions.find(ks.sort_name());
    if (sk_it == conditions.end()) {
      return Status::Validation("Query condition missed key schema element: " + ks.sort_name());
    }
    sk_cond = &sk_it->second;
  }
  for (const auto& [name, c] : conditions) {
    switch (c.comparison_operator) {
      case ComparisonOperator::kNull:
      case ComparisonOperator::kNotNull:
      case ComparisonOperator::kContains:
      case ComparisonOperator::kNotContains:
      case ComparisonOperator::kIn:
      case ComparisonOperator::kNe:
        return Status::Validation("Attempted conditional constraint is not an indexable operation");
      default:
        break;
    }
    for (const auto& v : c.attribute_value_list) {
      if (!IsScalarKeyType(v) ||
          (c.comparison_operator == ComparisonOperator::kBeginsWith && v.type() == ValueType::kN)) {
        return Status::Validation("The attempted filter operation is not supported for the provided type");
      }
    }
  }
  const Condition& pk_cond = pk_it->second;
  if (pk_cond.comparison_operator != ComparisonOperator::kEq) {
    return Status::Validation("Query key condition not supported");
  }
  const AttributeValue& pk_value = pk_cond.attribute_value_list[0];
  if (!HasScalarType(pk_value, ks.partition_type())) {
    return Status::Validation(
        "One or more parameter values were invalid: Condition parameter type does not match schema "
        "type");
  }
  if (sk_cond != nullptr) {
    for (const auto& v : sk_cond->attribute_value_list) {
      if (!HasScalarType(v, ks.sort_type())) {
        return Status::Validation(
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type");
      }
    }
  }
  // Key-value rules (not empty, size) apply to the partition key value.
  RETURN_IF_ERROR(ks.CheckKeyValue(ks.partition_name(), pk_value, /*partition=*/true));
  {
    std::vector<std::string> key_names{ks.partition_name()};
    if (ks.has_sort_key()) key_names.push_back(ks.sort_name());
    RETURN_IF_ERROR(CheckFilterOnKeys(plan, key_names));
  }

  // Key range of the page: [partition prefix + lower, partition prefix + upper).
  std::string prefix;
  codec::AppendPartitionPrefix(pk_value, &prefix);
  storage::KeyRange range;
  range.lower = prefix;
  if (auto end = PrefixSuccessor(prefix)) {
    range.upper = *end;
    range.has_upper = true;
  }
  auto key_of = [&prefix](const AttributeValue& v) {
    std::string k = prefix;
    codec::AppendKeyBytes(v, &k);
    return k;
  };
  auto just_after = [](std::string k) {
    k.push_back('\0');
    return k;
  };
  if (sk_cond != nullptr) {
    const auto& vals = sk_cond->attribute_value_list;
    switch (sk_cond->comparison_operator) {
      case ComparisonOperator::kEq:
        range.lower = key_of(vals[0]);
        range.upper = just_after(range.lower);
        break;
      case ComparisonOperator::kLt:
        range.upper = key_of(vals[0]);
        break;
      case ComparisonOperator::kLe:
        range.upper = just_after(key_of(vals[0]));
        break;
      case ComparisonOperator::kGt:
        range.lower = just_after(key_of(vals[0]));
        break;
      case ComparisonOperator::kGe:
        range.lower = key_of(vals[0]);
        break;
      case ComparisonOperator::kBetween:
        range.lower = key_of(vals[0]);
        range.upper = just_after(key_of(vals[1]));
        if (range.lower >= range.upper) {
          // Only legacy KeyConditions get here: the expression compiler
          // rejects a KeyConditionExpression BETWEEN with bounds reversed.
          return Status::Validation(
              "The BETWEEN condition was provided a range where the lower bound is greater than "
              "the upper bound");
        }
        break;
      case ComparisonOperator::kBeginsWith: {
        // S and B sort keys encode as their raw bytes, so "begins with" is
        // a byte-prefix range.
        range.lower = key_of(vals[0]);
        if (auto end = PrefixSuccessor(range.lower)) range.upper = *end;
        break;
      }
      default:
        return Status::Validation("Attempted conditional constraint is not an indexable operation");
    }
    range.has_upper = true;
  } else if (!ks.has_sort_key()) {
    range.upper = just_after(prefix);  // a hash-only item's key is the prefix itself
    range.has_upper = true;
  }

  PageOptions opt;
  opt.forward = r.scan_index_forward.value_or(true);
  opt.limit = r.limit.value_or(0);
  opt.count_only = r.select == Select::kCount;
  opt.plan = &plan;

  if (r.exclusive_start_key) {
    Status s = ks.ValidateKey(*r.exclusive_start_key);
    if (!s.ok()) return InvalidStartKey(s);
    if (!(r.exclusive_start_key->find(ks.partition_name())->second == pk_value)) {
      return Status::Validation(
          "The provided starting key is outside query boundaries based on provided conditions");
    }
    std::string start;
    ks.EncodeKey(*r.exclusive_start_key, &start);
    ApplyStartKey(start, opt.forward, &range);
  }

  QueryResult result;
  int64_t bytes = 0;
  if (!range.has_upper || range.lower < range.upper) {
    RETURN_IF_ERROR(ReadPage(*store_, *table, std::move(range), opt, &result, &bytes));
  }
  if (r.return_consumed_capacity != ReturnConsumedCapacity::kNone) {
    result.consumed_capacity = MakeConsumed(r.return_consumed_capacity, r.table_name,
                                            ReadUnits(bytes, r.consistent_read.value_or(false)), true);
  }
  return result;
}

// -------------------------------------------------------------------- Scan

Result<ScanResult> DatabaseImpl::Scan(const ScanRequest& r) {
  RETURN_IF_ERROR(ValidateTableName(r.table_name));
  {
    ConstraintErrors errors;
    if (r.total_segments && *r.total_segments < 1) {
      errors.Add(std::to_string(*r.total_segments), "totalSegments",
                 "Member must have value greater than or equal to 1");
    }
    if (r.total_segments && *r.total_segments > 1000000) {
      errors.Add(std::to_string(*r.total_segments), "totalSegments",
                 "Member must have value less than or equal to 1000000");
    }
    if (r.segment && *r.segment < 0) {
      errors.Add(std::to_string(*r.segment), "segment",
                 "Member must have value greater than or equal to 0");
    }
    if (r.segment && *r.segment > 999999) {
      errors.Add(std::to_string(*r.segment), "segment",
                 "Member must have value less than or equal to 999999");
    }
    if (r.limit && *r.limit < 1) {
      errors.Add(std::to_string(*r.limit), "limit", "Member must have value greater than or equal to 1");
    }
    RETURN_IF_ERROR(errors.ToStatus());
  }
  if (r.segment && !r.total_segments) {
    return Status::Validation(
        "The TotalSegments parameter is required but was not present in the request when Segment "
        "parameter is present");
  }
  if (r.total_segments && !r.segment) {
    return Status::Validation(
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present");
  }
  if (r.segment && *r.segment >= *r.total_segments) {
    return Status::Validation(
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: " + std::to_string(*r.segment) + " is not less than TotalSegments: " +
        std::to_string(*r.total_segments));
  }
  // Mixing rules, Select, the filter and projection.
  ASSIGN_OR_RETURN(ReadPlan plan, CompileScanPlan(r));
  if (r.exclusive_start_key) {
    for (const auto& [name, v] : *r.exclusive_start_key) {
      Status s = ValidateValue(v);
      if (!s.ok()) return InvalidStartKey(s);
    }
  }
  ASSIGN_OR_RETURN(TableRef table, FindTable(r.table_name));
  // Issue 8: a Scan of an index (index_ops.cc).
  if (r.index_name) return ScanOnIndex(r, table, plan);

  // Parallel Scan: this segment's share of the hash space.
  storage::KeyRange range;
  if (r.total_segments) ApplyHashSegment(*r.segment, *r.total_segments, &range);
  if (r.exclusive_start_key) {
    Status s = table->key.ValidateKey(*r.exclusive_start_key);
    if (!s.ok()) return InvalidStartKey(s);
    std::string start;
    table->key.EncodeKey(*r.exclusive_start_key, &start);
    ApplyStartKey(start, true, &range);
  }

  PageOptions opt;
  opt.limit = r.limit.value_or(0);
  opt.count_only = r.select == Select::kCount;
  opt.plan = &plan;
  ScanResult result;
  int64_t bytes = 0;
  if (!range.has_upper || range.lower < range.upper) {
    RETURN_IF_ERROR(ReadPage(*store_, *table, std::move(range), opt, &result, &bytes));
  }
  if (r.return_consumed_capacity != ReturnConsumedCapacity::kNone) {
    result.consumed_capacity = MakeConsumed(r.return_consumed_capacity, r.table_name,
                                            ReadUnits(bytes, r.consistent_read.value_or(false)), true);
  }
  return result;
}

}  // namespace dynarock::engine
