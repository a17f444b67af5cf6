// Severity from what the clause does: family contexts (rules/README.md, "Family context") and
// the decisions match::PlaceInClauses makes once clauses are known.
#include "trustscreen/match/clause_severity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "match_test_util.h"
#include "temp_dir.h"
#include "trustscreen/rules/rule_set.h"
#include "trustscreen/text/clauses.h"

namespace trustscreen::match {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using trustscreen::testing::TempDir;

std::string PatternRule(const std::string& id, const std::string& family,
                        const std::string& severity, const std::string& pattern,
                        const std::string& extra = "") {
  return "  - id: " + id + "\n    title: " + id + "\n    family: " + family +
         "\n    category: Area of " + id + "\n    severity: " + severity +
         "\n    rationale: r\n    reference: x\n    patterns: ['" + pattern + "']\n" + extra;
}

constexpr char kFamilyContext[] =
    "family_context:\n"
    "  - family: sensitive-tech\n"
    "    raise:\n"
    "      - terms: ['licen[cs]e[sd]?', 'transfer(?:s|red)?']\n"
    "        within: clause\n"
    "        label: transferred or licensed\n";

// The rules of `dir` after writing a family-context file and one rule file.
rules::CompiledRuleSet Load(TempDir& dir, const std::string& rule_file) {
  dir.Write("context.yaml", kFamilyContext);
  dir.Write("rules.yaml", rule_file);
  Result<rules::CompiledRuleSet> set = rules::LoadRules({dir.path()});
  EXPECT_TRUE(set.ok()) << set.status().message();
  return std::move(set).value();
}

const Finding& Only(const std::vector<Finding>& findings, const std::string& rule_id) {
  for (const Finding& finding : findings) {
    if (finding.rule_id == rule_id) return finding;
  }
  ADD_FAILURE() << "no finding of " << rule_id;
  static const Finding kNone;
  return kNone;
}

TEST(FamilyContext, RaisesEveryRuleOfItsFamilyInAnotherFile) {
  TempDir dir;
  const rules::CompiledRuleSet set =
      Load(dir, "rules:\n" + PatternRule("tech-a", "sensitive-tech", "low", "gallium nitride") +
                    PatternRule("ec-a", "export-control", "low", "export licen[cs]e"));
  const std::vector<Finding> findings = testing::Match(
      set,
      "1. Licence. The Company licenses its gallium nitride process and needs an export "
      "licence.");
  const Finding& tech = Only(findings, "tech-a");
  EXPECT_EQ(tech.severity, Severity::kMedium);
  EXPECT_THAT(tech.modifiers, ElementsAre("+transferred or licensed"));
  EXPECT_EQ(tech.rule_category, "Area of tech-a");
  // Another family is not touched.
  EXPECT_THAT(Only(findings, "ec-a").modifiers, IsEmpty());
}

TEST(FamilyContext, LeavesATechnologyOnlyNamedAtItsRuleBand) {
  TempDir dir;
  const rules::CompiledRuleSet set =
      Load(dir, "rules:\n" + PatternRule("tech-a", "sensitive-tech", "low", "gallium nitride"));
  const std::vector<Finding> findings =
      testing::Match(set, "The laboratory grows gallium nitride crystals.");
  const Finding& tech = Only(findings, "tech-a");
  EXPECT_EQ(tech.severity, Severity::kLow);
  EXPECT_THAT(tech.modifiers, IsEmpty());
}

TEST(FamilyContext, ARuleCanOptOut) {
  TempDir dir;
  const rules::CompiledRuleSet set =
      Load(dir, "rules:\n" + PatternRule("tech-a", "sensitive-tech", "low", "gallium nitride",
                                         "    family_context: false\n"));
  const std::vector<Finding> findings =
      testing::Match(set, "The Company licenses its gallium nitride process.");
  EXPECT_EQ(Only(findings, "tech-a").severity, Severity::kLow);
}

TEST(FamilyContext, AFileOfFamilyContextsOnlyHoldsNoRules) {
  TempDir dir;
  std::vector<rules::FamilyContext> contexts;
  Result<std::vector<rules::Rule>> parsed =
      rules::ParseRuleFile(dir.Write("context.yaml", kFamilyContext), &contexts);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_THAT(*parsed, IsEmpty());
  ASSERT_EQ(contexts.size(), 1u);
  EXPECT_EQ(contexts[0].family, RuleFamily::kSensitiveTech);
  ASSERT_EQ(contexts[0].raise_contexts.size(), 1u);
  EXPECT_EQ(contexts[0].raise_contexts[0].label, "transferred or licensed");
}

TEST(FamilyContext, AnInvalidTermIsReportedInItsOwnFile) {
  TempDir dir;
  dir.Write("context.yaml",
            "family_context:\n"
            "  - family: sensitive-tech\n"
            "    raise:\n"
            "      - terms: ['(unclosed']\n"
            "        within: clause\n"
            "        label: broken\n");
  dir.Write("rules.yaml",
            "rules:\n" + PatternRule("tech-a", "sensitive-tech", "low", "gallium nitride"));
  Result<rules::CompiledRuleSet> set = rules::LoadRules({dir.path()});
  ASSERT_FALSE(set.ok());
  EXPECT_THAT(set.status().message(), HasSubstr("context.yaml:4: family_context"));
  EXPECT_THAT(set.status().message(), HasSubstr("'(unclosed'"));
}

TEST(FamilyContext, NeedsAFamilyAndConditions) {
  TempDir dir;
  Result<std::vector<rules::Rule>> missing_family = rules::ParseRuleFile(dir.Write(
      "a.yaml", "family_context:\n  - raise: [{terms: ['x'], within: clause, label: l}]\n"));
  ASSERT_FALSE(missing_family.ok());
  EXPECT_THAT(missing_family.status().message(), HasSubstr("missing required key 'family'"));
  Result<std::vector<rules::Rule>> no_conditions =
      rules::ParseRuleFile(dir.Write("b.yaml", "family_context:\n  - family: partner\n"));
  ASSERT_FALSE(no_conditions.ok());
  EXPECT_THAT(no_conditions.status().message(), HasSubstr("needs 'raise' or 'lower'"));
}

Finding At(std::string_view text, std::string_view word, RuleFamily family, Severity severity) {
  Finding finding;
  finding.rule_id = std::string(word);
  finding.family = family;
  finding.severity = severity;
  finding.base_severity = severity;
  finding.begin = text.find(word);
  finding.end = finding.begin + word.size();
  return finding;
}

constexpr std::string_view kAgreement =
    "1. Scope. The Parties will develop gallium nitride amplifiers.\n\n"
    "2. Partner. Work is shared with Harbin Institute of Technology on gallium arsenide.\n\n"
    "3. Other. Nothing here.\n";

TEST(PlaceInClauses, AListedPartnerAndATechnologyInOneClauseRankAboveEither) {
  std::vector<Finding> findings = {
      At(kAgreement, "gallium nitride", RuleFamily::kSensitiveTech, Severity::kLow),
      At(kAgreement, "Harbin Institute of Technology", RuleFamily::kPartner, Severity::kHigh),
      At(kAgreement, "gallium arsenide", RuleFamily::kSensitiveTech, Severity::kLow)};
  PlaceInClauses(text::SegmentClauses(kAgreement), findings);
  EXPECT_EQ(findings[0].clause_ref, "1");
  EXPECT_EQ(findings[0].severity, Severity::kLow);  // another clause
  EXPECT_THAT(findings[0].modifiers, IsEmpty());
  EXPECT_EQ(findings[1].clause_ref, "2");
  EXPECT_EQ(findings[1].severity, Severity::kCritical);
  EXPECT_THAT(findings[1].modifiers, ElementsAre(kTechnologyInClause));
  EXPECT_EQ(findings[2].severity, Severity::kHigh);
  EXPECT_THAT(findings[2].modifiers, ElementsAre(kPartnerInClause));
}

TEST(PlaceInClauses, APartnerBelowMediumDoesNotCombine) {
  std::vector<Finding> findings = {
      At(kAgreement, "Harbin Institute of Technology", RuleFamily::kPartner, Severity::kLow),
      At(kAgreement, "gallium arsenide", RuleFamily::kSensitiveTech, Severity::kLow)};
  PlaceInClauses(text::SegmentClauses(kAgreement), findings);
  EXPECT_EQ(findings[0].severity, Severity::kLow);
  EXPECT_EQ(findings[1].severity, Severity::kLow);
}

TEST(PlaceInClauses, LowersFindingsInAReferencesSectionOneBand) {
  constexpr std::string_view kProposal =
      "1. Aims\nWe study gallium nitride.\n\nReferences\n[1] A. Author, Gallium arsenide "
      "lasers, 2019.\n";
  std::vector<Finding> findings = {
      At(kProposal, "gallium nitride", RuleFamily::kSensitiveTech, Severity::kMedium),
      At(kProposal, "Gallium arsenide", RuleFamily::kSensitiveTech, Severity::kMedium)};
  PlaceInClauses(text::SegmentClauses(kProposal), findings);
  EXPECT_EQ(findings[0].severity, Severity::kMedium);
  EXPECT_TRUE(findings[1].in_references);
  EXPECT_EQ(findings[1].severity, Severity::kLow);
  EXPECT_THAT(findings[1].modifiers, Contains("-references section"));
}

}  // namespace
}  // namespace trustscreen::match
