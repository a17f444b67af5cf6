#include "pdf_layout.h"

#include <TextOutputDev.h>
#include <goo/GooString.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "trustscreen/core/utf8.h"

namespace trustscreen::extract::internal {
namespace {

// Letters of Basic Latin and Latin-1 only: enough for the hyphenation heuristic, which must not
// join anything it cannot judge.
bool IsLower(std::uint32_t u) {
  return (u >= 'a' && u <= 'z') || (u >= 0xDF && u <= 0xFF && u != 0xF7);
}
bool IsUpper(std::uint32_t u) {
  return (u >= 'A' && u <= 'Z') || (u >= 0xC0 && u <= 0xDE && u != 0xD7);
}
bool IsLetter(std::uint32_t u) { return IsLower(u) || IsUpper(u); }

bool IsBoldFont(const TextFontInfo* font) {
  if (font == nullptr) return false;
  if (font->isBold()) return true;
  const GooString* name = font->getFontName();
  if (name == nullptr) return false;
  const std::string_view n = name->toStr();
  for (std::string_view marker : {"Bold", "bold", "BOLD", "Black", "Heavy", "Semibold", "Demi"}) {
    if (n.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

// The first code point of UTF-8 `s` at `i` (ASCII or two-byte Latin-1 only; else 0).
std::uint32_t FirstCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  const auto c0 = static_cast<unsigned char>(s[0]);
  if (c0 < 0x80) return c0;
  if ((c0 & 0xE0) == 0xC0 && s.size() >= 2) {
    return ((c0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[1]) & 0x3Fu);
  }
  return 0;
}

// Lower-cased ASCII letters of the word at the end (`from_end`) or start of `s`.
std::string EdgeWord(std::string_view s, bool from_end) {
  std::string word;
  if (from_end) {
    std::size_t i = s.size();
    while (i > 0 && std::isalpha(static_cast<unsigned char>(s[i - 1]))) --i;
    word = std::string(s.substr(i));
  } else {
    std::size_t i = 0;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    word = std::string(s.substr(0, i));
  }
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

// Words of the document as written inside lines: plain ("collaboration") and hyphenated
// ("non-exclusive"), lower-cased ASCII. Decides whether a hyphen at a line end is kept.
struct Vocabulary {
  std::unordered_set<std::string> plain;
  std::unordered_set<std::string> hyphenated;

  void Add(std::string_view line) {
    std::string word;
    bool hyphen = false;
    auto flush = [&] {
      if (!word.empty() && word.back() != '-') (hyphen ? hyphenated : plain).insert(word);
      word.clear();
      hyphen = false;
    };
    for (char c : line) {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      } else if (c == '-' && !word.empty() && word.back() != '-') {
        word.push_back('-');
        hyphen = true;
      } else {
        flush();
      }
    }
    flush();
  }
};

bool KeepHyphen(const Vocabulary& vocabulary, const std::string& left, const std::string& right) {
  if (left.empty() || right.empty()) return false;
  if (vocabulary.plain.count(left + right)) return false;
  if (vocabulary.hyphenated.count(left + "-" + right)) return true;
  static const std::set<std::string> kCompoundFirst = {"non",  "self",  "cross",
                                                       "well", "quasi", "third"};
  return kCompoundFirst.count(left) > 0;
}

// Digits -> '#', lower case, runs of white space -> one space: the key of a running header.
std::string RunningKey(std::string_view text) {
  std::string key;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u)) {
      if (!key.empty() && key.back() != ' ') key.push_back(' ');
    } else if (std::isdigit(u)) {
      if (key.empty() || key.back() != '#') key.push_back('#');
    } else {
      key.push_back(static_cast<char>(std::tolower(u)));
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

enum class Role { kBody, kHeading, kHeader, kFooter };

TextPart PartOf(Role role) {
  switch (role) {
    case Role::kHeader:
      return TextPart::kHeader;
    case Role::kFooter:
      return TextPart::kFooter;
    default:
      return TextPart::kBody;
  }
}

// Indexes of the `n` lines nearest the top (or bottom) of the page within `band` of its height.
std::vector<std::size_t> EdgeLines(const PdfPageLines& page, bool top, std::size_t n, double band) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    if (!page.lines[i].text.empty()) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return top ? page.lines[a].y_min < page.lines[b].y_min
               : page.lines[a].y_max > page.lines[b].y_max;
  });
  std::vector<std::size_t> edge;
  for (std::size_t i : order) {
    if (edge.size() == n) break;
    const PdfLine& line = page.lines[i];
    const bool inside = page.height <= 0 || (top ? line.y_min <= page.height * band
                                                 : line.y_max >= page.height * (1 - band));
    if (!inside) break;
    edge.push_back(i);
  }
  return edge;
}

// Roles of every line of every page.
std::vector<std::vector<Role>> ClassifyLines(const std::vector<PdfPageLines>& pages) {
  constexpr std::size_t kEdgeLines = 2;
  constexpr double kEdgeBand = 0.2;
  std::vector<std::vector<Role>> roles(pages.size());
  std::unordered_map<std::string, int> top_pages, bottom_pages;
  std::vector<std::vector<std::size_t>> tops(pages.size()), bottoms(pages.size());
  int pages_with_text = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    roles[p].assign(pages[p].lines.size(), Role::kBody);
    tops[p] = EdgeLines(pages[p], true, kEdgeLines, kEdgeBand);
    bottoms[p] = EdgeLines(pages[p], false, kEdgeLines, kEdgeBand);
    if (tops[p].empty() && bottoms[p].empty()) continue;
    ++pages_with_text;
    std::set<std::string> seen_top, seen_bottom;
    for (std::size_t i : tops[p]) seen_top.insert(RunningKey(pages[p].lines[i].text));
    for (std::size_t i : bottoms[p]) seen_bottom.insert(RunningKey(pages[p].lines[i].text));
    for (const std::string& key : seen_top) ++top_pages[key];
    for (const std::string& key : seen_bottom) ++bottom_pages[key];
  }
  const int needed = std::max(3, (pages_with_text + 1) / 2);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (std::size_t i : tops[p]) {
      const std::string key = RunningKey(pages[p].lines[i].text);
      if (!key.empty() && top_pages[key] >= needed) roles[p][i] = Role::kHeader;
    }
    for (std::size_t i : bottoms[p]) {
      const std::string key = RunningKey(pages[p].lines[i].text);
      if (!key.empty() && bottom_pages[key] >= needed && roles[p][i] == Role::kBody) {
        roles[p][i] = Role::kFooter;
      }
    }
    // Headings: bold or clearly larger than the page's body text (the size of most characters).
    std::map<long, int> chars_by_size;
    int chars = 0, bold_chars = 0;
    for (const PdfLine& line : pages[p].lines) {
      chars_by_size[std::lround(line.font_size * 2)] += line.chars;
      chars += line.chars;
      if (line.bold) bold_chars += line.chars;
    }
    if (chars == 0) continue;
    const auto body =
        std::max_element(chars_by_size.begin(), chars_by_size.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    const double body_size = body->first / 2.0;
    const bool mostly_bold = bold_chars * 2 > chars;
    for (std::size_t i = 0; i < pages[p].lines.size(); ++i) {
      const PdfLine& line = pages[p].lines[i];
      if (roles[p][i] != Role::kBody || line.words == 0 || line.words > 15) continue;
      bool has_letter = false;
      for (char c : line.text) has_letter |= std::isalpha(static_cast<unsigned char>(c)) != 0;
      if (!has_letter) continue;
      if ((line.bold && !mostly_bold) || line.font_size >= body_size * 1.15) {
        roles[p][i] = Role::kHeading;
      }
    }
  }
  return roles;
}

}  // namespace

