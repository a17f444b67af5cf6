// Helpers shared by the match tests: matching a bare string, and the shipped rule set.
#ifndef TRUSTSCREEN_TESTS_MATCH_MATCH_TEST_UTIL_H_
#define TRUSTSCREEN_TESTS_MATCH_MATCH_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiled_rules_internal.h"
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

// The rules shipped in rules/ (or the files in `paths`), compiled with `options` (a reference for
// an index's equivalence tests); the caller keeps it for the test binary's lifetime. Aborts if they
// do not load.
inline const rules::CompiledRuleSet* LoadShippedRules(
    const rules::CompileOptions& options,
    std::vector<std::filesystem::path> paths = {std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) /
                                                "rules"}) {
  Result<rules::CompiledRuleSet> loaded = rules::internal::LoadRulesWithOptions(paths, options);
  if (!loaded.ok()) {
    ADD_FAILURE() << loaded.status().message();
    std::abort();
  }
  return new rules::CompiledRuleSet(std::move(loaded).value());
}

// One line per finding: everything a report shows about it (for comparing two matchers).
inline std::vector<std::string> Describe(const std::vector<Finding>& findings) {
  std::vector<std::string> lines;
  for (const Finding& finding : findings) {
    std::ostringstream line;
    line << finding.rule_id << " " << finding.begin << "-" << finding.end << " "
         << ToString(finding.severity) << " \"" << finding.matched_text << "\"";
    if (finding.entity) {
      line << " " << finding.entity->entry_id << " [" << finding.entity->matched_alias << "]";
      for (const std::string& also : finding.entity->also_listed_in) line << " +" << also;
    }
    lines.push_back(line.str());
  }
  return lines;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The plain-text documents of the shared corpus (CUAD reference texts, LaTeX proposals), sorted;
// empty when the corpus is not there.
inline std::vector<std::filesystem::path> CorpusTexts() {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(TRUSTSCREEN_CORPUS_DIR, error)) {
    const std::string extension = entry.path().extension().string();
    if (entry.is_regular_file() && (extension == ".txt" || extension == ".tex")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace trustscreen::match::testing

#endif  // TRUSTSCREEN_TESTS_MATCH_MATCH_TEST_UTIL_H_
