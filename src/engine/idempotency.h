// IdempotencyCache: TransactWriteItems' ClientRequestToken window.
//
// DynamoDB makes a TransactWriteItems call with a ClientRequestToken
// idempotent for 10 minutes after the first call with that token completes:
// the same token with the same request returns the first call's result and
// applies nothing again; the same token with a different request fails with
// IdempotentParameterMismatchException; a call that arrives while the first
// is still running fails with TransactionInProgressException.
//
// The cache keeps, per token, a 128-bit fingerprint of the request (every
// parameter but the token) and the result. It lives in memory: a process
// restart forgets it (docs/transactions.md says so). It is bounded: past
// `capacity` completed tokens the oldest are dropped first (expired ones
// always go first), so a flood of distinct tokens cannot grow memory without
// bound. Only successful transactions are recorded: a cancelled or failed
// one wrote nothing, so running it again cannot apply anything twice.
//
// Thread-safety: every method may be called concurrently.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "dynarock/requests.h"

namespace dynarock::engine {

// 128-bit digest of a request's canonical bytes.
struct RequestFingerprint {
  uint64_t low = 0;
  uint64_t high = 0;
  bool operator==(const RequestFingerprint&) const = default;
};

// Fingerprint of every parameter of the request except ClientRequestToken.
// Equal requests (same actions, same values, same options) give equal
// fingerprints; any difference gives a different one (up to 2^-128).
RequestFingerprint FingerprintTransactWrite(const TransactWriteItemsRequest& request);

class IdempotencyCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  static constexpr std::chrono::minutes kWindow{10};
  static constexpr size_t kDefaultCapacity = 100000;

  // clock defaults to std::chrono::steady_clock::now (tests inject their own).
  explicit IdempotencyCache(size_t capacity = kDefaultCapacity, Clock clock = nullptr);

  enum class Claim {
    kNew,         // the caller runs the transaction, then calls Complete or Release
    kReplay,      // same request completed within the window: *result holds its result
    kMismatch,    // the token was used by a different request within the window
    kInProgress,  // the token's first request is still running
  };

  // Claims token for a request with fingerprint fp.
  Claim Begin(std::string_view token, const RequestFingerprint& fp, TransactWriteItemsResult* result);
  // Records the result of a claimed token; the window starts now.
  // REQUIRES: Begin returned kNew for token.
  void Complete(std::string_view token, const TransactWriteItemsResult& result);
  // Forgets a claim whose transaction did not commit.
  // REQUIRES: Begin returned kNew for token.
  void Release(std::string_view token);

  // Completed and in-progress tokens held (for tests).
  size_t size() const;

 private:
  struct Entry {
    RequestFingerprint fingerprint;
    bool done = false;
    std::chrono::steady_clock::time_point expires;
    TransactWriteItemsResult result;
  };
  // Drops expired entries, then the oldest completed ones past capacity_.
  // REQUIRES: mu_ held.
  void EvictLocked(std::chrono::steady_clock::time_point now);

  const size_t capacity_;
  const Clock clock_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
  // Completed tokens in completion order (so in expiry order: the clock is
  // monotonic). A token completed again after expiry appears twice; the
  // stale position is skipped by comparing expiry times.
  std::deque<std::pair<std::chrono::steady_clock::time_point, std::string>> order_;  // GUARDED_BY(mu_)
};

}  // namespace dynarock::engine
