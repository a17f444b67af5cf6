#include "context.h"

#include <algorithm>
#include <string>

#include "trustscreen/text/clauses.h"
#include "word_boundary.h"

namespace trustscreen::match {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// Abbreviations whose period does not end a sentence ("Licence No. 5A002", "e.g. ECCN").
constexpr std::array<std::string_view, 16> kAbbreviations = {
    "no", "nos", "art", "arts", "sec", "para", "cf",   "vs",
    "mr", "mrs", "dr",  "inc",  "ltd", "co",   "corp", "approx"};

// Contract idioms in which a negation cue introduces a list instead of negating it: "including,
// without limitation, the EAR", "including but not limited to ITAR", "without prejudice to".
// `after_cue` is the offset just after the cue word.
bool IsListingIdiom(std::string_view text, std::size_t after_cue) {
  static constexpr std::array<std::string_view, 4> kIdioms = {"limitation", "limiting", "limited",
                                                              "prejudice"};
  std::size_t pos = after_cue;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == ',')) ++pos;
  const std::size_t start = pos;
  while (pos < text.size() && IsAsciiLetter(text[pos])) ++pos;
  std::string word(text.substr(start, pos - start));
  std::transform(word.begin(), word.end(), word.begin(), Lower);
  return std::find(kIdioms.begin(), kIdioms.end(), word) != kIdioms.end();
}

}  // namespace

bool ContextFinder::EndsSentence(std::size_t dot) const {
  if (dot + 1 < text_.size() && text_[dot + 1] != ' ') return false;  // 9A012.a, 3.5
  if (text_[dot] != '.') return true;
  // The token before the period: a single letter ("U.S.", "J. Smith"), a dotted abbreviation
  // ("e.g.") or a listed one does not end the sentence.
  std::size_t start = dot;
  while (start > 0 && text_[start - 1] != ' ') --start;
  std::string_view token = text_.substr(start, dot - start);
  while (!token.empty() && !IsAsciiLetter(token.front())) token.remove_prefix(1);  // "(No."
  if (token.empty()) return true;
  if (token.find('.') != std::string_view::npos) return false;
  if (token.size() == 1 && IsAsciiLetter(token[0])) return false;
  std::string lower(token);
  std::transform(lower.begin(), lower.end(), lower.begin(), Lower);
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) == kAbbreviations.end();
}

std::size_t ContextFinder::ParagraphStart(std::size_t pos) const {
  auto it = std::lower_bound(breaks_.begin(), breaks_.end(), pos);
  return it == breaks_.begin() ? 0 : *std::prev(it) + 1;
}

std::size_t ContextFinder::ParagraphEnd(std::size_t pos) const {
  auto it = std::lower_bound(breaks_.begin(), breaks_.end(), pos);
  return it == breaks_.end() ? text_.size() : *it;
}

text::Span ContextFinder::ClauseAround(std::size_t begin, std::size_t end) const {
  // The last clause start at or before the match, and the first start after its last byte.
  auto after = std::upper_bound(clause_starts_.begin(), clause_starts_.end(), begin);
  if (after == clause_starts_.begin() || after == clause_starts_.end()) {
    return {ParagraphStart(begin), ParagraphEnd(end)};  // outside every clause
  }
  const std::size_t from = *std::prev(after);
  auto until =
      std::upper_bound(clause_starts_.begin(), clause_starts_.end(), end > 0 ? end - 1 : 0);
  const std::size_t to = until == clause_starts_.end() ? text_.size() : *until;
  return {from, std::max(to, end)};
}

std::vector<std::size_t> ClauseStarts(const std::vector<text::Clause>& clauses,
                                      const text::NormalizedText& text) {
  std::vector<std::size_t> starts;
  for (const text::Clause& clause : clauses) {
    // The preamble is everything before the first marker (all of a text without any): no
    // clause, so its windows are paragraphs.
    if (clause.depth <= 2 && clause.ref != "Preamble") {
      starts.push_back(text.FromOriginal(clause.begin));
    }
  }
  if (!starts.empty()) starts.push_back(text.FromOriginal(clauses.back().end));
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  return starts;
}

