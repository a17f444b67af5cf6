#include "trustscreen/text/normalize.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace trustscreen::text {
namespace {

enum ByteClass : std::uint8_t { kPlain, kSpace, kHyphen, kHigh };

constexpr std::array<ByteClass, 256> MakeByteClasses() {
  std::array<ByteClass, 256> classes{};
  for (int i = 0x80; i < 256; ++i) classes[i] = kHigh;
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'})
    classes[static_cast<unsigned char>(c)] = kSpace;
  classes['-'] = kHyphen;
  return classes;
}
constexpr std::array<ByteClass, 256> kByteClass = MakeByteClasses();

constexpr std::array<char, 256> MakeAsciiTable(bool fold) {
  std::array<char, 256> table{};
  for (int i = 0; i < 256; ++i) table[i] = static_cast<char>(i);
  for (char c : {'\t', '\n', '\r', '\f', '\v'}) table[static_cast<unsigned char>(c)] = ' ';
  if (fold) {
    for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<char>(c + ('a' - 'A'));
  }
  return table;
}
constexpr std::array<char, 256> kAsciiPlain = MakeAsciiTable(false);
constexpr std::array<char, 256> kAsciiFolded = MakeAsciiTable(true);

#if defined(__SSE2__)
// 0xFF in each byte that is \t, \n, \v, \f or \r (0x09-0x0D), else 0.
__m128i WhitespaceControls(__m128i bytes) {
  return _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8(0x08)),
                       _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x0E)));
}
#endif

constexpr char32_t kSoftHyphen = 0x00AD;
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

bool IsUnicodeSpace(char32_t cp) {
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool IsDropped(char32_t cp) {
  return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == kSoftHyphen;
}

bool IsHyphen(char32_t cp) {
  return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == kSoftHyphen;
}

// The ASCII stand-in for a quote or dash, or 0.
char AsciiPunctuation(char32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    default:
      return 0;
  }
}

bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return true;
    default:
      return false;
  }
}

bool IsCombiningMark(char32_t cp) {
  if (cp < 0x300) return false;
  const utf8proc_property_t* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  return property->combining_class != 0 || property->category == UTF8PROC_CATEGORY_MN ||
         property->category == UTF8PROC_CATEGORY_MC || property->category == UTF8PROC_CATEGORY_ME;
}

// The code point at text[pos] and its byte length; invalid UTF-8 gives length 1 and -1.
char32_t Decode(std::string_view text, std::size_t pos, std::size_t* length) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    *length = 1;
    return byte;
  }
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t read = utf8proc_iterate(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
      static_cast<utf8proc_ssize_t>(std::min<std::size_t>(4, text.size() - pos)), &cp);
  if (read <= 0 || cp < 0) {
    *length = 1;
    return static_cast<char32_t>(-1);
  }
  *length = static_cast<std::size_t>(read);
  return static_cast<char32_t>(cp);
}

// The code point ending at text[pos - 1], or -1.
char32_t DecodeBefore(std::string_view text, std::size_t pos) {
  if (pos == 0) return static_cast<char32_t>(-1);
  std::size_t start = pos - 1;
  for (int i = 0; i < 3 && start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80;
       ++i) {
    --start;
  }
  std::size_t length = 0;
  const char32_t cp = Decode(text, start, &length);
  return start + length == pos ? cp : static_cast<char32_t>(-1);
}

}  // namespace

class NormalizedTextBuilder {
 public:
  NormalizedTextBuilder(std::string_view original, const NormalizeOptions& options)
      : in_(original), fold_(options.case_fold) {
    out_.original_size_ = original.size();
    out_.text_.reserve(original.size());
  }

