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
