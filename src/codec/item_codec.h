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

// Decodes bytes written by EncodeItem. Returns Corruption (never crashes,
// never reads out of bounds) on malformed or truncated bytes.
Result<Item> DecodeItem(std::string_view bytes);

}  // namespace dynarock::codec
