// The lead index: patterns filed under their leads (match_leads.h: the strings every match
// starts with, lower-cased), and its search over one text (internal to the rules library; the
// match library reaches it through index_search.h).
//
// Leads are cut to one of a few lengths (kLengths; a shorter lead is still a lead). The search
// reads, at each position it tests, the next 16 bytes with bit 0x20 set in each (so an ASCII
// capital reads as its small letter; other bytes may collide, which the comparison sorts out),
// looks the first 4 (and 3) up in small tables of the lead lengths that start with them (Lengths)
// and, for each such length (3, 4, 6, 8 or 12), tests the hash of that many bytes in a Bloom
// filter. Only where its bits are set are the leads with that hash compared with the text. Leads
// of whole-word patterns that start with an ASCII letter or digit are looked for at word starts
// only (after a byte that is not one).
//
// The result is, per pattern, the positions where one of its leads starts, in text order: the
// only places where a match of it can start (match_leads.h), so running the pattern anchored at
// each of them, skipping those inside the previous match, finds the same matches as an
// unanchored search over the whole text.
//
// Thread-safety: File while building only; a built index is immutable and searched by many
// LeadSearch objects at once, each of which belongs to one thread.
#ifndef TRUSTSCREEN_RULES_LEAD_INDEX_H_
#define TRUSTSCREEN_RULES_LEAD_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text_runs.h"

namespace trustscreen::rules::internal {

class LeadIndex {
 public:
  static constexpr std::size_t kLengths[] = {3, 4, 6, 8, 12};

  struct Lead {
    std::string text;  // lower-cased (ASCII); one of kLengths bytes
    int pattern_id = 0;
    bool word_start = false;
  };

  // Files pattern `pattern_id` under `leads` (from MatchLeads). `whole_word`: the pattern's rule
  // is whole-word, so its leads that start with an ASCII letter or digit are looked for at word
  // starts only.
  void File(const std::vector<std::string>& leads, bool whole_word, int pattern_id);

  // Every lead filed, cut to its length.
  const std::vector<Lead>& leads() const { return leads_; }

 private:
  friend class LeadSearch;

  static constexpr int kFilterBits = 18;
  // The first, cheaper test: small tables on the first bytes, giving the lengths (bit i:
  // kLengths[i]) of the leads that may start with them. Leads of 4 bytes or more are looked up
  // by their first 4 bytes (with 3, most words of a text passed: "the", "com", "ser" start some
  // lead), 3-byte leads by their 3 in a bit table of their own.
  static constexpr int kPrefixBits = 15;

  // The hash of the first kLengths[length_class] bytes of `first8` and `next8` (little-endian
  // loads of 16 bytes, bit 0x20 set in each).
  static std::uint64_t Hash(std::uint64_t first8, std::uint64_t next8, int length_class) {
    const std::size_t length = kLengths[length_class];
    std::uint64_t low = length >= 8 ? first8 : first8 & ((std::uint64_t{1} << (8 * length)) - 1);
    std::uint64_t high = length > 8 ? next8 & ((std::uint64_t{1} << (8 * (length - 8))) - 1) : 0;
    std::uint64_t h =
        (low ^ (static_cast<std::uint64_t>(length_class) << 61)) * 0x9E3779B97F4A7C15ull;
    h ^= high * 0xC2B2AE3D27D4EB4Full;
    return h ^ (h >> 29);
  }
  // The filter is a Bloom filter of two bits in one 64-bit word: 32 KiB, small enough to stay in
  // cache while the text streams past (a 128 KiB one-bit filter costs a cache miss per test).
  static std::uint64_t FilterBits(std::uint64_t hash) {
    return (std::uint64_t{1} << (hash & 63)) | (std::uint64_t{1} << ((hash >> 6) & 63));
  }
  static std::size_t FilterWord(std::uint64_t hash) { return hash >> (64 - (kFilterBits - 6)); }
  static bool Test(const std::vector<std::uint64_t>& filter, std::uint64_t hash) {
    const std::uint64_t bits = FilterBits(hash);
    return (filter[FilterWord(hash)] & bits) == bits;
  }
  static std::uint32_t PrefixSlot(std::uint64_t first8) {
    return (static_cast<std::uint32_t>(first8) * 0x9E3779B1u) >> (32 - kPrefixBits);
  }
  static std::uint32_t ShortSlot(std::uint64_t first8) {
    return (static_cast<std::uint32_t>(first8 & 0xFFFFFF) * 0x85EBCA6Bu) >> (32 - kPrefixBits);
  }
  unsigned Lengths(bool word_start, std::uint64_t first8) const {
    const std::uint32_t short_slot = ShortSlot(first8);
    const std::vector<std::uint64_t>& shorts =
        word_start ? short_at_word_start_ : short_inside_word_;
    return (word_start ? lengths_at_word_start_ : lengths_inside_word_)[PrefixSlot(first8)] |
           static_cast<unsigned>((shorts[short_slot >> 6] >> (short_slot & 63)) & 1);
  }

  void Add(std::string_view lead, int pattern_id, bool word_start);

  // Filters: every lead (tested at word starts), and leads that are not word_start (elsewhere).
  std::vector<std::uint64_t> at_word_start_ = std::vector<std::uint64_t>((1u << kFilterBits) / 64);
  std::vector<std::uint64_t> inside_word_ = std::vector<std::uint64_t>((1u << kFilterBits) / 64);
  std::vector<std::uint8_t> lengths_at_word_start_ = std::vector<std::uint8_t>(1u << kPrefixBits);
  std::vector<std::uint8_t> lengths_inside_word_ = std::vector<std::uint8_t>(1u << kPrefixBits);
  std::vector<std::uint64_t> short_at_word_start_ =
      std::vector<std::uint64_t>((1u << kPrefixBits) / 64);
  std::vector<std::uint64_t> short_inside_word_ =
      std::vector<std::uint64_t>((1u << kPrefixBits) / 64);
  // Some lead that is not word_start starts with an ASCII byte (else ASCII bytes inside words
  // need no test at all).
  bool ascii_inside_word_ = false;
  std::vector<Lead> leads_;
  std::unordered_map<std::uint64_t, std::vector<int>> by_hash_;  // Hash -> indices into leads_
};

// The lead index searched over one text: tested at word starts (the scan of the text's runs that
// the name index shares, AtRunStart) and at the other positions where leads can start (Finish).
class LeadSearch {
 public:
  LeadSearch(const LeadIndex& index, std::string_view text) : index_(index), text_(text) {}

  // The scan over the runs of ASCII letters and digits (text_runs.h), which the name index shares:
  // tests the start of one, in text order. `first8`: Load8(text, start).
  void AtRunStart(std::size_t start, std::uint64_t first8) {
    if (index_.ascii_inside_word_) return;  // Finish tests every position
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

  const LeadIndex& index_;
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

}  // namespace trustscreen::rules::internal

#endif  // TRUSTSCREEN_RULES_LEAD_INDEX_H_
