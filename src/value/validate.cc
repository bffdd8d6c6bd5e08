// ValidateValue: DynamoDB's rules for a value that comes in.
//
// Messages are DynamoDB's, including their quirks (the doubled space in
// "An string set  may not be empty", the missing space in "]of type BS",
// and the unprefixed NS duplicate message), as pinned by DynamoDB-verified
// test suites (dynalite's validation tests) and by tests/value/value_test.cc.

#include <algorithm>

#include "dynarock/value.h"
#include "value/value_internal.h"

namespace dynarock {
namespace {

// DynamoDB allows 32 levels, the attribute's own value being level 1: a value
// nested in 31 maps/lists is accepted, one nested in 32 is not.
constexpr int kMaxNestingLevel = 32;

constexpr std::string_view kInvalidPrefix = "One or more parameter values were invalid: ";

Status Invalid(std::string_view detail) {
  std::string m(kInvalidPrefix);
  m.append(detail);
  return Status::Validation(std::move(m));
}

template <typename T, typename Less>
bool HasDuplicates(const std::vector<T>& v, Less less) {
  if (v.size() < 2) return false;
  if (v.size() == 2) return !less(v[0], v[1]) && !less(v[1], v[0]);
  std::vector<const T*> p;
  p.reserve(v.size());
  for (const T& x : v) p.push_back(&x);
  std::sort(p.begin(), p.end(), [&](const T* a, const T* b) { return less(*a, *b); });
  for (size_t i = 1; i < p.size(); ++i) {
    if (!less(*p[i - 1], *p[i])) return true;
  }
  return false;
}

// "[a, b, a]" as DynamoDB prints a collection in its duplicate message.
std::string CollectionText(const std::vector<std::string>& v, bool base64) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out.append(", ");
    if (base64) {
      value_internal::AppendBase64(v[i], &out);
    } else {
      out.append(v[i]);
    }
  }
  out.push_back(']');
  return out;
}

Status Validate(const AttributeValue& v, int level) {
  if (level > kMaxNestingLevel) {
    return Status::Validation(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
        "levels beyond supported limit");
  }
  switch (v.type()) {
    case ValueType::kSS:
      if (v.ss().empty()) return Invalid("An string set  may not be empty");
      if (HasDuplicates(v.ss(), std::less<std::string>())) {
        return Invalid("Input collection " + CollectionText(v.ss(), false) + " contains duplicates.");
      }
      return Status::OK();
    case ValueType::kBS:
      if (v.bs().empty()) return Invalid("Binary sets should not be empty");
      if (HasDuplicates(v.bs(), std::less<std::string>())) {
        return Invalid("Input collection " + CollectionText(v.bs(), true) +
                       "of type BS contains duplicates.");
      }
      return Status::OK();
    case ValueType::kNS:
      if (v.ns().empty()) return Invalid("An number set  may not be empty");
      if (HasDuplicates(v.ns(), [](const Number& a, const Number& b) { return std::is_lt(a <=> b); })) {
        return Status::Validation("Input collection contains duplicates");
      }
      return Status::OK();
    case ValueType::kM:
      for (const auto& [k, e] : v.m()) RETURN_IF_ERROR(Validate(e, level + 1));
      return Status::OK();
    case ValueType::kL:
      for (const auto& e : v.l()) RETURN_IF_ERROR(Validate(e, level + 1));
      return Status::OK();
    default:
      return Status::OK();
  }
}

}  // namespace

Status ValidateValue(const AttributeValue& v) { return Validate(v, 1); }

}  // namespace dynarock
