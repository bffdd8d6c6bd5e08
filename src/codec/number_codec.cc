// Number encodings. Grammar of the bytes (docs/format/number.md):
//
// Key form (order-preserving, self-delimiting):
//   key      := 0x02                                   zero
//             | 0x03 exp digit* final                  positive
//             | 0x01 ~exp ~digit* ~final               negative (bytes complemented)
//   exp      := uint8 (e + 64), e in [-64, 63]
//   digit    := uint8 (2*X + 1)    a centesimal digit X in [0, 99], more follow
//   final    := uint8 (2*X)        the last centesimal digit, X in [1, 99]
// The value is 0.X1 X2 ... Xm (base 100) * 100^e with X1 != 0 and Xm != 0:
// decimal digits are grouped in pairs aligned on even powers of ten, so the
// first group may be a single digit (X1 < 10) and the last may end in a pad
// zero (Xm % 10 == 0). Ordering: for positives a larger e is a larger value,
// then digits compare as base-100 fractions; the low bit of each digit byte
// makes a shorter digit string (a prefix) sort first. Negatives complement
// every byte after the class, reversing the order. Canonical: one encoding
// per value (Number is normalised), so equal numbers give equal bytes.
//
// Compact form (item values, not ordered):
//   compact  := varint32(head) varint128(coefficient)
//   head     := zigzag(exponent) * 2 + negative
//   varint128:= LEB128 of the unsigned 128-bit coefficient (at most 19 bytes)
// Zero is head 0, coefficient 0: the bytes 00 00.
#include "codec/number_codec.h"

#include <cstdint>

#include "util/coding.h"

