// Text helpers shared by the list importers (importers.h) and RepairMojibake (import.h).

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "importers.h"
#include "trustscreen/core/strings.h"
#include "trustscreen/core/utf8.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists {
namespace {

// Windows-1252 bytes 0x80-0x9F and the code points they decode to (0 = undefined in 1252).
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The Windows-1252 byte that decodes to `c`, or -1.
int Cp1252Byte(char32_t c) {
  if (c >= 0xA0 && c <= 0xFF) return static_cast<int>(c);
  if (c >= 0x80 && c <= 0x9F) return static_cast<int>(c);  // C1 controls: bytes 1252 leaves open
  for (std::size_t i = 0; i < kCp1252High.size(); ++i) {
    if (kCp1252High[i] == c && c != 0) return static_cast<int>(0x80 + i);
  }
  return -1;
}

}  // namespace

std::string RepairMojibake(std::string_view text) {
  // Fast path: every mojibake sequence starts with a code point from U+00C2..U+00F4 (encoded as
  // C3 82..C3 B4), so text without a C3 byte is left alone.
  if (text.find('\xC3') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 1;
    const char32_t lead = DecodeUtf8At(text, i, &length);
    const int lead_byte = Cp1252Byte(lead);
    int needed = 0;
    if (lead_byte >= 0xC2 && lead_byte <= 0xDF) needed = 1;
    if (lead_byte >= 0xE0 && lead_byte <= 0xEF) needed = 2;
    if (lead_byte >= 0xF0 && lead_byte <= 0xF4) needed = 3;
    if (needed > 0) {
      std::string bytes(1, static_cast<char>(lead_byte));
      std::size_t j = i + length;
      for (int k = 0; k < needed && j < text.size(); ++k) {
        std::size_t next_length = 1;
        const int byte = Cp1252Byte(DecodeUtf8At(text, j, &next_length));
        if (byte < 0x80 || byte > 0xBF) break;
        bytes += static_cast<char>(byte);
        j += next_length;
      }
      std::size_t decoded_length = 0;
      if (static_cast<int>(bytes.size()) == needed + 1 &&
          DecodeUtf8At(bytes, 0, &decoded_length) != 0xFFFD && decoded_length == bytes.size()) {
        out += bytes;
        i = j;
        continue;
      }
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

namespace internal {

std::string CleanText(std::string_view raw, int* repaired) {
  std::string text = RepairMojibake(raw);
  if (repaired != nullptr && text != raw) ++*repaired;
  // Typographic quotes -> ASCII (names are compared on keys anyway; this keeps the CSV plain).
  static const std::array<std::pair<std::string_view, std::string_view>, 4> kQuotes = {{
      {"\xE2\x80\x99", "'"},
      {"\xE2\x80\x98", "'"},
      {"\xE2\x80\x9C", "\""},
      {"\xE2\x80\x9D", "\""},
  }};
  for (const auto& [from, to] : kQuotes) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), to);
      at += to.size();
    }
  }
  std::string collapsed;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return collapsed;
}

std::vector<std::string> SplitOn(std::string_view text, char separator) {
  const std::vector<std::string_view> fields = SplitFields(text, separator);
  return std::vector<std::string>(fields.begin(), fields.end());
}

std::string Trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

std::string IsoDate(std::string_view text) {
  auto digits = [&](std::size_t from, std::size_t count) {
    if (from + count > text.size()) return false;
    for (std::size_t i = from; i < from + count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
  };
  if (digits(0, 4) && text.size() >= 10 && text[4] == '-' && digits(5, 2) && text[7] == '-' &&
      digits(8, 2)) {
    return std::string(text.substr(0, 10));
  }
  if (digits(0, 2) && text.size() == 10 && text[2] == '/' && digits(3, 2) && text[5] == '/' &&
      digits(6, 4)) {
    return std::string(text.substr(6, 4)) + "-" + std::string(text.substr(3, 2)) + "-" +
           std::string(text.substr(0, 2));
  }
  return "";
}

void AddAlias(std::string alias, EntityEntry* entry) {
  std::replace(alias.begin(), alias.end(), '|', '/');
  alias = Trim(alias);
  if (alias.empty()) return;
  std::string bare;
  std::string acronym;
  if (SplitTrailingAcronym(alias, &bare, &acronym)) {
    entry->aliases.push_back(bare);
    entry->aliases.push_back(acronym);
  } else {
    entry->aliases.push_back(std::move(alias));
  }
}

}  // namespace internal
}  // namespace trustscreen::lists
