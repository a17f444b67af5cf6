// The current time in UTC as text, for report headers (started_at, finished_at) and for waiver
// expiry dates: one place that reads the clock and formats it.
#ifndef TRUSTSCREEN_CORE_CLOCK_H_
#define TRUSTSCREEN_CORE_CLOCK_H_

#include <string>

namespace trustscreen {

// Now, as 2026-11-27T04:51:00Z (ISO 8601, seconds, UTC).
std::string UtcTimestamp();

// Today's date in UTC, YYYY-MM-DD.
std::string UtcDate();

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_CLOCK_H_
