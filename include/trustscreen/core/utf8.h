// UTF-8 decoding and encoding of single code points, shared by every module that looks at
// characters around byte offsets (word boundaries, list names, extraction).
//
// Decoding never fails: a byte that does not start a valid, shortest-form UTF-8 sequence decodes
// as U+FFFD with length 1, so callers can always advance.
#ifndef TRUSTSCREEN_CORE_UTF8_H_
#define TRUSTSCREEN_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace trustscreen {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// The code point starting at text[pos] (pos < text.size()); *length receives its byte length.
char32_t DecodeUtf8At(std::string_view text, std::size_t pos, std::size_t* length);

// The code point ending just before text[pos] (0 < pos <= text.size()).
char32_t DecodeUtf8Before(std::string_view text, std::size_t pos);

// Appends the UTF-8 encoding of `code_point` (invalid ones as U+FFFD).
void AppendUtf8(char32_t code_point, std::string& out);

// True if UTF-8 `text` may hold words in Cyrillic, Armenian, Hebrew or Arabic script: at least
// three lead bytes of U+0400-U+06FF (a stray Greek "β" or a CJK character does not count; names in
// CJK script are found by their own literals). A cheap byte test: false means certainly none.
bool MayHaveNonLatinLetters(std::string_view text);

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_UTF8_H_
