// Unicode-aware whole-word checks around a match (internal to the match library).
//
// RE2's \b only knows ASCII, so "hypersonicé" or "éUAV" would pass it. Instead the matcher checks
// the code points on either side of a match here. Decoding never fails: a byte that does not start
// a valid UTF-8 sequence decodes as U+FFFD (a non-word character) of length 1.
#ifndef TRUSTSCREEN_MATCH_WORD_BOUNDARY_H_
#define TRUSTSCREEN_MATCH_WORD_BOUNDARY_H_

#include <cstddef>
#include <string_view>

namespace trustscreen::match {

// The code point starting at text[pos] (pos < text.size()); *length receives its byte length.
char32_t DecodeAt(std::string_view text, std::size_t pos, std::size_t* length);

// The code point ending just before text[pos] (pos > 0).
char32_t DecodeBefore(std::string_view text, std::size_t pos);

// Offset of the next code point after the one starting at pos (at most text.size()).
std::size_t NextCodePoint(std::string_view text, std::size_t pos);

// Han ideographs, kana and CJK punctuation: U+3000–U+9FFF, U+F900–U+FAFF, U+20000 and above.
// Scripts written without spaces have no word boundaries to check.
bool IsCjk(char32_t code_point);

// A character that continues a word: ASCII letters, digits and '_', and any non-ASCII code point
// that is not a space, punctuation, symbol, control or private-use character.
bool IsWordChar(char32_t code_point);

// True if [begin, end) (non-empty) does not continue a word on either side. A side is exempt when
// the match's own character on that side is not a word character (the pattern itself ends on
// punctuation or space) or is CJK; a CJK neighbour counts as a boundary.
bool IsWholeWord(std::string_view text, std::size_t begin, std::size_t end);

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_WORD_BOUNDARY_H_
