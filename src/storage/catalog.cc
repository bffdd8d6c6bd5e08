// Catalog record encoding. Mirrored in docs/format/catalog.md.
//
//   meta      := version:u8 (= 1) field*
//   field     := tag:varint32 payload:lp
//   lp        := length:varint32 byte{length}
// Fields (a reader skips tags it does not know; repeated tags keep order):
//   1  table_name          bytes
//   2  table_id            bytes (UUID text)
//   3  table_arn           bytes
//   4  generation          varint64
//   5  column_family       bytes ("t.<generation>")
//   6  creation_time_ms    varint64 (milliseconds since the Unix epoch)
//   7  key_schema_element  key_type:u8 name:bytes          (repeated, in order)
//   8  attribute_def       attr_type:u8 name:bytes         (repeated, in order)
//   9  billing_mode        u8 (0 PROVISIONED, 1 PAY_PER_REQUEST)
//   10 throughput          rcu:varint64 wcu:varint64 last_increase_ms:varint64
//                          last_decrease_ms:varint64 decreases_today:varint64
//                          (a time of 0 means absent)
//   11 ppr_since_ms        varint64 (LastUpdateToPayPerRequestDateTime)
//   12 on_demand           max_read+1:varint64 max_write+1:varint64 (0: absent)
//   13 stream_spec         enabled:u8 view_type:bytes (empty: absent)
//   14 table_class         bytes
//   15 deletion_protection u8
//   16 ttl                 enabled:u8 attribute_name:bytes
//   17 tag                 key:lp value:lp                 (repeated, in order)
//   18 gsi                 name:lp keys proj throughput-as-10 on-demand-as-12
//                          column_family:lp                (repeated)
//   19 lsi                 name:lp keys proj column_family:lp (repeated)
//   keys      := count:varint32 (key_type:u8 name:lp){count}
//   proj      := type:u8 (0 ALL, 1 KEYS_ONLY, 2 INCLUDE, 255 absent)
//                has_non_key:u8 count:varint32 (name:lp){count}
// Enum bytes: key_type 0 HASH, 1 RANGE; attr_type 0 S, 1 N, 2 B.
// DO NOT CHANGE OR REORDER any tag or enum byte: on disk.
#include "storage/catalog.h"

#include <charconv>

#include "util/coding.h"

