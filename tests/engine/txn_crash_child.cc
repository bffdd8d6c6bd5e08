// The child process of crash_test.cc: runs TransactWriteItems on an on-disk
// database until it is killed, printing "<k>\n" on stdout after
// transaction k has committed.
//
// Transaction k (k = 1, 2, ...), all in one TransactWriteItems:
//   Put    tx#k#0, tx#k#1, tx#k#2       {txid: k}
//   Update counter                      SET n = :k   IF n = :k-1 (or absent for k = 1)
//   Update slot#(k mod 5), slot#((k+2) mod 5)   ADD hits :one SET last = :k
//   Delete tx#(k-50)#1                  (k > 50)
// so after any crash, with c = counter.n: every t in 1..c has tx#t#0 and
// tx#t#2, tx#t#1 exactly when t > c-50, nothing exists for t > c, and the
// slots' hits add up to 2c. crash_test.cc checks exactly that.
//
// Usage: txn_crash_child <data-dir>. The table "crash" must exist.
#include <unistd.h>

#include <cstdio>
#include <string>

#include "dynarock/database.h"

namespace {

using dynarock::AttributeValue;
using dynarock::Item;
using dynarock::TransactWriteItem;

Item Key(const std::string& pk) { return Item{{"pk", AttributeValue::S(pk)}}; }

std::string TxKey(int64_t k, int i) { return "tx#" + std::to_string(k) + "#" + std::to_string(i); }

int Fail(const std::string& what) {
  std::fprintf(stderr, "txn_crash_child: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return Fail("usage: txn_crash_child <data-dir>");
  dynarock::Options options;
  options.create_if_missing = false;
  auto opened = dynarock::Database::Open(options, argv[1]);
  if (!opened.ok()) return Fail(opened.status().ToString());
  dynarock::Database& db = **opened;

  dynarock::GetItemRequest get;
  get.table_name = "crash";
  get.key = Key("counter");
  get.consistent_read = true;
  auto counter = db.GetItem(get);
  if (!counter.ok()) return Fail(counter.status().ToString());
  int64_t k = 0;
  if (counter->item) k = std::stoll(counter->item->at("n").n().ToString());

  for (;;) {
    ++k;
    const std::string ks = std::to_string(k);
    dynarock::TransactWriteItemsRequest r;
    for (int i = 0; i < 3; ++i) {
      TransactWriteItem t;
      t.put.emplace();
      t.put->table_name = "crash";
      t.put->item = Key(TxKey(k, i));
      t.put->item["txid"] = AttributeValue::N(ks);
      r.transact_items.push_back(std::move(t));
    }
    {
      TransactWriteItem t;
      t.update.emplace();
      t.update->table_name = "crash";
      t.update->key = Key("counter");
      t.update->update_expression = "SET n = :k";
      t.update->expression_attribute_values =
          dynarock::ExpressionAttributeValues{{":k", AttributeValue::N(ks)}};
      if (k == 1) {
        t.update->condition_expression = "attribute_not_exists(n)";
      } else {
        t.update->condition_expression = "n = :prev";
        (*t.update->expression_attribute_values)[":prev"] = AttributeValue::N(std::to_string(k - 1));
      }
      r.transact_items.push_back(std::move(t));
    }
    for (int64_t slot : {k % 5, (k + 2) % 5}) {
      TransactWriteItem t;
      t.update.emplace();
      t.update->table_name = "crash";
      t.update->key = Key("slot#" + std::to_string(slot));
      t.update->update_expression = "ADD hits :one SET #l = :k";
      t.update->expression_attribute_names = dynarock::ExpressionAttributeNames{{"#l", "last"}};
      t.update->expression_attribute_values = dynarock::ExpressionAttributeValues{
          {":one", AttributeValue::N("1")}, {":k", AttributeValue::N(ks)}};
      r.transact_items.push_back(std::move(t));
    }
    if (k > 50) {
      TransactWriteItem t;
      t.del.emplace();
      t.del->table_name = "crash";
      t.del->key = Key(TxKey(k - 50, 1));
      r.transact_items.push_back(std::move(t));
    }
    auto res = db.TransactWriteItems(r);
    if (!res.ok()) return Fail("transaction " + ks + ": " + res.status().ToString());
    const std::string line = ks + "\n";
    if (write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return 0;
  }
}
