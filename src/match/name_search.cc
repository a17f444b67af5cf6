#include "name_search.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "text_runs.h"

namespace trustscreen::match {
namespace {

// The markers of the index's keys (rules::NameIndex), in the order MarkedKeys counts them.
constexpr char kMarkers[] = {rules::NameIndex::kCapitalizedMarker, rules::NameIndex::kUpperMarker};

// How many marked keys a run has besides its spelling: acronyms must be in capitals and
// single-word names capitalised, so a run in capitals has both, a capitalised run the first.
int MarkedKeys(std::string_view run) {
  if (run.front() < 'A' || run.front() > 'Z') return 0;
  return std::any_of(run.begin(), run.end(), [](char c) { return c >= 'a' && c <= 'z'; }) ? 1 : 2;
}

// Start of the `runs`-th run of letters and digits before `pos` (runs >= 1), or 0.
std::size_t RunsBefore(std::string_view text, std::size_t pos, std::size_t runs) {
  while (runs > 0 && pos > 0) {
    while (pos > 0 && !IsAsciiAlnum(text[pos - 1])) --pos;
    while (pos > 0 && IsAsciiAlnum(text[pos - 1])) --pos;
    --runs;
  }
  return pos;
}

// End of the `runs`-th run after `pos`, or the end of the text.
std::size_t RunsAfter(std::string_view text, std::size_t pos, std::size_t runs) {
  while (runs > 0 && pos < text.size()) {
    while (pos < text.size() && !IsAsciiAlnum(text[pos])) ++pos;
    while (pos < text.size() && IsAsciiAlnum(text[pos])) ++pos;
    --runs;
  }
  return pos;
}

}  // namespace

NameSearch::NameSearch(const rules::CompiledRuleSet::Impl& impl, std::string_view text)
    : impl_(impl), text_(text) {}

void NameSearch::Finish() {
  const rules::NameIndex& index = impl_.names;
  // Runs were noted in text order; grouped by word (a counting sort: ids are dense) they keep that
  // order within a word.
  word_begin_.assign(static_cast<std::size_t>(index.words.size()) + 1, 0);
  for (const WordRun& run : word_runs_) ++word_begin_[static_cast<std::size_t>(run.word) + 1];
  std::partial_sum(word_begin_.begin(), word_begin_.end(), word_begin_.begin());
  std::vector<std::uint32_t> next(word_begin_.begin(), word_begin_.end() - 1);
  std::vector<WordRun> grouped(word_runs_.size());
  for (const WordRun& run : word_runs_) grouped[next[static_cast<std::size_t>(run.word)]++] = run;
  word_runs_ = std::move(grouped);
}

void NameSearch::NoteRun(TextRange run, std::size_t ordinal) {
  using rules::WordTable;
  const rules::NameIndex& index = impl_.names;
  // The run lower-cased (bit 0x20 makes a letter small and leaves a digit as it is), 8 bytes per
  // load, with room for a marker and a whole last chunk; hashed as it is built (WordTable::Hash:
  // `state` folded over the complete chunks of 8, `chunk` the last partial one, 0 if none).
  static_assert(std::endian::native == std::endian::little, "chunks are little-endian loads");
  char word[rules::NameIndex::kMaxWordBytes + 16];
  const std::size_t length = run.end - run.begin;
  std::uint64_t state = WordTable::kHashSeed;
  std::uint64_t chunk = 0;
  for (std::size_t done = 0; done < length; done += 8) {
    const std::size_t bytes = std::min<std::size_t>(8, length - done);
    chunk = Load8(text_, run.begin + done) | kCaseBits;
    if (bytes < 8) chunk &= (std::uint64_t{1} << (8 * bytes)) - 1;
    std::memcpy(word + done, &chunk, 8);
    if (bytes == 8) {
      state = WordTable::Fold(state, chunk);
      chunk = 0;
    }
  }
  const auto note = [&](std::size_t size, std::uint64_t hash) {
    const int id = index.words.Find(std::string_view(word, size), hash);
    if (id >= 0) word_runs_.push_back({id, ordinal, run});
  };
  note(length, WordTable::Finish(length % 8 != 0 ? WordTable::Fold(state, chunk) : state, length));
  // Marked keys: only the marker's byte on top of the run's hash state.
  const int marked = MarkedKeys(text_.substr(run.begin, length));
  for (int m = 0; m < marked; ++m) {
    word[length] = kMarkers[m];
    const std::uint64_t last = chunk | std::uint64_t{static_cast<unsigned char>(kMarkers[m])}
                                           << (8 * (length % 8));
    note(length + 1, WordTable::Finish(WordTable::Fold(state, last), length + 1));
  }
}

NameSearch::WordRuns NameSearch::RunsOf(int word) const {
  const auto begin = word_runs_.begin();
  return {begin + word_begin_[static_cast<std::size_t>(word)],
          begin + word_begin_[static_cast<std::size_t>(word) + 1]};
}

void NameSearch::AddCandidates(std::vector<int>* candidates) const {
  const rules::NameIndex& index = impl_.names;
  const auto occurs = [&](int word) {
    return word < 0 || word_begin_[static_cast<std::size_t>(word) + 1] >
                           word_begin_[static_cast<std::size_t>(word)];
  };
  for (std::size_t word = 0; word + 1 < word_begin_.size(); ++word) {
    if (word_begin_[word + 1] == word_begin_[word]) continue;
    for (const rules::NameIndex::FiledName& name : index.filed_under[word]) {
      if (std::all_of(name.others.begin(), name.others.end(), occurs)) {
        candidates->push_back(name.pattern_id);
      }
    }
  }
}

const std::vector<TextRange>& NameSearch::SearchRanges(
    const rules::CompiledPattern& pattern) const {
  // A match holds at most max_runs runs, its literal words among them.
  const std::size_t reach = static_cast<std::size_t>(std::max(pattern.max_runs - 1, 0));
  std::string key(sizeof(reach) + sizeof(int) * pattern.literal_words.size(), '\0');
  std::memcpy(key.data(), &reach, sizeof(reach));
  std::memcpy(key.data() + sizeof(reach), pattern.literal_words.data(),
              sizeof(int) * pattern.literal_words.size());
  const auto [memo, added] = ranges_.try_emplace(std::move(key));
  std::vector<TextRange>& ranges = memo->second;
  if (!added) return ranges;
  std::vector<WordRuns> others;  // of the other literal words
  for (std::size_t i = 1; i < pattern.literal_words.size(); ++i) {
    others.push_back(RunsOf(pattern.literal_words[i]));
  }
  // Whether one of `runs` is within `reach` runs of run `ordinal`.
  const auto near = [reach](const WordRuns& runs, std::size_t ordinal) {
    const auto first =
        std::lower_bound(runs.first, runs.second, ordinal > reach ? ordinal - reach : 0,
                         [](const WordRun& run, std::size_t least) { return run.ordinal < least; });
    return first != runs.second && first->ordinal <= ordinal + reach;
  };
  const auto [first, last] = RunsOf(pattern.anchor_word);
  for (auto it = first; it != last; ++it) {
    if (!std::all_of(others.begin(), others.end(),
                     [&](const WordRuns& runs) { return near(runs, it->ordinal); })) {
      continue;
    }
    const TextRange range{RunsBefore(text_, it->run.begin, reach),
                          RunsAfter(text_, it->run.end, reach)};
    if (!ranges.empty() && range.begin <= ranges.back().end) {
      ranges.back().end = std::max(ranges.back().end, range.end);
    } else {
      ranges.push_back(range);
    }
  }
  return ranges;
}

}  // namespace trustscreen::match