namespace dynarock::storage {
namespace {

using util::GetLengthPrefixed;
using util::GetVarint32;
using util::GetVarint64;
using util::PutLengthPrefixed;
using util::PutVarint32;
using util::PutVarint64;

enum FieldTag : uint32_t {
  kTableName = 1,
  kTableId = 2,
  kTableArn = 3,
  kGeneration = 4,
  kColumnFamily = 5,
  kCreationTime = 6,
  kKeySchemaElement = 7,
  kAttributeDefinition = 8,
  kBillingMode = 9,
  kThroughput = 10,
  kPayPerRequestSince = 11,
  kOnDemand = 12,
  kStreamSpec = 13,
  kTableClass = 14,
  kDeletionProtection = 15,
  kTtl = 16,
  kTagEntry = 17,
  kGsi = 18,
  kLsi = 19,
};

uint64_t ToMillis(double seconds) {
  return seconds <= 0 ? 0 : static_cast<uint64_t>(seconds * 1000.0 + 0.5);
}
double FromMillis(uint64_t ms) { return static_cast<double>(ms) / 1000.0; }

uint8_t KeyTypeByte(KeyType t) { return t == KeyType::kHash ? 0 : 1; }
bool KeyTypeFromByte(uint8_t b, KeyType* t) {
  if (b > 1) return false;
  *t = b == 0 ? KeyType::kHash : KeyType::kRange;
  return true;
}
uint8_t AttrTypeByte(ScalarAttributeType t) {
  switch (t) {
    case ScalarAttributeType::kS: return 0;
    case ScalarAttributeType::kN: return 1;
    case ScalarAttributeType::kB: return 2;
  }
  return 0;
}
bool AttrTypeFromByte(uint8_t b, ScalarAttributeType* t) {
  switch (b) {
    case 0: *t = ScalarAttributeType::kS; return true;
    case 1: *t = ScalarAttributeType::kN; return true;
    case 2: *t = ScalarAttributeType::kB; return true;
  }
  return false;
}

void PutField(std::string* out, uint32_t tag, std::string_view payload) {
  PutVarint32(out, tag);
  PutLengthPrefixed(out, payload);
}

void PutKeys(std::string* out, const std::vector<KeySchemaElement>& keys) {
  PutVarint32(out, static_cast<uint32_t>(keys.size()));
  for (const auto& k : keys) {
    out->push_back(static_cast<char>(KeyTypeByte(k.key_type)));
    PutLengthPrefixed(out, k.attribute_name);
  }
}

void PutProjection(std::string* out, const Projection& p) {
  uint8_t type = 255;
  if (p.projection_type) {
    switch (*p.projection_type) {
      case ProjectionType::kAll: type = 0; break;
      case ProjectionType::kKeysOnly: type = 1; break;
      case ProjectionType::kInclude: type = 2; break;
    }
  }
  out->push_back(static_cast<char>(type));
  out->push_back(p.non_key_attributes ? 1 : 0);
  const auto& names = p.non_key_attributes ? *p.non_key_attributes : std::vector<std::string>{};
  PutVarint32(out, static_cast<uint32_t>(names.size()));
  for (const auto& n : names) PutLengthPrefixed(out, n);
}

void PutThroughput(std::string* out, const ProvisionedThroughputDescription& t) {
  PutVarint64(out, static_cast<uint64_t>(t.read_capacity_units));
  PutVarint64(out, static_cast<uint64_t>(t.write_capacity_units));
  PutVarint64(out, t.last_increase_date_time ? ToMillis(*t.last_increase_date_time) : 0);
  PutVarint64(out, t.last_decrease_date_time ? ToMillis(*t.last_decrease_date_time) : 0);
  PutVarint64(out, static_cast<uint64_t>(t.number_of_decreases_today));
}

void PutOnDemand(std::string* out, const std::optional<OnDemandThroughput>& o) {
  auto opt = [](const std::optional<int64_t>& v) {
    return v ? static_cast<uint64_t>(*v) + 1 : uint64_t{0};
  };
  PutVarint64(out, o ? opt(o->max_read_request_units) : 0);
  PutVarint64(out, o ? opt(o->max_write_request_units) : 0);
}

std::string_view IndexColumnFamily(const TableMeta& meta, const std::string& index) {
  for (const auto& [name, cf] : meta.index_column_families) {
    if (name == index) return cf;
  }
  return {};
}

// ------------------------------------------------------------- decoding

bool GetByte(std::string_view* in, uint8_t* b) {
  if (in->empty()) return false;
  *b = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  return true;
}

bool GetKeys(std::string_view* in, std::vector<KeySchemaElement>* keys) {
  uint32_t n = 0;
  if (!GetVarint32(in, &n) || n > 16) return false;
  for (uint32_t i = 0; i < n; ++i) {
    uint8_t t = 0;
    std::string_view name;
    KeySchemaElement e;
    if (!GetByte(in, &t) || !KeyTypeFromByte(t, &e.key_type) || !GetLengthPrefixed(in, &name)) {
      return false;
    }
    e.attribute_name = std::string(name);
    keys->push_back(std::move(e));
  }
  return true;
}

bool GetProjection(std::string_view* in, Projection* p) {
  uint8_t type = 0, has = 0;
  if (!GetByte(in, &type) || !GetByte(in, &has)) return false;
  switch (type) {
    case 0: p->projection_type = ProjectionType::kAll; break;
    case 1: p->projection_type = ProjectionType::kKeysOnly; break;
    case 2: p->projection_type = ProjectionType::kInclude; break;
    case 255: break;
    default: return false;
  }
  uint32_t n = 0;
  if (!GetVarint32(in, &n) || n > in->size()) return false;
  std::vector<std::string> names;
  for (uint32_t i = 0; i < n; ++i) {
    std::string_view name;
    if (!GetLengthPrefixed(in, &name)) return false;
    names.emplace_back(name);
  }
  if (has) p->non_key_attributes = std::move(names);
  return true;
}

bool GetThroughput(std::string_view* in, ProvisionedThroughputDescription* t) {
  uint64_t r = 0, w = 0, inc = 0, dec = 0, n = 0;
  if (!GetVarint64(in, &r) || !GetVarint64(in, &w) || !GetVarint64(in, &inc) ||
      !GetVarint64(in, &dec) || !GetVarint64(in, &n)) {
    return false;
  }
  t->read_capacity_units = static_cast<int64_t>(r);
  t->write_capacity_units = static_cast<int64_t>(w);
  if (inc != 0) t->last_increase_date_time = FromMillis(inc);
  if (dec != 0) t->last_decrease_date_time = FromMillis(dec);
  t->number_of_decreases_today = static_cast<int64_t>(n);
  return true;
}

bool GetOnDemand(std::string_view* in, std::optional<OnDemandThroughput>* o) {
  uint64_t r = 0, w = 0;
  if (!GetVarint64(in, &r) || !GetVarint64(in, &w)) return false;
  if (r == 0 && w == 0) return true;
  OnDemandThroughput v;
  if (r != 0) v.max_read_request_units = static_cast<int64_t>(r - 1);
  if (w != 0) v.max_write_request_units = static_cast<int64_t>(w - 1);
  *o = v;
  return true;
}

}  // namespace

std::string TableColumnFamilyName(uint64_t generation) {
  return "t." + std::to_string(generation);
}

bool ParseTableColumnFamilyName(std::string_view name, uint64_t* generation) {
  if (name.size() < 3 || name.substr(0, 2) != "t.") return false;
  std::string_view digits = name.substr(2);
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *generation);
  return ec == std::errc() && p == digits.data() + digits.size();
}

