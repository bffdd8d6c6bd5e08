// The fingerprint hashes a canonical byte form of the request, never kept:
//
//   request   := varint(count) action* varint(return_consumed_capacity)
//                varint(return_item_collection_metrics)
//   action    := kind-byte table item-or-key opt-str(condition) opt-str(update)
//                opt-item(names) opt-item(values) varint(rvoccf)
//   opt-str   := 0x00 | 0x01 length-prefixed bytes
//   opt-item  := 0x00 | 0x01 length-prefixed EncodeItem bytes
//
// Items use the item codec, which is deterministic for equal items, and
// every variable-length field is length-prefixed, so two different requests
// never share a byte form.
#include "engine/idempotency.h"

#include <xxhash.h>

#include "codec/item_codec.h"
#include "util/coding.h"

namespace dynarock::engine {
namespace {

void PutOptString(std::string* out, const std::optional<std::string>& s) {
  if (!s) {
    out->push_back('\0');
    return;
  }
  out->push_back('\1');
  util::PutLengthPrefixed(out, *s);
}

void PutItemBytes(std::string* out, const Item& item) {
  std::string bytes;
  codec::EncodeItem(item, &bytes);
  util::PutLengthPrefixed(out, bytes);
}

void PutNames(std::string* out, const std::optional<ExpressionAttributeNames>& names) {
  if (!names) {
    out->push_back('\0');
    return;
  }
  out->push_back('\1');
  util::PutVarint64(out, names->size());
  for (const auto& [k, v] : *names) {
    util::PutLengthPrefixed(out, k);
    util::PutLengthPrefixed(out, v);
  }
}

void PutValues(std::string* out, const std::optional<ExpressionAttributeValues>& values) {
  if (!values) {
    out->push_back('\0');
    return;
  }
  out->push_back('\1');
  Item as_item(values->begin(), values->end());
  PutItemBytes(out, as_item);
}

template <typename A>
void PutCommon(std::string* out, char kind, const A& a, const Item& item_or_key,
               const std::optional<std::string>& condition, const std::optional<std::string>& update) {
  out->push_back(kind);
  util::PutLengthPrefixed(out, a.table_name);
  PutItemBytes(out, item_or_key);
  PutOptString(out, condition);
  PutOptString(out, update);
  PutNames(out, a.expression_attribute_names);
  PutValues(out, a.expression_attribute_values);
  util::PutVarint32(out, static_cast<uint32_t>(a.return_values_on_condition_check_failure));
}

}  // namespace

RequestFingerprint FingerprintTransactWrite(const TransactWriteItemsRequest& r) {
  std::string bytes;
  util::PutVarint64(&bytes, r.transact_items.size());
  for (const TransactWriteItem& t : r.transact_items) {
    // An action with several or no members is rejected before any lookup;
    // still hash every member so the form stays injective.
    bytes.push_back(static_cast<char>((t.condition_check ? 1 : 0) | (t.put ? 2 : 0) | (t.del ? 4 : 0) |
                                      (t.update ? 8 : 0)));
    if (t.condition_check) {
      PutCommon(&bytes, 'C', *t.condition_check, t.condition_check->key,
                t.condition_check->condition_expression, std::nullopt);
    }
    if (t.put) PutCommon(&bytes, 'P', *t.put, t.put->item, t.put->condition_expression, std::nullopt);
    if (t.del) PutCommon(&bytes, 'D', *t.del, t.del->key, t.del->condition_expression, std::nullopt);
    if (t.update) {
      PutCommon(&bytes, 'U', *t.update, t.update->key, t.update->condition_expression,
                t.update->update_expression);
    }
  }
  util::PutVarint32(&bytes, static_cast<uint32_t>(r.return_consumed_capacity));
  util::PutVarint32(&bytes, static_cast<uint32_t>(r.return_item_collection_metrics));
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  return RequestFingerprint{h.low64, h.high64};
}

IdempotencyCache::IdempotencyCache(size_t capacity, Clock clock)
    : capacity_(capacity == 0 ? 1 : capacity),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })) {}

IdempotencyCache::Claim IdempotencyCache::Begin(std::string_view token, const RequestFingerprint& fp,
                                                TransactWriteItemsResult* result) {
  const auto now = clock_();
  std::lock_guard<std::mutex> lock(mu_);
  EvictLocked(now);
  auto it = entries_.find(std::string(token));
  if (it != entries_.end()) {
    Entry& e = it->second;
    if (!(e.fingerprint == fp)) return Claim::kMismatch;
    if (!e.done) return Claim::kInProgress;
    *result = e.result;
    return Claim::kReplay;
  }
  Entry e;
  e.fingerprint = fp;
  entries_.emplace(std::string(token), std::move(e));
  return Claim::kNew;
}

void IdempotencyCache::Complete(std::string_view token, const TransactWriteItemsResult& result) {
  const auto now = clock_();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(std::string(token));
  if (it == entries_.end()) return;
  it->second.done = true;
  it->second.expires = now + kWindow;
  it->second.result = result;
  order_.emplace_back(it->second.expires, it->first);
  EvictLocked(now);
}

void IdempotencyCache::Release(std::string_view token) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(std::string(token));
  if (it != entries_.end() && !it->second.done) entries_.erase(it);
}

size_t IdempotencyCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

void IdempotencyCache::EvictLocked(std::chrono::steady_clock::time_point now) {
  while (!order_.empty()) {
    const auto& [expires, token] = order_.front();
    auto it = entries_.find(token);
    // A stale position: the token was dropped, or completed again later.
    const bool stale = it == entries_.end() || !it->second.done || it->second.expires != expires;
    if (stale) {
      order_.pop_front();
      continue;
    }
    if (expires > now && order_.size() <= capacity_) break;
    entries_.erase(it);
    order_.pop_front();
  }
}

}  // namespace dynarock::engine
