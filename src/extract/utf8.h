// UTF-8 helpers shared by the extractors: repair invalid input, decode UTF-16, and decide whether
// a piece of text holds anything but whitespace.
#ifndef TRUSTSCREEN_SRC_EXTRACT_UTF8_H_
#define TRUSTSCREEN_SRC_EXTRACT_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace trustscreen::extract::internal {

// Appends `in` to `out`, replacing every byte that is not part of a well-formed UTF-8 sequence
// (stray continuation bytes, truncated sequences, overlong forms, surrogates, > U+10FFFF) by
// U+FFFD. Returns how many bytes were replaced.
std::uint64_t AppendValidUtf8(std::string_view in, std::string& out);

// Appends UTF-16 `in` (without its BOM) to `out` as UTF-8. Unpaired surrogates and a trailing odd
// byte become U+FFFD; returns how many code units (or bytes) were replaced.
std::uint64_t AppendUtf16AsUtf8(std::string_view in, bool big_endian, std::string& out);

// Appends UTF-32 `in` (without its BOM) to `out` as UTF-8. Surrogates, values over U+10FFFF and
// a trailing partial unit become U+FFFD; returns how many units were replaced.
std::uint64_t AppendUtf32AsUtf8(std::string_view in, bool big_endian, std::string& out);

// A UTF-16 or UTF-32 encoding recognised from a byte-order mark or, without one, from where the
// zero bytes fall in mostly-ASCII markup ("<\0h\0" is UTF-16LE).
struct WideEncoding {
  int unit_bytes = 0;  // 2 or 4; 0: not a wide encoding
  bool big_endian = false;
  std::size_t bom_bytes = 0;  // bytes of byte-order mark to skip
  std::string_view name;      // "utf-16le", "utf-16be", "utf-32le", "utf-32be"
};

// The wide encoding of `head` (a file's first bytes, 64 or more for the guess without a BOM), or
// unit_bytes 0. Without a BOM a guess needs at least 16 units whose zero bytes all fall in the
// same places, as ASCII characters encoded that way put them.
WideEncoding DetectWideEncoding(std::string_view head);

// `in` decoded as `encoding` (its BOM skipped) into UTF-8; replaced units are counted.
std::uint64_t AppendWideAsUtf8(std::string_view in, const WideEncoding& encoding, std::string& out);

// Appends Windows-1252 `in` to `out` as UTF-8 (0x81, 0x8D, 0x8F, 0x90, 0x9D, undefined in
// cp1252, become the C1 controls of the same value, as browsers do).
void AppendWindows1252AsUtf8(std::string_view in, std::string& out);

// True if `in` is not valid UTF-8 and reads better as 8-bit text: more than 2% of its non-ASCII
// sequences are invalid UTF-8 (a Latin-1/cp1252 file has almost no valid multi-byte sequence; a
// UTF-8 file with a stray byte has almost only valid ones).
bool PreferWindows1252(std::string_view in);

// True if valid UTF-8 `text` holds any character other than white space (ASCII white space,
// no-break and other Unicode spaces, zero-width space, BOM).
bool HasVisibleText(std::string_view text);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_UTF8_H_