std::string CatalogTableKey(std::string_view table_name) {
  std::string k = "t";
  k.append(table_name);
  return k;
}

std::string EncodeTableMeta(const TableMeta& meta) {
  const TableDescription& d = meta.description;
  std::string out;
  out.push_back(static_cast<char>(kCatalogFormatVersion));
  std::string f;
  PutField(&out, kTableName, d.table_name);
  PutField(&out, kTableId, d.table_id);
  PutField(&out, kTableArn, d.table_arn);
  f.clear();
  PutVarint64(&f, meta.generation);
  PutField(&out, kGeneration, f);
  PutField(&out, kColumnFamily, meta.column_family);
  f.clear();
  PutVarint64(&f, ToMillis(d.creation_date_time));
  PutField(&out, kCreationTime, f);
  for (const auto& k : d.key_schema) {
    f.assign(1, static_cast<char>(KeyTypeByte(k.key_type)));
    f.append(k.attribute_name);
    PutField(&out, kKeySchemaElement, f);
  }
  for (const auto& a : d.attribute_definitions) {
    f.assign(1, static_cast<char>(AttrTypeByte(a.attribute_type)));
    f.append(a.attribute_name);
    PutField(&out, kAttributeDefinition, f);
  }
  const bool ppr = d.billing_mode_summary &&
                   d.billing_mode_summary->billing_mode == BillingMode::kPayPerRequest;
  f.assign(1, static_cast<char>(ppr ? 1 : 0));
  PutField(&out, kBillingMode, f);
  f.clear();
  PutThroughput(&f, d.provisioned_throughput);
  PutField(&out, kThroughput, f);
  if (d.billing_mode_summary && d.billing_mode_summary->last_update_to_pay_per_request_date_time) {
    f.clear();
    PutVarint64(&f, ToMillis(*d.billing_mode_summary->last_update_to_pay_per_request_date_time));
    PutField(&out, kPayPerRequestSince, f);
  }
  if (d.on_demand_throughput) {
    f.clear();
    PutOnDemand(&f, d.on_demand_throughput);
    PutField(&out, kOnDemand, f);
  }
  if (d.stream_specification) {
    f.assign(1, static_cast<char>(d.stream_specification->stream_enabled ? 1 : 0));
    if (d.stream_specification->stream_view_type) f.append(*d.stream_specification->stream_view_type);
    PutField(&out, kStreamSpec, f);
  }
  if (d.table_class) PutField(&out, kTableClass, *d.table_class);
  f.assign(1, static_cast<char>(d.deletion_protection_enabled ? 1 : 0));
  PutField(&out, kDeletionProtection, f);
  if (meta.ttl) {
    f.assign(1, static_cast<char>(meta.ttl->enabled ? 1 : 0));
    f.append(meta.ttl->attribute_name);
    PutField(&out, kTtl, f);
  }
  for (const auto& t : meta.tags) {
    f.clear();
    PutLengthPrefixed(&f, t.key);
    PutLengthPrefixed(&f, t.value);
    PutField(&out, kTagEntry, f);
  }
  for (const auto& g : d.global_secondary_indexes) {
    f.clear();
    PutLengthPrefixed(&f, g.index_name);
    PutKeys(&f, g.key_schema);
    PutProjection(&f, g.projection);
    PutThroughput(&f, g.provisioned_throughput);
    PutOnDemand(&f, g.on_demand_throughput);
    PutLengthPrefixed(&f, IndexColumnFamily(meta, g.index_name));
    PutField(&out, kGsi, f);
  }
  for (const auto& l : d.local_secondary_indexes) {
    f.clear();
    PutLengthPrefixed(&f, l.index_name);
    PutKeys(&f, l.key_schema);
    PutProjection(&f, l.projection);
    PutLengthPrefixed(&f, IndexColumnFamily(meta, l.index_name));
    PutField(&out, kLsi, f);
  }
  return out;
}

