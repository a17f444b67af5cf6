// The first pass for entity names of the word index (rules::NameIndex), internal to the match
// library.
//
// The scan of the text's runs of ASCII letters and digits (which the lead index shares, AtRun)
// notes where each indexed word occurs (which run, which bytes). A name is a candidate when its
// anchor word and its other literal words occur. A match spans at most `max_runs` runs and holds
// each literal word as a whole run, so it lies within `max_runs - 1` runs of an occurrence of the
// anchor word that has the other literal words that near too: the second pass searches only those
// ranges. Both are exact given whole-word matching: every match of a name contains its literal
// words as whole runs (lists::IndexWords).
#ifndef TRUSTSCREEN_MATCH_NAME_SEARCH_H_
#define TRUSTSCREEN_MATCH_NAME_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiled_rules_internal.h"
#include "text_runs.h"

namespace trustscreen::match {

struct TextRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class NameSearch {
 public:
  NameSearch(const rules::CompiledRuleSet::Impl& impl, std::string_view text);

  // The scan over the runs of ASCII letters and digits (text_runs.h), which the lead index
  // shares: notes run [start, end), each run in text order. `first8`: Load8(text, start). Most
  // runs fail the gate here; the others are hashed and looked up out of line.
  void AtRun(std::size_t start, std::size_t end, std::uint64_t first8) {
    ++ordinal_;
    if (end - start > impl_.names.longest_word) return;  // too long to be an indexed word
    const bool capital = static_cast<unsigned char>(first8 - 'A') < 26;  // first8's low byte
    if (impl_.names.MayBeWord(first8 | kCaseBits, end - start, capital)) {
      NoteRun({start, end}, ordinal_);
    }
  }

  // After the scan: groups the noted runs by word.
  void Finish();

  // Appends the ids of the candidate names (into Impl::patterns), each once.
  void AddCandidates(std::vector<int>* candidates) const;

  // Where the matches of candidate `pattern` can be: disjoint ranges in text order. Not
  // thread-safe (memoized); a NameSearch belongs to one MatchText call.
  const std::vector<TextRange>& SearchRanges(const rules::CompiledPattern& pattern) const;

 private:
  struct WordRun {
    int word = 0;             // id of an indexed word
    std::size_t ordinal = 0;  // which run of the text (1 for the first)
    TextRange run;
  };
  using WordRuns =
      std::pair<std::vector<WordRun>::const_iterator, std::vector<WordRun>::const_iterator>;

  // Notes `run` (the `ordinal`-th run of the text) if it is an indexed word, under each of its
  // keys. Called for the runs that pass NameIndex's gate only.
  [[gnu::noinline]] void NoteRun(TextRange run, std::size_t ordinal);

  // The occurrences of indexed word `word`, in text order.
  WordRuns RunsOf(int word) const;

  const rules::CompiledRuleSet::Impl& impl_;
  std::string_view text_;
  std::size_t ordinal_ = 0;                // runs so far, the current one included
  std::vector<WordRun> word_runs_;         // by word id, then in text order
  std::vector<std::uint32_t> word_begin_;  // by word id: its first run in word_runs_
  // SearchRanges by (literal words, reach): names of the same words share them.
  mutable std::unordered_map<std::string, std::vector<TextRange>> ranges_;
};

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_NAME_SEARCH_H_
