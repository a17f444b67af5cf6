#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "compiled_rules_internal.h"
#include "lead_index.h"
#include "trustscreen/digest/sha256.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules {
namespace {

using ::testing::HasSubstr;

Rule MakeRule(const std::string& id, std::vector<std::string> patterns,
              const std::string& file = "pack.yaml", int line = 1) {
  Rule rule;
  rule.id = id;
  rule.title = "Title of " + id;
  rule.family = RuleFamily::kSensitiveTech;
  rule.severity = Severity::kMedium;
  rule.rationale = "Because.";
  rule.patterns = std::move(patterns);
  rule.source_file = file;
  rule.source_line = line;
  for (std::size_t i = 0; i < rule.patterns.size(); ++i) {
    rule.pattern_lines.push_back(line + 5 + static_cast<int>(i));
  }
  return rule;
}

std::string CompileError(std::vector<Rule> rules) {
  Result<CompiledRuleSet> set = CompileRules(std::move(rules), {});
  return set.ok() ? "(compiled without error)" : set.status().message();
}

TEST(RuleCompiler, CompilesRulesInTheGivenOrder) {
  Result<CompiledRuleSet> set =
      CompileRules({MakeRule("b", {"beta"}), MakeRule("a", {"alpha", "alef"})}, {});
  ASSERT_TRUE(set.ok()) << set.status().message();
  ASSERT_EQ(set->rules().size(), 2u);
  EXPECT_EQ(set->rules()[0].id, "b");
  EXPECT_EQ(set->rules()[1].id, "a");
  EXPECT_EQ(set->impl().patterns.size(), 3u);
}

TEST(RuleCompiler, PutsPatternsOfBothCaseModesIntoOneSet) {
  Rule sensitive = MakeRule("cs", {"ITAR"});
  sensitive.case_sensitive = true;
  CompileOptions options;
  options.index_leads = false;  // all patterns in the set
  Result<CompiledRuleSet> set =
      internal::CompileRulesWithOptions({MakeRule("ci", {"drone", "uav"}), sensitive}, {}, options);
  ASSERT_TRUE(set.ok()) << set.status().message();
  ASSERT_NE(set->impl().prefilter.set, nullptr);
  std::vector<int> hits;
  ASSERT_TRUE(set->impl().prefilter.set->Match("DRONE itar", &hits));
  EXPECT_EQ(hits, std::vector<int>{0});  // "drone" folds case, "ITAR" does not
  ASSERT_TRUE(set->impl().prefilter.set->Match("Uav ITAR", &hits));
  std::sort(hits.begin(), hits.end());
  EXPECT_EQ(hits, (std::vector<int>{1, 2}));
}

TEST(RuleCompiler, RejectsAPatternThatCannotBeCombinedIntoTheSet) {
  // Valid alone (\Q quotes to the end), but it would swallow the (?i:...) wrapper's ")".
  EXPECT_THAT(CompileError({MakeRule("q", {"\\Qa.b"})}),
              HasSubstr("pack.yaml:6: rule 'q': pattern '\\Qa.b' cannot be combined into the rule "
                        "set"));
}

TEST(RuleCompiler, RejectsInvalidRegexWithRe2MessageAtThePatternLine) {
  EXPECT_EQ(CompileError({MakeRule("ec-x", {"fine", "(unclosed"}, "rules/x.yaml", 10)}),
            "rules/x.yaml:16: rule 'ec-x': invalid pattern '(unclosed': missing ): (unclosed");
}

TEST(RuleCompiler, RejectsLookaroundWhichRe2DoesNotSupport) {
  EXPECT_THAT(CompileError({MakeRule("q", {"quantum(?! of)"})}),
              HasSubstr("pack.yaml:6: rule 'q': invalid pattern 'quantum(?! of)': "));
}

TEST(RuleCompiler, RejectsPatternMatchingTheEmptyString) {
  EXPECT_EQ(CompileError({MakeRule("e", {"x*"}, "p.yaml", 3)}),
            "p.yaml:8: rule 'e': pattern 'x*' can match the empty string; every match must "
            "consume text");
}

TEST(RuleCompiler, RejectsPatternMatchingEmptyOnlyInContext) {
  // `\b` cannot match "" but matches empty next to any word character.
  EXPECT_THAT(CompileError({MakeRule("e", {"\\b"})}), HasSubstr("can match the empty string"));
  EXPECT_THAT(CompileError({MakeRule("e", {"(?m)^$"})}), HasSubstr("can match the empty string"));
  EXPECT_THAT(CompileError({MakeRule("e", {"foo|"})}), HasSubstr("can match the empty string"));
}

TEST(RuleCompiler, RejectsDuplicateRuleIdNamingBothLocations) {
  EXPECT_EQ(CompileError({MakeRule("dup", {"a"}, "one.yaml", 4), MakeRule("other", {"b"}),
                          MakeRule("dup", {"c"}, "two.yaml", 9)}),
            "two.yaml:9: rule 'dup': duplicate id (first defined at one.yaml:4)");
}

TEST(RuleCompiler, ValidatesRulesBuiltInCode) {
  Rule no_title = MakeRule("t", {"a"}, "");
  no_title.title.clear();
  EXPECT_EQ(CompileError({no_title}), "rule 't': missing required key 'title'");
  EXPECT_THAT(CompileError({MakeRule("Upper", {"a"})}), HasSubstr("invalid id"));
  EXPECT_THAT(CompileError({MakeRule("p", {})}), HasSubstr("missing required key 'patterns'"));
}

TEST(RuleCompiler, ReportsASetOverItsMemoryBudget) {
  std::vector<Rule> rules;
  for (int i = 0; i < 50; ++i) {
    rules.push_back(MakeRule("r" + std::to_string(i),
                             {"term" + std::to_string(i) + "[a-z]{3,9}(alpha|beta|gamma)"}));
  }
  CompileOptions options;
  options.index_leads = false;  // all patterns in the set
  options.set_max_mem = 4 << 10;
  Result<CompiledRuleSet> set = internal::CompileRulesWithOptions(rules, {}, options);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(),
            "rule set too large: RE2 could not compile its 50 patterns within the 4096 byte "
            "memory budget");
}