bool AppendNormalised(std::uint32_t u, std::string& out, std::uint64_t& replaced) {
  switch (u) {
    case 0xAD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return false;
    case 0xFB00:
      out += "ff";
      return true;
    case 0xFB01:
      out += "fi";
      return true;
    case 0xFB02:
      out += "fl";
      return true;
    case 0xFB03:
      out += "ffi";
      return true;
    case 0xFB04:
      out += "ffl";
      return true;
    case 0xFB05:
    case 0xFB06:
      out += "st";
      return true;
    case 0x37E:  // Greek question mark: canonically equivalent to ';', and some PDFs use it as one
      out.push_back(';');
      return true;
    default:
      break;
  }
  if (u < 0x20 || u == 0x7F) {
    out.push_back(' ');  // '\f' separates pages and '\n' lines: none may come from the content
  } else if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) {
    trustscreen::AppendUtf8(kReplacementCharacter, out);
    ++replaced;
  } else {
    trustscreen::AppendUtf8(u, out);
  }
  return true;
}

void SetLineEnd(PdfLine& line, std::uint32_t last, std::uint32_t before_last) {
  if ((last == '-' || last == 0x2010) && IsLetter(before_last)) {
    line.end = LineEnd::kHyphen;
  } else if (last == 0xAD && IsLetter(before_last)) {
    line.end = LineEnd::kSoftHyphen;
  }
  line.lower_before_hyphen = IsLower(before_last);
  if (line.end == LineEnd::kHyphen && last == 0x2010) {
    line.text.resize(line.text.size() - 3);  // U+2010 is 3 bytes in UTF-8: use ASCII '-'
    line.text.push_back('-');
  }
}

