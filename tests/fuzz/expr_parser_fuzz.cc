// libFuzzer target for the expression layer.
//
// Input layout: byte 0 picks the expression kind (condition, filter, key
// condition, update, projection); the text runs to the first '\n'; each
// following line adds one expression attribute: "#name=target" adds a name,
// ":v=<T><text>" adds a value where T is S, N, B, L (a list of one string)
// or E (an empty string set, which must be rejected). A fixed set of names
// and values is always present so that short inputs reach deep code.
// Whatever compiles is evaluated/applied against a fixed item.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "expr/expr.h"

using dynarock::AttributeValue;
using dynarock::Item;
using dynarock::Number;
namespace expr = dynarock::expr;

namespace {

Item FixedItem() {
  Item item;
  item["a"] = AttributeValue::S("hello");
  item["b"] = AttributeValue::N(Number::FromInt64(42));
  item["c"] = AttributeValue::L({AttributeValue::S("x"), AttributeValue::N(Number::FromInt64(1)),
                                 AttributeValue::M({{"d", AttributeValue::Bool(true)}})});
  item["m"] = AttributeValue::M({{"k", AttributeValue::S("v")},
                                 {"n", AttributeValue::M({{"z", AttributeValue::MakeNull()}})}});
  item["s"] = AttributeValue::SS({"p", "q"});
  item["ns"] = AttributeValue::NS({Number::FromInt64(1), Number::FromInt64(2)});
  item["bin"] = AttributeValue::B(std::string("\x00\xff", 2));
  return item;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int kind = data[0] % 5;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t nl = rest.find('\n');
  std::string_view text = rest.substr(0, nl);

  std::optional<dynarock::ExpressionAttributeNames> names =
      dynarock::ExpressionAttributeNames{{"#a", "a"}, {"#b", "b"}, {"#c", "c"}, {"#m", "m"}};
  std::optional<dynarock::ExpressionAttributeValues> values = dynarock::ExpressionAttributeValues{
      {":s", AttributeValue::S("hel")},
      {":n", AttributeValue::N(Number::FromInt64(7))},
      {":l", AttributeValue::L({AttributeValue::S("y")})},
      {":ss", AttributeValue::SS({"p"})},
      {":ns", AttributeValue::NS({Number::FromInt64(2)})},
      {":t", AttributeValue::S("S")},
      {":big", AttributeValue::N("99999999999999999999999999999999999999")},
  };
  while (nl != std::string_view::npos) {
    rest = rest.substr(nl + 1);
    nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string key(line.substr(0, eq));
    std::string_view val = line.substr(eq + 1);
    if (key[0] == '#') {
      (*names)[key] = std::string(val);
    } else if (!val.empty()) {
      std::string body(val.substr(1));
      switch (val[0]) {
        case 'S': (*values)[key] = AttributeValue::S(body); break;
        case 'B': (*values)[key] = AttributeValue::B(body); break;
        case 'L': (*values)[key] = AttributeValue::L({AttributeValue::S(body)}); break;
        case 'E': (*values)[key] = AttributeValue::SS({}); break;
        case 'N': {
          auto n = Number::Parse(body);
          if (n.ok()) (*values)[key] = AttributeValue::N(*n);
          break;
        }
        default: break;
      }
    }
  }

  const Item item = FixedItem();
  expr::Compiler compiler(names, values);
  switch (kind) {
    case 0:
    case 1: {
      auto c = kind == 0 ? compiler.CompileCondition(text) : compiler.CompileFilter(text);
      if (c.ok()) {
        c->Evaluate(&item).status().IgnoreError();
        c->Evaluate(nullptr).status().IgnoreError();
        (void)c->DebugString();
      }
      break;
    }
    case 2: {
      auto k = compiler.CompileKeyCondition(text);
      if (k.ok()) {
        k->Match({"a"}, {"b"}).status().IgnoreError();
        k->Match({"a", "b"}, {"c", "m", "s", "ns"}).status().IgnoreError();
      }
      break;
    }
    case 3: {
      auto u = compiler.CompileUpdate(text);
      if (u.ok()) {
        Item out;
        if (u->Apply(&item, &out).ok()) (void)u->UpdatedAttributes(out);
        Item upsert;
        upsert["a"] = AttributeValue::S("k");
        u->Apply(nullptr, &upsert).IgnoreError();
        (void)u->UpdatedAttributes(item);
        (void)u->DebugString();
      }
      break;
    }
    default: {
      auto p = compiler.CompileProjection(text);
      if (p.ok()) (void)p->Apply(item);
      break;
    }
  }
  compiler.Finish().IgnoreError();
  return 0;
}
