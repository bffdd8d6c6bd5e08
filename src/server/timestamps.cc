#include "server/timestamps.h"

#include <cstring>

namespace dynarock::server {
namespace {

using namespace std::chrono;

// Writes `value` as exactly `width` decimal digits (the low ones).
void PutDigits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

// The value of `width` digits at `text[pos]`, or -1 when one is not a digit.
int Digits(std::string_view text, size_t pos, size_t width) {
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// A second split into its calendar fields.
struct Fields {
  sys_days day;
  year_month_day ymd;
  hh_mm_ss<seconds> hms;
  explicit Fields(sys_seconds time) : day(floor<days>(time)), ymd(day), hms(time - day) {}
  unsigned yyyy() const { return static_cast<unsigned>(static_cast<int>(ymd.year())); }
  unsigned mon() const { return static_cast<unsigned>(ymd.month()); }
  unsigned mday() const { return static_cast<unsigned>(ymd.day()); }
  unsigned hh() const { return static_cast<unsigned>(hms.hours().count()); }
  unsigned mi() const { return static_cast<unsigned>(hms.minutes().count()); }
  unsigned ss() const { return static_cast<unsigned>(hms.seconds().count()); }
};

}  // namespace

std::optional<sys_seconds> ParseAmzDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  int y = Digits(text, 0, 4), mo = Digits(text, 4, 2), d = Digits(text, 6, 2);
  int h = Digits(text, 9, 2), mi = Digits(text, 11, 2), sec = Digits(text, 13, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  return sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec};
}

std::string FormatAmzDate(sys_seconds time) {
  Fields f(time);
  std::string out = "00000000T000000Z";
  PutDigits(&out[0], f.yyyy(), 4);
  PutDigits(&out[4], f.mon(), 2);
  PutDigits(&out[6], f.mday(), 2);
  PutDigits(&out[9], f.hh(), 2);
  PutDigits(&out[11], f.mi(), 2);
  PutDigits(&out[13], f.ss(), 2);
  return out;
}

void FormatHttpDate(sys_seconds time, char (&out)[kHttpDateSize]) {
  static constexpr char kDays[] = "SunMonTueWedThuFriSat";
  static constexpr char kMonths[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  Fields f(time);
  std::memcpy(out, "Sun, 00 Jan 0000 00:00:00 GMT", kHttpDateSize);
  std::memcpy(out, kDays + 3 * weekday{f.day}.c_encoding(), 3);
  PutDigits(out + 5, f.mday(), 2);
  std::memcpy(out + 8, kMonths + 3 * (f.mon() - 1), 3);
  PutDigits(out + 12, f.yyyy(), 4);
  PutDigits(out + 17, f.hh(), 2);
  PutDigits(out + 20, f.mi(), 2);
  PutDigits(out + 23, f.ss(), 2);
}

}  // namespace dynarock::server
