#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "temp_dir.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using trustscreen::testing::TempDir;

constexpr char kFullRule[] = R"(rules:
  - id: ec-test.one
    title: Test rule
    family: export-control
    category: identifiers
    severity: high
    rationale: Because it matters.
    reference: Nowhere in particular.
    patterns:
      - 'foo'
      - 'bar+'
    case_sensitive: true
    whole_word: false
    tags: [a, b]
    examples:
      match: ['foo', 'barr']
      no_match:
        - 'baz'
)";

// The error for `yaml` parsed as file "rules.yaml" in a fresh directory, with the directory
// prefix replaced by "DIR/" so expectations can spell out the whole message.
std::string ParseError(const std::string& yaml) {
  TempDir dir;
  const std::filesystem::path file = dir.Write("rules.yaml", yaml);
  Result<std::vector<Rule>> rules = ParseRuleFile(file);
  if (rules.ok()) return "(parsed without error)";
  std::string message = rules.status().message();
  const std::string prefix = dir.path().generic_string() + "/";
  if (message.rfind(prefix, 0) == 0) message = "DIR/" + message.substr(prefix.size());
  return message;
}

// A valid one-rule file with `extra` appended as further lines of the rule (at line 9 onwards).
std::string RuleWith(const std::string& extra) {
  return "rules:\n"               // 1
         "  - id: x-rule\n"       // 2
         "    title: X\n"         // 3
         "    family: partner\n"  // 4
         "    severity: low\n"    // 5
         "    rationale: Why.\n"  // 6
         "    patterns:\n"        // 7
         "      - 'xyz'\n" +      // 8
         extra;
}

TEST(RuleParser, ParsesEveryKeyOfAValidRule) {
  TempDir dir;
  const std::filesystem::path file = dir.Write("full.yaml", kFullRule);
  Result<std::vector<Rule>> rules = ParseRuleFile(file);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  ASSERT_EQ(rules->size(), 1u);
  const Rule& rule = rules->front();
  EXPECT_EQ(rule.id, "ec-test.one");
  EXPECT_EQ(rule.title, "Test rule");
  EXPECT_EQ(rule.family, RuleFamily::kExportControl);
  EXPECT_EQ(rule.category, "identifiers");
  EXPECT_EQ(rule.severity, Severity::kHigh);
  EXPECT_EQ(rule.rationale, "Because it matters.");
  EXPECT_EQ(rule.reference, "Nowhere in particular.");
  EXPECT_THAT(rule.patterns, ElementsAre("foo", "bar+"));
  EXPECT_TRUE(rule.case_sensitive);
  EXPECT_FALSE(rule.whole_word);
  EXPECT_THAT(rule.tags, ElementsAre("a", "b"));
  EXPECT_THAT(rule.examples_match, ElementsAre("foo", "barr"));
  EXPECT_THAT(rule.examples_no_match, ElementsAre("baz"));
  EXPECT_EQ(rule.source_file, file.generic_string());
  EXPECT_EQ(rule.source_line, 2);
}

TEST(RuleParser, RecordsLinesOfPatternsAndExamples) {
  TempDir dir;
  Result<std::vector<Rule>> rules = ParseRuleFile(dir.Write("full.yaml", kFullRule));
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const Rule& rule = rules->front();
  EXPECT_THAT(rule.pattern_lines, ElementsAre(10, 11));
  EXPECT_THAT(rule.examples_match_lines, ElementsAre(16, 16));
  EXPECT_THAT(rule.examples_no_match_lines, ElementsAre(18));
}

TEST(RuleParser, AppliesDefaultsForOptionalKeys) {
  TempDir dir;
  Result<std::vector<Rule>> rules = ParseRuleFile(dir.Write("r.yaml", RuleWith("")));
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const Rule& rule = rules->front();
  EXPECT_FALSE(rule.case_sensitive);
  EXPECT_TRUE(rule.whole_word);
  EXPECT_TRUE(rule.category.empty());
  EXPECT_TRUE(rule.reference.empty());
  EXPECT_TRUE(rule.examples_match.empty());
}

TEST(RuleParser, AcceptsAnEmptyRulesList) {
  TempDir dir;
  Result<std::vector<Rule>> rules = ParseRuleFile(dir.Write("r.yaml", "rules: []\n"));
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_TRUE(rules->empty());
}