namespace dynarock::codec {
namespace {

using U128 = unsigned __int128;

constexpr uint8_t kClassNegative = 0x01;
constexpr uint8_t kClassZero = 0x02;
constexpr uint8_t kClassPositive = 0x03;
constexpr int kExponentBias = 64;
constexpr int kMaxCentesimalDigits = 20;  // 38 digits + a pad at each end
constexpr uint64_t kTen16 = 10000000000000000ULL;

Status NumberCorruption(std::string_view what) {
  return Status::Corruption("corrupt number encoding: " + std::string(what));
}

// Writes the base-100 digits of v (v < 10^16) into out, least significant
// first; exactly `count` digits (pads with zeros) when count > 0, otherwise
// until v is exhausted. Returns the number written.
int Base100Low(uint64_t v, uint8_t* out, int count) {
  int n = 0;
  if (count > 0) {
    for (; n < count; ++n) {
      out[n] = static_cast<uint8_t>(v % 100);
      v /= 100;
    }
    return n;
  }
  while (v != 0) {
    out[n++] = static_cast<uint8_t>(v % 100);
    v /= 100;
  }
  return n;
}

// Base-100 digits of c (c < 10^38), least significant first. Splits c in
// 16-digit limbs so most of the work is 64-bit division by a constant
// (a multiply) rather than 128-bit library division.
int Base100(U128 c, uint8_t* out) {
  if (c <= UINT64_MAX && static_cast<uint64_t>(c) < kTen16) {
    return Base100Low(static_cast<uint64_t>(c), out, 0);
  }
  uint64_t lo = static_cast<uint64_t>(c % kTen16);
  U128 rest = c / kTen16;
  if (rest < kTen16) {
    int n = Base100Low(lo, out, 8);
    return n + Base100Low(static_cast<uint64_t>(rest), out + n, 0);
  }
  uint64_t mid = static_cast<uint64_t>(rest % kTen16);
  uint64_t hi = static_cast<uint64_t>(rest / kTen16);
  int n = Base100Low(lo, out, 8);
  n += Base100Low(mid, out + n, 8);
  return n + Base100Low(hi, out + n, 0);
}

}  // namespace

void AppendNumberKey(const Number& n, std::string* out) {
  if (n.is_zero()) {
    out->push_back(static_cast<char>(kClassZero));
    return;
  }
  U128 c = n.coefficient();
  int64_t exp = n.exponent();
  uint8_t rev[kMaxCentesimalDigits + 2];  // least significant first
  int m = 0;
  if (exp & 1) {
    // The last decimal digit sits at an odd power of ten: it is the high
    // half of a centesimal digit whose low half is a pad zero.
    rev[m++] = static_cast<uint8_t>((c % 10) * 10);
    c /= 10;
    exp -= 1;  // exponent of the pad position, now even
  }
  m += Base100(c, rev + m);
  int e = static_cast<int>(exp / 2 + m);
  char buf[kMaxNumberKeyBytes + 2];
  int len = 0;
  const uint8_t flip = n.is_negative() ? 0xFF : 0x00;
  buf[len++] = static_cast<char>(n.is_negative() ? kClassNegative : kClassPositive);
  buf[len++] = static_cast<char>(static_cast<uint8_t>(e + kExponentBias) ^ flip);
  for (int i = m - 1; i >= 1; --i) {
    buf[len++] = static_cast<char>(static_cast<uint8_t>(2 * rev[i] + 1) ^ flip);
  }
  buf[len++] = static_cast<char>(static_cast<uint8_t>(2 * rev[0]) ^ flip);
  out->append(buf, len);
}

Result<Number> DecodeNumberKey(std::string_view* in) {
  if (in->empty()) return NumberCorruption("empty");
  uint8_t cls = static_cast<uint8_t>((*in)[0]);
  if (cls == kClassZero) {
    in->remove_prefix(1);
    return Number();
  }
  if (cls != kClassNegative && cls != kClassPositive) return NumberCorruption("bad class byte");
  const bool negative = cls == kClassNegative;
  const uint8_t flip = negative ? 0xFF : 0x00;
  if (in->size() < 3) return NumberCorruption("truncated");
  int e = static_cast<int>(static_cast<uint8_t>((*in)[1]) ^ flip) - kExponentBias;
  if (e < -kExponentBias || e >= kExponentBias) return NumberCorruption("exponent out of range");
  uint8_t digits[kMaxCentesimalDigits];
  int m = 0;
  size_t pos = 2;
  bool final_seen = false;
  while (pos < in->size()) {
    uint8_t b = static_cast<uint8_t>((*in)[pos++]) ^ flip;
    if (b > 199) return NumberCorruption("digit out of range");
    if (m == kMaxCentesimalDigits) return NumberCorruption("too many digits");
    digits[m++] = b >> 1;
    if ((b & 1) == 0) {
      final_seen = true;
      break;
    }
  }
  if (!final_seen) return NumberCorruption("missing final digit");
  if (digits[0] == 0 || digits[m - 1] == 0) return NumberCorruption("non-canonical digits");
  // Count decimal digits so that the coefficient provably fits 38 digits
  // before accumulating it.
  const bool lead_single = digits[0] < 10;
  const bool trail_pad = digits[m - 1] % 10 == 0;
  int decimal_digits = 2 * m - (lead_single ? 1 : 0) - (trail_pad ? 1 : 0);
  if (decimal_digits > Number::kMaxDigits) return NumberCorruption("more than 38 digits");
  U128 c = 0;
  for (int i = 0; i + 1 < m; ++i) c = c * 100 + digits[i];
  int64_t exp = 2 * (static_cast<int64_t>(e) - m);
  if (trail_pad) {
    c = c * 10 + digits[m - 1] / 10;
    exp += 1;
  } else {
    c = c * 100 + digits[m - 1];
  }
  auto number = Number::FromParts(negative, c, static_cast<int32_t>(exp));
  if (!number.ok()) return NumberCorruption(number.status().message());
  in->remove_prefix(pos);
  return number;
}

void AppendNumberCompact(const Number& n, std::string* out) {
  int32_t exp = n.exponent();
  uint32_t zigzag = (static_cast<uint32_t>(exp) << 1) ^ static_cast<uint32_t>(exp >> 31);
  util::PutVarint32(out, (zigzag << 1) | (n.is_negative() ? 1u : 0u));
  U128 c = n.coefficient();
  char buf[20];
  int len = 0;
  while (c >= 0x80) {
    buf[len++] = static_cast<char>((static_cast<uint8_t>(c) & 0x7F) | 0x80);
    c >>= 7;
  }
  buf[len++] = static_cast<char>(c);
  out->append(buf, len);
}

Result<Number> DecodeNumberCompact(std::string_view* in) {
  uint32_t head = 0;
  const size_t before = in->size();
  if (!util::GetVarint32(in, &head) ||
      before - in->size() != static_cast<size_t>(util::VarintLength(head))) {
    return NumberCorruption("bad header varint");
  }
  const bool negative = head & 1;
  uint32_t zigzag = head >> 1;
  int32_t exp = static_cast<int32_t>(zigzag >> 1) ^ -static_cast<int32_t>(zigzag & 1);
  U128 c = 0;
  int shift = 0;
  size_t i = 0;
  for (;; ++i) {
    // 10^38 < 2^127: 19 groups of 7 bits are always enough.
    if (i >= in->size() || i >= 19) return NumberCorruption("bad coefficient varint");
    uint8_t b = static_cast<uint8_t>((*in)[i]);
    if (i == 18 && b > 0x03) return NumberCorruption("coefficient over 128 bits");
    if (b == 0 && i > 0) return NumberCorruption("non-canonical coefficient varint");
    c |= static_cast<U128>(b & 0x7F) << shift;
    shift += 7;
    if (b < 0x80) break;
  }
  if (c == 0 && head != 0) return NumberCorruption("non-canonical zero");
  auto number = Number::FromParts(negative, c, exp);
  if (!number.ok()) return NumberCorruption(number.status().message());
  in->remove_prefix(i + 1);
  return number;
}

}  // namespace dynarock::codec
