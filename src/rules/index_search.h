// The first pass of the lead index and the entity-name word index over one text: what the match
// library needs of them, internal to the rules and match libraries (src/rules/, beside
// compiled_rules_internal.h). The indexes themselves, their hashes and how they are built and
// searched stay in the rules library (lead_index.h, name_index.h).
//
// One scan of the text's runs of ASCII letters and digits serves both indexes. The result is
// exact: a pattern of the lead index can match only where one of its leads starts (LeadStarts),
// a name of the word index only within its ranges (NameRanges); a pattern that is not a candidate
// (AddCandidates) matches nowhere in the text.
//
// Thread-safety: an IndexSearch belongs to one thread and one text; the rule set it reads is
// shared.
#ifndef TRUSTSCREEN_RULES_INDEX_SEARCH_H_
#define TRUSTSCREEN_RULES_INDEX_SEARCH_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules::internal {

class LeadSearch;
class NameSearch;

// Bytes [begin, end) of a text.
struct TextRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class IndexSearch {
 public:
  // Searches `text` (which must outlive this object) with the indexes of `impl`.
  IndexSearch(const CompiledRuleSet::Impl& impl, std::string_view text);
  ~IndexSearch();
  IndexSearch(const IndexSearch&) = delete;
  IndexSearch& operator=(const IndexSearch&) = delete;

  // Appends the ids (into Impl::patterns) of the patterns of either index that can match in the
  // text, each once: those of the lead index first, then the names of the word index.
  void AddCandidates(std::vector<int>* candidates) const;

  // Where the matches of candidate `pattern_id` can be, if it is a name of the word index or a
  // name that matches outside ASCII words only (CompiledPattern::outside_ascii_words: the runs
  // of the text free of ASCII letters and digits that hold a non-ASCII byte): disjoint ranges
  // of the text in text order (possibly none). Null for any other pattern. Memoized: not
  // thread-safe.
  const std::vector<TextRange>* NameRanges(int pattern_id) const;

  // Where the leads of candidate `pattern_id` start, ascending: the only positions where a match
  // of it can start. Empty for a pattern that is not in the lead index.
  std::span<const std::size_t> LeadStarts(int pattern_id) const;

 private:
  const CompiledRuleSet::Impl& impl_;
  std::string_view text_;
  std::unique_ptr<LeadSearch> leads_;
  std::unique_ptr<NameSearch> names_;
  mutable std::optional<std::vector<TextRange>> non_ascii_runs_;  // found on first use
};

}  // namespace trustscreen::rules::internal

#endif  // TRUSTSCREEN_RULES_INDEX_SEARCH_H_
