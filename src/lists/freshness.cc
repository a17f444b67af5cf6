#include "trustscreen/lists/freshness.h"

#include <charconv>
#include <chrono>

namespace trustscreen::lists {
namespace {

std::optional<std::chrono::sys_days> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  auto number = [&](std::size_t from, std::size_t length, auto* value) {
    const char* first = text.data() + from;
    const auto [end, error] = std::from_chars(first, first + length, *value);
    return error == std::errc() && end == first + length;
  };
  if (!number(0, 4, &year) || !number(5, 2, &month) || !number(8, 2, &day)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date);
}

}  // namespace

std::optional<int> DaysBetween(std::string_view date, std::string_view today) {
  const std::optional<std::chrono::sys_days> from = ParseDate(date);
  const std::optional<std::chrono::sys_days> to = ParseDate(today);
  if (!from || !to) return std::nullopt;
  return static_cast<int>((*to - *from).count());
}

std::string ListAgeWarning(const std::string& path, const std::string& title,
                           const std::string& published, const std::string& today,
                           int max_age_days) {
  if (max_age_days < 0) return "";
  if (published.empty()) {
    return path +
           ": the list states no publication date; its age is unknown (re-import it with "
           "`trustscreen lists import`)";
  }
  const std::optional<int> age = DaysBetween(published, today);
  if (!age) return path + ": publication date '" + published + "' is not a date";
  if (*age <= max_age_days) return "";
  return path + ": " + (title.empty() ? std::string("list") : title) + " published " + published +
         ", " + std::to_string(*age) + " days ago (--max-list-age " + std::to_string(max_age_days) +
         "): refresh it (rules/partners/lists/SOURCES.md)";
}

}  // namespace trustscreen::lists
