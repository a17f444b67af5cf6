#include "trustscreen/review/fingerprint.h"

#include <algorithm>
#include <cctype>

#include "trustscreen/digest/sha256.h"
#include "trustscreen/text/normalize.h"

namespace trustscreen::review {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), IsAsciiDigit);
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// "12", "Page 3", "page 3 of 9", "- 4 -": what a page break leaves inside a clause.
bool IsPageNumberLine(std::string_view line) {
  std::string text = Lower(Trim(line));
  if (text.size() >= 2 && text.front() == '-' && text.back() == '-') {
    text = std::string(Trim(std::string_view(text).substr(1, text.size() - 2)));
  }
  if (AllDigits(text)) return true;
  if (text.rfind("page ", 0) != 0) return false;
  std::string_view rest = Trim(std::string_view(text).substr(5));
  const std::size_t of = rest.find(" of ");
  if (of == std::string_view::npos) return AllDigits(rest);
  return AllDigits(Trim(rest.substr(0, of))) && AllDigits(Trim(rest.substr(of + 4)));
}

bool IsRoman(std::string_view token) {
  return !token.empty() && token.find_first_not_of("ivxlcdm") == std::string_view::npos;
}

// A clause marker token (already case-folded): "9", "9.2", "9.2.", "12.3(b)", "(b)", "b)", "(iv)",
// "iv.", "a.".
bool IsMarkerToken(std::string_view token) {
  if (token.empty()) return false;
  if (IsAsciiDigit(token.front())) {
    // digits ('.' digits)* '.'? ('(' alnum+ ')')*
    std::size_t i = 0;
    while (i < token.size() && (IsAsciiDigit(token[i]) || token[i] == '.')) ++i;
    while (i < token.size() && token[i] == '(') {
      const std::size_t close = token.find(')', i);
      if (close == std::string_view::npos || close == i + 1) return false;
      for (std::size_t j = i + 1; j < close; ++j) {
        if (!std::isalnum(static_cast<unsigned char>(token[j]))) return false;
      }
      i = close + 1;
    }
    return i == token.size();
  }
  std::string_view inner = token;
  bool closed = false;
  if (inner.front() == '(') inner.remove_prefix(1);
  if (!inner.empty() && (inner.back() == ')' || inner.back() == '.')) {
    inner.remove_suffix(1);
    closed = true;
  }
  if (!closed || inner.empty() || inner.size() > 5) return false;
  if (std::all_of(inner.begin(), inner.end(), IsAsciiDigit)) return true;
  return inner.size() == 1 ? std::isalpha(static_cast<unsigned char>(inner[0])) != 0
                           : IsRoman(inner);
}

// Removes the clause marker that starts a normalised clause: "9.2 export control…",
// "(b) the recipient…", "article iv …", "clause 12 …", "schedule 2, 4.1 …".
std::string_view StripMarker(std::string_view text) {
  auto next_token = [](std::string_view rest) { return rest.substr(0, rest.find(' ')); };
  auto drop = [](std::string_view rest, std::size_t count) {
    rest.remove_prefix(std::min(count, rest.size()));
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return rest;
  };
  for (int i = 0; i < 3 && !text.empty(); ++i) {
    std::string_view token = next_token(text);
    if (token == "article" || token == "clause" || token == "section" || token == "schedule" ||
        token == "annex" || token == "appendix" || token == "§") {
      std::string_view after = drop(text, token.size());
      std::string_view number = next_token(after);
      while (!number.empty() && (number.back() == ',' || number.back() == ':')) {
        number.remove_suffix(1);
      }
      if (IsMarkerToken(number) || IsRoman(number) || AllDigits(number)) {
        text = drop(after, next_token(after).size());
        continue;
      }
      break;
    }
    if (IsMarkerToken(token)) {
      text = drop(text, token.size());
      continue;
    }
    break;
  }
  return text;
}

bool IsBlankLine(std::string_view text, std::size_t from, std::size_t to) {
  return Trim(text.substr(from, to - from)).empty();
}

// The lines around `offset` up to the nearest blank lines, within [low, high).
std::string_view ParagraphAt(std::string_view text, std::size_t offset, std::size_t low,
                             std::size_t high) {
  auto line_start = [&](std::size_t pos) {
    const std::size_t newline = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
    return newline == std::string_view::npos ? std::size_t{0} : newline + 1;
  };
  auto line_end = [&](std::size_t pos) {
    const std::size_t newline = text.find('\n', pos);
    return newline == std::string_view::npos ? text.size() : newline;
  };
  std::size_t from = std::max(low, line_start(offset));
  while (from > low) {
    const std::size_t previous = std::max(low, line_start(from - 1));
    if (IsBlankLine(text, previous, from - 1)) break;
    from = previous;
  }
  std::size_t to = std::min(high, line_end(offset));
  while (to < high) {
    const std::size_t next = std::min(high, line_end(to + 1));
    if (IsBlankLine(text, to + 1, next)) break;
    to = next;
  }
  return text.substr(from, to - from);
}

}  // namespace

std::string NormalizeForFingerprint(std::string_view text, bool strip_marker) {
  std::string kept;
  kept.reserve(text.size());
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (!IsPageNumberLine(line)) {
      kept.append(line);
      kept.push_back('\n');
    }
    start = end + 1;
  }
  const text::NormalizedText normalized = text::Normalize(kept, {.case_fold = true});
  const std::string_view trimmed = Trim(normalized.text());
  return std::string(strip_marker ? StripMarker(trimmed) : trimmed);
}

std::string ComputeFingerprint(std::string_view rule_id, std::string_view matched_text,
                               std::string_view clause_text) {
  std::string key = "trustscreen-fingerprint-v1";
  key += '\0';
  key += rule_id;
  key += '\0';
  key += NormalizeForFingerprint(matched_text, false);
  key += '\0';
  key += NormalizeForFingerprint(clause_text);
  return digest::Sha256Hex(key);
}

std::string_view FingerprintContext(std::string_view text, const std::vector<text::Clause>& clauses,
                                    std::size_t begin) {
  begin = std::min(begin, text.size());
  std::size_t low = 0;
  std::size_t high = text.size();
  if (const text::Clause* clause = text::ClauseAt(clauses, begin)) {
    high = std::min(clause->end, text.size());
    low = std::min(clause->begin, high);
    // A numbered clause is the unit a reviewer clears. A heading or "Preamble" can run over a
    // whole unnumbered document, so there the paragraph is.
    if (clause->depth >= 1) return text.substr(low, high - low);
  }
  return ParagraphAt(text, begin, low, high);
}

void FingerprintFindings(std::string_view text, const std::vector<text::Clause>& clauses,
                         std::vector<Finding>& findings) {
  for (Finding& finding : findings) {
    finding.fingerprint = ComputeFingerprint(finding.rule_id, finding.matched_text,
                                             FingerprintContext(text, clauses, finding.begin));
  }
}

}  // namespace trustscreen::review
