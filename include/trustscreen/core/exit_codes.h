// Every trustscreen command's exit codes, in one table (README.md, "Exit codes"). scan and merge
// use all four; diff uses them for what is new; the rule, list and cache commands use 0, 1 (the
// check found problems) and 3.
#ifndef TRUSTSCREEN_CORE_EXIT_CODES_H_
#define TRUSTSCREEN_CORE_EXIT_CODES_H_

namespace trustscreen {

// Every document screened, no finding at or above --fail-on (or: the check passed).
inline constexpr int kExitClean = 0;
// Findings at or above --fail-on (or: the check found problems — a failing rule example, an
// out-of-date list).
inline constexpr int kExitFindings = 1;
// At least one document not fully screened, or the run did not complete; wins over 1.
inline constexpr int kExitNotFullyScreened = 2;
// Usage or configuration error (bad flag, rule file, waivers file, cache), or the reports could
// not be written (they are then left marked incomplete): nothing the run says can be trusted.
inline constexpr int kExitError = 3;

}  // namespace trustscreen

#endif  // TRUSTSCREEN_CORE_EXIT_CODES_H_
