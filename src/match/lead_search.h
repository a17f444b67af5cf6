// The first pass for patterns filed under their leads (rules::LeadIndex), internal to the match
// library.
//
// Tested at word starts (the scan of the text's runs that the name index shares, AtRunStart) and
// at non-ASCII bytes (Finish): tables on the next four and three bytes, a Bloom filter on the hash
// of the next 3 to 12, then, where it passes, the leads filed under that hash compared (ASCII
// case-insensitively) with the text. The result is, per pattern,
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

#include "compiled_rules_internal.h"
#include "text_runs.h"

namespace trustscreen::match {

class LeadSearch {
 public:
  // Tests every position of `text` the scan does not (Finish).
  LeadSearch(const rules::LeadIndex& index, std::string_view text);

  // The scan over the runs of ASCII letters and digits (text_runs.h), which the name index shares:
  // tests the start of one, in text order. `first8`: Load8(text, start).
  void AtRunStart(std::size_t start, std::uint64_t first8) {
    if (index_.ascii_inside_word) return;  // Finish tests every position
    const std::uint64_t folded = first8 | kCaseBits;
    const unsigned lengths = index_.Lengths(/*word_start=*/true, folded);
    if (lengths != 0) TestLengths(start, /*word_start=*/true, folded, lengths);
  }

  // After the scan: tests the other positions where leads can start and groups what was found.
  void Finish();

  // Appends the ids (into Impl::patterns) of the patterns with at least one lead in the text.
  void AddCandidates(std::vector<int>* candidates) const;

  // Where candidate `pattern_id`'s leads start, ascending (empty for other patterns).
  std::span<const std::size_t> Starts(int pattern_id) const;

 private:
  void TestPosition(std::size_t pos, bool word_start);
  // The tests past the first table: `lengths` from LeadIndex::Lengths (not 0), `first8` folded.
  [[gnu::noinline]] void TestLengths(std::size_t pos, bool word_start, std::uint64_t first8,
                                     unsigned lengths);

  const rules::LeadIndex& index_;
  std::string_view text_;
  std::vector<std::pair<int, std::size_t>> hits_;  // (pattern id, start), until Finish
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
