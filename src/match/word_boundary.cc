#include "word_boundary.h"

#include <array>
#include <utility>

#include "trustscreen/core/utf8.h"

namespace trustscreen::match {
namespace {

// Non-ASCII ranges that are spaces, punctuation, symbols, controls or private use: the
// approximation of "not a letter, mark or digit" that avoids a Unicode database dependency.
// Letters inside these blocks (ª µ º in Latin-1) are listed as exceptions below.
constexpr std::array<std::pair<char32_t, char32_t>, 21> kNonWordRanges = {{
    {0x0080, 0x00BF},     // C1 controls, NBSP, Latin-1 punctuation and symbols (« » § ° …)
    {0x00D7, 0x00D7},     // ×
    {0x00F7, 0x00F7},     // ÷
    {0x2000, 0x206F},     // general punctuation: spaces, dashes, quotes, zero-width, bullets
    {0x20A0, 0x20CF},     // currency symbols
    {0x2100, 0x2BFF},     // letterlike symbols, arrows, maths, technical, box drawing, shapes
    {0x2E00, 0x2E7F},     // supplemental punctuation
    {0x3000, 0x303F},     // CJK symbols and punctuation (ideographic space, 、。「」)
    {0xD800, 0xDFFF},     // surrogates (never valid in UTF-8)
    {0xE000, 0xF8FF},     // private use
    {0xFE10, 0xFE1F},     // vertical forms
    {0xFE30, 0xFE6F},     // CJK compatibility forms, small form variants
    {0xFEFF, 0xFEFF},     // byte order mark / zero-width no-break space
    {0xFF00, 0xFF0F},     // full-width ！＂＃…／
    {0xFF1A, 0xFF20},     // full-width ：；＜＝＞？＠
    {0xFF3B, 0xFF40},     // full-width ［＼］＾＿｀
    {0xFF5B, 0xFF65},     // full-width ｛｜｝～ and half-width CJK punctuation
    {0xFFF0, 0xFFFF},     // specials, including U+FFFD
    {0x1F000, 0x1FAFF},   // emoji and pictographs
    {0xE0000, 0xE007F},   // tags
    {0xF0000, 0x10FFFF},  // supplementary private use
}};

}  // namespace

char32_t DecodeAt(std::string_view text, std::size_t pos, std::size_t* length) {
  return DecodeUtf8At(text, pos, length);
}

char32_t DecodeBefore(std::string_view text, std::size_t pos) {
  return DecodeUtf8Before(text, pos);
}

std::size_t NextCodePoint(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return text.size() + 1;
  std::size_t length = 0;
  DecodeAt(text, pos, &length);
  return pos + length;
}

bool IsCjk(char32_t code_point) {
  return (code_point >= 0x3000 && code_point <= 0x9FFF) ||
         (code_point >= 0xF900 && code_point <= 0xFAFF) || code_point >= 0x20000;
}

bool IsWordChar(char32_t code_point) {
  if (code_point < 0x80) {
    return (code_point >= 'a' && code_point <= 'z') || (code_point >= 'A' && code_point <= 'Z') ||
           (code_point >= '0' && code_point <= '9') || code_point == '_';
  }
  if (code_point == 0xAA || code_point == 0xB5 || code_point == 0xBA) return true;  // ª µ º
  for (const auto& [first, last] : kNonWordRanges) {
    if (code_point < first) return true;  // ranges are sorted
    if (code_point <= last) return false;
  }
  return true;
}

bool IsWholeWord(std::string_view text, std::size_t begin, std::size_t end) {
  auto blocks = [](char32_t inside, char32_t outside) {
    return IsWordChar(inside) && !IsCjk(inside) && IsWordChar(outside) && !IsCjk(outside);
  };
  if (begin > 0) {
    std::size_t length = 0;
    if (blocks(DecodeAt(text, begin, &length), DecodeBefore(text, begin))) return false;
  }
  if (end < text.size()) {
    std::size_t length = 0;
    if (blocks(DecodeBefore(text, end), DecodeAt(text, end, &length))) return false;
  }
  return true;
}

}  // namespace trustscreen::match