TEST(RuleParser, RejectsMissingRequiredKeyAtTheRuleLine) {
  EXPECT_EQ(ParseError("rules:\n"
                       "  - id: a\n"
                       "    title: A\n"
                       "    family: partner\n"
                       "    severity: low\n"
                       "    patterns: ['a']\n"
                       "  - id: b\n"
                       "    title: B\n"
                       "    family: partner\n"
                       "    severity: low\n"
                       "    rationale: Why.\n"),
            "DIR/rules.yaml:2: rule 'a': missing required key 'rationale'");
}

TEST(RuleParser, NamesARuleWithoutIdByItsPosition) {
  EXPECT_EQ(ParseError(RuleWith("  - title: no id here\n")),
            "DIR/rules.yaml:9: rule #2: missing required key 'id'");
}

TEST(RuleParser, RejectsUnknownKeyListingTheAllowedOnes) {
  EXPECT_EQ(
      ParseError(RuleWith("    paterns: ['abc']\n")),
      "DIR/rules.yaml:9: rule 'x-rule': unknown key 'paterns' (did you mean 'patterns'? "
      "allowed: id, title, family, category, severity, rationale, reference, patterns, "
      "case_sensitive, whole_word, tags, examples, kind, list, requires, unless, raise, lower, "
      "validate, affiliates, severity_by_category, short_names, family_context)");
}

TEST(RuleParser, ReadsSeverityByCategoryAndAffiliatesOfEntityListRules) {
  TempDir dir;
  Result<std::vector<Rule>> rules =
      ParseRuleFile(dir.Write("rules.yaml",
                              "rules:\n"
                              "  - id: p-aspi\n"
                              "    kind: entity-list\n"
                              "    list: aspi.csv\n"
                              "    title: ASPI\n"
                              "    family: partner\n"
                              "    severity: medium\n"
                              "    rationale: r\n"
                              "    affiliates: true\n"
                              "    severity_by_category:\n"
                              "      Seven sons of national defence: critical\n"
                              "      Civilian: low\n"));
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const Rule& rule = rules->at(0);
  EXPECT_TRUE(rule.affiliates);
  EXPECT_EQ(rule.severity_by_category.at("Seven sons of national defence"), Severity::kCritical);
  EXPECT_EQ(rule.severity_by_category.at("Civilian"), Severity::kLow);
  EXPECT_THAT(ParseError(RuleWith("    affiliates: true\n")),
              HasSubstr("'affiliates' needs kind: entity-list"));
}

TEST(RuleParser, RejectsUnknownKeyWithoutSuggestionWhenNothingIsClose) {
  EXPECT_THAT(
      ParseError(RuleWith("    maintainer: someone\n")),
      StartsWith("DIR/rules.yaml:9: rule 'x-rule': unknown key 'maintainer' (allowed: id,"));
}

TEST(RuleParser, RejectsUnknownKeyInExamples) {
  EXPECT_EQ(ParseError(RuleWith("    examples:\n"
                                "      match: ['xyz']\n"
                                "      nomatch: ['abc']\n")),
            "DIR/rules.yaml:11: rule 'x-rule': unknown key in 'examples' 'nomatch' (did you mean "
            "'no_match'? allowed: match, no_match)");
}

TEST(RuleParser, RejectsDuplicateKeyInARule) {
  EXPECT_EQ(ParseError(RuleWith("    title: Again\n")),
            "DIR/rules.yaml:9: rule 'x-rule': duplicate key 'title'");
}

TEST(RuleParser, RejectsBadSeverityAtTheValueLine) {
  EXPECT_EQ(ParseError("rules:\n"
                       "  - id: a\n"
                       "    title: A\n"
                       "    family: partner\n"
                       "    rationale: Why.\n"
                       "    patterns: ['a']\n"
                       "    severity: severe\n"),
            "DIR/rules.yaml:7: rule 'a': unknown severity 'severe' (allowed: critical, high, "
            "medium, low, info)");
}

TEST(RuleParser, RejectsBadFamilyAtTheValueLine) {
  EXPECT_EQ(ParseError("rules:\n"
                       "  - id: a\n"
                       "    title: A\n"
                       "    family:\n"
                       "      partners\n"
                       "    severity: low\n"
                       "    rationale: Why.\n"
                       "    patterns: ['a']\n"),
            "DIR/rules.yaml:5: rule 'a': unknown family 'partners' (allowed: sensitive-tech, "
            "export-control, partner)");
}

