#include "validators.h"

#include <cstddef>

namespace trustscreen::match {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the run of digits starting at `pos`.
std::size_t DigitsAt(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && IsDigit(text[end])) ++end;
  return end - pos;
}

}  // namespace

bool IsValidCasNumber(std::string_view number) {
  const std::size_t first = DigitsAt(number, 0);
  if (first < 2 || first > 7 || first + 5 != number.size()) return false;
  if (number[first] != '-' || DigitsAt(number, first + 1) != 2 || number[first + 3] != '-' ||
      DigitsAt(number, first + 4) != 1) {
    return false;
  }
  int sum = 0;
  int position = 1;
  for (std::size_t i = number.size() - 2; i-- > 0;) {
    if (number[i] == '-') continue;
    sum += (number[i] - '0') * position++;
  }
  return sum % 10 == number.back() - '0';
}

bool PassesValidator(rules::Validator validator, std::string_view matched) {
  if (validator == rules::Validator::kNone) return true;
  // kCasCheckDigit: every maximal "digits-digits-digit" run, not inside a longer number.
  int numbers = 0;
  std::size_t pos = 0;
  while (pos < matched.size()) {
    const std::size_t run = DigitsAt(matched, pos);
    if (run == 0) {
      ++pos;
      continue;
    }
    std::size_t end = pos + run;
    if (end + 4 <= matched.size() && matched[end] == '-' && DigitsAt(matched, end + 1) == 2 &&
        matched[end + 3] == '-' && DigitsAt(matched, end + 4) == 1) {
      end += 5;
      ++numbers;
      if (!IsValidCasNumber(matched.substr(pos, end - pos))) return false;
    }
    pos = end;
  }
  return numbers > 0;
}

}  // namespace trustscreen::match
