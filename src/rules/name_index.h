// The entity-name word index and its search over one text (internal to the rules library; the
// match library reaches it through index_search.h).
//
// Entity names are found by their words instead of the RE2::Set. A name whose matches always
// contain certain words as whole runs of ASCII letters and digits (lists::IndexWords) is filed
// under the rarest of them (its anchor word); the search splits the text into such runs, notes
// where indexed words occur (which run, which bytes), and a name is a candidate when its anchor
// word and its other indexed words (up to two) occur. A match spans at most `max_runs` runs and
// holds each indexed word as a whole run, so it lies within `max_runs - 1` runs of an occurrence
// of the anchor word that has the other indexed words that near too: the matcher searches only
// those ranges. Both are exact given whole-word matching. The ~5,200 names of the US lists would
// thrash the DFA state cache of an RE2::Set (12-40 MB/s on CUAD contracts:
// bench/results-history.md, "Rule matching"); here the first pass is one probe per word.
//
// Thread-safety: File while building only; a built index is immutable and searched by many
// NameSearch objects at once, each of which belongs to one thread.
#ifndef TRUSTSCREEN_RULES_NAME_INDEX_H_
#define TRUSTSCREEN_RULES_NAME_INDEX_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "index_search.h"
#include "text_runs.h"
#include "trustscreen/lists/name_pattern.h"
#include "word_table.h"

namespace trustscreen::rules::internal {

class NameIndex {
 public:
  static constexpr std::size_t kMaxWordBytes = 64;  // longer words are not indexed
  static constexpr std::size_t kMaxWords = 3;       // indexed words per name, the anchor included

  // The key a word is counted and filed under: its first spelling with its case marker. Words of
  // names with the same key are the same indexed word.
  static std::string Key(const lists::NameWord& word);

  // Files the name of pattern `pattern_id` under `words` (at most kMaxWords, none longer than
  // kMaxWordBytes, the anchor first). A match of it spans at most `max_runs` runs of ASCII letters
  // and digits (lists::MaxAlnumRuns).
  void File(int pattern_id, const std::vector<lists::NameWord>& words, int max_runs);

  // True if pattern `pattern_id` is filed here.
  bool Contains(int pattern_id) const {
    return static_cast<std::size_t>(pattern_id) < names_.size() &&
           !names_[static_cast<std::size_t>(pattern_id)].words.empty();
  }

 private:
  friend class NameSearch;

  // A word that must be in capitals (an acronym) or capitalised (a single-word name) is stored
  // followed by a marker byte that no run of letters and digits contains (a suffix, so that the
  // search extends a run's hash by one step instead of hashing the run again).
  static constexpr char kUpperMarker = '\x01';
  static constexpr char kCapitalizedMarker = '\x02';
  // The keys of a word in the table: its spellings, each followed by its case marker.
  static std::vector<std::string> Keys(const lists::NameWord& word);

  // A gate before the word table: a Bloom filter (two bits in one 64-bit word) on a spelling's
  // first (up to) eight bytes, its length and whether it starts with a capital. Most runs of a
  // text differ from every indexed word there, and one load from 16 KiB answers them without
  // hashing the whole run. `first8`: the run's first 8 bytes, lower-cased (bit 0x20 set in
  // letters; bytes past the run's end may be anything); `capital`: its first byte is a capital.
  static constexpr int kGateBits = 17;
  static std::uint64_t GateHash(std::uint64_t first8, std::size_t length, bool capital) {
    const std::uint64_t prefix =
        length >= 8 ? first8 : first8 & ((std::uint64_t{1} << (8 * length)) - 1);
    const std::uint64_t shape = (std::min<std::size_t>(length, 127) << 1) | (capital ? 1 : 0);
    const std::uint64_t hash = (prefix ^ (shape << 56)) * 0x9E3779B97F4A7C15ull;
    return hash ^ (hash >> 31);
  }
  static std::uint64_t GateBits(std::uint64_t hash) {
    return (std::uint64_t{1} << (hash & 63)) | (std::uint64_t{1} << ((hash >> 6) & 63));
  }
  bool MayBeWord(std::uint64_t first8, std::size_t length, bool capital) const {
    const std::uint64_t hash = GateHash(first8, length, capital);
    const std::uint64_t bits = GateBits(hash);
    return (gate_[hash >> (64 - (kGateBits - 6))] & bits) == bits;
  }
  // `spelling`: lower-cased, without a marker; `capital_only`: the word must start with a capital
  // (a marked key).
  void AddToGate(std::string_view spelling, bool capital_only);

  // A name as filed under its anchor word: its pattern and its other indexed words (-1: none), in
  // one place for the search's check that they occur.
  struct FiledName {
    int pattern_id = 0;
    std::array<int, kMaxWords - 1> others{-1, -1};
  };
  // A filed name's indexed words (the anchor first) and how many runs a match of it can span.
  struct NameWords {
    std::vector<int> words;
    int max_runs = 0;
  };

  WordTable words_;                                  // lower-cased spellings -> word ids
  std::vector<std::vector<FiledName>> filed_under_;  // word id -> names filed under it
  std::vector<NameWords> names_;                     // by pattern id (empty: not filed)
  std::size_t longest_word_ = 0;                     // bytes, without a marker
  std::vector<std::uint64_t> gate_ = std::vector<std::uint64_t>((1u << kGateBits) / 64);
};

// The name index searched over one text. The scan of the text's runs (which the lead index
// shares, AtRun) notes where each indexed word occurs.
class NameSearch {
 public:
  NameSearch(const NameIndex& index, std::string_view text) : index_(index), text_(text) {}

  // The scan over the runs of ASCII letters and digits (text_runs.h), which the lead index
  // shares: notes run [start, end), each run in text order. `first8`: Load8(text, start). Most
  // runs fail the gate here; the others are hashed and looked up out of line.
  void AtRun(std::size_t start, std::size_t end, std::uint64_t first8) {
    ++ordinal_;
    if (end - start > index_.longest_word_) return;  // too long to be an indexed word
    const bool capital = static_cast<unsigned char>(first8 - 'A') < 26;  // first8's low byte
    if (index_.MayBeWord(first8 | kCaseBits, end - start, capital)) {
      NoteRun({start, end}, ordinal_);
    }
  }

  // After the scan: groups the noted runs by word.
  void Finish();

  // Appends the ids of the candidate names (into Impl::patterns), each once.
  void AddCandidates(std::vector<int>* candidates) const;

  // Where the matches of candidate `pattern_id` (a name of the index: NameIndex::Contains) can
  // be: disjoint ranges in text order. Not thread-safe (memoized).
  const std::vector<TextRange>& SearchRanges(int pattern_id) const;

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

  const NameIndex& index_;
  std::string_view text_;
  std::size_t ordinal_ = 0;                // runs so far, the current one included
  std::vector<WordRun> word_runs_;         // by word id, then in text order
  std::vector<std::uint32_t> word_begin_;  // by word id: its first run in word_runs_
  // SearchRanges by (indexed words, reach): names of the same words share them.
  mutable std::unordered_map<std::string, std::vector<TextRange>> ranges_;
};

}  // namespace trustscreen::rules::internal

#endif  // TRUSTSCREEN_RULES_NAME_INDEX_H_
