// The context keys of rule schema v1: requires, unless, raise, lower (parsing and compiling).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "temp_dir.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;
using trustscreen::testing::TempDir;

// A valid one-rule file with `extra` appended as further lines of the rule (at line 9 onwards).
std::string RuleWith(const std::string& extra) {
  return "rules:\n"                      // 1
         "  - id: x-rule\n"              // 2
         "    title: X\n"                // 3
         "    family: export-control\n"  // 4
         "    severity: low\n"           // 5
         "    rationale: Why.\n"         // 6
         "    patterns:\n"               // 7
         "      - 'xyz'\n" +             // 8
         extra;
}

Result<std::vector<Rule>> Parse(const std::string& yaml, TempDir* dir) {
  return ParseRuleFile(dir->Write("rules.yaml", yaml));
}

// The error for `yaml`, with the directory prefix replaced by "DIR/".
std::string ErrorOf(const std::string& yaml, bool compile = false) {
  TempDir dir;
  Result<std::vector<Rule>> rules = Parse(yaml, &dir);
  std::string message;
  if (!rules.ok()) {
    message = rules.status().message();
  } else if (compile) {
    Result<CompiledRuleSet> set = CompileRules(std::move(rules).value(), {});
    if (set.ok()) return "(compiled without error)";
    message = set.status().message();
  } else {
    return "(parsed without error)";
  }
  const std::string prefix = dir.path().generic_string() + "/";
  if (message.rfind(prefix, 0) == 0) message = "DIR/" + message.substr(prefix.size());
  return message;
}

TEST(RuleContext, ParsesAllFourKeys) {
  TempDir dir;
  Result<std::vector<Rule>> rules =
      Parse(RuleWith("    requires:\n"                                         // 9
                     "      terms: ['ECCN', 'export']\n"                       // 10
                     "      within: sentence\n"                                // 11
                     "    unless: {terms: ['quantum of'], within: 2 words}\n"  // 12
                     "    raise:\n"                                            // 13
                     "      - terms: ['military']\n"                           // 14
                     "        within: clause\n"                                // 15
                     "        label: military context\n"                       // 16
                     "    lower:\n"                                            // 17
                     "      - terms: ['fundamental research']\n"
                     "        within: 1 word\n"
                     "        label: fundamental research\n"),
            &dir);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const Rule& rule = rules->front();
  ASSERT_TRUE(rule.requires_context.has_value());
  EXPECT_THAT(rule.requires_context->terms, ElementsAre("ECCN", "export"));
  EXPECT_THAT(rule.requires_context->term_lines, ElementsAre(10, 10));
  EXPECT_EQ(rule.requires_context->within.kind, ContextWindow::Kind::kSentence);
  EXPECT_EQ(rule.requires_context->line, 10);
  ASSERT_TRUE(rule.unless_context.has_value());
  EXPECT_EQ(rule.unless_context->within.kind, ContextWindow::Kind::kWords);
  EXPECT_EQ(rule.unless_context->within.words, 2);
  ASSERT_EQ(rule.raise_contexts.size(), 1u);
  EXPECT_EQ(rule.raise_contexts[0].within.kind, ContextWindow::Kind::kClause);
  EXPECT_EQ(rule.raise_contexts[0].label, "military context");
  ASSERT_EQ(rule.lower_contexts.size(), 1u);
  EXPECT_EQ(rule.lower_contexts[0].within.words, 1);
  Result<CompiledRuleSet> set = CompileRules(std::move(rules).value(), {});
  EXPECT_TRUE(set.ok()) << set.status().message();
}

TEST(RuleContext, RejectsAConditionThatIsNotAMapping) {
  EXPECT_EQ(ErrorOf(RuleWith("    requires: ['ECCN']\n")),
            "DIR/rules.yaml:9: rule 'x-rule': 'requires' must be a mapping with 'terms' and "
            "'within' (got a list)");
}

TEST(RuleContext, RejectsRaiseThatIsNotAList) {
  EXPECT_EQ(ErrorOf(RuleWith("    raise: {terms: ['x'], within: sentence, label: L}\n")),
            "DIR/rules.yaml:9: rule 'x-rule': 'raise' must be a list of mappings with 'terms', "
            "'within' and 'label' (got a mapping)");
}