  NormalizedText Run() {
    const std::size_t n = in_.size();
    std::size_t pos = 0;
    while (pos < n) {
      const auto byte = static_cast<unsigned char>(in_[pos]);
      switch (kByteClass[byte]) {
        case kPlain: {
          std::size_t end = pos + 1;
          while (end < n) {
            if (const std::size_t plain = PlainBlock(end); plain != 0) {
              end += plain;
              continue;
            }
            const char c = in_[end];
            const ByteClass byte_class = kByteClass[static_cast<unsigned char>(c)];
            if (byte_class == kPlain) {
              ++end;
            } else if (byte_class != kHigh && c != '\f' && end + 1 < n &&
                       kByteClass[static_cast<unsigned char>(in_[end + 1])] == kPlain) {
              // One whitespace character between words becomes one space, byte for byte; a
              // hyphen followed by a word character cannot be end-of-line hyphenation.
              end += 2;
            } else {
              break;
            }
          }
          // The last ASCII character before non-ASCII may carry combining marks: leave it to
          // the character path, which composes them.
          if (end < n && kByteClass[static_cast<unsigned char>(in_[end])] == kHigh) --end;
          if (end > pos) {
            CopyAscii(pos, end);
            pos = end;
          } else {
            pos = Character(pos);
          }
          break;
        }
        case kSpace:
          pos = WhitespaceRun(pos);
          break;
        case kHyphen:
        case kHigh:
          pos = Character(pos);
          break;
      }
    }
    return std::move(out_);
  }

 private:
  // 16 if the 16 bytes from `pos` go on a plain run as the byte-by-byte loop in Run() would take
  // them (ASCII; no form feed; each whitespace or hyphen followed by a plain byte, the 17th byte
  // included), else 0. SSE2: most of a text is such blocks.
  std::size_t PlainBlock(std::size_t pos) const {
#if defined(__SSE2__)
    if (pos + 17 > in_.size()) return 0;
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in_.data() + pos));
    // With ' ' and '-', the whitespace controls are the ASCII bytes that are not plain.
    const __m128i control = WhitespaceControls(bytes);
    const __m128i other = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')),
                                       _mm_cmpeq_epi8(bytes, _mm_set1_epi8('-')));
    const auto not_plain = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, other)));
    const auto stops = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(bytes, _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\f')))));  // >= 0x80 or \f
    const unsigned next_not_plain =
        kByteClass[static_cast<unsigned char>(in_[pos + 16])] != kPlain ? 1u : 0u;
    if (stops != 0 || (not_plain & ((not_plain >> 1) | (next_not_plain << 15))) != 0) return 0;
    return 16;
#else
    (void)pos;
    return 0;
#endif
  }

  // ASCII without whitespace runs: byte for byte through a table (whitespace -> ' ', and A-Z ->
  // a-z when folding), 16 bytes at a time where SSE2 is there.
  void CopyAscii(std::size_t begin, std::size_t end) {
    const std::size_t at = out_.text_.size();
    const std::array<char, 256>& table = fold_ ? kAsciiFolded : kAsciiPlain;
    out_.text_.resize(at + (end - begin));
    char* out = out_.text_.data() + at;
    std::size_t i = begin;
#if defined(__SSE2__)
    const __m128i case_bit = _mm_set1_epi8(fold_ ? 0x20 : 0);
    for (; i + 16 <= end; i += 16, out += 16) {
      __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in_.data() + i));
      const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('A' - 1)),
                                          _mm_cmplt_epi8(bytes, _mm_set1_epi8('Z' + 1)));
      const __m128i control = WhitespaceControls(bytes);
      bytes = _mm_add_epi8(bytes, _mm_and_si128(upper, case_bit));
      bytes = _mm_or_si128(_mm_andnot_si128(control, bytes),
                           _mm_and_si128(control, _mm_set1_epi8(' ')));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), bytes);
    }
