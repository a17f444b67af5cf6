// Country name -> ISO 3166-1 alpha-2 code, for the list importers (internal to the lists module).
//
// Thread-safety: a pure function over a constant table.
#ifndef TRUSTSCREEN_LISTS_COUNTRY_CODES_H_
#define TRUSTSCREEN_LISTS_COUNTRY_CODES_H_

#include <string>
#include <string_view>

namespace trustscreen::lists::internal {

// The code of a country named in English ("Russia", "Russian Federation", "Iran (Islamic Republic
// of)", "Korea, North"): case and spacing ignored, a trailing '.' or ',' dropped. "" if unknown.
std::string CountryCodeOf(std::string_view name);

}  // namespace trustscreen::lists::internal

#endif  // TRUSTSCREEN_LISTS_COUNTRY_CODES_H_
