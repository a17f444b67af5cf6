// Names and aliases from entity lists -> normalised keys and RE2 patterns.
//
// Where it sits: the rules compiler calls NamePattern for every name and alias of an
// `entity-list` rule; the key (NormalizeName) deduplicates aliases on import and identifies names.
// This module does not use RE2 itself: it produces pattern text only.
//
// Normalisation (key): ASCII case folding; apostrophes removed; '&' -> "and"; other punctuation
// -> space; abbreviations expanded (Univ -> university, Inst -> institute, Tech -> technology,
// Co -> company, Ltd -> limited, Corp -> corporation, Intl -> international, Natl -> national);
// "defence" -> "defense"; a leading "the" dropped; spaces collapsed. Non-ASCII text is kept.
//
// Patterns (case-insensitive unless noted) accept each token's variant spellings
// (`univ(?:ersity)?`, `defen[cs]e`, `(?:and|&)`, `xi['’]?an`) and separate tokens by runs of
// spaces, line breaks and punctuation, guillemets, table-cell bars and e-mail quote markers
// (`[\s\-.,/()'’‘"“”„:;«»|>]+`), so names split over lines or table cells, quoted («Сбербанк»),
// with doubled spaces or abbreviated still match, on raw or normalised text. A CJK name is a
// literal string.
//
// Legal forms (legal_forms.h): leading and trailing legal forms ("PJSC …", "… Co., Ltd.",
// "ООО …", "…有限公司") are left out of the pattern when the rest of the name is distinctive
// (IsDistinctiveCore): the name is then found with any legal form or none ("Sberbank of Russia
// PJSC" as "Public Joint Stock Company Sberbank of Russia", "Sberbank of Russia LLC" or "Sberbank
// of Russia"; the reported span is the name without its form). An optional group of the forms
// would find nothing more, cost pattern size, and could end a longest match inside a following
// word ("… Russia Aoki"), which the whole-word check then rejects. Otherwise each form stays
// required, as written or as any other form of its descriptors in the same script:
// "Technical Services Ltd" matches "Technical Services Limited", never "Technical Services".
// A short acronym (NameShape::kAcronym) is matched case-sensitively; the matcher also requires
// affiliation context around it; so is a single word (kSingleWord). A domain (hit.edu.cn) is a
// literal.
//
// Thread-safety: pure functions.
#ifndef TRUSTSCREEN_LISTS_NAME_PATTERN_H_
#define TRUSTSCREEN_LISTS_NAME_PATTERN_H_

#include <string>
#include <string_view>
#include <vector>

namespace trustscreen::lists {

enum class NameShape {
  kWords,    // ordinary name: one or more words
  kAcronym,  // 2-5 characters, upper-case letters (and digits), e.g. HIT, BUAA, NUDT
  kCjk,      // contains Han, kana or Hangul: matched literally, no word boundaries
  kDomain,   // an internet domain such as hit.edu.cn
  // One word that is not an acronym ("Hikvision", "Equality", "Arsenal"): matched only as
  // written or in capitals, and the matcher requires context as for acronyms, since many such
  // names are ordinary words.
  kSingleWord,
};

// True for the shapes that the matcher accepts only with affiliation context nearby.
bool NeedsContext(NameShape shape);

// True if the name is only a legal form or a filler word ("and", "Ltd", "LIMITED", "JSC") or has
// fewer than three characters once normalised ("EC", "Al"): such aliases appear in list exports
// by accident (or as country qualifiers) and would match everywhere.
bool IsFillerName(std::string_view name);

NameShape ShapeOf(std::string_view name);

// True for an acronym that is also a common English word in capitals ("ITS", "ALL", "ONE"): in
// text set in capitals it is that word, so the matcher counts it only where the entry's full
// name occurs too.
bool IsEnglishWordAcronym(std::string_view name);

// The normalised key described above ("Harbin Inst. of Tech." -> "harbin institute of
// technology"). Empty if the name has no letters or digits.
std::string NormalizeName(std::string_view name);

// The RE2 pattern for one name (see above). Empty if the name has no letters or digits. The
// pattern is meant for a case-insensitive RE2; acronyms carry their own `(?-i:...)`.
std::string NamePattern(std::string_view name);

// A word that every match of NamePattern(name) contains as a whole run of ASCII letters and
// digits (bounded by other characters or the match's ends): its spellings, lower-cased
// ("university" and "univ" for a variant token), and the letter case a run must have.
struct NameWord {
  enum class Case {
    kAny,          // case-insensitive
    kUpper,        // all capitals (an acronym: "HIT")
    kCapitalized,  // first letter a capital (a single word: "Hikvision" or "HIKVISION")
  };
  std::vector<std::string> spellings;
  Case letter_case = Case::kAny;
};

// The words of a name in the sense above: every token of an ordinary name except those with an
// optional apostrophe or a non-ASCII letter (which RE2 folds beyond ASCII case) and "and" (which
// may be written "&"); the word of an acronym or single-word name. Empty for CJK names and
// domains. The rules compiler indexes names by their rarest words, so that a text is searched
// for a name only where its words occur.
std::vector<NameWord> IndexWords(std::string_view name);

// An upper bound on the number of runs of ASCII letters and digits in any match of
// NamePattern(name) (separators hold none; an apostrophe or a non-ASCII letter inside a word can
// split it). With IndexWords, the matcher searches for a name only near its word: a match
// cannot reach further than this many runs from it. 0 where IndexWords is empty.
int MaxAlnumRuns(std::string_view name);

// Splits a trailing parenthesised acronym off a listed name: "National University of Defense
// Technology (NUDT)" -> name "National University of Defense Technology", acronym "NUDT".
// Returns false (and leaves the outputs alone) if the name does not end that way.
bool SplitTrailingAcronym(std::string_view listed, std::string* name, std::string* acronym);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_NAME_PATTERN_H_
