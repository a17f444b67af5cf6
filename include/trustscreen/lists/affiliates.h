// Possible affiliates of a listed organisation: another legal entity that carries the listed
// group's distinctive name — "Sberbank Asset Management LLC" or "Sberbank Leasing JSC" for a
// listed "Sberbank of Russia", "VTB Capital plc" for a listed "VTB Bank PJSC". Sanctions reach
// entities a listed party owns (OFAC's 50% rule, the UK ownership and control test), and those are
// often not listed by name; a reviewer must check ownership. The matcher reports them one band
// below the listed entry, marked as possible affiliates (rules/README.md, "Possible affiliates").
//
// Where it sits: the rules compiler asks for each organisation name of an entity-list rule with
// `affiliates: true` for its stem and affiliate pattern, and files the pattern like a name.
//
// Thread-safety: pure functions.
#ifndef TRUSTSCREEN_LISTS_AFFILIATES_H_
#define TRUSTSCREEN_LISTS_AFFILIATES_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace trustscreen::lists {

// The distinctive stem of a listed organisation name, or "" if it has none: legal forms removed
// (StripLegalForms), then a trailing "of <country>" ("Sberbank of Russia" -> "Sberbank") and
// trailing group words (Bank, Group, Holding(s), Company, Corporation, State Corporation: "VTB
// Bank" -> "VTB", "Rostec State Corporation" -> "Rostec"). The stem must be distinctive
// (IsDistinctiveCore), must not be an acronym and must not start with an ordinary word (North,
// Real, Housing, Financial…); names in CJK script and domains have none.
std::string AffiliateStem(std::string_view name);

// The RE2 pattern (for a case-insensitive RE2) of what follows a group's stem in an affiliate's
// name: one to three affiliate words (Holding, Asset Management, Capital, Leasing, Insurance,
// Securities, Finance, Invest, Trust, Bank, Group, Europe…), or one to three capitalised words and
// then a legal form ("Sberbank Technologies JSC"), each after a separator. An affiliate is a match
// of the stem's NamePattern followed at once by a match of this, anchored; matches are whole
// words. The same for every stem, so it is compiled once, not once per listed group (its Unicode
// classes made each group's pattern take milliseconds to compile).
std::string AffiliateTailPattern();

// An upper bound on the runs of ASCII letters and digits in any affiliate of `stem`
// (its NamePattern and the tail).
int AffiliateMaxAlnumRuns(std::string_view stem);

// The length of `matched` (an affiliate's match: stem and tail) without a trailing legal form and
// the separators before it: reports show the affiliate's name, and a listed name that equals it
// wins over it as a tie.
std::size_t TrimTrailingLegalForm(std::string_view matched);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_AFFILIATES_H_
