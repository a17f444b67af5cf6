// List freshness: how old each entity list of a rule set is, for `lists status` and the warning a
// scan gives (on stderr and in the report header) when a list is older than --max-list-age days.
//
// Sanctions lists change every week; a screening against an old list misses new designations. The
// age is counted from the list's own publication date (its metadata, written by `lists import`),
// not from the file's modification time, which a checkout or copy resets.
//
// Thread-safety: pure functions.
#ifndef TRUSTSCREEN_LISTS_FRESHNESS_H_
#define TRUSTSCREEN_LISTS_FRESHNESS_H_

#include <optional>
#include <string>
#include <string_view>

namespace trustscreen::lists {

// Days from `date` to `today` (both YYYY-MM-DD; negative if `date` is later), or nullopt if
// either is not a valid calendar date.
std::optional<int> DaysBetween(std::string_view date, std::string_view today);

// The scan warning for one list, or "" when it is fresh enough: "PATH: TITLE published DATE, N
// days ago (--max-list-age M): refresh it …", or, for a list without a publication date, "PATH:
// the list states no publication date; its age is unknown …". `max_age_days` < 0 turns the check
// off.
std::string ListAgeWarning(const std::string& path, const std::string& title,
                           const std::string& published, const std::string& today,
                           int max_age_days);

}  // namespace trustscreen::lists

#endif  // TRUSTSCREEN_LISTS_FRESHNESS_H_
