// Runs of ASCII letters and digits in a text: the words that the lead and name indexes are
// searched by (index_search.h), internal to the rules library.
#ifndef TRUSTSCREEN_RULES_TEXT_RUNS_H_
#define TRUSTSCREEN_RULES_TEXT_RUNS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace trustscreen::rules::internal {

// Bit 0x20 in each of 8 bytes: OR-ed into a Load8 word it makes ASCII capitals small and leaves
// small letters and digits as they are.
constexpr std::uint64_t kCaseBits = 0x2020202020202020ull;

inline bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The 8 bytes of `text` from `pos` as a little-endian word, zeros past its end. (A memcpy of a
// variable length is a library call; this is one load but near the end.)
inline std::uint64_t Load8(std::string_view text, std::size_t pos) {
  std::uint64_t bytes = 0;
  if (pos + 8 <= text.size()) {
    std::memcpy(&bytes, text.data() + pos, 8);
  } else if (pos < text.size()) {
    std::memcpy(&bytes, text.data() + pos, text.size() - pos);
  }
  return bytes;
}

// Bit i % 64 of word i / 64: text[i] is an ASCII letter or digit (SSE2, 16 bytes at a time).
std::vector<std::uint64_t> AlnumBits(std::string_view text);

// The positions of the bytes >= 0x80 of `text`, ascending (SSE2, 16 bytes at a time).
std::vector<std::size_t> NonAsciiPositions(std::string_view text);

// Calls visit(begin, end) for each run [begin, end) of set bits of `bits`, in order: 64 bytes of
// text per step, the runs' starts and ends found from shifted masks.
template <typename Visit>
void ForEachRun(std::span<const std::uint64_t> bits, std::size_t size, Visit&& visit) {
  constexpr std::size_t kNone = ~std::size_t{0};
  std::size_t open = kNone;  // start of a run that goes on into the next word
  std::uint64_t carry = 0;   // the previous word's last bit
  for (std::size_t w = 0; w < bits.size(); ++w) {
    const std::uint64_t set = bits[w];
    const std::uint64_t before = (set << 1) | carry;  // bit i: byte i - 1 is in a run
    std::uint64_t starts = set & ~before;
    std::uint64_t ends = ~set & before;  // bit i: a run ends just before byte i
    carry = set >> 63;
    const std::size_t base = w * 64;
    if (open != kNone) {
      if (ends == 0) continue;
      visit(open, base + static_cast<std::size_t>(__builtin_ctzll(ends)));
      ends &= ends - 1;
      open = kNone;
    }
    // Starts and ends alternate: the lowest end left closes the lowest start left.
    while (starts != 0) {
      const std::size_t start = base + static_cast<std::size_t>(__builtin_ctzll(starts));
      starts &= starts - 1;
      if (ends == 0) {
        open = start;
        break;
      }
      visit(start, base + static_cast<std::size_t>(__builtin_ctzll(ends)));
      ends &= ends - 1;
    }
  }
  if (open != kNone) visit(open, size);
}

}  // namespace trustscreen::rules::internal

#endif  // TRUSTSCREEN_RULES_TEXT_RUNS_H_
