// Item encoding: the compact binary form of a whole item stored as the
// RocksDB value (see docs/format/item.md for every byte). A leading format
// version byte lets the format evolve.
#pragma once

#include <string>
#include <string_view>

#include "dynarock/value.h"

namespace dynarock::codec {

// Appends the encoding of item to *out. Deterministic: equal items (same
// attribute names and values in the same set order) give equal bytes.
void EncodeItem(const Item& item, std::string* out);
// Same, returning a new string.
std::string EncodeItem(const Item& item);

// Nesting of M and L values the decoder accepts: a top-level attribute's
// value is level 0, its elements level 1, and so on. DynamoDB allows 32
// levels; the decoder allows more so that it never rejects what the engine
// wrote, yet bounds recursion on forged bytes.
inline constexpr int kMaxDecodeDepth = 64;

// Decodes bytes written by EncodeItem. Returns Corruption (never crashes,
// never reads out of bounds) on malformed or truncated bytes.
Result<Item> DecodeItem(std::string_view bytes);

}  // namespace dynarock::codec
