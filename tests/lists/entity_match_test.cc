// Entity-list rules end to end: a list file and a rule file in a temporary directory, loaded with
// LoadRules and matched with MatchText. Also the rule tools (list, test, lint) on such a set.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compiled_rules_internal.h"
#include "temp_dir.h"
#include "trustscreen/match/matcher.h"
#include "trustscreen/match/rule_tools.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::match {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kList[] =
    "id,name,aliases,list,reference,country,address,start_date,notes\n"
    "el-hit,Harbin Institute of Technology,HIT|哈尔滨工业大学|hit.edu.cn,Entity List,85 FR 34497,"
    "CN,,,\n"
    "el-tju,Tianjin University,,Entity List,85 FR 83420,CN,,,\n"
    "el-nwpu,Northwestern Polytechnical University,NWPU,Entity List,,CN,,,\n"
    "el-bit,Beijing Institute of Technology,BIT,Entity List,,CN,,,\n"
    "el-nj,Nanjing University,,Entity List,,CN,,,\n"
    "el-njust,Nanjing University of Science and Technology,NJUST,Entity List,,CN,,,\n"
    "el-nudt,National University of Defense Technology,,Entity List,,CN,,,\n";

constexpr char kOtherList[] =
    "id,name,aliases,list,reference,country,address,start_date,notes\n"
    "meu-1,Harbin Institute of Technology,,MEU List,,CN,,,\n";

std::string RuleFile(const std::string& id, const std::string& list, const std::string& severity) {
  return "rules:\n"
         "  - id: " +
         id +
         "\n"
         "    kind: entity-list\n"
         "    list: " +
         list +
         "\n"
         "    title: Test list\n"
         "    family: partner\n"
         "    severity: " +
         severity +
         "\n"
         "    rationale: test\n"
         "    examples:\n"
         "      match: ['Tianjin University']\n"
         "      no_match: ['Tianjin University of Technology']\n";
}

class EntityMatch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    dir_->Write("lists/el.csv", kList);
    dir_->Write("lists/meu.csv", kOtherList);
    dir_->Write("a.yaml", RuleFile("test-el", "lists/el.csv", "high"));
    dir_->Write("b.yaml", RuleFile("test-meu", "lists/meu.csv", "critical"));
    Result<rules::CompiledRuleSet> loaded = rules::LoadRules({dir_->path()});
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    rules_ = new rules::CompiledRuleSet(*loaded);
  }
  static void TearDownTestSuite() {
    delete rules_;
    delete dir_;
  }

  // "ENTRY-ID:matched text" of every finding.
  static std::vector<std::string> Hits(const std::string& text) {
    Result<std::vector<Finding>> found = MatchText(*rules_, text);
    EXPECT_TRUE(found.ok()) << found.status().message();
    std::vector<std::string> hits;
    if (!found.ok()) return hits;
    for (const Finding& finding : *found) {
      EXPECT_TRUE(finding.entity.has_value());
      hits.push_back(finding.entity ? finding.entity->entry_id + ":" + finding.matched_text : "?");
    }
    return hits;
  }

  static testing::TempDir* dir_;
  static rules::CompiledRuleSet* rules_;
};

testing::TempDir* EntityMatch::dir_ = nullptr;
rules::CompiledRuleSet* EntityMatch::rules_ = nullptr;

TEST_F(EntityMatch, FindsNamesAliasesAndChineseNames) {
  EXPECT_THAT(Hits("with Tianjin University, China"), ElementsAre("el-tju:Tianjin University"));
  EXPECT_THAT(Hits("与哈尔滨工业大学合作"), ElementsAre("el-hit:哈尔滨工业大学"));
  EXPECT_THAT(Hits("mail li@sa.hit.edu.cn today"), ElementsAre("el-hit:hit.edu.cn"));
}

