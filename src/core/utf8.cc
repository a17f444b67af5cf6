#include "trustscreen/core/utf8.h"

namespace trustscreen {
namespace {

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

char32_t DecodeUtf8At(std::string_view text, std::size_t pos, std::size_t* length) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  *length = 1;
  if (lead < 0x80) return lead;
  std::size_t count;
  char32_t code_point;
  char32_t minimum;
  if ((lead & 0xE0) == 0xC0) {
    count = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    count = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    count = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    return kReplacementCharacter;
  }
  if (pos + count > text.size()) return kReplacementCharacter;
  for (std::size_t i = 1; i < count; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if (!IsContinuation(byte)) return kReplacementCharacter;
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
  if (code_point < minimum || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return kReplacementCharacter;
  }
  *length = count;
  return code_point;
}

char32_t DecodeUtf8Before(std::string_view text, std::size_t pos) {
  // Walk back over at most three continuation bytes to the lead byte, then decode forward and
  // accept the result only if it ends exactly at pos.
  std::size_t start = pos - 1;
  for (int i = 0; i < 3 && start > 0 && IsContinuation(static_cast<unsigned char>(text[start]));
       ++i) {
    --start;
  }
  std::size_t length = 0;
  const char32_t code_point = DecodeUtf8At(text, start, &length);
  if (start + length != pos) return kReplacementCharacter;
  return code_point;
}

void AppendUtf8(char32_t code_point, std::string& out) {
  if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = kReplacementCharacter;
  }
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

bool MayHaveNonLatinLetters(std::string_view text) {
  // Matching a text against the names in these scripts costs a set compiled on first use: one
  // stray letter in an English contract is not worth it, a word is.
  constexpr int kLetters = 3;
  int letters = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0xD0 && byte <= 0xDB && ++letters >= kLetters) return true;
  }
  return false;
}

}  // namespace trustscreen
