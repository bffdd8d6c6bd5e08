// Helpers for the engine tests: temporary directories, opening databases,
// creating tables, building items.
#pragma once

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "dynarock/database.h"

namespace dynarock::testing {

// A directory under /tmp made at run time, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = "/tmp/dynarock-engine-XXXXXX";
    char* p = mkdtemp(tmpl.data());
    REQUIRE(p != nullptr);
    path_ = p;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::unique_ptr<Database> OpenDb(const std::string& path, bool in_memory = false) {
  Options o;
  o.in_memory = in_memory;
  auto db = Database::Open(o, path);
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  return std::move(db).value();
}

inline std::unique_ptr<Database> OpenMemDb() { return OpenDb("/mem", true); }

inline AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
inline AttributeValue N(std::string_view s) { return AttributeValue::N(s); }
inline AttributeValue B(std::string s) { return AttributeValue::B(std::move(s)); }

// A PROVISIONED table with partition key pk (type pk_type) and, when
// sk_type is not 0, sort key sk.
inline CreateTableRequest TableRequest(const std::string& name, ScalarAttributeType pk_type,
                                       std::optional<ScalarAttributeType> sk_type) {
  CreateTableRequest r;
  r.table_name = name;
  r.key_schema.push_back({"pk", KeyType::kHash});
  r.attribute_definitions.push_back({"pk", pk_type});
  if (sk_type) {
    r.key_schema.push_back({"sk", KeyType::kRange});
    r.attribute_definitions.push_back({"sk", *sk_type});
  }
  r.provisioned_throughput = ProvisionedThroughput{5, 5};
  return r;
}

inline void MakeTable(Database& db, const std::string& name, ScalarAttributeType pk_type,
                      std::optional<ScalarAttributeType> sk_type) {
  auto r = db.CreateTable(TableRequest(name, pk_type, sk_type));
  INFO(r.status().ToString());
  REQUIRE(r.ok());
}

inline void Put(Database& db, const std::string& table, Item item) {
  PutItemRequest r;
  r.table_name = table;
  r.item = std::move(item);
  auto res = db.PutItem(r);
  INFO(res.status().ToString());
  REQUIRE(res.ok());
}

inline std::optional<Item> Get(Database& db, const std::string& table, Item key) {
  GetItemRequest r;
  r.table_name = table;
  r.key = std::move(key);
  auto res = db.GetItem(r);
  INFO(res.status().ToString());
  REQUIRE(res.ok());
  return res->item;
}

inline Status StatusOf(const Status& s) { return s; }
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.status();
}

// REQUIREs that s failed with code and exactly message.
#define REQUIRE_ERROR(expr, code_, message_)        \
  do {                                              \
    ::dynarock::Status status_ = ::dynarock::testing::StatusOf(expr);                 \
    INFO(status_.ToString());                       \
    REQUIRE(status_.code() == (code_));             \
    REQUIRE(status_.message() == (message_));       \
  } while (0)

}  // namespace dynarock::testing