TEST_F(EntityMatch, FindsNamesAcrossLineBreaksDoubledSpacesCapitalsAndAbbreviations) {
  EXPECT_THAT(Hits("Northwestern Polytechnical\nUniversity"),
              ElementsAre("el-nwpu:Northwestern Polytechnical\nUniversity"));
  EXPECT_THAT(Hits("Beijing  Institute of Technology"),
              ElementsAre("el-bit:Beijing  Institute of Technology"));
  EXPECT_THAT(Hits("NORTHWESTERN POLYTECHNICAL UNIVERSITY"),
              ElementsAre("el-nwpu:NORTHWESTERN POLYTECHNICAL UNIVERSITY"));
  EXPECT_THAT(Hits("Northwestern Polytechnical Univ. (Xi'an)"),
              ElementsAre("el-nwpu:Northwestern Polytechnical Univ"));
  EXPECT_THAT(Hits("National University of Defence Technology"),
              ElementsAre("el-nudt:National University of Defence Technology"));
  // End-of-line hyphenation is undone by text::Normalize before matching (the MEU list's entry
  // wins the merged finding: its rule is critical).
  EXPECT_THAT(Hits("Harbin Insti-\ntute of Technology"),
              ElementsAre("meu-1:Harbin Insti-\ntute of Technology"));
}

TEST_F(EntityMatch, LongestListedNameWinsAndUnlistedLongerNamesDoNotMatch) {
  EXPECT_THAT(Hits("Nanjing University of Science and Technology"),
              ElementsAre("el-njust:Nanjing University of Science and Technology"));
  EXPECT_THAT(Hits("Tianjin University of Technology"), IsEmpty());
  EXPECT_THAT(Hits("Nanjing University of Aeronautics and Astronautics"), IsEmpty());
  EXPECT_THAT(Hits("Northwestern University, Evanston"), IsEmpty());
  EXPECT_THAT(Hits("Tianjin University of the future"), ElementsAre("el-tju:Tianjin University"));
}

TEST_F(EntityMatch, AcronymsNeedCapitalsAndAffiliationContext) {
  EXPECT_THAT(Hits("a HIT song from 1998"), IsEmpty());
  EXPECT_THAT(Hits("the cache hit rate"), IsEmpty());
  EXPECT_THAT(Hits("Zhang Wei, HIT, Harbin 150001"), IsEmpty()) << "no affiliation word nearby";
  EXPECT_THAT(Hits("Zhang Wei, HIT, School of Astronautics and Institute of Optics"),
              ElementsAre("el-hit:HIT"));
  EXPECT_THAT(Hits("co-authors at NWPU (西北工业大学)"), ElementsAre("el-nwpu:NWPU"));
  // The full name elsewhere in the document is context too.
  EXPECT_THAT(Hits("Beijing Institute of Technology. " + std::string(400, '.') + " BIT staff"),
              ElementsAre("el-bit:Beijing Institute of Technology", "el-bit:BIT"));
  EXPECT_THAT(Hits("one bit of luck, University of Bristol"), IsEmpty()) << "capitals only";
}

TEST_F(EntityMatch, OneFindingPerSpanWhenSeveralListsHit) {
  Result<std::vector<Finding>> found = MatchText(*rules_, "Harbin Institute of Technology");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  const Finding& finding = (*found)[0];
  EXPECT_EQ(finding.rule_id, "test-meu");  // critical beats high
  ASSERT_TRUE(finding.entity.has_value());
  EXPECT_EQ(finding.entity->list, "MEU List");
  EXPECT_EQ(finding.entity->listed_name, "Harbin Institute of Technology");
  EXPECT_EQ(finding.entity->matched_alias, "Harbin Institute of Technology");
  EXPECT_THAT(finding.entity->also_listed_in,
              ElementsAre("Entity List: Harbin Institute of Technology (el-hit)"));
}

TEST_F(EntityMatch, FindingNamesListEntryAliasAndReference) {
  Result<std::vector<Finding>> found = MatchText(*rules_, "哈尔滨工业大学");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  const EntityHit& hit = *(*found)[0].entity;
  EXPECT_EQ(hit.list, "Entity List");
  EXPECT_EQ(hit.entry_id, "el-hit");
  EXPECT_EQ(hit.listed_name, "Harbin Institute of Technology");
  EXPECT_EQ(hit.matched_alias, "哈尔滨工业大学");
  EXPECT_EQ(hit.reference, "85 FR 34497");
  EXPECT_EQ(hit.country, "CN");
}

TEST_F(EntityMatch, ListFilesFeedTheRuleSetDigest) {
  ASSERT_EQ(rules_->files().size(), 4u);  // a.yaml, its list, b.yaml, its list
  EXPECT_THAT(rules_->files()[1].path, HasSubstr("lists/el.csv"));
  EXPECT_EQ(rules_->files()[1].rule_count, 0);
}