PdfPageLines CollectPdfLines(const TextFlow* flows, double page_height) {
  PdfPageLines result;
  result.height = page_height;
  int flow_index = 0, block_index = 0;
  for (const TextFlow* flow = flows; flow != nullptr; flow = flow->getNext()) {
    for (const ::TextBlock* block = flow->getBlocks(); block != nullptr; block = block->getNext()) {
      for (const TextLine* line = block->getLines(); line != nullptr; line = line->getNext()) {
        PdfLine out;
        out.flow = flow_index;
        out.block = block_index;
        out.x_min = out.y_min = 1e30;
        out.x_max = out.y_max = -1e30;
        std::map<long, int> chars_by_size;
        int bold_chars = 0;
        std::uint32_t last = 0, before_last = 0;
        for (const TextWord* word = line->getWords(); word != nullptr; word = word->getNext()) {
          double x0, y0, x1, y1;
          word->getBBox(&x0, &y0, &x1, &y1);
          out.x_min = std::min(out.x_min, x0);
          out.x_max = std::max(out.x_max, x1);
          out.y_min = std::min(out.y_min, y0);
          out.y_max = std::max(out.y_max, y1);
          const int length = word->getLength();
          for (int i = 0; i < length; ++i) {
            const std::uint32_t u = *word->getChar(i);
            if (AppendNormalised(u, out.text, result.replaced)) ++out.chars;
            before_last = last;
            last = u;
          }
          if (length > 0) {
            ++out.words;
            chars_by_size[std::lround(word->getFontSize() * 2)] += length;
            if (IsBoldFont(word->getFontInfo(0))) bold_chars += length;
          }
          if (word->getSpaceAfter() && word->getNext() != nullptr) {
            out.text.push_back(' ');
            ++out.chars;
            before_last = last;
            last = ' ';
          }
        }
        if (!chars_by_size.empty()) {
          out.font_size =
              std::max_element(chars_by_size.begin(), chars_by_size.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; })
                  ->first /
              2.0;
        }
        out.bold = bold_chars * 2 > out.chars;
        SetLineEnd(out, last, before_last);
        result.lines.push_back(std::move(out));
      }
      ++block_index;
    }
    ++flow_index;
  }
  JoinClauseNumbers(result);
  return result;
}

bool IsClauseNumber(std::string_view text) {
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto is_roman = [](std::string_view t) {
    return !t.empty() && t.find_first_not_of("ivxlcdm") == std::string_view::npos;
  };
  auto is_roman_upper = [](std::string_view t) {
    return !t.empty() && t.find_first_not_of("IVXLCDM") == std::string_view::npos;
  };
  // The label inside "(…)" or before ")": "a", "iv", "12", "A", "IV".
  auto is_sub_label = [&](std::string_view t) {
    if (t.empty() || t.size() > 5) return false;
    if (std::all_of(t.begin(), t.end(), is_digit)) return t.size() <= 2;
    if (std::all_of(t.begin(), t.end(), is_lower)) return t.size() <= 2 || is_roman(t);
    if (std::all_of(t.begin(), t.end(), is_upper)) return t.size() <= 2 || is_roman_upper(t);
    return false;
  };
  // Zero or more "(…)" parts, the whole rest of `t`.
  auto are_subs = [&](std::string_view t) {
    while (!t.empty()) {
      if (t.front() != '(') return false;
      const std::size_t close = t.find(')');
      if (close == std::string_view::npos || !is_sub_label(t.substr(1, close - 1))) return false;
      t.remove_prefix(close + 1);
    }
    return true;
  };
  if (text.empty()) return false;
  if (text.front() == '(') return are_subs(text);
  if (!is_digit(text.front())) {
    return text.size() >= 2 && text.back() == ')' && is_sub_label(text.substr(0, text.size() - 1));
  }
  // "18", "18.1", "16.6.2", then "." or ")" or "(b)" parts: at least one of them, or a second
  // component, so that a bare integer is never a clause number.
  std::size_t i = 0;
  int components = 0;
  while (true) {
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i]) && i - start < 3) ++i;
    if (i == start || (i < text.size() && is_digit(text[i]))) return false;
    ++components;
    if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  std::string_view rest = text.substr(i);
  bool marked = components > 1;
  if (!rest.empty() && (rest.front() == '.' || rest.front() == ')')) {
    marked = true;
    rest.remove_prefix(1);
  }
  if (!rest.empty()) {
    if (!are_subs(rest)) return false;
    marked = true;
  }
  return marked;
}