std::size_t ContextFinder::SentenceStart(std::size_t pos) const {
  const std::size_t limit =
      std::max(ParagraphStart(pos), pos > kMaxSentenceBytes ? pos - kMaxSentenceBytes : 0);
  for (std::size_t i = pos; i > limit; --i) {
    const char c = text_[i - 1];
    if ((c == '.' || c == '!' || c == '?') && i < pos && EndsSentence(i - 1)) return i;
  }
  return limit;
}

std::size_t ContextFinder::SentenceEnd(std::size_t pos) const {
  const std::size_t limit = std::min(ParagraphEnd(pos), pos + kMaxSentenceBytes);
  for (std::size_t i = pos; i < std::min(limit, text_.size()); ++i) {
    const char c = text_[i];
    if ((c == '.' || c == '!' || c == '?') && EndsSentence(i)) return i + 1;
  }
  return std::min(limit, text_.size());
}

text::Span ContextFinder::Window(const rules::ContextWindow& within, std::size_t begin,
                                 std::size_t end) const {
  switch (within.kind) {
    case rules::ContextWindow::Kind::kSentence:
      return {SentenceStart(begin), SentenceEnd(end)};
    case rules::ContextWindow::Kind::kClause: {
      const text::Span clause = ClauseAround(begin, end);
      return {std::max(clause.begin, begin > kMaxClauseBytes ? begin - kMaxClauseBytes : 0),
              std::min(clause.end, end + kMaxClauseBytes)};
    }
    case rules::ContextWindow::Kind::kWords:
      break;
  }
  std::size_t from = begin;
  for (int i = 0; i < within.words && from > 0; ++i) {
    while (from > 0 && text_[from - 1] == ' ') --from;
    while (from > 0 && text_[from - 1] != ' ') --from;
  }
  std::size_t to = std::min(end, text_.size());
  for (int i = 0; i < within.words && to < text_.size(); ++i) {
    while (to < text_.size() && text_[to] == ' ') ++to;
    while (to < text_.size() && text_[to] != ' ') ++to;
  }
  return {from, to};
}

bool ContextFinder::Occurs(const rules::CompiledCondition& condition, std::size_t begin,
                           std::size_t end) const {
  const text::Span window = Window(condition.within, begin, end);
  const re2::StringPiece input(text_.data(), text_.size());
  std::size_t pos = window.begin;
  while (pos < window.end) {
    re2::StringPiece hit;
    if (!condition.terms->Match(input, pos, window.end, re2::RE2::UNANCHORED, &hit, 1)) break;
    const auto hit_begin = static_cast<std::size_t>(hit.data() - text_.data());
    const std::size_t hit_end = hit_begin + hit.size();
    if (hit_end > hit_begin && IsWholeWord(text_, hit_begin, hit_end)) return true;
    pos = NextCodePoint(text_, hit_begin);
  }
  return false;
}

bool ContextFinder::IsNegated(std::size_t begin) const {
  const std::size_t paragraph = ParagraphStart(begin);
  std::size_t pos = std::min(begin, text_.size());
  for (int i = 0; i < kNegationWords; ++i) {
    while (pos > paragraph && text_[pos - 1] == ' ') --pos;
    if (pos <= paragraph) return false;
    const std::size_t token_end = pos;
    while (pos > paragraph && text_[pos - 1] != ' ') --pos;
    std::string_view token = text_.substr(pos, token_end - pos);
    const char last = token.back();
    if ((last == '.' || last == '!' || last == '?') && EndsSentence(token_end - 1)) return false;
    // Punctuation around the word ("(not", "not,") does not hide it.
    while (!token.empty() && !IsAsciiLetter(token.front())) token.remove_prefix(1);
    while (!token.empty() && !IsAsciiLetter(token.back())) token.remove_suffix(1);
    if (token.empty() || token.size() > 8) continue;
    std::string word(token);
    std::transform(word.begin(), word.end(), word.begin(), Lower);
    if (last == '.' && (word == "no" || word == "nos")) continue;  // "No. 5": a number
    if (std::find(kNegationCues.begin(), kNegationCues.end(), word) != kNegationCues.end()) {
      if (IsListingIdiom(text_, token_end)) continue;  // "without limitation", "not limited to"
      return true;
    }
    if (word.size() > 3 && word.compare(word.size() - 3, 3, "n't") == 0) return true;
  }
  return false;
}

}  // namespace trustscreen::match