TEST(EntityListRule, ReportsAMissingListWithTheRuleSubject) {
  testing::TempDir dir;
  dir.Write("r.yaml", RuleFile("test-el", "lists/missing.csv", "high"));
  Result<rules::CompiledRuleSet> loaded = rules::LoadRules({dir.path()});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(loaded.status().message(), HasSubstr("r.yaml:4: rule 'test-el': entity list: "));
}

TEST(EntityListRule, RejectsPatternsAndAMissingList) {
  testing::TempDir dir;
  dir.Write("lists/el.csv", kList);
  dir.Write("r.yaml",
            "rules:\n  - id: x\n    kind: entity-list\n    title: t\n    family: partner\n"
            "    severity: high\n    rationale: r\n");
  EXPECT_THAT(rules::LoadRules({dir.path()}).status().message(),
              HasSubstr("r.yaml:2: rule 'x': missing required key 'list' (kind: entity-list)"));
  dir.Write("r.yaml",
            "rules:\n  - id: x\n    kind: entity-list\n    list: lists/el.csv\n    title: t\n"
            "    family: partner\n    severity: high\n    rationale: r\n    patterns: ['a']\n");
  EXPECT_THAT(rules::LoadRules({dir.path()}).status().message(),
              HasSubstr("'patterns' is not allowed with kind: entity-list"));
  dir.Write("r.yaml",
            "rules:\n  - id: x\n    kind: lists\n    title: t\n    family: partner\n"
            "    severity: high\n    rationale: r\n    patterns: ['a']\n");
  EXPECT_THAT(rules::LoadRules({dir.path()}).status().message(),
              HasSubstr("unknown kind 'lists' (allowed: patterns, entity-list)"));
}

TEST_F(EntityMatch, RuleToolsListTestAndLint) {
  const std::vector<RuleSummary> summaries = ListRules(*rules_);
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(summaries[0].id, "test-el");
  EXPECT_EQ(summaries[0].kind, "entity-list");
  EXPECT_EQ(summaries[0].severity, "high");
  EXPECT_EQ(summaries[0].family, "partner");
  EXPECT_THAT(summaries[0].location, HasSubstr("a.yaml:2"));
  EXPECT_EQ(summaries[0].patterns, 13);  // names and aliases

  const RuleTestReport report = TestRules(*rules_);
  EXPECT_EQ(report.rules, 2);
  EXPECT_EQ(report.examples, 4);
  // test-meu's list has no Tianjin University.
  ASSERT_EQ(report.failures.size(), 1u);
  EXPECT_EQ(report.failures[0].rule_id, "test-meu");
  EXPECT_EQ(report.failures[0].kind, "match");
  EXPECT_EQ(report.failures[0].example, "Tianjin University");
  EXPECT_EQ(report.failures[0].expected, "a finding of rule 'test-meu'");
  EXPECT_EQ(report.failures[0].actual,
            "none (other rules found: 'test-el' \"Tianjin University\" at bytes 0-18)");
  EXPECT_EQ(report.Summary(), "2 rules, 4 examples, 1 failures");

  std::vector<std::string> codes;
  for (const LintWarning& warning : LintRules(*rules_)) codes.push_back(warning.code);
  EXPECT_THAT(codes, ElementsAre("no-reference", "no-category", "no-reference", "no-category"));
}

