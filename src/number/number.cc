// Number: DynamoDB's exact decimal (see number.h and docs/numbers.md).
//
// The coefficient is an unsigned __int128 holding at most 38 decimal digits
// (10^38 < 2^128), so parsing, comparison and formatting never touch the
// heap. Addition uses 128-bit arithmetic when the aligned operands fit and
// falls back to a fixed-size decimal digit array (every representable value
// lies within ~300 decimal positions) when they do not.

#include "dynarock/number.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace dynarock {
namespace {

using u128 = unsigned __int128;

constexpr std::array<u128, 39> MakePow10() {
  std::array<u128, 39> t{};
  u128 v = 1;
  for (int i = 0; i < 39; ++i) {
    t[i] = v;
    v *= 10;
  }
  return t;
}
constexpr std::array<u128, 39> kPow10 = MakePow10();
constexpr uint64_t kTen19 = 10000000000000000000ull;

// DynamoDB's messages (ValidationException). Pinned by tests/number/number_test.cc.
constexpr std::string_view kNotNumeric = "The parameter cannot be converted to a numeric value";
constexpr std::string_view kTooManyDigits =
    "Attempting to store more than 38 significant digits in a Number";
constexpr std::string_view kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr std::string_view kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

Status NotNumeric(std::string_view text) {
  // DynamoDB omits the ": <text>" suffix when the text is empty.
  if (text.empty()) return Status::Validation(std::string(kNotNumeric));
  std::string m(kNotNumeric);
  m += ": ";
  m.append(text);
  return Status::Validation(std::move(m));
}

int DigitCount128(u128 v) {
  if (v == 0) return 0;
  // Estimate from the bit length (log10(2) ~ 1233/4096), then correct by one.
  int bits = 128 - (static_cast<uint64_t>(v >> 64) != 0
                        ? __builtin_clzll(static_cast<uint64_t>(v >> 64))
                        : 64 + __builtin_clzll(static_cast<uint64_t>(v)));
  int t = (bits * 1233) >> 12;  // floor(log10(2^bits)) approximately
  if (t < 39 && v >= kPow10[t]) ++t;
  return t;
}

// Writes the decimal digits of v (< 10^n) right-aligned into out[0..n), two
// digits per division (the compiler turns /100 into a multiply).
inline void WriteU64Digits(uint64_t v, uint8_t* out, int n) {
  int i = n;
  while (i >= 2) {
    uint64_t q = v / 100;
    auto r = static_cast<uint32_t>(v - q * 100);
    out[--i] = static_cast<uint8_t>(r % 10);
    out[--i] = static_cast<uint8_t>(r / 10);
    v = q;
  }
  if (i == 1) out[0] = static_cast<uint8_t>(v);
}

// c / 10^19 and c % 10^19 for c < 10^38 (so the quotient fits 64 bits).
inline void DivMod1e19(u128 c, uint64_t* q, uint64_t* r) {
#if defined(__x86_64__)
  // One hardware 128/64 division instead of two __udivti3/__umodti3 calls.
  uint64_t hi = static_cast<uint64_t>(c >> 64), lo = static_cast<uint64_t>(c);
  __asm__("divq %4" : "=a"(*q), "=d"(*r) : "a"(lo), "d"(hi), "r"(kTen19));
#else
  *q = static_cast<uint64_t>(c / kTen19);
  *r = static_cast<uint64_t>(c % kTen19);
#endif
}

int DigitCount64(uint64_t v) {
  // v > 0. Bit length -> estimate, then one comparison.
  int bits = 64 - __builtin_clzll(v | 1);
  int t = (bits * 1233) >> 12;
  if (t < 19 && v >= static_cast<uint64_t>(kPow10[t])) ++t;
  return t == 0 ? 1 : t;
}

}  // namespace

int Number::digit_count() const { return DigitCount128(coefficient_); }

