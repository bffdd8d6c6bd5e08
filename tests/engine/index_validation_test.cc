// CreateTable and UpdateTable index rules, with DynamoDB's messages.
#include <catch2/catch.hpp>

#include "engine/index_validation.h"

namespace dynarock::engine {
namespace {

constexpr const char* kInvalid = "One or more parameter values were invalid: ";

CreateTableRequest Base() {
  CreateTableRequest r;
  r.table_name = "abc";
  r.key_schema = {{"a", KeyType::kHash}, {"b", KeyType::kRange}};
  r.attribute_definitions = {{"a", ScalarAttributeType::kS}, {"b", ScalarAttributeType::kS}};
  r.provisioned_throughput = ProvisionedThroughput{1, 1};
  return r;
}

GlobalSecondaryIndex Gsi(const std::string& name, std::vector<KeySchemaElement> keys) {
  GlobalSecondaryIndex g;
  g.index_name = name;
  g.key_schema = std::move(keys);
  g.projection.projection_type = ProjectionType::kAll;
  g.provisioned_throughput = ProvisionedThroughput{1, 1};
  return g;
}

LocalSecondaryIndex Lsi(const std::string& name, std::vector<KeySchemaElement> keys) {
  LocalSecondaryIndex l;
  l.index_name = name;
  l.key_schema = std::move(keys);
  l.projection.projection_type = ProjectionType::kAll;
  return l;
}

std::string Message(const CreateTableRequest& r) {
  ConstraintErrors errors;
  AddIndexConstraintErrors(r, &errors);
  Status s = errors.ToStatus();
  if (s.ok()) s = ValidateCreateTableIndexes(r);
  return s.ok() ? "OK" : s.message();
}

const KeySchemaElement kHashA{"a", KeyType::kHash};
const KeySchemaElement kRangeB{"b", KeyType::kRange};

TEST_CASE("CreateTable LSI rules") {
  CreateTableRequest r = Base();
  r.local_secondary_indexes = std::vector<LocalSecondaryIndex>{};
  CHECK(Message(r) == std::string(kInvalid) + "List of LocalSecondaryIndexes is empty");

  r.local_secondary_indexes = {Lsi("abc", {kHashA, kRangeB})};
  CHECK(Message(r) == "OK");

  CreateTableRequest hash_only = r;
  hash_only.key_schema = {kHashA};
  CHECK(Message(hash_only) ==
        std::string(kInvalid) +
            "Table KeySchema does not have a range key, which is required when specifying a "
            "LocalSecondaryIndex");

  r.local_secondary_indexes = {Lsi("abc", {kHashA, {"c", KeyType::kRange}})};
  CHECK(Message(r) == std::string(kInvalid) +
                          "Some index key attributes are not defined in AttributeDefinitions. "
                          "Keys: [a, c], AttributeDefinitions: [a, b]");
  r.local_secondary_indexes = {Lsi("abc", {{"b", KeyType::kHash}})};
  CHECK(Message(r) == std::string(kInvalid) + "Index KeySchema does not have a range key for index: abc");
  r.local_secondary_indexes = {Lsi("abc", {{"b", KeyType::kHash}, {"a", KeyType::kRange}})};
  CHECK(Message(r) == std::string(kInvalid) +
                          "Index KeySchema does not have the same leading hash key as table "
                          "KeySchema for index: abc. index hash key: b, table hash key: a");
  r.local_secondary_indexes = {Lsi("abc", {kHashA, {"a", KeyType::kRange}})};
  CHECK(Message(r) == "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  r.local_secondary_indexes = {Lsi("abc", {{"a", KeyType::kRange}})};
  CHECK(Message(r) == "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");

  r.local_secondary_indexes = {Lsi("abc", {kHashA, kRangeB}), Lsi("abc", {kHashA, kRangeB})};
  CHECK(Message(r) == std::string(kInvalid) + "Duplicate index name: abc");
  std::vector<LocalSecondaryIndex> six;
  for (int i = 0; i < 6; ++i) six.push_back(Lsi("ab" + std::to_string(i), {kHashA, kRangeB}));
  r.local_secondary_indexes = six;
  CHECK(Message(r) == std::string(kInvalid) +
                          "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
}

TEST_CASE("CreateTable projection rules") {
  CreateTableRequest r = Base();
  LocalSecondaryIndex l = Lsi("abc", {kHashA, kRangeB});
  l.projection.projection_type.reset();
  r.local_secondary_indexes = {l};
  CHECK(Message(r) == std::string(kInvalid) + "Unknown ProjectionType: null");
  l.projection.projection_type = ProjectionType::kKeysOnly;
  l.projection.non_key_attributes = std::vector<std::string>{"x"};
  r.local_secondary_indexes = {l};
  CHECK(Message(r) == std::string(kInvalid) + "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified");
  l.projection.projection_type = ProjectionType::kAll;
  r.local_secondary_indexes = {l};
  CHECK(Message(r) == std::string(kInvalid) + "ProjectionType is ALL, but NonKeyAttributes is specified");
  l.projection.projection_type = ProjectionType::kInclude;
  l.projection.non_key_attributes.reset();
  r.local_secondary_indexes = {l};
  CHECK(Message(r) == std::string(kInvalid) + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  l.projection.non_key_attributes = std::vector<std::string>{};
  r.local_secondary_indexes = {l};
  CHECK(Message(r) ==
        "1 validation error detected: Value '[]' at "
        "'localSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy "
        "constraint: Member must have length greater than or equal to 1");
  // More than 100 NonKeyAttributes across all indexes.
  GlobalSecondaryIndex g = Gsi("gg1", {kHashA});
  g.projection.projection_type = ProjectionType::kInclude;
  g.projection.non_key_attributes = std::vector<std::string>{};
  for (int i = 0; i < 60; ++i) g.projection.non_key_attributes->push_back("n" + std::to_string(i));
  GlobalSecondaryIndex g2 = g;
  g2.index_name = "gg2";
  r.local_secondary_indexes.reset();
  r.global_secondary_indexes = {g};
  CHECK(Message(r) == "OK");
  r.global_secondary_indexes = {g, g2};
  CHECK(Message(r) == std::string(kInvalid) + "Number of projected attributes in all indexes exceeds limit of 100");
}

TEST_CASE("CreateTable GSI rules, throughput and attribute definitions") {
  CreateTableRequest r = Base();
  r.global_secondary_indexes = std::vector<GlobalSecondaryIndex>{};
  CHECK(Message(r) == std::string(kInvalid) + "List of GlobalSecondaryIndexes is empty");
  r.global_secondary_indexes = {Gsi("h;", {})};
  CHECK(Message(r) ==
        "3 validation errors detected: Value 'h;' at 'globalSecondaryIndexes.1.member.indexName' "
        "failed to satisfy constraint: Member must satisfy regular expression pattern: "
        "[a-zA-Z0-9_.-]+; Value 'h;' at 'globalSecondaryIndexes.1.member.indexName' failed to "
        "satisfy constraint: Member must have length greater than or equal to 3; Value '[]' at "
        "'globalSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must "
        "have length greater than or equal to 1");
  r.global_secondary_indexes = {Gsi("abc", {{"b", KeyType::kHash}, kHashA})};
  CHECK(Message(r) == "OK");  // a two-attribute partition key
  r.global_secondary_indexes = {Gsi("abc", {{"c", KeyType::kHash}})};
  CHECK(Message(r) == std::string(kInvalid) +
                          "Some index key attributes are not defined in AttributeDefinitions. "
                          "Keys: [c], AttributeDefinitions: [a, b]");
  r.global_secondary_indexes = {Gsi("abc", {kRangeB})};
  CHECK(Message(r) == "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  r.global_secondary_indexes = {Gsi("abc", {kHashA, kRangeB}), Gsi("abc", {kHashA})};
  CHECK(Message(r) == std::string(kInvalid) + "Duplicate index name: abc");
  r.global_secondary_indexes = {Gsi("abc", {kHashA})};
  r.local_secondary_indexes = {Lsi("abc", {kHashA, kRangeB})};
  CHECK(Message(r) == std::string(kInvalid) + "Duplicate index name: abc");
  r.local_secondary_indexes.reset();

  std::vector<GlobalSecondaryIndex> many;
  for (int i = 0; i < 21; ++i) many.push_back(Gsi("abc" + std::to_string(i), {kHashA, kRangeB}));
  r.global_secondary_indexes = many;
  CHECK(Message(r) == std::string(kInvalid) + "GlobalSecondaryIndex count exceeds the per-table limit of 20");

  GlobalSecondaryIndex no_throughput = Gsi("abc", {kHashA});
  no_throughput.provisioned_throughput.reset();
  r.global_secondary_indexes = {no_throughput};
  CHECK(Message(r) == std::string(kInvalid) + "ProvisionedThroughput is not specified for index: abc");
  r.billing_mode = BillingMode::kPayPerRequest;
  r.provisioned_throughput.reset();
  CHECK(Message(r) == "OK");
  r.global_secondary_indexes = {Gsi("abd", {kHashA})};
  CHECK(Message(r) == std::string(kInvalid) +
                          "ProvisionedThroughput should not be specified for index: abd when "
                          "BillingMode is PAY_PER_REQUEST");
  r.global_secondary_indexes = {Gsi("abc", {kHashA})};
  r.global_secondary_indexes->at(0).provisioned_throughput = ProvisionedThroughput{0, 1};
  CHECK(Message(r) ==
        "1 validation error detected: Value '0' at "
        "'globalSecondaryIndexes.1.member.provisionedThroughput.readCapacityUnits' failed to "
        "satisfy constraint: Member must have value greater than or equal to 1");

  CreateTableRequest unused = Base();
  unused.attribute_definitions.push_back({"z", ScalarAttributeType::kN});
  unused.global_secondary_indexes = {Gsi("abc", {{"b", KeyType::kHash}})};
  CHECK(Message(unused) == std::string(kInvalid) +
                               "Some AttributeDefinitions are not used. AttributeDefinitions: "
                               "[a, b, z], keys used: [a, b]");
  CreateTableRequest no_index = Base();
  no_index.attribute_definitions.push_back({"z", ScalarAttributeType::kN});
  CHECK(Message(no_index) == std::string(kInvalid) +
                                 "Number of attributes in KeySchema does not exactly match number "
                                 "of attributes defined in AttributeDefinitions");
}

TEST_CASE("multi-attribute GSI key rules") {
  CreateTableRequest r = Base();
  for (const char* n : {"c", "d", "e", "f", "g", "h"}) {
    r.attribute_definitions.push_back({n, ScalarAttributeType::kN});
  }
  auto keys = [](std::initializer_list<std::pair<const char*, KeyType>> l) {
    std::vector<KeySchemaElement> out;
    for (auto& [n, t] : l) out.push_back({n, t});
    return out;
  };
  const KeyType H = KeyType::kHash, R = KeyType::kRange;
  r.global_secondary_indexes = {
      Gsi("mm1", keys({{"a", H}, {"b", H}, {"c", H}, {"d", H}, {"e", R}, {"f", R}, {"g", R}, {"h", R}}))};
  CHECK(Message(r) == "OK");
  r.global_secondary_indexes = {Gsi("mm1", keys({{"a", H}, {"b", H}, {"c", H}, {"d", H}, {"e", H}}))};
  r.attribute_definitions.resize(7);  // a..e, so that unused definitions do not interfere
  CHECK(Message(r) == std::string(kInvalid) +
                          "The KeySchema exceeds the maximum allowed number of HASH key attributes");
  r = Base();
  for (const char* n : {"c", "d", "e", "f"}) r.attribute_definitions.push_back({n, ScalarAttributeType::kS});
  r.global_secondary_indexes = {Gsi("mm1", keys({{"a", H}, {"b", R}, {"c", R}, {"d", R}, {"e", R}, {"f", R}}))};
  CHECK(Message(r) == std::string(kInvalid) +
                          "The KeySchema exceeds the maximum allowed number of RANGE key attributes");
  r.global_secondary_indexes = {Gsi("mm1", keys({{"a", H}, {"b", R}, {"c", H}, {"d", R}, {"e", R}, {"f", R}}))};
  CHECK(Message(r) == std::string(kInvalid) +
                          "All HASH key attributes must precede RANGE key attributes in the KeySchema");
  r.global_secondary_indexes = {Gsi("mm1", keys({{"a", H}, {"b", R}, {"a", R}, {"c", R}, {"d", R}, {"e", R}, {"f", R}}))};
  CHECK(Message(r) == "The KeySchema contains multiple key attributes with the same name");
  r.global_secondary_indexes = {Gsi("mm1", keys({{"a", H}, {"b", H}, {"c", H}, {"d", H}, {"e", R},
                                                {"f", R}, {"a", R}, {"b", R}, {"c", R}}))};
  CHECK(Message(r).find("'globalSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: "
                        "Member must have length less than or equal to 8") != std::string::npos);
}

TableDescription Table(bool ppr) {
  TableDescription d;
  d.table_name = "abc";
  d.key_schema = {kHashA};
  d.attribute_definitions = {{"a", ScalarAttributeType::kS}};
  if (ppr) d.billing_mode_summary = BillingModeSummary{BillingMode::kPayPerRequest, 0};
  GlobalSecondaryIndexDescription g;
  g.index_name = "old";
  g.key_schema = {kHashA};
  g.projection.projection_type = ProjectionType::kAll;
  d.global_secondary_indexes = {g};
  return d;
}

UpdateTableRequest Create(GlobalSecondaryIndex g) {
  UpdateTableRequest r;
  r.table_name = "abc";
  r.attribute_definitions = std::vector<AttributeDefinition>{{"a", ScalarAttributeType::kS},
                                                             {"c", ScalarAttributeType::kN}};
  GlobalSecondaryIndexUpdate u;
  u.create = GlobalSecondaryIndexUpdate::Create{std::move(g)};
  r.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{u};
  return r;
}

std::string UpdateMessage(const UpdateTableRequest& r, bool ppr, bool busy = false) {
  Status s = ValidateGsiUpdates(r, Table(ppr), busy);
  return s.ok() ? "OK" : s.message();
}

TEST_CASE("UpdateTable GlobalSecondaryIndexUpdates rules") {
  const GlobalSecondaryIndex gc = Gsi("new", {{"c", KeyType::kHash}});
  CHECK(UpdateMessage(Create(gc), false) == "OK");
  CHECK(UpdateMessage(Create(gc), true) ==
        std::string(kInvalid) +
            "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: new when "
            "BillingMode is PAY_PER_REQUEST");
  GlobalSecondaryIndex on_demand = gc;
  on_demand.provisioned_throughput.reset();
  CHECK(UpdateMessage(Create(on_demand), true) == "OK");  // the Music walk-through
  CHECK(UpdateMessage(Create(on_demand), false) ==
        std::string(kInvalid) + "ProvisionedThroughput must be specified for index: new");
  CHECK(UpdateMessage(Create(Gsi("old", {kHashA})), false) ==
        "Attempting to create an index which already exists");
  CHECK(UpdateMessage(Create(Gsi("new", {{"zz", KeyType::kHash}})), false) ==
        std::string(kInvalid) +
            "Some index key attributes are not defined in AttributeDefinitions. Keys: [zz], "
            "AttributeDefinitions: [a, c]");
  UpdateTableRequest no_defs = Create(gc);
  no_defs.attribute_definitions.reset();
  CHECK(UpdateMessage(no_defs, false) ==
        std::string(kInvalid) + "AttributeDefinitions is not specified for index: new");
  CHECK(UpdateMessage(Create(gc), false, /*busy=*/true) ==
        "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously "
        "per table");
  CHECK(ValidateGsiUpdates(Create(gc), Table(false), true).code() == ErrorCode::kLimitExceeded);

  UpdateTableRequest two = Create(gc);
  GlobalSecondaryIndexUpdate del;
  del.del = GlobalSecondaryIndexUpdate::Delete{"old"};
  two.global_secondary_index_updates->push_back(del);
  CHECK(UpdateMessage(two, false) ==
        "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously "
        "per table");
  UpdateTableRequest same = Create(gc);
  GlobalSecondaryIndexUpdate del_new;
  del_new.del = GlobalSecondaryIndexUpdate::Delete{"new"};
  same.global_secondary_index_updates->push_back(del_new);
  CHECK(UpdateMessage(same, false) ==
        std::string(kInvalid) +
            "Only one global secondary index update per index is allowed simultaneously. Index: new");

  UpdateTableRequest r;
  r.table_name = "abc";
  r.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{GlobalSecondaryIndexUpdate{}};
  CHECK(UpdateMessage(r, false) ==
        std::string(kInvalid) +
            "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
            "GlobalSecondaryIndexUpdate.Delete must not be null");
  GlobalSecondaryIndexUpdate both = del;
  both.update = GlobalSecondaryIndexUpdate::Update{"old", ProvisionedThroughput{2, 2}, {}};
  r.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{both};
  CHECK(UpdateMessage(r, false) == std::string(kInvalid) +
                                       "Only one global secondary index action is allowed per "
                                       "GlobalSecondaryIndexUpdate object");
  GlobalSecondaryIndexUpdate missing;
  missing.del = GlobalSecondaryIndexUpdate::Delete{"nope"};
  r.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{missing};
  CHECK(UpdateMessage(r, false) == "Cannot delete an index that is not a GlobalSecondaryIndex: nope");
  GlobalSecondaryIndexUpdate upd;
  upd.update = GlobalSecondaryIndexUpdate::Update{"nope", ProvisionedThroughput{2, 2}, {}};
  r.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{upd};
  CHECK(UpdateMessage(r, false) == "Cannot update an index that is not a GlobalSecondaryIndex: nope");
  r.global_secondary_index_updates = std::vector<GlobalSecondaryIndexUpdate>{};
  CHECK(UpdateMessage(r, false) == std::string(kInvalid) + "List of GlobalSecondaryIndexUpdates is empty");
}

}  // namespace
}  // namespace dynarock::engine
