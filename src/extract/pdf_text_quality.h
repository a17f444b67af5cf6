// Text-quality measures of extracted PDF text: how much of it is U+FFFD and how many of its
// word-like tokens are not plausible words (the signature of a font without a usable encoding,
// whose glyphs come out as private-use characters or shuffled letters and symbols).
#ifndef TRUSTSCREEN_SRC_EXTRACT_PDF_TEXT_QUALITY_H_
#define TRUSTSCREEN_SRC_EXTRACT_PDF_TEXT_QUALITY_H_

#include <cstdint>
#include <string_view>

namespace trustscreen::extract::internal {

struct TextCounts {
  std::uint64_t chars = 0;         // code points other than white space
  std::uint64_t replacements = 0;  // U+FFFD
  std::uint64_t tokens = 0;        // word-like tokens (with a letter, or symbol garbage)
  std::uint64_t nonwords = 0;      // of which not plausible words

  TextCounts& operator+=(const TextCounts& other);
  double replacement_share() const;
  double nonword_share() const;
};

// Counts over valid UTF-8 `text`. Tokens are split at white space and stripped of surrounding
// punctuation. A token is a non-word when it holds a private-use character or U+FFFD; or letters
// mixed with symbols other than - ' . , / & @ _ : ( ) (e.g. "a#b", "x$%y"); or four or more ASCII
// letters, not all capitals, without a vowel (a e i o u y); or is made only of 2+ different
// symbols including one of # $ % & + < = > @ \ ^ ` | ~ { } ("#$%&"; not "[…***…]", which
// marks a redaction).
TextCounts CountText(std::string_view text);

// A page's text is unreadable (broken font encoding) when it has at least kMinTokens tokens of
// which more than kMaxNonwordShare are non-words.
inline constexpr std::uint64_t kUnreadableMinTokens = 40;
inline constexpr double kUnreadableNonwordShare = 0.30;
bool LooksUnreadable(const TextCounts& counts);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_PDF_TEXT_QUALITY_H_