int Number::Digits(uint8_t out[kMaxDigits]) const {
  u128 c = coefficient_;
  if (c == 0) return 0;
  if (c < kTen19) {
    uint64_t v = static_cast<uint64_t>(c);
    int n = DigitCount64(v);
    WriteU64Digits(v, out, n);
    return n;
  }
  // Two 64-bit halves: the high part is < 10^19 because c < 10^38.
  uint64_t hi, lo;
  DivMod1e19(c, &hi, &lo);
  int n = DigitCount64(hi);
  WriteU64Digits(hi, out, n);
  WriteU64Digits(lo, out + n, 19);
  return n + 19;
}

Result<Number> Number::Parse(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  bool negative = false;
  if (p < end && (*p == '+' || *p == '-')) {
    negative = *p == '-';
    ++p;
  }
  // Mantissa: digits [. digits], at least one digit overall.
  u128 coefficient = 0;
  uint64_t chunk = 0;        // the latest (up to 19) digits of the coefficient
  int chunk_digits = 0;
  int sig_digits = 0;        // first non-zero .. last non-zero digit, inclusive
  int pending_zeros = 0;     // zeros after the last non-zero digit seen
  int64_t index = 0;         // index of the next mantissa digit
  int64_t first_nz = -1, last_nz = -1;
  int64_t point = -1;        // number of mantissa digits before the '.'
  int mantissa_digits = 0;
  for (; p < end; ++p) {
    char ch = *p;
    if (ch >= '0' && ch <= '9') {
      ++mantissa_digits;
      if (ch == '0') {
        if (first_nz >= 0) ++pending_zeros;
      } else {
        if (first_nz < 0) first_nz = index;
        int add = pending_zeros + 1;
        if (sig_digits + add <= kMaxDigits) {
          // Digits go into a 64-bit chunk (cheap multiplies); a full chunk
          // is folded into the 128-bit coefficient.
          if (chunk_digits + add <= 19) {
            chunk = chunk * static_cast<uint64_t>(kPow10[add]) + static_cast<unsigned>(ch - '0');
            chunk_digits += add;
          } else {
            coefficient = (coefficient * kPow10[chunk_digits] + chunk) * kPow10[add - 1];
            chunk = static_cast<unsigned>(ch - '0');
            chunk_digits = 1;
          }
        }
        sig_digits += add;  // may exceed 38: reported after the range checks
        pending_zeros = 0;
        last_nz = index;
      }
      ++index;
    } else if (ch == '.' && point < 0) {
      point = index;
    } else {
      break;
    }
  }
  if (mantissa_digits == 0) return NotNumeric(text);
  if (point < 0) point = index;
  int64_t exp10 = 0;
  if (p < end) {
    if (*p != 'e' && *p != 'E') return NotNumeric(text);
    ++p;
    bool exp_negative = false;
    if (p < end && (*p == '+' || *p == '-')) {
      exp_negative = *p == '-';
      ++p;
    }
    if (p == end) return NotNumeric(text);
    for (; p < end; ++p) {
      if (*p < '0' || *p > '9') return NotNumeric(text);
      // Saturate: anything this large is out of range either way.
      if (exp10 < 1000000000) exp10 = exp10 * 10 + (*p - '0');
    }
    if (exp_negative) exp10 = -exp10;
  }
  if (first_nz < 0) return Number();  // zero in any spelling, "-0" included
  // Digit at mantissa index i has weight 10^(point - 1 - i + exp10).
  int64_t leading = point - 1 - first_nz + exp10;
  if (leading > kMaxLeadingExponent) return Status::Validation(std::string(kOverflow));
  if (leading < kMinLeadingExponent) return Status::Validation(std::string(kUnderflow));
  if (sig_digits > kMaxDigits) return Status::Validation(std::string(kTooManyDigits));
  Number n;
  n.negative_ = negative;
  n.coefficient_ = coefficient == 0 ? u128{chunk} : coefficient * kPow10[chunk_digits] + chunk;
  n.exponent_ = static_cast<int32_t>(point - 1 - last_nz + exp10);
  return n;
}

Number Number::FromInt64(int64_t v) {
  Number n;
  if (v == 0) return n;
  n.negative_ = v < 0;
  uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  int32_t e = 0;
  while (mag % 10 == 0) {
    mag /= 10;
    ++e;
  }
  n.coefficient_ = mag;
  n.exponent_ = e;
  return n;
}

