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

#include "trustscreen/rules/compiled_rules_internal.h"
#include "trustscreen/text/normalize.h"

namespace trustscreen::match {

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
  // `text` and `paragraph_breaks` must outlive the finder.
  ContextFinder(std::string_view text, const std::vector<std::size_t>& paragraph_breaks)
      : text_(text), breaks_(paragraph_breaks) {}

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
  bool EndsSentence(std::size_t dot) const;           // text_[dot] is '.', '!' or '?'

  std::string_view text_;
  const std::vector<std::size_t>& breaks_;
};

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_CONTEXT_H_
