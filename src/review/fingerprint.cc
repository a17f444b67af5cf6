#include "trustscreen/review/fingerprint.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <unordered_map>
#include <utility>

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

// The paragraphs of a span of text, for answering "which paragraph holds this offset" in
// O(log lines) after one pass over the span: a paragraph runs from the line after the nearest
// whitespace-only line above the offset's line to the line before the nearest one below it (or to
// the span's ends). The span's first and last lines count as cut at its ends, so a paragraph
// never leaves the span.
class ParagraphIndex {
 public:
  explicit ParagraphIndex(std::string_view span) : span_(span) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t newline = span.find('\n', start);
      const std::size_t end = newline == std::string_view::npos ? span.size() : newline;
      if (Trim(span.substr(start, end - start)).empty()) blank_lines_.push_back(starts_.size());
      starts_.push_back(start);
      if (newline == std::string_view::npos) break;
      start = newline + 1;
    }
  }

  // The paragraph holding `offset` (at most span.size()); one over kMaxFingerprintContext bytes
  // gives way to the line holding the offset, and a line over it to its piece holding the offset.
  std::string_view At(std::size_t offset) const {
    const std::size_t line =
        static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                 starts_.begin()) -
        1;
    // The line holding the offset is not itself looked at: the nearest blank lines strictly
    // above and below it bound the paragraph.
    const auto below = std::upper_bound(blank_lines_.begin(), blank_lines_.end(), line);
    const auto above = std::lower_bound(blank_lines_.begin(), blank_lines_.end(), line);
    const std::size_t from = above == blank_lines_.begin() ? 0 : starts_[*std::prev(above) + 1];
    const std::size_t to = below == blank_lines_.end() ? span_.size() : starts_[*below] - 1;
    if (to - from <= kMaxFingerprintContext) return span_.substr(from, to - from);
    const std::size_t line_from = starts_[line];
    const std::size_t line_to = line + 1 < starts_.size() ? starts_[line + 1] - 1 : span_.size();
    if (line_to - line_from <= kMaxFingerprintContext) {
      return span_.substr(line_from, line_to - line_from);
    }
    // Pieces are counted from the line's start; an offset at the line's end is in its last one.
    const std::size_t piece = (std::min(offset, line_to - 1) - line_from) / kMaxFingerprintContext;
    const std::size_t piece_from = line_from + piece * kMaxFingerprintContext;
    return span_.substr(piece_from, std::min(kMaxFingerprintContext, line_to - piece_from));
  }

 private:
  std::string_view span_;
  std::vector<std::size_t> starts_;       // where each line starts
  std::vector<std::size_t> blank_lines_;  // indices of the whitespace-only lines, ascending
};

// Where a match's fingerprint context lies: a numbered clause (returned whole), or the span
// within which its paragraph is looked for (a heading or "Preamble" clause, or the whole text
// outside every clause).
struct ContextSpan {
  std::size_t low = 0;
  std::size_t high = 0;
  bool whole = false;
};

ContextSpan ContextSpanAt(std::string_view text, const std::vector<text::Clause>& clauses,
                          std::size_t begin) {
  ContextSpan span{0, text.size(), false};
  if (const text::Clause* clause = text::ClauseAt(clauses, begin)) {
    span.high = std::min(clause->end, text.size());
    span.low = std::min(clause->begin, span.high);
    // A numbered clause is the unit a reviewer clears. A heading or "Preamble" can run over a
    // whole unnumbered document, so there the paragraph is; so it is in a clause that runs on for
    // pages (a schedule or list under the last number).
    span.whole = clause->depth >= 1 && span.high - span.low <= kMaxFingerprintContext;
  }
  return span;
}

// The digest of "trustscreen-fingerprint-v1" NUL rule NUL matched NUL clause, given the matched
// and clause text already normalised.
std::string FingerprintOfNormalized(std::string_view rule_id, std::string_view matched,
                                    std::string_view clause) {
  static constexpr std::string_view kNul("\0", 1);
  digest::Sha256Hasher hasher;
  for (const std::string_view part : {std::string_view("trustscreen-fingerprint-v1"), kNul, rule_id,
                                      kNul, matched, kNul, clause}) {
    hasher.Update(part);
  }
  return hasher.FinishHex();
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
  return FingerprintOfNormalized(rule_id, NormalizeForFingerprint(matched_text, false),
                                 NormalizeForFingerprint(clause_text));
}

std::string_view FingerprintContext(std::string_view text, const std::vector<text::Clause>& clauses,
                                    std::size_t begin) {
  begin = std::min(begin, text.size());
  const ContextSpan span = ContextSpanAt(text, clauses, begin);
  const std::string_view within = text.substr(span.low, span.high - span.low);
  if (span.whole) return within;
  return ParagraphIndex(within).At(begin - span.low);
}

bool FingerprintFindings(std::string_view text, const std::vector<text::Clause>& clauses,
                         std::vector<Finding>& findings,
                         std::chrono::steady_clock::time_point deadline) {
  // A fingerprint hashes its whole clause, and one clause (or one long paragraph) can hold
  // thousands of findings: each span is indexed once, each context normalised once, and each
  // (rule, matched words, context) hashed once; later findings reuse the result.
  struct Context {
    std::string normalized;
    std::unordered_map<std::string, std::string> fingerprints;  // rule NUL matched -> digest
  };
  std::map<std::pair<std::size_t, std::size_t>, ParagraphIndex> spans;  // by [low, high)
  std::map<std::pair<std::size_t, std::size_t>, Context> contexts;      // by [begin, size)
  const bool timed = deadline != std::chrono::steady_clock::time_point::max();
  for (Finding& finding : findings) {
    if (timed && std::chrono::steady_clock::now() >= deadline) return false;
    const std::size_t begin = std::min(finding.begin, text.size());
    const ContextSpan span = ContextSpanAt(text, clauses, begin);
    std::string_view context = text.substr(span.low, span.high - span.low);
    if (!span.whole) {
      auto it = spans.find({span.low, span.high});
      if (it == spans.end()) it = spans.emplace(std::pair(span.low, span.high), context).first;
      context = it->second.At(begin - span.low);
    }
    auto [entry, fresh] = contexts.try_emplace(
        {static_cast<std::size_t>(context.data() - text.data()), context.size()});
    if (fresh) entry->second.normalized = NormalizeForFingerprint(context);
    std::string matched = NormalizeForFingerprint(finding.matched_text, false);
    std::string key = finding.rule_id;
    key += '\0';
    key += matched;
    auto [known, inserted] = entry->second.fingerprints.try_emplace(std::move(key));
    if (inserted) {
      known->second = FingerprintOfNormalized(finding.rule_id, matched, entry->second.normalized);
    }
    finding.fingerprint = known->second;
  }
  return true;
}

}  // namespace trustscreen::review