Result<Number> Number::FromParts(bool negative, unsigned __int128 coefficient,
                                 int32_t exponent) {
  if (coefficient == 0) {
    if (negative || exponent != 0) {
      return Status::Validation("Number parts are not normalised: zero must be (0, 0, +)");
    }
    return Number();
  }
  if (coefficient % 10 == 0) {
    return Status::Validation("Number parts are not normalised: coefficient has trailing zeros");
  }
  int digits = DigitCount128(coefficient);
  if (digits > kMaxDigits) return Status::Validation(std::string(kTooManyDigits));
  int64_t leading = static_cast<int64_t>(exponent) + digits - 1;
  if (leading > kMaxLeadingExponent) return Status::Validation(std::string(kOverflow));
  if (leading < kMinLeadingExponent) return Status::Validation(std::string(kUnderflow));
  Number n;
  n.negative_ = negative;
  n.coefficient_ = coefficient;
  n.exponent_ = exponent;
  return n;
}

std::string Number::ToString() const {
  if (coefficient_ == 0) return "0";
  uint8_t digits[kMaxDigits];
  int n = Digits(digits);
  std::string out;
  // Integer: digits then exponent zeros; fraction: "0." padding or a point inside.
  int point = n + exponent_;  // digits before the decimal point
  size_t len = (negative_ ? 1 : 0) +
               (exponent_ >= 0 ? static_cast<size_t>(n + exponent_)
                               : (point > 0 ? static_cast<size_t>(n + 1)
                                            : static_cast<size_t>(2 - point + n)));
  out.reserve(len);
  if (negative_) out.push_back('-');
  if (exponent_ >= 0) {
    for (int i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + digits[i]));
    out.append(static_cast<size_t>(exponent_), '0');
  } else if (point > 0) {
    for (int i = 0; i < n; ++i) {
      if (i == point) out.push_back('.');
      out.push_back(static_cast<char>('0' + digits[i]));
    }
  } else {
    out.append("0.");
    out.append(static_cast<size_t>(-point), '0');
    for (int i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + digits[i]));
  }
  return out;
}

