#include "lead_index.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "text_runs.h"

namespace trustscreen::rules::internal {
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

void LeadIndex::File(const std::vector<std::string>& leads, bool whole_word, int pattern_id) {
  for (const std::string& lead : leads) {
    // A whole-word match cannot start right after an ASCII letter or digit.
    const bool word_start = whole_word && std::isalnum(static_cast<unsigned char>(lead[0]));
    Add(lead, pattern_id, word_start);
  }
}

void LeadIndex::Add(std::string_view lead, int pattern_id, bool word_start) {
  int length_class = -1;
  for (std::size_t i = 0; i < std::size(kLengths); ++i) {
    if (kLengths[i] <= lead.size()) length_class = static_cast<int>(i);
  }
  if (length_class < 0) return;  // MatchLeads gives no lead this short
  const std::string_view cut = lead.substr(0, kLengths[length_class]);
  char bytes[16] = {};
  std::copy(cut.begin(), cut.end(), bytes);
  std::uint64_t first8 = 0;
  std::uint64_t next8 = 0;
  std::memcpy(&first8, bytes, 8);
  std::memcpy(&next8, bytes + 8, 8);
  first8 |= kCaseBits;
  next8 |= kCaseBits;
  const std::uint64_t hash = Hash(first8, next8, length_class);
  const auto set_bit = [hash](std::vector<std::uint64_t>* filter) {
    (*filter)[FilterWord(hash)] |= FilterBits(hash);
  };
  // Class 0 (3 bytes) in the short tables, longer leads by their first 4 bytes.
  const auto file_prefix = [&](std::vector<std::uint8_t>* lengths,
                               std::vector<std::uint64_t>* shorts) {
    if (length_class == 0) {
      const std::uint32_t slot = ShortSlot(first8);
      (*shorts)[slot >> 6] |= std::uint64_t{1} << (slot & 63);
    } else {
      (*lengths)[PrefixSlot(first8)] |= static_cast<std::uint8_t>(1u << length_class);
    }
  };
  const auto file_inside_words = [&] {
    set_bit(&inside_word_);
    file_prefix(&lengths_inside_word_, &short_inside_word_);
    if (static_cast<unsigned char>(cut[0]) < 0x80) ascii_inside_word_ = true;
  };
  std::vector<int>& same_hash = by_hash_[hash];
  for (int index : same_hash) {  // cutting can make two leads of a pattern the same
    Lead& same = leads_[static_cast<std::size_t>(index)];
    if (same.pattern_id == pattern_id && same.text == cut) {
      if (!word_start && same.word_start) {
        same.word_start = false;
        file_inside_words();
      }
      return;
    }
  }
  same_hash.push_back(static_cast<int>(leads_.size()));
  leads_.push_back({std::string(cut), pattern_id, word_start});
  set_bit(&at_word_start_);
  file_prefix(&lengths_at_word_start_, &short_at_word_start_);
  if (!word_start) file_inside_words();
}

// The tests at one position (see LeadIndex): notes (pattern id, pos) for each lead that starts
// there. `word_start`: the previous byte is not an ASCII letter or digit.
void LeadSearch::TestPosition(std::size_t pos, bool word_start) {
  const std::uint64_t first8 = Load8(text_, pos) | kCaseBits;
  const unsigned lengths = index_.Lengths(word_start, first8);
  if (lengths != 0) TestLengths(pos, word_start, first8, lengths);
}

void LeadSearch::TestLengths(std::size_t pos, bool word_start, std::uint64_t first8,
                             unsigned lengths) {
  const std::vector<std::uint64_t>& filter =
      word_start ? index_.at_word_start_ : index_.inside_word_;
  const std::uint64_t next8 = Load8(text_, pos + 8) | kCaseBits;
  for (int length_class = 0; length_class < static_cast<int>(std::size(LeadIndex::kLengths));
       ++length_class) {
    if (!(lengths >> length_class & 1)) continue;
    const std::uint64_t hash = LeadIndex::Hash(first8, next8, length_class);
    if (!LeadIndex::Test(filter, hash)) continue;
    const auto found = index_.by_hash_.find(hash);
    if (found == index_.by_hash_.end()) continue;
    for (int lead_index : found->second) {
      const LeadIndex::Lead& lead = index_.leads_[static_cast<std::size_t>(lead_index)];
      if ((word_start || !lead.word_start) && LeadAt(text_, pos, lead.text)) {
        hits_.emplace_back(lead.pattern_id, pos);
      }
    }
  }
}

void LeadSearch::Finish() {
  if (index_.leads_.empty() || text_.empty()) return;
  if (!index_.ascii_inside_word_) {
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

}  // namespace trustscreen::rules::internal
