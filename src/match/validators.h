// Checks on matched text beyond a rule's pattern (rules::Validator; internal to the match
// library). RE2 cannot compute a check digit, so a rule that names CAS registry numbers matches
// their shape and lets the validator drop the numbers that cannot be real.
#ifndef TRUSTSCREEN_MATCH_VALIDATORS_H_
#define TRUSTSCREEN_MATCH_VALIDATORS_H_

#include <string_view>

#include "trustscreen/rules/rule_set.h"

namespace trustscreen::match {

// True if `digits` ("107-44-8", "7784-34-1") is a CAS registry number whose last digit is the
// check digit: the sum of the other digits, each times its position counted from the right
// (1-based, the check digit excluded), modulo 10.
bool IsValidCasNumber(std::string_view number);

// True if `matched` passes `validator`: for kCasCheckDigit, the match holds at least one
// CAS-shaped number and every CAS-shaped number in it is valid.
bool PassesValidator(rules::Validator validator, std::string_view matched);

}  // namespace trustscreen::match

#endif  // TRUSTSCREEN_MATCH_VALIDATORS_H_