std::strong_ordering Number::operator<=>(const Number& other) const {
  if (negative_ != other.negative_) {
    return negative_ ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  // Same sign (zero is never negative).
  bool a_zero = coefficient_ == 0, b_zero = other.coefficient_ == 0;
  std::strong_ordering mag = std::strong_ordering::equal;
  if (a_zero || b_zero) {
    mag = a_zero == b_zero ? std::strong_ordering::equal
          : a_zero         ? std::strong_ordering::less
                           : std::strong_ordering::greater;
  } else {
    int da = digit_count(), db = other.digit_count();
    int la = exponent_ + da - 1, lb = other.exponent_ + db - 1;
    if (la != lb) {
      mag = la < lb ? std::strong_ordering::less : std::strong_ordering::greater;
    } else {
      // Same leading exponent: align both to 38 digits (fits: < 10^38).
      u128 a = coefficient_ * kPow10[kMaxDigits - da];
      u128 b = other.coefficient_ * kPow10[kMaxDigits - db];
      mag = a == b ? std::strong_ordering::equal
            : a < b ? std::strong_ordering::less
                    : std::strong_ordering::greater;
    }
  }
  if (negative_) {
    if (mag == std::strong_ordering::less) return std::strong_ordering::greater;
    if (mag == std::strong_ordering::greater) return std::strong_ordering::less;
  }
  return mag;
}

namespace {

// Builds a normalised Number from sign, coefficient (any trailing zeros) and
// exponent, applying DynamoDB's limits. An arithmetic result needing more
// than 38 digits gets DynamoDB's *overflow* message: real DynamoDB answers
// "Number overflow..." for 1e50 + 1 (see docs/numbers.md).
Result<Number> FinishArithmetic(bool negative, u128 c, int64_t e) {
  if (c == 0) return Number();
  while (c % 10 == 0) {
    c /= 10;
    ++e;
  }
  int digits = DigitCount128(c);
  int64_t leading = e + digits - 1;
  if (leading > Number::kMaxLeadingExponent) return Status::Validation(std::string(kOverflow));
  if (leading < Number::kMinLeadingExponent) return Status::Validation(std::string(kUnderflow));
  if (digits > Number::kMaxDigits) return Status::Validation(std::string(kOverflow));
  return Number::FromParts(negative, c, static_cast<int32_t>(e));
}

}  // namespace

Result<Number> Number::Add(const Number& other) const {
  if (other.coefficient_ == 0) return *this;
  if (coefficient_ == 0) return other;
  const Number* hi = this;   // operand with the larger exponent
  const Number* lo = &other;
  if (hi->exponent_ < lo->exponent_) std::swap(hi, lo);
  int shift = hi->exponent_ - lo->exponent_;
  int hi_digits = hi->digit_count();
  if (hi_digits + shift <= kMaxDigits) {
    // Fast path: both aligned coefficients are < 10^38, their sum < 2^128.
    u128 a = hi->coefficient_ * kPow10[shift];
    u128 b = lo->coefficient_;
    if (hi->negative_ == lo->negative_) {
      return FinishArithmetic(hi->negative_, a + b, lo->exponent_);
    }
    if (a >= b) return FinishArithmetic(hi->negative_, a - b, lo->exponent_);
    return FinishArithmetic(lo->negative_, b - a, lo->exponent_);
  }
  // Slow path: schoolbook arithmetic over decimal positions. Every valid
  // number occupies positions in [-167, 125]; one more for a carry.
  constexpr int kMinPos = kMinLeadingExponent - (kMaxDigits - 1);  // -167
  constexpr int kWidth = kMaxLeadingExponent + 2 - kMinPos;         // 294
  std::array<uint8_t, kWidth> a{}, b{};
  uint8_t buf[kMaxDigits];
  auto fill = [&](const Number& n, std::array<uint8_t, kWidth>& dst) {
    int nd = n.Digits(buf);
    for (int i = 0; i < nd; ++i) {
      int pos = n.exponent_ + (nd - 1 - i);
      dst[pos - kMinPos] = buf[i];
    }
  };
  fill(*this, a);
  fill(other, b);
  bool negative;
  if (negative_ == other.negative_) {
    negative = negative_;
    int carry = 0;
    for (int i = 0; i < kWidth; ++i) {
      int s = a[i] + b[i] + carry;
      a[i] = static_cast<uint8_t>(s % 10);
      carry = s / 10;
    }
  } else {
    // Subtract the smaller magnitude from the larger.
    Number abs_this = *this, abs_other = other;
    abs_this.negative_ = false;
    abs_other.negative_ = false;
    auto cmp = abs_this <=> abs_other;
    if (cmp == std::strong_ordering::equal) return Number();
    if (cmp == std::strong_ordering::less) {
      std::swap(a, b);
      negative = other.negative_;
    } else {
      negative = negative_;
    }
    int borrow = 0;
    for (int i = 0; i < kWidth; ++i) {
      int d = a[i] - b[i] - borrow;
      borrow = d < 0;
      a[i] = static_cast<uint8_t>(d < 0 ? d + 10 : d);
    }
  }
  int low = 0, high = kWidth - 1;
  while (low < kWidth && a[low] == 0) ++low;
  if (low == kWidth) return Number();
  while (a[high] == 0) --high;
  int64_t leading = high + kMinPos;
  if (leading > kMaxLeadingExponent) return Status::Validation(std::string(kOverflow));
  if (leading < kMinLeadingExponent) return Status::Validation(std::string(kUnderflow));
  if (high - low + 1 > kMaxDigits) return Status::Validation(std::string(kOverflow));
  u128 c = 0;
  for (int i = high; i >= low; --i) c = c * 10 + a[i];
  return FinishArithmetic(negative, c, low + kMinPos);
}

Result<Number> Number::Subtract(const Number& other) const {
  Number neg = other;
  if (neg.coefficient_ != 0) neg.negative_ = !neg.negative_;
  return Add(neg);
}

}  // namespace dynarock