Result<TableMeta> DecodeTableMeta(std::string_view in) {
  auto corrupt = [](std::string_view what) {
    return Status::Corruption("catalog record: " + std::string(what));
  };
  uint8_t version = 0;
  if (!GetByte(&in, &version)) return corrupt("empty");
  if (version != kCatalogFormatVersion) {
    return corrupt("unknown format version " + std::to_string(version));
  }
  TableMeta meta;
  TableDescription& d = meta.description;
  bool ppr = false;
  std::optional<double> ppr_since;
  while (!in.empty()) {
    uint32_t tag = 0;
    std::string_view p;
    if (!GetVarint32(&in, &tag) || !GetLengthPrefixed(&in, &p)) return corrupt("truncated field");
    uint8_t b = 0;
    uint64_t v = 0;
    switch (tag) {
      case kTableName: d.table_name = std::string(p); break;
      case kTableId: d.table_id = std::string(p); break;
      case kTableArn: d.table_arn = std::string(p); break;
      case kGeneration:
        if (!GetVarint64(&p, &meta.generation)) return corrupt("generation");
        break;
      case kColumnFamily: meta.column_family = std::string(p); break;
      case kCreationTime:
        if (!GetVarint64(&p, &v)) return corrupt("creation time");
        d.creation_date_time = FromMillis(v);
        break;
      case kKeySchemaElement: {
        KeySchemaElement e;
        if (!GetByte(&p, &b) || !KeyTypeFromByte(b, &e.key_type)) return corrupt("key schema");
        e.attribute_name = std::string(p);
        d.key_schema.push_back(std::move(e));
        break;
      }
      case kAttributeDefinition: {
        AttributeDefinition a;
        if (!GetByte(&p, &b) || !AttrTypeFromByte(b, &a.attribute_type)) {
          return corrupt("attribute definition");
        }
        a.attribute_name = std::string(p);
        d.attribute_definitions.push_back(std::move(a));
        break;
      }
      case kBillingMode:
        if (!GetByte(&p, &b) || b > 1) return corrupt("billing mode");
        ppr = b == 1;
        break;
      case kThroughput:
        if (!GetThroughput(&p, &d.provisioned_throughput)) return corrupt("throughput");
        break;
      case kPayPerRequestSince:
        if (!GetVarint64(&p, &v)) return corrupt("billing mode time");
        ppr_since = FromMillis(v);
        break;
      case kOnDemand:
        if (!GetOnDemand(&p, &d.on_demand_throughput)) return corrupt("on-demand throughput");
        break;
      case kStreamSpec: {
        StreamSpecification s;
        if (!GetByte(&p, &b)) return corrupt("stream specification");
        s.stream_enabled = b != 0;
        if (!p.empty()) s.stream_view_type = std::string(p);
        d.stream_specification = std::move(s);
        break;
      }
      case kTableClass: d.table_class = std::string(p); break;
      case kDeletionProtection:
        if (!GetByte(&p, &b)) return corrupt("deletion protection");
        d.deletion_protection_enabled = b != 0;
        break;
      case kTtl: {
        TimeToLiveSpecification t;
        if (!GetByte(&p, &b)) return corrupt("ttl");
        t.enabled = b != 0;
        t.attribute_name = std::string(p);
        meta.ttl = std::move(t);
        break;
      }
      case kTagEntry: {
        std::string_view k, val;
        if (!GetLengthPrefixed(&p, &k) || !GetLengthPrefixed(&p, &val)) return corrupt("tag");
        meta.tags.push_back(dynarock::Tag{std::string(k), std::string(val)});
        break;
      }
      case kGsi: {
        GlobalSecondaryIndexDescription g;
        std::string_view name, cf;
        if (!GetLengthPrefixed(&p, &name) || !GetKeys(&p, &g.key_schema) ||
            !GetProjection(&p, &g.projection) || !GetThroughput(&p, &g.provisioned_throughput) ||
            !GetOnDemand(&p, &g.on_demand_throughput) || !GetLengthPrefixed(&p, &cf)) {
          return corrupt("global secondary index");
        }
        g.index_name = std::string(name);
        meta.index_column_families.emplace_back(g.index_name, std::string(cf));
        d.global_secondary_indexes.push_back(std::move(g));
        break;
      }
      case kLsi: {
        LocalSecondaryIndexDescription l;
        std::string_view name, cf;
        if (!GetLengthPrefixed(&p, &name) || !GetKeys(&p, &l.key_schema) ||
            !GetProjection(&p, &l.projection) || !GetLengthPrefixed(&p, &cf)) {
          return corrupt("local secondary index");
        }
        l.index_name = std::string(name);
        meta.index_column_families.emplace_back(l.index_name, std::string(cf));
        d.local_secondary_indexes.push_back(std::move(l));
        break;
      }
      default:
        break;  // a field from a later format: skip it
    }
  }
  if (d.table_name.empty() || meta.column_family.empty() || d.key_schema.empty()) {
    return corrupt("missing required field");
  }
  if (ppr) {
    BillingModeSummary s;
    s.billing_mode = BillingMode::kPayPerRequest;
    s.last_update_to_pay_per_request_date_time = ppr_since;
    d.billing_mode_summary = s;
  }
  return meta;
}