#endif
    for (; i < end; ++i) *out++ = table[static_cast<unsigned char>(in_[i])];
    AddCopied(begin, end - begin, at);
  }

  // Records that text_[at, at + length) came byte for byte from original[begin, begin + length).
  void AddCopied(std::size_t begin, std::size_t length, std::size_t at) {
    auto& segments = out_.segments_;
    if (!segments.empty()) {
      NormalizedText::Segment& last = segments.back();
      if (last.copied && last.orig_begin + last.orig_length == begin &&
          last.norm_begin + last.norm_length == at) {
        last.orig_length += length;
        last.norm_length += length;
        return;
      }
    }
    segments.push_back({at, begin, length, length, true});
  }

  // original[begin, end) becomes `replacement` (empty: dropped).
  void Replace(std::size_t begin, std::size_t end, std::string_view replacement) {
    if (replacement.empty()) return;
    const std::size_t at = out_.text_.size();
    out_.text_.append(replacement);
    if (replacement.size() == 1 && end - begin == 1) {
      AddCopied(begin, 1, at);  // one byte for one byte maps exactly
    } else {
      out_.segments_.push_back({at, begin, replacement.size(), end - begin, false});
    }
  }

  // A run of whitespace (and dropped characters inside it) starting at pos -> one ' '.
  std::size_t WhitespaceRun(std::size_t pos) {
    const std::size_t begin = pos;
    int line_breaks = 0;
    bool paragraph = false;
    while (pos < in_.size()) {
      const char c = in_[pos];
      if (kByteClass[static_cast<unsigned char>(c)] == kSpace) {
        if (c == '\n' || (c == '\r' && (pos + 1 == in_.size() || in_[pos + 1] != '\n'))) {
          ++line_breaks;
        }
        if (c == '\f') paragraph = true;
        ++pos;
        continue;
      }
      if (kByteClass[static_cast<unsigned char>(c)] != kHigh) break;
      std::size_t length = 0;
      const char32_t cp = Decode(in_, pos, &length);
      if (!IsUnicodeSpace(cp) && !IsDropped(cp)) break;
      if (cp == 0x2028) ++line_breaks;
      if (cp == 0x2029) paragraph = true;
      pos += length;
    }
    if (paragraph || line_breaks >= 2) out_.paragraph_breaks_.push_back(out_.text_.size());
    Replace(begin, pos, " ");
    return pos;
  }

  // If the hyphen at [pos, pos + length) ends a line inside a word, the end of the hyphen, line
  // break and indentation (where the word goes on); otherwise 0.
  std::size_t HyphenationEnd(std::size_t pos, std::size_t length) const {
    if (!IsLetter(DecodeBefore(in_, pos))) return 0;
    std::size_t at = pos + length;
    const std::size_t n = in_.size();
    if (at < n && in_[at] == '\r') {
      ++at;
      if (at < n && in_[at] == '\n') ++at;
    } else if (at < n && (in_[at] == '\n' || in_[at] == '\f')) {
      ++at;
    } else {
      return 0;  // no line break directly after the hyphen
    }
    while (at < n && (in_[at] == ' ' || in_[at] == '\t')) ++at;
    if (at >= n) return 0;
    std::size_t next_length = 0;
    return IsLetter(Decode(in_, at, &next_length)) ? at : 0;
  }

  // One character (with its combining marks) at pos; returns where the next one starts.
  std::size_t Character(std::size_t pos) {
    std::size_t length = 0;
    const char32_t cp = Decode(in_, pos, &length);
    if (cp == static_cast<char32_t>(-1)) {
      Replace(pos, pos + 1, kReplacementUtf8);
      return pos + 1;
    }
    if (IsUnicodeSpace(cp)) return WhitespaceRun(pos);
    if (IsHyphen(cp)) {
      if (const std::size_t end = HyphenationEnd(pos, length); end != 0) return end;
    }
    if (IsDropped(cp)) return pos + length;
    if (const char ascii = AsciiPunctuation(cp); ascii != 0) {
      Replace(pos, pos + length, std::string_view(&ascii, 1));
      return pos + length;
    }
    if (cp < 0x80 && !fold_ &&
        !(pos + 1 < in_.size() && kByteClass[static_cast<unsigned char>(in_[pos + 1])] == kHigh)) {
      Replace(pos, pos + 1, std::string_view(in_.data() + pos, 1));
      return pos + 1;
    }
    std::size_t end = pos + length;
    while (end < in_.size() && kByteClass[static_cast<unsigned char>(in_[end])] == kHigh) {
      std::size_t mark_length = 0;
      const char32_t mark = Decode(in_, end, &mark_length);
      if (mark == static_cast<char32_t>(-1) || !IsCombiningMark(mark)) break;
      end += mark_length;
    }
    NormalizeUnit(pos, end);
    return end;
  }

  // NFKC (and case folding) of original[begin, end), one base character and its marks.
  void NormalizeUnit(std::size_t begin, std::size_t end) {
    const std::string_view unit = in_.substr(begin, end - begin);
    const auto options = static_cast<utf8proc_option_t>(
        UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | (fold_ ? UTF8PROC_CASEFOLD : 0));
    std::array<utf8proc_int32_t, 32> small;
    std::vector<utf8proc_int32_t> large;
    utf8proc_int32_t* buffer = small.data();
    utf8proc_ssize_t count = utf8proc_decompose(
        reinterpret_cast<const utf8proc_uint8_t*>(unit.data()),
        static_cast<utf8proc_ssize_t>(unit.size()), buffer, small.size(), options);
    if (count > static_cast<utf8proc_ssize_t>(small.size())) {
      large.resize(static_cast<std::size_t>(count));
      buffer = large.data();
      count =
          utf8proc_decompose(reinterpret_cast<const utf8proc_uint8_t*>(unit.data()),
                             static_cast<utf8proc_ssize_t>(unit.size()), buffer, count, options);
    }
    if (count < 0) {  // not expected: the unit was decoded already
      Replace(begin, end, kReplacementUtf8);
      return;
    }
    count = utf8proc_normalize_utf32(buffer, count, options);
    std::string replacement;
    replacement.reserve(unit.size() + 4);
    for (utf8proc_ssize_t i = 0; i < count; ++i) {
      const auto cp = static_cast<char32_t>(buffer[i]);
      if (IsDropped(cp)) continue;
      if (const char ascii = AsciiPunctuation(cp); ascii != 0) {
        replacement.push_back(ascii);
        continue;
      }
      if (IsUnicodeSpace(cp)) {
        replacement.push_back(' ');
        continue;
      }
      utf8proc_uint8_t bytes[4];
      const utf8proc_ssize_t written = utf8proc_encode_char(buffer[i], bytes);
      replacement.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(written));
    }
    if (replacement == unit) {
      const std::size_t at = out_.text_.size();
      out_.text_.append(unit);
      AddCopied(begin, unit.size(), at);
    } else {
      Replace(begin, end, replacement);
    }
  }

  std::string_view in_;
  bool fold_;
  NormalizedText out_;
};

