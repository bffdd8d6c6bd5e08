// Uses the installed headers and library: opens an in-memory database,
// creates a table, writes an item and reads it back. Exits non-zero on any
// mismatch, so the install test fails if the package is broken.
#include <cstdio>

#include "dynarock/database.h"

using dynarock::AttributeValue;

int main() {
  dynarock::Options options;
  options.in_memory = true;
  auto db = dynarock::Database::Open(options, "consumer");
  if (!db.ok()) {
    std::fprintf(stderr, "open: %s\n", db.status().ToString().c_str());
    return 1;
  }
  dynarock::CreateTableRequest create;
  create.table_name = "Things";
  create.key_schema = {{"id", dynarock::KeyType::kHash}};
  create.attribute_definitions = {{"id", dynarock::ScalarAttributeType::kS}};
  create.billing_mode = dynarock::BillingMode::kPayPerRequest;
  if (auto r = (*db)->CreateTable(create); !r.ok()) {
    std::fprintf(stderr, "create: %s\n", r.status().ToString().c_str());
    return 1;
  }
  dynarock::PutItemRequest put;
  put.table_name = "Things";
  put.item = {{"id", AttributeValue::S("a")}, {"n", AttributeValue::N("1.50")}};
  if (auto r = (*db)->PutItem(put); !r.ok()) {
    std::fprintf(stderr, "put: %s\n", r.status().ToString().c_str());
    return 1;
  }
  dynarock::GetItemRequest get;
  get.table_name = "Things";
  get.key = {{"id", AttributeValue::S("a")}};
  auto got = (*db)->GetItem(get);
  if (!got.ok() || !got->item || got->item->at("n").n().ToString() != "1.5") {
    std::fprintf(stderr, "get: unexpected result\n");
    return 1;
  }
  std::printf("consumer: ok\n");
  return 0;
}
