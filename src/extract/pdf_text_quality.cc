#include "pdf_text_quality.h"

#include <string>
#include <vector>

namespace trustscreen::extract::internal {
namespace {

// Decodes valid UTF-8 (as produced by the extractor) into code points.
std::vector<std::uint32_t> Decode(std::string_view s) {
  std::vector<std::uint32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    if (i + n > s.size()) n = static_cast<int>(s.size() - i);
    std::uint32_t u = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; ++k) u = (u << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(u);
    i += static_cast<std::size_t>(n);
  }
  return out;
}

bool IsSpace(std::uint32_t u) {
  return u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == '\f' || u == '\v' || u == 0xA0 ||
         (u >= 0x2000 && u <= 0x200A) || u == 0x3000;
}
bool IsAsciiLetter(std::uint32_t u) { return (u | 0x20) >= 'a' && (u | 0x20) <= 'z'; }
// Letters of any script, roughly: everything from Latin-1 letters up that is not punctuation,
// symbols, private use or U+FFFD.
bool IsLetter(std::uint32_t u) {
  if (IsAsciiLetter(u)) return true;
  if (u < 0xC0 || u == 0xD7 || u == 0xF7) return false;
  if (u >= 0x2000 && u <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
  return !(u >= 0xE000 && u <= 0xF8FF) && u != 0xFFFD && u < 0xF0000;
}
bool IsPrivateUse(std::uint32_t u) { return (u >= 0xE000 && u <= 0xF8FF) || u >= 0xF0000; }
bool IsDigit(std::uint32_t u) { return u >= '0' && u <= '9'; }
// Punctuation stripped from both ends of a token.
bool IsEdgePunctuation(std::uint32_t u) {
  static constexpr std::u32string_view kEdge =
      U".,;:!?()[]{}\"'`*-/\u2018\u2019\u201C\u201D\u00AB\u00BB\u2013\u2014\u2022\u2026";
  return kEdge.find(static_cast<char32_t>(u)) != std::u32string_view::npos;
}
// Punctuation that may occur inside a real word or number.
bool IsInnerPunctuation(std::uint32_t u) {
  static constexpr std::u32string_view kInner = U"-'.,/&@_:()\u2019\u2010\u2011";
  return kInner.find(static_cast<char32_t>(u)) != std::u32string_view::npos;
}
bool IsGarbageSymbol(std::uint32_t u) {
  static constexpr std::u32string_view kSymbols = U"#$%&+<=>@\\^`|~{}";
  return kSymbols.find(static_cast<char32_t>(u)) != std::u32string_view::npos;
}

void CountToken(const std::vector<std::uint32_t>& cps, std::size_t begin, std::size_t end,
                TextCounts& counts) {
  while (begin < end && IsEdgePunctuation(cps[begin])) ++begin;
  while (end > begin && IsEdgePunctuation(cps[end - 1])) --end;
  if (begin == end) return;
  int letters = 0, digits = 0, ascii_letters = 0, vowels = 0, uppers = 0, odd = 0,
      garbage_symbols = 0;
  bool bad = false;
  std::uint32_t first_symbol = 0;
  bool distinct_symbols = false;
  for (std::size_t i = begin; i < end; ++i) {
    const std::uint32_t u = cps[i];
    if (IsPrivateUse(u) || u == 0xFFFD) {
      bad = true;
    } else if (IsLetter(u)) {
      ++letters;
      if (IsAsciiLetter(u)) {
        ++ascii_letters;
        const char lower = static_cast<char>(u | 0x20);
        if (lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' || lower == 'u' ||
            lower == 'y') {
          ++vowels;
        }
        if (u < 'a') ++uppers;
      }
    } else if (IsDigit(u)) {
      ++digits;
    } else {
      if (!IsInnerPunctuation(u)) ++odd;
      if (IsGarbageSymbol(u)) ++garbage_symbols;
      if (first_symbol == 0) {
        first_symbol = u;
      } else if (u != first_symbol) {
        distinct_symbols = true;
      }
    }
  }
  const std::size_t length = end - begin;
  if (bad) {
    ++counts.tokens;
    ++counts.nonwords;
  } else if (letters > 0) {
    ++counts.tokens;
    const bool consonants_only = ascii_letters == static_cast<int>(length) && length >= 4 &&
                                 vowels == 0 && uppers != ascii_letters;
    if (odd > 0 || consonants_only) ++counts.nonwords;
  } else if (digits == 0 && length >= 2 && garbage_symbols > 0 && distinct_symbols) {
    ++counts.tokens;
    ++counts.nonwords;
  }
}

}  // namespace

TextCounts& TextCounts::operator+=(const TextCounts& other) {
  chars += other.chars;
  replacements += other.replacements;
  tokens += other.tokens;
  nonwords += other.nonwords;
  return *this;
}

double TextCounts::replacement_share() const {
  return chars == 0 ? 0.0 : static_cast<double>(replacements) / static_cast<double>(chars);
}

double TextCounts::nonword_share() const {
  return tokens == 0 ? 0.0 : static_cast<double>(nonwords) / static_cast<double>(tokens);
}

TextCounts CountText(std::string_view text) {
  TextCounts counts;
  const std::vector<std::uint32_t> cps = Decode(text);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= cps.size(); ++i) {
    if (i < cps.size() && !IsSpace(cps[i])) {
      ++counts.chars;
      if (cps[i] == 0xFFFD) ++counts.replacements;
      continue;
    }
    if (i > start) CountToken(cps, start, i, counts);
    start = i + 1;
  }
  return counts;
}

bool LooksUnreadable(const TextCounts& counts) {
  return counts.tokens >= kUnreadableMinTokens && counts.nonword_share() > kUnreadableNonwordShare;
}

}  // namespace trustscreen::extract::internal