TEST(RuleContext, RejectsMissingTermsWithinOrLabel) {
  EXPECT_EQ(ErrorOf(RuleWith("    unless:\n"
                             "      within: sentence\n")),
            "DIR/rules.yaml:10: rule 'x-rule': missing key 'terms' in 'unless'");
  EXPECT_EQ(ErrorOf(RuleWith("    requires:\n"
                             "      terms: ['x']\n")),
            "DIR/rules.yaml:10: rule 'x-rule': missing key 'within' in 'requires'");
  EXPECT_EQ(ErrorOf(RuleWith("    lower:\n"
                             "      - terms: ['x']\n"
                             "        within: clause\n")),
            "DIR/rules.yaml:10: rule 'x-rule': missing key 'label' in 'lower'");
}

TEST(RuleContext, RejectsUnknownKeyInACondition) {
  EXPECT_EQ(ErrorOf(RuleWith("    requires:\n"
                             "      terms: ['x']\n"
                             "      withen: sentence\n")),
            "DIR/rules.yaml:11: rule 'x-rule': unknown key in 'requires' 'withen' (did you mean "
            "'within'? allowed: terms, within, label)");
}

TEST(RuleContext, RejectsBadWindows) {
  for (const char* window :
       {"paragraph", "words", "five words", "101 words", "3 lines", "-1 words", "1000 words"}) {
    EXPECT_EQ(ErrorOf(RuleWith("    requires:\n"
                               "      terms: ['x']\n"
                               "      within: '" +
                               std::string(window) + "'\n")),
              "DIR/rules.yaml:11: rule 'x-rule': 'requires.within' must be sentence, clause or N "
              "words with N from 0 to 100 (got '" +
                  std::string(window) + "')")
        << window;
  }
  EXPECT_EQ(ErrorOf(RuleWith("    requires:\n"
                             "      terms: ['x']\n"
                             "      within: [sentence]\n")),
            "DIR/rules.yaml:11: rule 'x-rule': 'requires.within' must be sentence, clause or N "
            "words with N from 0 to 100 (got a list)");
}

TEST(RuleContext, RejectsEmptyTermsAndEmptyTerm) {
  EXPECT_EQ(ErrorOf(RuleWith("    requires:\n"
                             "      terms: []\n"
                             "      within: sentence\n")),
            "DIR/rules.yaml:10: rule 'x-rule': 'requires.terms' must not be empty");
  EXPECT_EQ(ErrorOf(RuleWith("    unless:\n"
                             "      terms:\n"
                             "        - 'a'\n"
                             "        - ''\n"
                             "      within: sentence\n")),
            "DIR/rules.yaml:12: rule 'x-rule': 'unless' term 2 is empty");
  EXPECT_EQ(ErrorOf(RuleWith("    requires:\n"
                             "      terms: 'ECCN'\n"
                             "      within: sentence\n")),
            "DIR/rules.yaml:10: rule 'x-rule': 'requires.terms' must be a list of strings (got "
            "'ECCN')");
}

TEST(RuleContext, RejectsDuplicateKeyInACondition) {
  EXPECT_EQ(ErrorOf(RuleWith("    requires:\n"
                             "      terms: ['x']\n"
                             "      within: sentence\n"
                             "      within: clause\n")),
            "DIR/rules.yaml:12: rule 'x-rule': duplicate key 'within'");
}

TEST(RuleContext, RejectsInvalidTermRegexAtItsLine) {
  EXPECT_EQ(ErrorOf(RuleWith("    raise:\n"
                             "      - label: L\n"
                             "        within: sentence\n"
                             "        terms:\n"
                             "          - 'ok'\n"
                             "          - '(unclosed'\n"),
                    /*compile=*/true),
            "DIR/rules.yaml:14: rule 'x-rule': invalid term '(unclosed' in 'raise': missing ): "
            "(unclosed");
}

TEST(RuleContext, RejectsATermThatCanMatchTheEmptyString) {
  EXPECT_EQ(ErrorOf(RuleWith("    unless:\n"
                             "      terms: ['x*']\n"
                             "      within: 3 words\n"),
                    /*compile=*/true),
            "DIR/rules.yaml:10: rule 'x-rule': term 'x*' in 'unless' can match the empty string; "
            "every term must consume text");
}

TEST(RuleContext, RejectsAContextKeyGivenTwice) {
  EXPECT_THAT(ErrorOf(RuleWith("    requires: {terms: ['a'], within: sentence}\n"
                               "    requires: {terms: ['b'], within: sentence}\n")),
              StartsWith("DIR/rules.yaml:10: rule 'x-rule': duplicate key 'requires'"));
}

}  // namespace
}  // namespace trustscreen::rules
