#include "name_index.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "text_runs.h"

namespace trustscreen::rules::internal {
namespace {

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

std::vector<std::string> NameIndex::Keys(const lists::NameWord& word) {
  std::string marker;
  if (word.letter_case == lists::NameWord::Case::kUpper) marker = kUpperMarker;
  if (word.letter_case == lists::NameWord::Case::kCapitalized) marker = kCapitalizedMarker;
  std::vector<std::string> keys;
  for (const std::string& spelling : word.spellings) keys.push_back(spelling + marker);
  return keys;
}

std::string NameIndex::Key(const lists::NameWord& word) { return Keys(word).front(); }

void NameIndex::AddToGate(std::string_view spelling, bool capital_only) {
  std::uint64_t first8 = 0;
  std::memcpy(&first8, spelling.data(), std::min<std::size_t>(8, spelling.size()));
  for (const bool capital : {true, false}) {
    if (!capital && capital_only) continue;
    const std::uint64_t hash = GateHash(first8, spelling.size(), capital);
    gate_[hash >> (64 - (kGateBits - 6))] |= GateBits(hash);
  }
}

void NameIndex::File(int pattern_id, const std::vector<lists::NameWord>& words, int max_runs) {
  NameWords filed_words;
  filed_words.max_runs = max_runs;
  for (const lists::NameWord& word : words) {
    filed_words.words.push_back(words_.Add(Keys(word)));
    for (const std::string& spelling : word.spellings) {
      longest_word_ = std::max(longest_word_, spelling.size());
      AddToGate(spelling, word.letter_case != lists::NameWord::Case::kAny);
    }
  }
  filed_under_.resize(static_cast<std::size_t>(words_.size()));
  FiledName filed{.pattern_id = pattern_id};
  std::copy(filed_words.words.begin() + 1, filed_words.words.end(), filed.others.begin());
  filed_under_[static_cast<std::size_t>(filed_words.words.front())].push_back(filed);
  if (names_.size() <= static_cast<std::size_t>(pattern_id)) {
    names_.resize(static_cast<std::size_t>(pattern_id) + 1);
  }
  names_[static_cast<std::size_t>(pattern_id)] = std::move(filed_words);
}

void NameSearch::Finish() {
  const NameIndex& index = index_;
  // Runs were noted in text order; grouped by word (a counting sort: ids are dense) they keep that
  // order within a word.
  word_begin_.assign(static_cast<std::size_t>(index.words_.size()) + 1, 0);
  for (const WordRun& run : word_runs_) ++word_begin_[static_cast<std::size_t>(run.word) + 1];
  std::partial_sum(word_begin_.begin(), word_begin_.end(), word_begin_.begin());
  std::vector<std::uint32_t> next(word_begin_.begin(), word_begin_.end() - 1);
  std::vector<WordRun> grouped(word_runs_.size());
  for (const WordRun& run : word_runs_) grouped[next[static_cast<std::size_t>(run.word)]++] = run;
  word_runs_ = std::move(grouped);
}

void NameSearch::NoteRun(TextRange run, std::size_t ordinal) {
  // The markers of the index's keys, in the order MarkedKeys counts them.
  static constexpr char kMarkers[] = {NameIndex::kCapitalizedMarker, NameIndex::kUpperMarker};
  const NameIndex& index = index_;
  // The run lower-cased (bit 0x20 makes a letter small and leaves a digit as it is), 8 bytes per
  // load, with room for a marker and a whole last chunk; hashed as it is built (WordTable::Hash:
  // `state` folded over the complete chunks of 8, `chunk` the last partial one, 0 if none).
  static_assert(std::endian::native == std::endian::little, "chunks are little-endian loads");
  char word[NameIndex::kMaxWordBytes + 16];
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
    const int id = index.words_.Find(std::string_view(word, size), hash);
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
  const NameIndex& index = index_;
  const auto occurs = [&](int word) {
    return word < 0 || word_begin_[static_cast<std::size_t>(word) + 1] >
                           word_begin_[static_cast<std::size_t>(word)];
  };
  for (std::size_t word = 0; word + 1 < word_begin_.size(); ++word) {
    if (word_begin_[word + 1] == word_begin_[word]) continue;
    for (const NameIndex::FiledName& name : index.filed_under_[word]) {
      if (std::all_of(name.others.begin(), name.others.end(), occurs)) {
        candidates->push_back(name.pattern_id);
      }
    }
  }
}

const std::vector<TextRange>& NameSearch::SearchRanges(int pattern_id) const {
  const NameIndex::NameWords& name = index_.names_[static_cast<std::size_t>(pattern_id)];
  // A match holds at most max_runs runs, its indexed words among them.
  const std::size_t reach = static_cast<std::size_t>(std::max(name.max_runs - 1, 0));
  std::string key(sizeof(reach) + sizeof(int) * name.words.size(), '\0');
  std::memcpy(key.data(), &reach, sizeof(reach));
  std::memcpy(key.data() + sizeof(reach), name.words.data(), sizeof(int) * name.words.size());
  const auto [memo, added] = ranges_.try_emplace(std::move(key));
  std::vector<TextRange>& ranges = memo->second;
  if (!added) return ranges;
  std::vector<WordRuns> others;  // of the other indexed words
  for (std::size_t i = 1; i < name.words.size(); ++i) others.push_back(RunsOf(name.words[i]));
  // Whether one of `runs` is within `reach` runs of run `ordinal`.
  const auto near = [reach](const WordRuns& runs, std::size_t ordinal) {
    const auto first =
        std::lower_bound(runs.first, runs.second, ordinal > reach ? ordinal - reach : 0,
                         [](const WordRun& run, std::size_t least) { return run.ordinal < least; });
    return first != runs.second && first->ordinal <= ordinal + reach;
  };
  const auto [first, last] = RunsOf(name.words.front());
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

}  // namespace trustscreen::rules::internal