Result<CatalogContents> LoadCatalog(const Store& store) {
  CatalogContents out;
  auto it = store.NewIterator(*store.catalog(), KeyRange{});
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key = it->key();
    if (key == kCatalogGenerationKey) {
      std::string_view v = it->value();
      if (!util::GetVarint64(&v, &out.next_generation)) {
        return Status::Corruption("catalog: bad generation counter");
      }
    } else if (!key.empty() && key[0] == 't') {
      ASSIGN_OR_RETURN(TableMeta meta, DecodeTableMeta(it->value()));
      if (meta.description.table_name != key.substr(1)) {
        return Status::Corruption("catalog: record key does not match table name");
      }
      out.tables.push_back(std::move(meta));
    } else {
      return Status::Corruption("catalog: unknown key");
    }
  }
  RETURN_IF_ERROR(it->status());
  return out;
}

void PutTableMeta(const Store& store, const TableMeta& meta, WriteBatch* batch) {
  batch->Put(*store.catalog(), CatalogTableKey(meta.description.table_name), EncodeTableMeta(meta));
}

void DeleteTableMeta(const Store& store, std::string_view table_name, WriteBatch* batch) {
  batch->Delete(*store.catalog(), CatalogTableKey(table_name));
}

void PutNextGeneration(const Store& store, uint64_t next_generation, WriteBatch* batch) {
  std::string v;
  util::PutVarint64(&v, next_generation);
  batch->Put(*store.catalog(), kCatalogGenerationKey, v);
}

}  // namespace dynarock::storage
