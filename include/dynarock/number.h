// Number: DynamoDB's exact decimal number.
//
// Up to 38 significant decimal digits; a non-zero magnitude between 1E-130
// and 9.9999999999999999999999999999999999999E+125. Never a double:
// 0.1 + 0.2 == 0.3 and 1E2 == 100 == 100.0.
//
// Representation: value = (negative ? -1 : 1) * coefficient * 10^exponent,
// normalised so that the coefficient has no trailing zero digits (zero is
// coefficient 0, exponent 0, not negative). Two equal numbers therefore have
// identical fields, so equality is field equality.
//
// Thread-safety: a value type.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "dynarock/status.h"

namespace dynarock {

class Number {
 public:
  static constexpr int kMaxDigits = 38;
  // Bounds of the magnitude, as decimal exponents of the leading digit:
  // the smallest non-zero value is 1E-130, the largest 9.99..9E+125.
  static constexpr int kMinLeadingExponent = -130;
  static constexpr int kMaxLeadingExponent = 125;

  Number() = default;  // zero

  // Parses DynamoDB's number syntax: optional sign, digits with an optional
  // decimal point, optional exponent (e/E, optional sign, digits). Leading
  // and trailing zeros do not count as significant digits.
  // Returns ValidationException with DynamoDB's message when the text is not
  // a number, has more than 38 significant digits, or is out of range.
  static Result<Number> Parse(std::string_view text);

  // Builds an integer (always valid).
  static Number FromInt64(int64_t v);

  // Canonical text, as DynamoDB returns numbers: plain decimal notation,
  // no exponent, no trailing fractional zeros, "-" for negatives, "0" for zero
  // (e.g. "100", "0.001", "-12.5", "1000000000000000000000000000000").
  std::string ToString() const;

  // Exact arithmetic. Returns ValidationException when the result needs more
  // than 38 significant digits or falls out of range (DynamoDB's messages).
  Result<Number> Add(const Number& other) const;
  Result<Number> Subtract(const Number& other) const;

  // Numeric order.
  std::strong_ordering operator<=>(const Number& other) const;
  bool operator==(const Number& other) const = default;

  bool is_zero() const { return coefficient_ == 0; }
  bool is_negative() const { return negative_; }
  // REQUIRES: the number is normalised (always true for Numbers built here).
  unsigned __int128 coefficient() const { return coefficient_; }
  int32_t exponent() const { return exponent_; }
  // Number of decimal digits of the coefficient (0 for zero).
  int digit_count() const;
  // Decimal exponent of the leading digit: value = d.ddd * 10^leading_exponent().
  // REQUIRES: !is_zero()
  int leading_exponent() const { return exponent_ + digit_count() - 1; }

  // Writes the coefficient's decimal digits (most significant first, digit
  // values 0..9, not ASCII) into out and returns how many.
  int Digits(uint8_t out[kMaxDigits]) const;

  // Builds a number from already-normalised parts (used by decoders).
  // Returns Corruption-free validation: ValidationException if the parts
  // are not normalised or out of range.
  static Result<Number> FromParts(bool negative, unsigned __int128 coefficient,
                                  int32_t exponent);

 private:
  bool negative_ = false;
  int32_t exponent_ = 0;
  unsigned __int128 coefficient_ = 0;
};

}  // namespace dynarock
