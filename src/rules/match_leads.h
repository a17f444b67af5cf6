// Leads of a pattern: the strings every match of it must start with (internal to rules/).
//
// Where it sits: when a rule set compiles, every pattern whose leads can be worked out is filed
// under them in the lead index (lead_index.h) instead of going into the RE2::Set;
// the matcher then scans the text once for all leads and runs a pattern, anchored, only where
// one of its leads starts. That scan is several times faster than the set's DFA over hundreds
// of patterns, whose state tables do not fit in the processor's caches.
//
// Exactness: the analysis reads the pattern's RE2 syntax itself and gives up (nullopt) on
// anything it does not model. Where it answers, the leads are a superset: every match of the
// pattern in a text produced by text::Normalize starts with one of the leads, compared
// ASCII-case-insensitively. Over-approximations are harmless (the anchored RE2 decides), e.g.
// zero-width assertions (\b, ^, $) are read as empty, and case-sensitive patterns get lower-cased
// leads. The analysis relies on three properties of normalised text: it has no ASCII whitespace
// but ' ' (line breaks, tabs and form feeds became spaces) and no characters Normalize replaces
// (curly quotes, dashes: text::CanOccurInNormalizedText); whitespace runs are one space, so
// prefixes holding two spaces are dropped (the one way NFKC output can put a space after a space
// is a spacing accent such as U+00B4, whose space is followed by a combining mark, which no
// modelled pattern start matches); and it is NFKC, so the only case variants of an ASCII letter
// are ASCII letters (no KELVIN SIGN, no LONG S). Non-ASCII characters that
// have case, in a case-insensitive pattern, make the analysis give up.
#ifndef TRUSTSCREEN_RULES_MATCH_LEADS_H_
#define TRUSTSCREEN_RULES_MATCH_LEADS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trustscreen::rules::internal {

struct LeadLimits {
  std::size_t min_length = 3;   // every lead at least this long (a shorter match: give up)
  std::size_t max_leads = 512;  // at most this many leads per pattern
  // Every lead holds at least this many letters, digits or non-ASCII bytes: leads such as "e a"
  // or "i)." (from names like "E and I") would be found all over a text. A pattern whose leads
  // cannot meet it (a short word, then a run of separators: "on[\s-]+orbit") may still be better
  // served by weak leads than by a pass of the RE2::Set over the whole text.
  std::size_t min_word_bytes = 3;
};

// The leads of `pattern` (RE2 syntax, case-insensitive unless `case_sensitive`), lower-cased
// (ASCII), sorted, none a prefix of another, each with at least `limits.min_word_bytes` letters,
// digits or non-ASCII bytes; as long as possible (3, 4, 6, 8 or 12 bytes) within
// `limits.max_leads`. nullopt when the pattern uses syntax the analysis does not model (., negated
// classes, \p{..} near the start), can match fewer than `limits.min_length` bytes, or needs more
// leads than allowed.
std::optional<std::vector<std::string>> MatchLeads(std::string_view pattern, bool case_sensitive,
                                                   const LeadLimits& limits = {});

// True if no match of `pattern` (RE2 syntax, an entity name's pattern: lists::NamePattern) in a
// text produced by text::Normalize holds an ASCII letter or digit, and every match holds a
// non-ASCII byte: the pattern has no ASCII letter or digit outside escapes \s, \b, \B and
// punctuation, no `.`, no negated class, no other escape with a letter (\d, \w, \p, \x…), no
// character whose case variants include an ASCII letter (U+017F, U+212A), and at least one
// non-ASCII character. (The second half relies on a name pattern's words being required: only
// its separators and variant endings are optional.) Such a name, spelled in another script, can
// match only inside a run of the text free of ASCII letters and digits that holds a non-ASCII
// byte.
bool MatchesOutsideAsciiWords(std::string_view pattern);

}  // namespace trustscreen::rules::internal

#endif  // TRUSTSCREEN_RULES_MATCH_LEADS_H_