TEST(LintRules, FlagsCommonWordsBareWordsDuplicatesAndMissingExamples) {
  testing::TempDir dir;
  dir.Write("r.yaml",
            "rules:\n"
            "  - id: a\n    title: t\n    family: partner\n    severity: high\n"
            "    rationale: r\n    reference: ref\n    category: c\n"
            "    patterns: ['research', 'Skolkovo', 'quantum\\s+radar']\n"
            "  - id: b\n    title: t\n    family: partner\n    severity: high\n"
            "    rationale: r\n    reference: ref\n    category: c\n"
            "    patterns: ['quantum\\s+radar']\n"
            "    examples:\n      match: ['quantum radar']\n      no_match: ['radar']\n");
  Result<rules::CompiledRuleSet> loaded = rules::LoadRules({dir.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  std::vector<std::string> messages;
  for (const LintWarning& warning : LintRules(*loaded)) messages.push_back(warning.message);
  ASSERT_EQ(messages.size(), 5u);
  EXPECT_THAT(messages[0], HasSubstr("rule 'a': no match examples [no-match-examples]"));
  EXPECT_THAT(messages[1], HasSubstr("no no_match examples [no-no-match-examples]"));
  EXPECT_THAT(messages[2], HasSubstr("pattern 'research' is a common English word"));
  EXPECT_THAT(messages[3], HasSubstr("r.yaml:9: rule 'a': pattern 'Skolkovo' is a single bare "
                                     "word: consider a phrase or co-term [plain-word]"));
  EXPECT_THAT(messages[4], HasSubstr("r.yaml:17: rule 'b': pattern 'quantum\\s+radar' also "
                                     "appears in rule 'a' ("));
}

TEST(EntityListRule, ANameThatCannotCompileFailsTheTextInsteadOfMatchingNothing) {
  // Names compile on first use (rules::LazyRegex); with no memory for any RE2 program the first
  // candidate name fails, and that must be an error for the text, never "no finding".
  testing::TempDir dir;
  dir.Write("lists/el.csv", kList);
  dir.Write("a.yaml", RuleFile("test-el", "lists/el.csv", "high"));
  rules::CompileOptions options;
  options.pattern_max_mem = 64;
  Result<rules::CompiledRuleSet> loaded =
      rules::internal::LoadRulesWithOptions({dir.path()}, options);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const Result<std::vector<Finding>> found =
      MatchText(*loaded, "A partnership with Tianjin University.");
  ASSERT_FALSE(found.ok());
  EXPECT_THAT(found.status().message(), HasSubstr("failed to compile"));
  EXPECT_THAT(found.status().message(), HasSubstr("not screened"));
}

}  // namespace
}  // namespace trustscreen::match

namespace trustscreen::match {
namespace {

// A generic name listed for one country ("Ministry of Defence", Burma) is that party only where
// the country is named nearby: every state has a ministry of defence.
TEST(GenericEntityNames, NeedTheirCountryNearby) {
  ::trustscreen::testing::TempDir dir;
  dir.Write("lists/el.csv",
            "id,name,aliases,list,reference,country,address,start_date,notes\n"
            "mm-mod,Ministry of Defence,,Entity List,86 FR 13180,MM,,,\n"
            "cn-lab,National Institute of Lasers,,Entity List,,PK,,,\n"
            "ae-its,Innovative Technology Systems,ITS,Entity List,,AE,,,\n");
  dir.Write("el.yaml",
            "rules:\n  - id: test-el\n    kind: entity-list\n    list: lists/el.csv\n"
            "    title: T\n    family: partner\n    severity: high\n    rationale: t\n");
  Result<rules::CompiledRuleSet> loaded = rules::LoadRules({dir.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  auto entries = [&](const std::string& text) {
    std::vector<std::string> ids;
    Result<std::vector<Finding>> found = MatchText(*loaded, text);
    EXPECT_TRUE(found.ok());
    if (found.ok()) {
      for (const Finding& finding : *found) ids.push_back(finding.entity->entry_id);
    }
    return ids;
  };
  EXPECT_THAT(entries("Funded by the UK Ministry of Defence through Dstl."), IsEmpty());
  EXPECT_THAT(entries("Equipment for the Myanmar Ministry of Defence."), ElementsAre("mm-mod"));
  EXPECT_THAT(entries("the Ministry of Defence (Burma) procures"), ElementsAre("mm-mod"));
  // An acronym that is an English word counts only with the full name in the text.
  EXPECT_THAT(entries("THE LICENSEE SHALL PERFORM ITS OBLIGATIONS AT THE UNIVERSITY."), IsEmpty());
  EXPECT_THAT(entries("Innovative Technology Systems (ITS) of Dubai; ITS staff"),
              ElementsAre("ae-its", "ae-its", "ae-its"));  // the name and both ITS
  // A name with a specific word needs no country.
  EXPECT_THAT(entries("Visit to the National Institute of Lasers."), ElementsAre("cn-lab"));
}

}  // namespace
}  // namespace trustscreen::match
