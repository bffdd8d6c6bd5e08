// libFuzzer target for the decoders of stored bytes: whatever RocksDB hands
// back (a torn write, a disk error, a bug) must give Corruption or a value,
// never a crash or an out-of-bounds read.
//
// Input layout: byte 0 picks the decoder (item, item key, plain or delimited
// key value of each scalar type); the rest is the bytes to decode. A value
// that decodes is encoded again and must decode to an equal value.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "codec/item_codec.h"
#include "codec/key_codec.h"

using dynarock::AttributeValue;
using dynarock::Item;
using dynarock::ScalarAttributeType;
namespace codec = dynarock::codec;

namespace {

ScalarAttributeType TypeOf(uint8_t b) {
  switch (b % 3) {
    case 0: return ScalarAttributeType::kS;
    case 1: return ScalarAttributeType::kN;
    default: return ScalarAttributeType::kB;
  }
}

void DecodeItemBytes(std::string_view bytes) {
  auto item = codec::DecodeItem(bytes);
  if (!item.ok()) return;
  std::string again;
  codec::EncodeItem(*item, &again);
  auto round = codec::DecodeItem(again);
  if (!round.ok() || !(*round == *item)) std::abort();
}

void DecodeKeyBytes(uint8_t selector, std::string_view bytes) {
  const ScalarAttributeType type = TypeOf(selector >> 2);
  const bool delimited = (selector & 2) != 0;
  std::string_view in = bytes;
  auto value = codec::DecodeKeyValue(&in, type, delimited);
  if (!value.ok()) return;
  std::string again;
  if (delimited) {
    codec::AppendKeyBytesDelimited(*value, &again);
  } else {
    codec::AppendKeyBytes(*value, &again);
  }
  std::string_view again_in = again;
  auto round = codec::DecodeKeyValue(&again_in, type, delimited);
  if (!round.ok() || !(*round == *value)) std::abort();
}

void DecodeItemKeyBytes(uint8_t selector, std::string_view bytes) {
  auto key = codec::DecodeItemKey(bytes, TypeOf(selector >> 2), (selector & 2) != 0,
                                  TypeOf(selector >> 4));
  (void)key.ok();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (selector % 3) {
    case 0: DecodeItemBytes(bytes); break;
    case 1: DecodeKeyBytes(selector, bytes); break;
    default: DecodeItemKeyBytes(selector, bytes); break;
  }
  return 0;
}
