#include "trustscreen/core/clock.h"

#include <chrono>
#include <ctime>

namespace trustscreen {
namespace {

std::string FormatNow(const char* format) {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, format, &utc);
  return buffer;
}

}  // namespace

std::string UtcTimestamp() { return FormatNow("%Y-%m-%dT%H:%M:%SZ"); }

std::string UtcDate() { return FormatNow("%Y-%m-%d"); }

}  // namespace trustscreen
