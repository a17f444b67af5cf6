#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "temp_dir.h"
#include "trustscreen/match/rule_tools.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::match {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using trustscreen::testing::TempDir;

constexpr char kRules[] = R"(rules:
  - id: tech-hypersonic
    title: Hypersonics
    family: sensitive-tech
    severity: high
    rationale: Why.
    patterns: ['hypersonic', 'scramjet']
    examples:
      match:
        - 'a scramjet engine'
        - 'supersonic flow'
      no_match:
        - 'supersonic flow'
        - 'a hypersonic "glide"'
  - id: ec-itar
    title: ITAR
    family: export-control
    severity: critical
    rationale: Why.
    patterns: ['ITAR']
    case_sensitive: true
    examples:
      match: ['ITAR', 'Itar']
      no_match: ['ITARS']
)";

// The messages of TestRules' failures for a rule file holding `yaml`; `dir_prefix` is set to the
// file's path, which starts each message.
std::vector<std::string> Check(const std::string& yaml, std::string* dir_prefix) {
  TempDir dir;
  const std::filesystem::path file = dir.Write("pack.yaml", yaml);
  *dir_prefix = file.generic_string();
  Result<rules::CompiledRuleSet> set = rules::LoadRules({file});
  if (!set.ok()) {
    ADD_FAILURE() << set.status().message();
    return {};
  }
  std::vector<std::string> messages;
  for (const ExampleFailure& failure : TestRules(*set).failures) {
    messages.push_back(failure.Message());
  }
  return messages;
}

TEST(RuleExamples, PassWhenEveryExampleBehaves) {
  std::string file;
  EXPECT_THAT(Check(R"(rules:
  - id: a
    title: A
    family: partner
    severity: high
    rationale: Why.
    patterns: ['beihang\s+university']
    examples:
      match: ['Beihang  University', "Beihang\nUniversity"]
      no_match: ['Beijing University']
)",
                    &file),
              IsEmpty());
}

TEST(RuleExamples, ReportEachBrokenExampleWithLineRuleExampleExpectedAndActual) {
  std::string file;
  const std::vector<std::string> failures = Check(kRules, &file);
  EXPECT_THAT(
      failures,
      ElementsAre(file + ":11: rule 'tech-hypersonic': match example \"supersonic flow\": "
                         "expected a finding of rule 'tech-hypersonic', got none",
                  file + ":14: rule 'tech-hypersonic': no_match example \"a hypersonic "
                         "\\\"glide\\\"\": expected no finding of rule 'tech-hypersonic', got "
                         "'tech-hypersonic' \"hypersonic\" at bytes 2-12",
                  file + ":23: rule 'ec-itar': match example \"Itar\": expected a finding of "
                         "rule 'ec-itar', got none"));
}

TEST(RuleExamples, NameOtherRulesThatFiredOnAMissedExample) {
  std::string file;
  const std::vector<std::string> failures = Check(R"(rules:
  - id: narrow
    title: Narrow
    family: sensitive-tech
    severity: low
    rationale: Why.
    patterns: ['hypersonic glide vehicle']
    examples:
      match: ['hypersonic missile']
  - id: broad
    title: Broad
    family: sensitive-tech
    severity: low
    rationale: Why.
    patterns: ['hypersonic']
)",
                                                  &file);
  EXPECT_THAT(failures, ElementsAre(file + ":9: rule 'narrow': match example \"hypersonic "
                                           "missile\": expected a finding of rule 'narrow', got "
                                           "none (other rules found: 'broad' \"hypersonic\" at "
                                           "bytes 0-10)"));
}

}  // namespace
}  // namespace trustscreen::match
