#include "server/request_id.h"

#include <cstdint>
#include <random>

namespace dynarock::server {
namespace {

// xoshiro256** (Blackman & Vigna): fast, 256 bits of state, and seeded from
// the OS per thread, so two threads never share a sequence.
class Xoshiro256 {
 public:
  Xoshiro256() {
    std::random_device rd;
    for (uint64_t& w : s_) w = (uint64_t{rd()} << 32) ^ rd();
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;
  }
  uint64_t Next() {
    uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace

std::string NewRequestId() {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  thread_local Xoshiro256 rng;
  std::string id(52, '0');
  uint64_t word = 0;
  int bits = 0;
  for (char& c : id) {
    if (bits < 5) {
      word = rng.Next();
      bits = 64;
    }
    c = kAlphabet[word & 31];
    word >>= 5;
    bits -= 5;
  }
  return id;
}

}  // namespace dynarock::server
