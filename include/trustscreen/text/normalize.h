// Text normalisation with offset maps.
//
// Where it sits: between extraction and matching. Rules match the normalised text, where the
// accidents of typesetting and extraction are gone; reports quote the original text. Every byte of
// the normalised text therefore remembers which original bytes it came from, so that any
// normalised span maps back to exactly the original characters that produced it.
//
// Steps, applied in one pass, character by character (a base character together with its
// combining marks is one unit, so NFKC can compose them):
//   * Unicode NFKC (utf8proc): full-width forms become ASCII ("ＥＣＣＮ" -> "ECCN"), ligatures
//   split
//     ("ﬁ" -> "fi"), "e" + U+0301 composes to "é";
//   * optionally full Unicode case folding (NormalizeOptions::case_fold): "Straße" -> "strasse";
//   * every run of whitespace (ASCII whitespace, line breaks, form feeds, NBSP and the other
//     Unicode spaces) becomes one ' '; a run holding a blank line, a form feed or U+2029 is also
//     recorded as a paragraph break;
//   * end-of-line hyphenation is undone: a hyphen ('-', U+2010, U+2011 or a soft hyphen) between a
//     letter and a single line break (spaces or tabs may follow the break) followed by a letter is
//     dropped with the break: "Insti-\ntute" -> "Institute";
//   * quotes ‘ ’ ‚ ‛ ′ become ' and “ ” „ ‟ ″ become "; dashes ‐ ‑ ‒ – — ― − become '-';
//   * zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and soft hyphens (U+00AD) are dropped;
//   * bytes that are not valid UTF-8 become U+FFFD, one per byte.
// CJK and everything else NFKC leaves alone is copied unchanged. ASCII outside whitespace and '-'
// is copied in runs without decoding (the fast path: most documents are mostly ASCII).
//
// Offsets: the normalised text is a sequence of units, each produced by one original byte range:
// copied runs (byte for byte, so any offset inside maps exactly) and replaced units (a ligature,
// a whitespace run, a curly quote). ToOriginal maps a normalised span to the original range from
// the start of the unit holding its first byte to the end of the unit holding its last byte, so a
// span that cuts a replaced unit ("f" of "ﬁ") widens to the whole original character. Dropped
// characters inside a span are included; at its edges they are not.
//
// Thread-safety: Normalize is reentrant; a NormalizedText is an immutable value.
#ifndef TRUSTSCREEN_TEXT_NORMALIZE_H_
#define TRUSTSCREEN_TEXT_NORMALIZE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace trustscreen::text {

struct NormalizeOptions {
  // Full Unicode case folding after NFKC. The matcher does not use it (RE2's case-insensitive
  // mode already folds the normalised text); it is for literal comparisons such as name lists.
  bool case_fold = false;
};

// A byte range [begin, end).
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

class NormalizedText {
 public:
  NormalizedText() = default;  // the normalisation of ""
  NormalizedText(const NormalizedText&) = default;
  NormalizedText& operator=(const NormalizedText&) = default;
  NormalizedText(NormalizedText&&) = default;
  NormalizedText& operator=(NormalizedText&&) = default;

  // The normalised text: valid UTF-8.
  const std::string& text() const { return text_; }
  std::size_t original_size() const { return original_size_; }

  // The original byte range that produced normalised bytes [begin, end) (see the overview).
  // Requires begin <= end <= text().size(). An empty span maps to an empty range at the original
  // position of `begin` (original_size() at the end of the text).
  Span ToOriginal(std::size_t begin, std::size_t end) const;

  // The inverse direction, for positions: the normalised offset where original byte `pos` ended
  // up (inside a unit that normalisation replaced or dropped: where that unit's output starts;
  // text().size() for pos >= original_size()). Monotonic in `pos`.
  std::size_t FromOriginal(std::size_t pos) const;

  // True if `pos` starts a unit (or is text().size()), or lies inside a copied run on a UTF-8
  // character boundary: the positions where a span can start or end without widening.
  bool IsUnitBoundary(std::size_t pos) const;

  // Offsets (ascending) of the spaces in text() that replaced a whitespace run holding a blank
  // line, a form feed or U+2029: paragraph breaks, which normalisation otherwise erases.
  const std::vector<std::size_t>& paragraph_breaks() const { return paragraph_breaks_; }

 private:
  friend class NormalizedTextBuilder;

  // text_[norm_begin, norm_begin + norm_length) came from
  // original[orig_begin, orig_begin + orig_length). Segments tile text_ in order. In a copied
  // segment the two lengths are equal and offsets map byte for byte.
  struct Segment {
    std::size_t norm_begin = 0;
    std::size_t orig_begin = 0;
    std::size_t norm_length = 0;
    std::size_t orig_length = 0;
    bool copied = false;
  };
  const Segment& SegmentAt(std::size_t pos) const;  // pos < text_.size()

  std::string text_;
  std::vector<Segment> segments_;
  std::vector<std::size_t> paragraph_breaks_;
  std::size_t original_size_ = 0;
};

// Normalises `original` (any bytes; invalid UTF-8 is tolerated) as described above.
NormalizedText Normalize(std::string_view original, const NormalizeOptions& options = {});

// Whether code point `cp` can occur in the output of Normalize: false for ASCII whitespace other
// than ' ', the Unicode spaces, the zero-width characters and soft hyphen, and the quotes and
// dashes that become ASCII. (The rule compiler uses it to leave such characters out of what a
// pattern can match.)
bool CanOccurInNormalizedText(char32_t cp);

}  // namespace trustscreen::text

#endif  // TRUSTSCREEN_TEXT_NORMALIZE_H_
