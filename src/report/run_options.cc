// RunOptions <-> the report's `options` object.
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "trustscreen/core/strings.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

std::string Bool(bool value) { return value ? "true" : "false"; }

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

// The --exclude globs, recorded joined by spaces (a glob holding a space cannot be told apart).
std::vector<std::string> Globs(std::string_view joined) {
  std::vector<std::string> globs;
  for (std::string_view glob : SplitFields(joined, ' ')) {
    if (!glob.empty()) globs.emplace_back(glob);
  }
  return globs;
}

template <typename Integer>
bool ParseInteger(const std::string& text, Integer& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

bool ParseBool(const std::string& text, bool& value) {
  if (text != "true" && text != "false") return false;
  value = text == "true";
  return true;
}

bool ParseNumber(const std::string& text, double& value) {
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> RunOptions::ToPairs() const {
  std::vector<std::pair<std::string, std::string>> pairs = {
      {"threads", std::to_string(threads)},     {"fail_on", std::string(ToString(fail_on))},
      {"include_hidden", Bool(include_hidden)}, {"exclude", Join(exclude, " ")},
      {"excel_csv", Bool(excel_csv)},           {"reproducible", Bool(reproducible)},
  };
  pairs.insert(pairs.end(), extraction.begin(), extraction.end());
  pairs.insert(pairs.end(), {{"isolation", in_process ? "in-process" : "processes"},
                             {"timeout", Number(timeout_seconds)},
                             {"worker_memory_mib", std::to_string(worker_memory_mib)},
                             {"max_list_age", std::to_string(max_list_age_days)}});
  if (!cache.empty()) pairs.emplace_back("cache", cache);
  if (!shard.empty()) pairs.emplace_back("shard", shard);
  return pairs;
}

Result<RunOptions> RunOptions::FromPairs(
    const std::vector<std::pair<std::string, std::string>>& pairs) {
  RunOptions options;
  for (const auto& [name, text] : pairs) {
    bool parsed = true;
    if (name == "threads") {
      parsed = ParseInteger(text, options.threads);
    } else if (name == "fail_on") {
      const std::optional<Severity> severity = ParseSeverity(text);
      parsed = severity.has_value();
      if (parsed) options.fail_on = *severity;
    } else if (name == "include_hidden") {
      parsed = ParseBool(text, options.include_hidden);
    } else if (name == "exclude") {
      options.exclude = Globs(text);
    } else if (name == "excel_csv") {
      parsed = ParseBool(text, options.excel_csv);
    } else if (name == "reproducible") {
      parsed = ParseBool(text, options.reproducible);
    } else if (name == "isolation") {
      parsed = text == "in-process" || text == "processes";
      options.in_process = text == "in-process";
    } else if (name == "timeout") {
      parsed = ParseNumber(text, options.timeout_seconds);
    } else if (name == "worker_memory_mib") {
      parsed = ParseInteger(text, options.worker_memory_mib);
    } else if (name == "max_list_age") {
      parsed = ParseInteger(text, options.max_list_age_days);
    } else if (name == "cache") {
      options.cache = text;
    } else if (name == "shard") {
      options.shard = text;
    } else {
      options.extraction.emplace_back(name, text);
    }
    if (!parsed) return ParseError("option '" + name + "': unexpected value '" + text + "'");
  }
  return options;
}

}  // namespace trustscreen::report
