// The first pass for entity names of the word index (rules::NameIndex), internal to the match
// library.
//
// One scan of the text splits it into runs of ASCII letters and digits and notes, per indexed
// word, whether it occurs and where it occurs when names are filed under it. A name is a candidate
// when its anchor word and all its other literal words occur; its matches can only lie within
// `max_runs` runs around an occurrence of its anchor word, so the second pass searches those
// ranges instead of the whole text. Both are exact: every match of a name contains its literal
// words as whole runs (lists::LiteralWords), given whole-word matching.
#ifndef TRUSTSCREEN_MATCH_NAME_SEARCH_H_
#define TRUSTSCREEN_MATCH_NAME_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "trustscreen/rules/compiled_rules_internal.h"

namespace trustscreen::match {

struct TextRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class NameSearch {
 public:
  NameSearch(const rules::CompiledRuleSet::Impl& impl, std::string_view text);

  // Appends the ids of the candidate names (into Impl::patterns), each once.
  void AddCandidates(std::vector<int>* candidates) const;

  // Where the matches of candidate `pattern` can be: disjoint ranges in text order. Not
  // thread-safe (memoized); a NameSearch belongs to one MatchText call.
  const std::vector<TextRange>& SearchRanges(const rules::CompiledPattern& pattern) const;

 private:
  struct AnchorRun {
    int word = 0;  // id of a word that names are filed under
    TextRange run;
  };

  // The occurrences of anchor word `word`, in text order.
  std::pair<std::vector<AnchorRun>::const_iterator, std::vector<AnchorRun>::const_iterator>
  AnchorRuns(int word) const;

  const rules::CompiledRuleSet::Impl& impl_;
  std::string_view text_;
  std::vector<unsigned char> present_;  // by word id: 1 if the word occurs
  std::vector<AnchorRun> anchor_runs_;  // by word id, then in text order
  // SearchRanges by (anchor word id, reach): names filed under one word share them.
  mutable std::unordered_map<std::uint64_t, std::vector<TextRange>> ranges_;
};

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_NAME_SEARCH_H_