TEST(RuleCompiler, FilesPatternsWithKnownLeadsOutsideTheSet) {
  Rule sensitive = MakeRule("cs", {"ITAR"});
  sensitive.case_sensitive = true;
  Result<CompiledRuleSet> set =
      CompileRules({MakeRule("ci", {"drone", "uav", ".*ware"}), sensitive}, {});
  ASSERT_TRUE(set.ok()) << set.status().message();
  // ".*ware" has no leads: it alone is in the set.
  EXPECT_EQ(set->impl().prefilter.pattern_ids, std::vector<int>{2});
  std::vector<std::string> leads;
  for (const internal::LeadIndex::Lead& lead : set->impl().leads->leads()) {
    leads.push_back(lead.text);
  }
  std::sort(leads.begin(), leads.end());
  // Leads are cut to one of LeadIndex::kLengths (3, 4, 6, 8, 12).
  EXPECT_EQ(leads, (std::vector<std::string>{"dron", "itar", "uav"}));
}

TEST(RuleCompiler, Sha256IsTheDigestOfFileDigestsInOrder) {
  const std::vector<RuleFileInfo> files = {{"a.yaml", "aaaa", 1}, {"b.yaml", "bbbb", 1}};
  Result<CompiledRuleSet> forward = CompileRules({MakeRule("x", {"x"})}, files);
  Result<CompiledRuleSet> reversed = CompileRules({MakeRule("x", {"x"})}, {files[1], files[0]});
  ASSERT_TRUE(forward.ok() && reversed.ok());
  EXPECT_EQ(forward->sha256(), digest::Sha256Hex("aaaa\nbbbb\n"));
  EXPECT_NE(forward->sha256(), reversed->sha256());
}

TEST(RuleCompiler, CopiesShareTheCompiledState) {
  Result<CompiledRuleSet> set = CompileRules({MakeRule("x", {"x"})}, {});
  ASSERT_TRUE(set.ok());
  const CompiledRuleSet copy = *set;
  EXPECT_EQ(&copy.impl(), &set->impl());
}

}  // namespace
}  // namespace trustscreen::rules
