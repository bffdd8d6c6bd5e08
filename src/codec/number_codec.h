// Binary encodings of Number (see docs/format/number.md for every byte):
//
// - Key form: order-preserving and self-delimiting. memcmp order of the
//   encodings equals numeric order, and a decoder finds the end without a
//   length, so it serves both as the last key component and inside compound
//   (index) keys. At most 22 bytes.
// - Compact form: the denser form used inside item values, where order does
//   not matter: a varint of sign and exponent, then the coefficient as a
//   base-128 varint. At most 2 + 19 bytes.
//
// Thread-safety: free functions.
#pragma once

#include <string>
#include <string_view>

#include "dynarock/number.h"
#include "dynarock/status.h"

namespace dynarock::codec {

inline constexpr int kMaxNumberKeyBytes = 22;

// Appends the order-preserving key form of n.
void AppendNumberKey(const Number& n, std::string* out);
// Reads one key-form number from *in and advances past it. Returns Corruption
// on malformed bytes (bad class byte, digit out of range, missing final
// digit, non-canonical digits, out-of-range value).
Result<Number> DecodeNumberKey(std::string_view* in);

// Appends the compact (item value) form of n.
void AppendNumberCompact(const Number& n, std::string* out);
// Reads one compact-form number and advances past it. Returns Corruption on
// malformed, non-canonical or out-of-range bytes.
Result<Number> DecodeNumberCompact(std::string_view* in);

}  // namespace dynarock::codec
