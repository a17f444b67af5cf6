// Text in a declared character set -> UTF-8, for readers whose input names its charset: MIME parts
// ("charset=iso-2022-jp"), Outlook 8-bit properties (a Windows code page), TNEF attributes.
//
// Conversion never fails: bytes that are invalid in the declared charset become U+FFFD and are
// counted; a charset iconv does not know is read as the undeclared case (UTF-8, or Windows-1252
// when the bytes are clearly not UTF-8) and reported. Thread-safe (one iconv descriptor per call).
#ifndef TRUSTSCREEN_SRC_EXTRACT_CHARSET_H_
#define TRUSTSCREEN_SRC_EXTRACT_CHARSET_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace trustscreen::extract::internal {

struct CharsetConversion {
  std::uint64_t replaced = 0;    // invalid input sequences replaced by U+FFFD
  bool unknown_charset = false;  // `charset` was not empty but iconv does not know it
  std::string used;  // what the bytes were read as: "utf-8", "windows-1252", or the iconv name
};

// Appends `bytes` in `charset` (an IANA or iconv name; case-insensitive; empty: undeclared) to
// `out` as valid UTF-8. US-ASCII, ISO-8859-1 and Latin-1 are read as Windows-1252, as browsers and
// mail readers do; undeclared text is UTF-8 unless PreferWindows1252() says otherwise.
CharsetConversion AppendCharsetAsUtf8(std::string_view bytes, std::string_view charset,
                                      std::string& out);

// The iconv name of a Windows code page (PR_INTERNET_CPID, PR_MESSAGE_CODEPAGE, TNEF's OEM code
// page): 1252 -> "CP1252", 950 -> "BIG5", 65001 -> "UTF-8", 932 -> "CP932"; "" for 0.
std::string CodePageCharset(std::uint32_t code_page);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_CHARSET_H_
