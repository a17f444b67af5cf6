#include "name_search.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace trustscreen::match {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Per byte: `lower`, its lower-case form if it is an ASCII letter or digit, else 0; `upper`, the
// same but 0 for lower-case letters too (a run is in capitals if lower == upper throughout).
struct WordBytes {
  std::array<char, 256> lower{};
  std::array<char, 256> upper{};
  constexpr WordBytes() {
    for (int c = '0'; c <= '9'; ++c) {
      lower[static_cast<std::size_t>(c)] = static_cast<char>(c);
      upper[static_cast<std::size_t>(c)] = static_cast<char>(c);
    }
    for (int c = 'a'; c <= 'z'; ++c) {
      lower[static_cast<std::size_t>(c)] = static_cast<char>(c);
      lower[static_cast<std::size_t>(c - 'a' + 'A')] = static_cast<char>(c);
      upper[static_cast<std::size_t>(c - 'a' + 'A')] = static_cast<char>(c);
    }
  }
};
constexpr WordBytes kWordBytes;

// Start of the `runs`-th run of letters and digits before `pos` (runs >= 1), or 0.
std::size_t RunsBefore(std::string_view text, std::size_t pos, int runs) {
  while (runs > 0 && pos > 0) {
    while (pos > 0 && !IsAsciiAlnum(text[pos - 1])) --pos;
    while (pos > 0 && IsAsciiAlnum(text[pos - 1])) --pos;
    --runs;
  }
  return pos;
}

// End of the `runs`-th run after `pos`, or the end of the text.
std::size_t RunsAfter(std::string_view text, std::size_t pos, int runs) {
  while (runs > 0 && pos < text.size()) {
    while (pos < text.size() && !IsAsciiAlnum(text[pos])) ++pos;
    while (pos < text.size() && IsAsciiAlnum(text[pos])) ++pos;
    --runs;
  }
  return pos;
}

}  // namespace

NameSearch::NameSearch(const rules::CompiledRuleSet::Impl& impl, std::string_view text)
    : impl_(impl), text_(text), present_(impl.names.filed_under.size(), false) {
  const rules::NameIndex& index = impl.names;
  if (index.filed_under.empty()) return;
  using rules::WordTable;
  char word[rules::NameIndex::kMaxWordBytes + 1];  // the lower-cased run, room for a marker
  std::size_t pos = 0;
  const auto note = [&](int id, std::size_t start, std::size_t end) {
    if (id < 0) return;
    present_[static_cast<std::size_t>(id)] = true;
    if (!index.filed_under[static_cast<std::size_t>(id)].empty()) {
      anchor_runs_[id].push_back({start, end});
    }
  };
  while (pos < text.size()) {
    if (kWordBytes.lower[static_cast<unsigned char>(text[pos])] == 0) {
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    std::uint64_t hash = WordTable::kHashSeed;
    std::size_t length = 0;
    bool upper = true;  // no lower-case letter
    for (; pos < text.size(); ++pos, ++length) {
      const char c = kWordBytes.lower[static_cast<unsigned char>(text[pos])];
      if (c == 0) break;
      if (length >= index.longest_word) continue;  // too long to be an indexed word
      upper = upper && c == kWordBytes.upper[static_cast<unsigned char>(text[pos])];
      word[length] = c;
      hash = WordTable::HashStep(hash, c);
    }
    if (length > index.longest_word) continue;
    note(index.words.Find(std::string_view(word, length), hash), start, pos);
    // Acronyms must be in capitals, single-word names capitalised: their keys carry a marker.
    if (text[start] < 'A' || text[start] > 'Z') continue;
    word[length] = rules::NameIndex::kCapitalizedMarker;
    note(index.words.Find(std::string_view(word, length + 1),
                          WordTable::HashStep(hash, rules::NameIndex::kCapitalizedMarker)),
         start, pos);
    if (!upper) continue;
    word[length] = rules::NameIndex::kUpperMarker;
    note(index.words.Find(std::string_view(word, length + 1),
                          WordTable::HashStep(hash, rules::NameIndex::kUpperMarker)),
         start, pos);
  }
}

void NameSearch::AddCandidates(std::vector<int>* candidates) const {
  const rules::NameIndex& index = impl_.names;
  for (const auto& [anchor, runs] : anchor_runs_) {
    for (int pattern_id : index.filed_under[static_cast<std::size_t>(anchor)]) {
      const std::vector<int>& words =
          impl_.patterns[static_cast<std::size_t>(pattern_id)].literal_words;
      if (std::all_of(words.begin(), words.end(),
                      [&](int id) { return present_[static_cast<std::size_t>(id)]; })) {
        candidates->push_back(pattern_id);
      }
    }
  }
}

const std::vector<TextRange>& NameSearch::SearchRanges(
    const rules::CompiledPattern& pattern) const {
  // A match holds at most max_runs runs, the anchor's among them.
  const int reach = std::max(pattern.max_runs - 1, 0);
  const std::uint64_t key =
      (static_cast<std::uint64_t>(pattern.anchor_word) << 32) | static_cast<std::uint32_t>(reach);
  const auto [memo, added] = ranges_.try_emplace(key);
  std::vector<TextRange>& ranges = memo->second;
  if (!added) return ranges;
  const auto found = anchor_runs_.find(pattern.anchor_word);
  if (found == anchor_runs_.end()) return ranges;
  for (const TextRange& run : found->second) {
    const TextRange range{RunsBefore(text_, run.begin, reach), RunsAfter(text_, run.end, reach)};
    if (!ranges.empty() && range.begin <= ranges.back().end) {
      ranges.back().end = std::max(ranges.back().end, range.end);
    } else {
      ranges.push_back(range);
    }
  }
  return ranges;
}

}  // namespace trustscreen::match
