// dynarock example: opens ./data, creates a table if it is absent, writes a
// few items and queries them back, printing what it finds.
//
// Run it twice: the second run finds the table and the items already there
// (the data persists in ./data), and writes the same items again.
#include <cstdio>
#include <string>

#include "dynarock/database.h"

using dynarock::AttributeValue;
using dynarock::Item;

namespace {

int Fail(const char* what, const dynarock::Status& s) {
  std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
  return 1;
}

}  // namespace

int main() {
  dynarock::Options options;
  auto opened = dynarock::Database::Open(options, "./data");
  if (!opened.ok()) return Fail("open ./data", opened.status());
  std::unique_ptr<dynarock::Database> db = std::move(opened).value();

  // Create the table unless a previous run already did.
  if (!db->DescribeTable({"Music"}).ok()) {
    dynarock::CreateTableRequest create;
    create.table_name = "Music";
    create.key_schema = {{"Artist", dynarock::KeyType::kHash},
                         {"SongTitle", dynarock::KeyType::kRange}};
    create.attribute_definitions = {{"Artist", dynarock::ScalarAttributeType::kS},
                                    {"SongTitle", dynarock::ScalarAttributeType::kS}};
    create.billing_mode = dynarock::BillingMode::kPayPerRequest;
    auto created = db->CreateTable(create);
    if (!created.ok()) return Fail("CreateTable", created.status());
    std::printf("created table Music (id %s)\n", created->table_description.table_id.c_str());
  } else {
    std::printf("table Music already exists\n");
  }

  struct Song {
    const char* artist;
    const char* title;
    const char* year;
  };
  const Song songs[] = {
      {"No One You Know", "Call Me Today", "2015"},
      {"No One You Know", "Howdy", "2012"},
      {"No One You Know", "Scared of My Shadow", "2009"},
      {"Acme Band", "Happy Day", "2019"},
  };
  for (const Song& s : songs) {
    dynarock::PutItemRequest put;
    put.table_name = "Music";
    put.item = {{"Artist", AttributeValue::S(s.artist)},
                {"SongTitle", AttributeValue::S(s.title)},
                {"Year", AttributeValue::N(s.year)},
                {"Genres", AttributeValue::SS({"pop", "indie"})}};
    auto r = db->PutItem(put);
    if (!r.ok()) return Fail("PutItem", r.status());
  }

  dynarock::GetItemRequest get;
  get.table_name = "Music";
  get.key = {{"Artist", AttributeValue::S("Acme Band")},
             {"SongTitle", AttributeValue::S("Happy Day")}};
  auto got = db->GetItem(get);
  if (!got.ok()) return Fail("GetItem", got.status());
  std::printf("GetItem: %s\n", got->item ? dynarock::ItemDebugString(*got->item).c_str() : "(none)");

  // The songs of one artist with titles from "C" on, last title first,
  // two per page.
  dynarock::QueryRequest query;
  query.table_name = "Music";
  query.key_conditions = dynarock::ConditionMap{
      {"Artist", {dynarock::ComparisonOperator::kEq, {AttributeValue::S("No One You Know")}}},
      {"SongTitle", {dynarock::ComparisonOperator::kGe, {AttributeValue::S("C")}}}};
  query.scan_index_forward = false;
  query.limit = 2;
  int page = 0;
  do {
    auto r = db->Query(query);
    if (!r.ok()) return Fail("Query", r.status());
    std::printf("Query page %d: %d item(s)\n", ++page, r->count);
    for (const Item& item : r->items) std::printf("  %s\n", dynarock::ItemDebugString(item).c_str());
    query.exclusive_start_key = r->last_evaluated_key;
  } while (query.exclusive_start_key);
  return 0;
}
