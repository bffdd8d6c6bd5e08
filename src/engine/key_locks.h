// KeyLocks: per-item locks as a fixed array of striped mutexes, indexed by
// a hash of (table, item key). Two writes of one item always take the same
// stripe, so read-modify-write sequences on one item serialise; unrelated
// items rarely collide. Several stripes are always taken in ascending
// order (LockSet), so multi-item writes cannot deadlock.
//
// Thread-safety: safe to share.
#pragma once

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <vector>

namespace dynarock::engine {

class KeyLocks {
 public:
  static constexpr size_t kStripes = 4096;

  size_t Stripe(uint64_t table_seed, std::string_view key) const {
    return static_cast<size_t>(XXH64(key.data(), key.size(), table_seed) % kStripes);
  }
  std::mutex& At(size_t stripe) { return stripes_[stripe].mu; }

 private:
  // One cache line per mutex: neighbouring stripes do not false-share.
  struct alignas(64) Padded {
    std::mutex mu;
  };
  std::array<Padded, kStripes> stripes_;
};

// Holds a set of stripes, locked in ascending order, released on destruction.
class LockSet {
 public:
  LockSet(KeyLocks* locks, std::vector<size_t> stripes) : locks_(locks), stripes_(std::move(stripes)) {
    std::sort(stripes_.begin(), stripes_.end());
    stripes_.erase(std::unique(stripes_.begin(), stripes_.end()), stripes_.end());
    for (size_t s : stripes_) locks_->At(s).lock();
  }
  ~LockSet() {
    for (auto it = stripes_.rbegin(); it != stripes_.rend(); ++it) locks_->At(*it).unlock();
  }
  LockSet(const LockSet&) = delete;
  LockSet& operator=(const LockSet&) = delete;

 private:
  KeyLocks* locks_;
  std::vector<size_t> stripes_;
};

}  // namespace dynarock::engine
