#include "lead_search.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trustscreen::match {
namespace {

constexpr std::uint64_t kCaseBits = 0x2020202020202020ull;

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool LeadAt(std::string_view text, std::size_t pos, const std::string& lead) {
  if (text.size() - pos < lead.size()) return false;
  for (std::size_t i = 0; i < lead.size(); ++i) {
    if (LowerAscii(text[pos + i]) != lead[i]) return false;
  }
  return true;
}

}  // namespace

// The tests at one position (see rules::LeadIndex): appends (pattern id, pos) for each lead that
// starts there. `word_start`: the previous byte is not an ASCII letter or digit.
void LeadSearch::TestPosition(const rules::LeadIndex& index, std::string_view text,
                              const char* window, std::size_t pos, bool word_start,
                              std::vector<std::pair<int, std::size_t>>* hits) {
  std::uint64_t first8 = 0;
  std::memcpy(&first8, window, 8);
  first8 |= kCaseBits;
  const unsigned lengths = index.Lengths(word_start, first8);
  if (lengths == 0) return;
  const std::vector<std::uint64_t>& filter = word_start ? index.at_word_start : index.inside_word;
  std::uint64_t next8 = 0;
  std::memcpy(&next8, window + 8, 8);
  next8 |= kCaseBits;
  for (int length_class = 0; length_class < static_cast<int>(std::size(index.kLengths));
       ++length_class) {
    if (!(lengths >> length_class & 1)) continue;
    const std::uint64_t hash = rules::LeadIndex::Hash(first8, next8, length_class);
    if (!rules::LeadIndex::Test(filter, hash)) continue;
    const auto found = index.by_hash.find(hash);
    if (found == index.by_hash.end()) continue;
    for (int lead_index : found->second) {
      const rules::LeadIndex::Lead& lead = index.leads[static_cast<std::size_t>(lead_index)];
      if ((word_start || !lead.word_start) && LeadAt(text, pos, lead.text)) {
        hits->emplace_back(lead.pattern_id, pos);
      }
    }
  }
}

LeadSearch::LeadSearch(const rules::LeadIndex& index, std::string_view text) {
  if (index.leads.empty() || text.empty()) return;
  std::vector<std::pair<int, std::size_t>> hits;  // (pattern id, start)
  // Windows of 16 bytes: the last 15 positions read from a copy padded with zeros.
  char tail[32] = {};
  const std::size_t direct_end = text.size() >= 16 ? text.size() - 15 : 0;
  std::memcpy(tail, text.data() + direct_end, text.size() - direct_end);
  const auto window = [&](std::size_t pos) {
    return pos < direct_end ? text.data() + pos : tail + (pos - direct_end);
  };
  std::size_t pos = 0;
  bool inside_word = false;  // the byte before `pos` is an ASCII letter or digit
#if defined(__SSE2__)
  // When every lead that may start inside a word starts with a non-ASCII byte (the shipped rules:
  // CJK names), only two kinds of position need a test: ASCII letters and digits that start a
  // word, and non-ASCII bytes. SSE2 finds both, 16 bytes at a time.
  if (!index.ascii_inside_word) {
    const __m128i case_bits = _mm_set1_epi8(0x20);
    const __m128i below_a = _mm_set1_epi8('a' - 1);
    const __m128i above_z = _mm_set1_epi8('z' + 1);
    const __m128i below_0 = _mm_set1_epi8('0' - 1);
    const __m128i above_9 = _mm_set1_epi8('9' + 1);
    for (; pos + 16 <= text.size(); pos += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
      const __m128i lower = _mm_or_si128(bytes, case_bits);
      // Signed comparisons: bytes >= 0x80 are negative, so neither letters nor digits.
      const __m128i letter =
          _mm_and_si128(_mm_cmpgt_epi8(lower, below_a), _mm_cmplt_epi8(lower, above_z));
      const __m128i digit =
          _mm_and_si128(_mm_cmpgt_epi8(bytes, below_0), _mm_cmplt_epi8(bytes, above_9));
      const auto alnum = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
      const auto non_ascii = static_cast<std::uint32_t>(_mm_movemask_epi8(bytes));
      const std::uint32_t previous = (alnum << 1) | (inside_word ? 1u : 0u);
      std::uint32_t wanted = (alnum & ~previous) | non_ascii;
      inside_word = (alnum >> 15) & 1;
      while (wanted != 0) {
        const int bit = __builtin_ctz(wanted);
        wanted &= wanted - 1;
        // At a non-ASCII byte only leads that are not word_start can start, whatever precedes.
        TestPosition(index, text, window(pos + static_cast<std::size_t>(bit)),
                     pos + static_cast<std::size_t>(bit), /*word_start=*/true, &hits);
      }
    }
  }
#endif
  for (; pos < text.size(); ++pos) {
    const bool word_start = !inside_word;
    const char byte = text[pos];
    inside_word = IsAsciiAlnum(byte);
    if (!word_start && !index.ascii_inside_word && static_cast<unsigned char>(byte) < 0x80) {
      continue;
    }
    TestPosition(index, text, window(pos), pos, word_start, &hits);
  }
  // Positions are ascending per pattern; a stable sort by pattern keeps them so. Two leads of one
  // pattern (cut to different lengths) can start at one position: keep it once.
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
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
