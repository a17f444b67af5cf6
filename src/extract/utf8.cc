#include "utf8.h"

#include <algorithm>

#include "trustscreen/core/utf8.h"

namespace trustscreen::extract::internal {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence at the start of `s` (Unicode table 3-7), or 0.
std::size_t ValidSequenceLength(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = b(0);
  if (lead < 0x80) return 1;
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // > U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < len) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t i = 2; i < len; ++i) {
    if (b(i) < 0x80 || b(i) > 0xBF) return 0;
  }
  return len;
}

char32_t DecodeValid(std::string_view s, std::size_t len) {
  const auto b = [&](std::size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[i]));
  };
  switch (len) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

bool IsSpace(char32_t cp) {
  switch (cp) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200B;
  }
}

}  // namespace

std::uint64_t AppendValidUtf8(std::string_view in, std::string& out) {
  std::uint64_t replaced = 0;
  out.reserve(out.size() + in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    // Copy ASCII runs in one go: almost all input is ASCII.
    std::size_t run = i;
    while (run < in.size() && static_cast<unsigned char>(in[run]) < 0x80) ++run;
    out.append(in.substr(i, run - i));
    i = run;
    if (i >= in.size()) break;
    const std::size_t len = ValidSequenceLength(in.substr(i));
    if (len == 0) {
      out.append(kReplacement);
      ++replaced;
      ++i;
    } else {
      out.append(in.substr(i, len));
      i += len;
    }
  }
  return replaced;
}

std::uint64_t AppendUtf16AsUtf8(std::string_view in, bool big_endian, std::string& out) {
  std::uint64_t replaced = 0;
  const auto unit = [&](std::size_t i) -> char16_t {
    const auto b0 = static_cast<unsigned char>(in[i]);
    const auto b1 = static_cast<unsigned char>(in[i + 1]);
    return static_cast<char16_t>(big_endian ? (b0 << 8) | b1 : (b1 << 8) | b0);
  };
  std::size_t i = 0;
  while (i + 1 < in.size()) {
    const char16_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < in.size()) {
        const char16_t low = unit(i);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          i += 2;
          trustscreen::AppendUtf8(
              0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (low - 0xDC00), out);
          continue;
        }
      }
      out.append(kReplacement);
      ++replaced;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      out.append(kReplacement);
      ++replaced;
    } else {
      trustscreen::AppendUtf8(u, out);
    }
  }
  if (i < in.size()) {  // odd trailing byte
    out.append(kReplacement);
    ++replaced;
  }
  return replaced;
}

std::uint64_t AppendUtf32AsUtf8(std::string_view in, bool big_endian, std::string& out) {
  std::uint64_t replaced = 0;
  std::size_t i = 0;
  for (; i + 3 < in.size(); i += 4) {
    char32_t value = 0;
    for (int k = 0; k < 4; ++k) {
      const auto byte = static_cast<unsigned char>(in[i + (big_endian ? k : 3 - k)]);
      value = (value << 8) | byte;
    }
    if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      out.append(kReplacement);
      ++replaced;
    } else {
      trustscreen::AppendUtf8(value, out);
    }
  }
  if (i < in.size()) {  // trailing partial unit
    out.append(kReplacement);
    ++replaced;
  }
  return replaced;
}

WideEncoding DetectWideEncoding(std::string_view head) {
  using namespace std::string_view_literals;
  // UTF-32LE's BOM begins like UTF-16LE's: test it first.
  if (head.starts_with("\xFF\xFE\0\0"sv)) return {4, false, 4, "utf-32le"};
  if (head.starts_with("\0\0\xFE\xFF"sv)) return {4, true, 4, "utf-32be"};
  if (head.starts_with("\xFF\xFE"sv)) return {2, false, 2, "utf-16le"};
  if (head.starts_with("\xFE\xFF"sv)) return {2, true, 2, "utf-16be"};
  // Without a BOM: in ASCII text encoded as UTF-32LE bytes 1-3 of every unit are zero and byte 0
  // is not; UTF-16BE puts the zero first. Nine units in ten must agree (CJK characters do not).
  const auto zero_pattern = [&](std::size_t unit, std::size_t nonzero) {
    const std::size_t units = std::min<std::size_t>(head.size() / unit, 256);
    if (units < 16) return false;
    std::size_t agreeing = 0;
    for (std::size_t u = 0; u < units; ++u) {
      bool agrees = true;
      for (std::size_t k = 0; k < unit; ++k) {
        const bool zero = head[u * unit + k] == '\0';
        agrees = agrees && zero != (k == nonzero);
      }
      agreeing += agrees ? 1 : 0;
    }
    return agreeing * 10 >= units * 9;
  };
  if (zero_pattern(4, 0)) return {4, false, 0, "utf-32le"};
  if (zero_pattern(4, 3)) return {4, true, 0, "utf-32be"};
  if (zero_pattern(2, 0)) return {2, false, 0, "utf-16le"};
  if (zero_pattern(2, 1)) return {2, true, 0, "utf-16be"};
  return {};
}

std::uint64_t AppendWideAsUtf8(std::string_view in, const WideEncoding& encoding,
                               std::string& out) {
  in.remove_prefix(std::min(encoding.bom_bytes, in.size()));
  return encoding.unit_bytes == 4 ? AppendUtf32AsUtf8(in, encoding.big_endian, out)
                                  : AppendUtf16AsUtf8(in, encoding.big_endian, out);
}

void AppendWindows1252AsUtf8(std::string_view in, std::string& out) {
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  out.reserve(out.size() + in.size());
  for (const char c : in) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else if (b < 0xA0) {
      trustscreen::AppendUtf8(kHigh[b - 0x80], out);
    } else {
      trustscreen::AppendUtf8(b, out);
    }
  }
}

bool PreferWindows1252(std::string_view in) {
  std::uint64_t valid = 0;
  std::uint64_t invalid = 0;
  std::size_t i = 0;
  while (i < in.size()) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = ValidSequenceLength(in.substr(i));
    if (len == 0) {
      ++invalid;
      ++i;
    } else {
      ++valid;
      i += len;
    }
  }
  return invalid > 0 && invalid * 50 > valid + invalid;
}

bool HasVisibleText(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      if (!IsSpace(lead)) return true;
      ++i;
      continue;
    }
    const std::size_t len = ValidSequenceLength(text.substr(i));
    if (len == 0) return true;  // not valid UTF-8: whatever it is, it is not white space
    if (!IsSpace(DecodeValid(text.substr(i), len))) return true;
    i += len;
  }
  return false;
}

}  // namespace trustscreen::extract::internal