const NormalizedText::Segment& NormalizedText::SegmentAt(std::size_t pos) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), pos,
                             [](std::size_t p, const Segment& s) { return p < s.norm_begin; });
  return *std::prev(it);
}

Span NormalizedText::ToOriginal(std::size_t begin, std::size_t end) const {
  end = std::min(end, text_.size());
  begin = std::min(begin, end);
  if (begin == end) {
    if (begin == text_.size()) return {original_size_, original_size_};
    const Segment& s = SegmentAt(begin);
    const std::size_t at = s.copied ? s.orig_begin + (begin - s.norm_begin) : s.orig_begin;
    return {at, at};
  }
  const Segment& first = SegmentAt(begin);
  const Segment& last = SegmentAt(end - 1);
  Span span;
  span.begin = first.copied ? first.orig_begin + (begin - first.norm_begin) : first.orig_begin;
  span.end =
      last.copied ? last.orig_begin + (end - last.norm_begin) : last.orig_begin + last.orig_length;
  return span;
}

std::size_t NormalizedText::FromOriginal(std::size_t pos) const {
  if (pos >= original_size_ || segments_.empty()) return text_.size();
  // The last segment starting at or before pos in the original.
  auto it = std::upper_bound(segments_.begin(), segments_.end(), pos,
                             [](std::size_t p, const Segment& s) { return p < s.orig_begin; });
  if (it == segments_.begin()) return 0;
  const Segment& s = *std::prev(it);
  if (s.copied && pos < s.orig_begin + s.orig_length) return s.norm_begin + (pos - s.orig_begin);
  if (pos < s.orig_begin + s.orig_length) return s.norm_begin;
  return s.norm_begin + s.norm_length;  // pos is past this segment: the next one starts there
}

bool NormalizedText::IsUnitBoundary(std::size_t pos) const {
  if (pos == 0 || pos >= text_.size()) return pos <= text_.size();
  const Segment& s = SegmentAt(pos);
  if (s.norm_begin == pos) return true;
  return s.copied && (static_cast<unsigned char>(text_[pos]) & 0xC0) != 0x80;
}

NormalizedText Normalize(std::string_view original, const NormalizeOptions& options) {
  return NormalizedTextBuilder(original, options).Run();
}

bool CanOccurInNormalizedText(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return false;
  return !IsUnicodeSpace(cp) && !IsDropped(cp) && AsciiPunctuation(cp) == 0;
}

}  // namespace trustscreen::text