void JoinClauseNumbers(PdfPageLines& page) {
  std::vector<PdfLine>& lines = page.lines;
  std::vector<std::size_t> numbers;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (IsClauseNumber(lines[i].text)) numbers.push_back(i);
  }
  if (numbers.empty()) return;
  // Right to left: "(a)" joins its text first, then "18." finds "(a) Text" beside it.
  std::sort(numbers.begin(), numbers.end(),
            [&](std::size_t a, std::size_t b) { return lines[a].x_min > lines[b].x_min; });
  std::vector<bool> removed(lines.size(), false);
  for (std::size_t n : numbers) {
    const PdfLine& number = lines[n];
    const double height = number.y_max - number.y_min;
    if (height <= 0) continue;
    std::size_t best = lines.size();
    double best_gap = 6 * height;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i == n || removed[i]) continue;
      const PdfLine& line = lines[i];
      const double gap = line.x_min - number.x_max;
      if (gap < -0.5 || gap > best_gap) continue;
      const double line_height = line.y_max - line.y_min;
      if (line_height <= 0 || std::max(height, line_height) > 1.6 * std::min(height, line_height)) {
        continue;
      }
      const double overlap =
          std::min(number.y_max, line.y_max) - std::max(number.y_min, line.y_min);
      if (overlap < 0.5 * std::min(height, line_height)) continue;
      if (std::none_of(line.text.begin(), line.text.end(),
                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) {
        continue;
      }
      best = i;
      best_gap = gap;
    }
    if (best == lines.size()) continue;
    PdfLine& line = lines[best];
    line.text = number.text + " " + line.text;
    line.chars += number.chars + 1;
    line.words += number.words;
    line.x_min = number.x_min;
    line.y_min = std::min(line.y_min, number.y_min);
    line.y_max = std::max(line.y_max, number.y_max);
    removed[n] = true;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (removed[i]) continue;
    if (kept != i) lines[kept] = std::move(lines[i]);
    ++kept;
  }
  lines.resize(kept);
}

void AssemblePdfText(const std::vector<PdfPageLines>& pages, const std::vector<int>& numbers,
                     const std::vector<bool>& needs_ocr, Document& doc) {
  Vocabulary vocabulary;
  for (const PdfPageLines& page : pages) {
    for (const PdfLine& line : page.lines) vocabulary.Add(line.text);
  }
  const std::vector<std::vector<Role>> roles = ClassifyLines(pages);

  for (std::size_t p = 0; p < pages.size(); ++p) {
    if (p > 0) doc.text.push_back('\f');
    trustscreen::Page record{.number = numbers[p], .begin = doc.text.size()};
    record.needs_ocr = needs_ocr[p];
    const std::vector<PdfLine>& lines = pages[p].lines;
    bool open_block = false;  // doc.blocks.back() is the block being extended
    bool joined = false;      // the previous line ended in a hyphen joined to this one
    const PdfLine* previous = nullptr;
    Role previous_role = Role::kBody;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const PdfLine& line = lines[i];
      const Role role = roles[p][i];
      if (line.text.empty()) continue;
      if (!joined) {
        const bool same_block =
            previous != nullptr && previous->block == line.block && previous_role == role;
        if (previous != nullptr) {
          doc.text += (previous->block == line.block) ? "\n" : "\n\n";
        }
        if (!same_block) {
          TextBlock block;
          block.begin = block.end = doc.text.size();
          block.part = PartOf(role);
          block.heading_level = role == Role::kHeading ? 1 : 0;
          doc.blocks.push_back(std::move(block));
          open_block = true;
        }
      }
      joined = false;

      // Does this line end in a hyphen to join with the next line?
      std::string_view text = line.text;
      const PdfLine* next = nullptr;
      for (std::size_t j = i + 1; j < lines.size(); ++j) {
        if (!lines[j].text.empty()) {
          next = &lines[j];
          if (roles[p][j] != Role::kBody || lines[j].flow != line.flow) next = nullptr;
          break;
        }
      }
      if (next != nullptr && role == Role::kBody && line.end != LineEnd::kPlain) {
        const std::uint32_t first = FirstCodePoint(next->text);
        if (line.end == LineEnd::kSoftHyphen && IsLetter(first)) {
          joined = true;
        } else if (line.end == LineEnd::kHyphen && line.lower_before_hyphen && IsLower(first)) {
          joined = true;
          const std::string left = EdgeWord(text.substr(0, text.size() - 1), true);
          const std::string right = EdgeWord(next->text, false);
          if (!KeepHyphen(vocabulary, left, right)) text.remove_suffix(1);
        } else if (line.end == LineEnd::kHyphen && IsUpper(first)) {
          joined = true;  // "Non-/Competition": a compound, keep the hyphen
        }
      }
      doc.text += text;
      if (open_block) doc.blocks.back().end = doc.text.size();
      previous = &line;
      previous_role = role;
    }
    record.end = doc.text.size();
    doc.pages.push_back(record);
  }
}

}  // namespace trustscreen::extract::internal
