// The first pass for patterns filed under their leads (rules::LeadIndex), internal to the match
// library.
//
// One scan over the text, at word starts (and non-ASCII bytes): tables on the next four and three
// bytes, a bit filter on the hash of the next 3 to 12, then, where it is set, the leads filed
// under that hash compared (ASCII case-insensitively) with the text. The result is, per pattern,
// the positions where one of its leads starts, in text order: the only places where a match of it
// can start (rules/match_leads.h), so running the pattern anchored at each of them, skipping those
// inside the previous match, finds the same matches as an unanchored search over the whole text.
#ifndef TRUSTSCREEN_MATCH_LEAD_SEARCH_H_
#define TRUSTSCREEN_MATCH_LEAD_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "trustscreen/rules/compiled_rules_internal.h"

namespace trustscreen::match {

class LeadSearch {
 public:
  // `alnum`: AlnumBits(text) (text_runs.h).
  LeadSearch(const rules::LeadIndex& index, std::string_view text,
             std::span<const std::uint64_t> alnum);

  // Appends the ids (into Impl::patterns) of the patterns with at least one lead in the text.
  void AddCandidates(std::vector<int>* candidates) const;

  // Where candidate `pattern_id`'s leads start, ascending (empty for other patterns).
  std::span<const std::size_t> Starts(int pattern_id) const;

 private:
  static void TestPosition(const rules::LeadIndex& index, std::string_view text, std::size_t pos,
                           bool word_start, std::vector<std::pair<int, std::size_t>>* hits);
  // TestPosition past its first table: `lengths` from LeadIndex::Lengths, not 0.
  [[gnu::noinline]] static void TestLengths(const rules::LeadIndex& index, std::string_view text,
                                            std::size_t pos, bool word_start, std::uint64_t first8,
                                            unsigned lengths,
                                            std::vector<std::pair<int, std::size_t>>* hits);

  struct PatternStarts {
    int pattern_id = 0;
    std::size_t begin = 0;  // into starts_
    std::size_t end = 0;
  };
  std::vector<PatternStarts> patterns_;  // by pattern id
  std::vector<std::size_t> starts_;      // each pattern's starts, ascending
};

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_LEAD_SEARCH_H_
