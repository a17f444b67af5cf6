#include "lead_search.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "text_runs.h"

namespace trustscreen::match {
namespace {

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool LeadAt(std::string_view text, std::size_t pos, const std::string& lead) {
  if (text.size() - pos < lead.size()) return false;
  for (std::size_t i = 0; i < lead.size(); ++i) {
    if (LowerAscii(text[pos + i]) != lead[i]) return false;
  }
  return true;
}

}  // namespace

LeadSearch::LeadSearch(const rules::LeadIndex& index, std::string_view text)
    : index_(index), text_(text) {}

// The tests at one position (see rules::LeadIndex): notes (pattern id, pos) for each lead that
// starts there. `word_start`: the previous byte is not an ASCII letter or digit.
void LeadSearch::TestPosition(std::size_t pos, bool word_start) {
  const std::uint64_t first8 = Load8(text_, pos) | kCaseBits;
  const unsigned lengths = index_.Lengths(word_start, first8);
  if (lengths != 0) TestLengths(pos, word_start, first8, lengths);
}

void LeadSearch::TestLengths(std::size_t pos, bool word_start, std::uint64_t first8,
                             unsigned lengths) {
  const std::vector<std::uint64_t>& filter = word_start ? index_.at_word_start : index_.inside_word;
  const std::uint64_t next8 = Load8(text_, pos + 8) | kCaseBits;
  for (int length_class = 0; length_class < static_cast<int>(std::size(index_.kLengths));
       ++length_class) {
    if (!(lengths >> length_class & 1)) continue;
    const std::uint64_t hash = rules::LeadIndex::Hash(first8, next8, length_class);
    if (!rules::LeadIndex::Test(filter, hash)) continue;
    const auto found = index_.by_hash.find(hash);
    if (found == index_.by_hash.end()) continue;
    for (int lead_index : found->second) {
      const rules::LeadIndex::Lead& lead = index_.leads[static_cast<std::size_t>(lead_index)];
      if ((word_start || !lead.word_start) && LeadAt(text_, pos, lead.text)) {
        hits_.emplace_back(lead.pattern_id, pos);
      }
    }
  }
}

void LeadSearch::Finish() {
  if (index_.leads.empty() || text_.empty()) return;
  if (!index_.ascii_inside_word) {
    // Every lead that may start inside a word starts with a non-ASCII byte (the shipped rules:
    // CJK names): past the run starts (AtRunStart), only the non-ASCII bytes need a test. There
    // only leads that are not word_start can start, whatever precedes.
    for (const std::size_t pos : NonAsciiPositions(text_)) {
      TestPosition(pos, /*word_start=*/true);
    }
  } else {
    bool inside_word = false;  // the byte before `pos` is an ASCII letter or digit
    for (std::size_t pos = 0; pos < text_.size(); ++pos) {
      TestPosition(pos, !inside_word);
      inside_word = IsAsciiAlnum(text_[pos]);
    }
  }
  // By pattern, positions ascending. Two leads of one pattern (cut to different lengths) can start
  // at one position: keep it once.
  std::vector<std::pair<int, std::size_t>> hits = std::move(hits_);
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  starts_.reserve(hits.size());
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (i == 0 || hits[i].first != hits[i - 1].first) {
      patterns_.push_back({hits[i].first, i, i});
    }
    starts_.push_back(hits[i].second);
    ++patterns_.back().end;
  }
}

void LeadSearch::AddCandidates(std::vector<int>* candidates) const {
  for (const PatternStarts& pattern : patterns_) candidates->push_back(pattern.pattern_id);
}

std::span<const std::size_t> LeadSearch::Starts(int pattern_id) const {
  const auto found = std::lower_bound(
      patterns_.begin(), patterns_.end(), pattern_id,
      [](const PatternStarts& pattern, int id) { return pattern.pattern_id < id; });
  if (found == patterns_.end() || found->pattern_id != pattern_id) return {};
  return std::span<const std::size_t>(starts_).subspan(found->begin, found->end - found->begin);
}

}  // namespace trustscreen::match
