// Helpers shared by the match tests: matching a bare string, and the shipped rule set.
#ifndef TRUSTSCREEN_TESTS_MATCH_MATCH_TEST_UTIL_H_
#define TRUSTSCREEN_TESTS_MATCH_MATCH_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include "trustscreen/match/matcher.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::match::testing {

// MatchText, failing the test (and returning nothing) when matching itself fails.
inline std::vector<Finding> Match(const rules::CompiledRuleSet& set, std::string_view text) {
  Result<std::vector<Finding>> findings = MatchText(set, text);
  if (!findings.ok()) {
    ADD_FAILURE() << findings.status().message();
    return {};
  }
  return std::move(findings).value();
}

// The rules shipped in rules/, loaded once per test binary.
inline const rules::CompiledRuleSet& ShippedRules() {
  static const rules::CompiledRuleSet* const kRules = [] {
    Result<rules::CompiledRuleSet> loaded =
        rules::LoadRules({std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"});
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return new rules::CompiledRuleSet(std::move(loaded).value());
  }();
  return *kRules;
}

}  // namespace trustscreen::match::testing

#endif  // TRUSTSCREEN_TESTS_MATCH_MATCH_TEST_UTIL_H_
