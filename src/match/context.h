// Context around a match (internal to the match library): windows, term look-ups, negation.
//
// All offsets are into the normalised text, where whitespace runs are single spaces and
// paragraph breaks are listed separately (text::NormalizedText::paragraph_breaks()).
#ifndef TRUSTSCREEN_MATCH_CONTEXT_H_
#define TRUSTSCREEN_MATCH_CONTEXT_H_

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "compiled_rules_internal.h"
#include "trustscreen/text/clauses.h"
#include "trustscreen/text/normalize.h"

namespace trustscreen::match {

// The clause boundaries of a text for `clause` windows: the starts of its clauses and sub-clauses
// down to depth 2 ("9", "9.2"; deeper items such as "(b)" stay in their parent's window) and of
// its sections, as normalised offsets, then the end of the last clause. The preamble (text
// before the first marker) is not a clause; text without clause markers gives none.
// `clauses` are text::SegmentClauses of the original text that `text` normalises.
std::vector<std::size_t> ClauseStarts(const std::vector<text::Clause>& clauses,
                                      const text::NormalizedText& text);

// Sentence and clause windows stop this many bytes from the match even without a boundary, so
// text without punctuation or blank lines costs a bounded search per match.
inline constexpr std::size_t kMaxSentenceBytes = 1000;
inline constexpr std::size_t kMaxClauseBytes = 5000;

// Negation window: this many tokens before the match, within its sentence.
inline constexpr int kNegationWords = 5;

// The engine-wide negation cues (rules/README.md, "Negation"); a token ending in "n't"
// ("doesn't", "won't") is a cue too.
inline constexpr std::array<std::string_view, 9> kNegationCues = {
    "not", "no", "never", "without", "neither", "nor", "none", "cannot", "nothing"};

class ContextFinder {
 public:
  // `text`, `paragraph_breaks` and `clause_starts` must outlive the finder. `clause_starts`
  // (ascending offsets into `text`, the last one the end of the last clause) bound `clause`
  // windows; empty, or before the first clause, a clause window is the paragraph.
  ContextFinder(std::string_view text, const std::vector<std::size_t>& paragraph_breaks,
                const std::vector<std::size_t>& clause_starts)
      : text_(text), breaks_(paragraph_breaks), clause_starts_(clause_starts) {}

  // The window around match [begin, end) (which it contains).
  text::Span Window(const rules::ContextWindow& within, std::size_t begin, std::size_t end) const;

  // True if a whole-word occurrence of one of the condition's terms lies inside the window.
  bool Occurs(const rules::CompiledCondition& condition, std::size_t begin, std::size_t end) const;

  // True if a negation cue is among the kNegationWords tokens before `begin`, in its sentence.
  bool IsNegated(std::size_t begin) const;

 private:
  std::size_t SentenceStart(std::size_t pos) const;
  std::size_t SentenceEnd(std::size_t pos) const;
  std::size_t ParagraphStart(std::size_t pos) const;  // after the last break before pos
  std::size_t ParagraphEnd(std::size_t pos) const;    // the first break at or after pos
  text::Span ClauseAround(std::size_t begin, std::size_t end) const;
  bool EndsSentence(std::size_t dot) const;  // text_[dot] is '.', '!' or '?'

  std::string_view text_;
  const std::vector<std::size_t>& breaks_;
  const std::vector<std::size_t>& clause_starts_;
};

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_CONTEXT_H_