TEST(RuleParser, RejectsInvalidId) {
  EXPECT_THAT(ParseError("rules:\n"
                         "  - id: Bad_Id\n"
                         "    title: A\n"),
              StartsWith("DIR/rules.yaml:2: rule 'Bad_Id': invalid id: ids are lowercase"));
}

TEST(RuleParser, RejectsNonBooleanFlag) {
  EXPECT_EQ(ParseError(RuleWith("    whole_word: sometimes\n")),
            "DIR/rules.yaml:9: rule 'x-rule': 'whole_word' must be true or false");
}

TEST(RuleParser, RejectsPatternsGivenAsAString) {
  EXPECT_EQ(ParseError("rules:\n"
                       "  - id: a\n"
                       "    patterns: 'abc'\n"),
            "DIR/rules.yaml:3: rule 'a': 'patterns' must be a list of strings (got 'abc')");
}

TEST(RuleParser, RejectsEmptyPatternList) {
  EXPECT_EQ(ParseError("rules:\n"
                       "  - id: a\n"
                       "    patterns: []\n"),
            "DIR/rules.yaml:3: rule 'a': 'patterns' must not be empty");
}

TEST(RuleParser, RejectsAnEmptyPatternAtItsLine) {
  EXPECT_EQ(ParseError(RuleWith("      - ''\n")),
            "DIR/rules.yaml:9: rule 'x-rule': pattern 2 is empty");
}

TEST(RuleParser, RejectsEmptyRequiredString) {
  EXPECT_THAT(ParseError("rules:\n"
                         "  - id: a\n"
                         "    title:\n"
                         "    family: partner\n"),
              HasSubstr(": rule 'a': 'title' must not be empty"));
  EXPECT_EQ(ParseError("rules:\n"
                       "  - id: a\n"
                       "    title: ''\n"),
            "DIR/rules.yaml:3: rule 'a': 'title' must not be empty");
}

TEST(RuleParser, RejectsARuleThatIsNotAMapping) {
  EXPECT_EQ(ParseError("rules:\n"
                       "  - just a string\n"),
            "DIR/rules.yaml:2: rule #1: must be a mapping of keys to values (got 'just a "
            "string')");
}

TEST(RuleParser, ReportsYamlSyntaxErrorWithLine) {
  EXPECT_THAT(ParseError("rules:\n"
                         "  - id: a\n"
                         "    title: [unclosed\n"
                         "    family: partner\n"),
              ::testing::MatchesRegex("DIR/rules\\.yaml:[345]: YAML syntax error: .+"));
}

TEST(RuleParser, ReportsTabIndentationAsYamlSyntaxError) {
  EXPECT_THAT(ParseError("rules:\n"
                         "  - id: a\n"
                         "\ttitle: A\n"),
              StartsWith("DIR/rules.yaml:3: YAML syntax error: "));
}

TEST(RuleParser, RejectsFileWithoutRulesList) {
  EXPECT_EQ(ParseError(""), "DIR/rules.yaml:1: file has no top-level 'rules' list");
  EXPECT_EQ(ParseError("# only a comment\n"),
            "DIR/rules.yaml:1: file has no top-level 'rules' list");
  EXPECT_EQ(ParseError("- id: a\n"), "DIR/rules.yaml:1: file has no top-level 'rules' list");
  EXPECT_EQ(ParseError("rules: 3\n"), "DIR/rules.yaml:1: 'rules' must be a list of rules");
}

TEST(RuleParser, RejectsUnknownTopLevelKey) {
  EXPECT_EQ(ParseError("rules: []\nrule: []\n"),
            "DIR/rules.yaml:2: unknown top-level key 'rule' (allowed: rules, family_context)");
}

TEST(RuleParser, RejectsSeveralYamlDocuments) {
  EXPECT_THAT(ParseError("rules: []\n---\nrules: []\n"), HasSubstr("more than one YAML document"));
}

TEST(RuleParser, ReportsMissingFileAsNotFound) {
  TempDir dir;
  Result<std::vector<Rule>> rules = ParseRuleFile(dir.path() / "absent.yaml");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace trustscreen::rules
