#include "text_runs.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trustscreen::rules::internal {

std::vector<std::uint64_t> AlnumBits(std::string_view text) {
  std::vector<std::uint64_t> bits((text.size() + 63) / 64, 0);
  std::size_t pos = 0;
#if defined(__SSE2__)
  const __m128i case_bits = _mm_set1_epi8(0x20);
  for (; pos + 16 <= text.size(); pos += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const __m128i lower = _mm_or_si128(bytes, case_bits);
    // Signed comparisons: bytes >= 0x80 are negative, so neither letters nor digits.
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(bytes, _mm_set1_epi8('9' + 1)));
    const auto mask = static_cast<std::uint64_t>(
        static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit))));
    bits[pos / 64] |= mask << (pos % 64);
  }
#endif
  for (; pos < text.size(); ++pos) {
    if (IsAsciiAlnum(text[pos])) bits[pos / 64] |= std::uint64_t{1} << (pos % 64);
  }
  return bits;
}

std::vector<std::size_t> NonAsciiPositions(std::string_view text) {
  std::vector<std::size_t> positions;
  std::size_t pos = 0;
#if defined(__SSE2__)
  for (; pos + 16 <= text.size(); pos += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    for (auto high = static_cast<std::uint32_t>(_mm_movemask_epi8(bytes)); high != 0;
         high &= high - 1) {
      positions.push_back(pos + static_cast<std::size_t>(__builtin_ctz(high)));
    }
  }
#endif
  for (; pos < text.size(); ++pos) {
    if (static_cast<unsigned char>(text[pos]) >= 0x80) positions.push_back(pos);
  }
  return positions;
}

}  // namespace trustscreen::rules::internal
