// Country names for entity matching: a listed name made only of generic institutional words
// ("Ministry of Defence", Burma; "National Defense Complex", Pakistan) names a listed party only
// when its country is named nearby, since every country has such a body.
//
// Thread-safety: pure functions over constant tables.
#ifndef TRUSTSCREEN_LISTS_COUNTRY_NAMES_H_
#define TRUSTSCREEN_LISTS_COUNTRY_NAMES_H_

#include <string_view>
#include <vector>

namespace trustscreen::lists {

// True if every word of `name` is a generic institutional or business word (ministry,
// department, national, defence, state, home, affairs, development, centre, group, technical,
// services, new, technology…) or a single letter, and it has at least two words: "Ministry of
// Defence", "Technical Services", "Group A", "New Technology".
bool IsGenericName(std::string_view name);

// Lower-case names and adjectives of the countries in `countries` (ISO 3166 alpha-2 codes,
// '|'-separated, as in entity lists): "MM" -> burma, myanmar, burmese. Codes without an entry
// give nothing (the caller then cannot ask for the country and must not).
std::vector<std::string_view> CountryNames(std::string_view countries);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_COUNTRY_NAMES_H_
