// The child process of index_crash_test.cc: writes items of the table
// "crash" (two GSIs and an LSI) on an on-disk database until it is killed,
// printing "<k>\n" after write k is acknowledged. Writes move items in and
// out of the indexes and between index keys, and delete some.
//
// Usage: index_crash_child <data-dir>. The table must exist.
#include <cstdio>
#include <string>

#include "dynarock/database.h"

int main(int argc, char** argv) {
  if (argc != 2) return 1;
  dynarock::Options options;
  options.create_if_missing = false;
  auto opened = dynarock::Database::Open(options, argv[1]);
  if (!opened.ok()) {
    std::fprintf(stderr, "index_crash_child: %s\n", opened.status().ToString().c_str());
    return 1;
  }
  dynarock::Database& db = **opened;
  using dynarock::AttributeValue;
  for (int64_t k = 1;; ++k) {
    const int n = static_cast<int>(k % 300);
    dynarock::Item key{{"pk", AttributeValue::S("p" + std::to_string(n % 13))},
                       {"sk", AttributeValue::N(std::to_string(n))}};
    dynarock::Status s;
    if (k % 9 == 0) {
      dynarock::DeleteItemRequest d;
      d.table_name = "crash";
      d.key = key;
      s = db.DeleteItem(d).status();
    } else {
      dynarock::PutItemRequest p;
      p.table_name = "crash";
      p.item = key;
      if (k % 4 != 0) p.item["g"] = AttributeValue::S("G" + std::to_string(k % 7));
      p.item["gs"] = AttributeValue::N(std::to_string(k));
      if (k % 3 != 0) p.item["h"] = AttributeValue::N(std::to_string(k % 11));
      if (k % 2 == 0) p.item["ls"] = AttributeValue::S("L" + std::to_string(k));
      p.item["payload"] = AttributeValue::S(std::string(static_cast<size_t>(k % 50), 'x'));
      s = db.PutItem(p).status();
    }
    if (!s.ok()) {
      std::fprintf(stderr, "index_crash_child: %s\n", s.ToString().c_str());
      return 1;
    }
    std::printf("%lld\n", static_cast<long long>(k));
    std::fflush(stdout);
  }
}
