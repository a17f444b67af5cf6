// Rule-set compile time and single-thread matching throughput.
//
// Usage: rules_match_bench RULE_PATH... -- TEXT_FILE...
// Prints the compile time of LoadRules, the number of rules and patterns, then MB/s of MatchText
// over the concatenated text files (repeated until at least 200 MB were scanned) and the number of
// findings. The text files are joined with blank lines; hard inputs: CUAD contracts are long,
// full of company names, "University", "Limited" and capitalised words that exercise the entity
// guards (acronym context, follow-on check) as well as the RE2::Set first pass.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "trustscreen/match/matcher.h"
#include "trustscreen/rules/compiled_rules_internal.h"
#include "trustscreen/rules/rule_set.h"

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  std::vector<std::filesystem::path> rule_paths;
  std::string text;
  bool texts = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      texts = true;
      continue;
    }
    if (!texts) {
      rule_paths.emplace_back(arg);
      continue;
    }
    std::ifstream in(arg, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    text += bytes.str() + "\n\n";
  }
  const auto start = Clock::now();
  auto rules = trustscreen::rules::LoadRules(rule_paths);
  const double compile = std::chrono::duration<double>(Clock::now() - start).count();
  if (!rules.ok()) {
    std::fprintf(stderr, "%s\n", rules.status().message().c_str());
    return 3;
  }
  std::printf("compile: %.3f s, %zu rules, %zu patterns\n", compile, rules->rules().size(),
              rules->impl().patterns.size());
  if (text.empty()) return 0;
  {
    // The first pass alone: one RE2::Set scan over the text.
    const auto& set = *rules->impl().prefilter.set;
    std::vector<int> hits;
    std::size_t set_scanned = 0;
    const auto set_start = Clock::now();
    while (set_scanned < (std::size_t{200} << 20)) {
      hits.clear();
      set.Match(re2::StringPiece(text.data(), text.size()), &hits);
      set_scanned += text.size();
    }
    const double set_seconds = std::chrono::duration<double>(Clock::now() - set_start).count();
    std::printf("first pass (RE2::Set): %.1f MB/s, %zu candidate patterns\n",
                static_cast<double>(set_scanned) / 1e6 / set_seconds, hits.size());
    if (std::getenv("BENCH_VERBOSE") != nullptr) {
      // Which candidates cost the second pass most.
      for (int hit : hits) {
        const auto& pattern = rules->impl().patterns[rules->impl().prefilter.pattern_ids[hit]];
        const auto one_start = Clock::now();
        int count = 0;
        re2::StringPiece input(text.data(), text.size()), match;
        std::size_t pos = 0;
        while (pos < text.size() &&
               pattern.regex->Match(input, pos, text.size(), re2::RE2::UNANCHORED, &match, 1)) {
          ++count;
          pos = static_cast<std::size_t>(match.data() - text.data()) +
                std::max<std::size_t>(1, match.size());
        }
        std::printf("  %8.1f ms %5d x %s\n",
                    std::chrono::duration<double, std::milli>(Clock::now() - one_start).count(),
                    count, pattern.regex->pattern().substr(0, 80).c_str());
      }
    }
  }
  std::size_t scanned = 0;
  std::size_t findings = 0;
  const auto match_start = Clock::now();
  while (scanned < (std::size_t{200} << 20)) {
    auto found = trustscreen::match::MatchText(*rules, text);
    if (!found.ok()) {
      std::fprintf(stderr, "%s\n", found.status().message().c_str());
      return 2;
    }
    findings = found->size();
    scanned += text.size();
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - match_start).count();
  std::printf("match: %.1f MB/s (%zu bytes of text, %zu findings per pass)\n",
              static_cast<double>(scanned) / 1e6 / seconds, text.size(), findings);
  return 0;
}
