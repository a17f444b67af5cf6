// Data-driven tests over the rule packs shipped in rules/: every rule's own examples, the phrases
// the demo samples depend on, and ordinary contract language that must stay quiet.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "match_test_util.h"
#include "trustscreen/match/matcher.h"
#include "trustscreen/match/rule_tools.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::match {
namespace {

using testing::ShippedRules;

using ::testing::IsEmpty;

std::vector<std::string> RuleIdsFoundIn(std::string_view text) {
  Result<std::vector<Finding>> findings = MatchText(ShippedRules(), text);
  if (!findings.ok()) {
    ADD_FAILURE() << findings.status().message();
    return {};
  }
  std::vector<std::string> ids;
  for (const Finding& finding : *findings)
    ids.push_back(finding.rule_id + " \"" + finding.matched_text + "\"");
  return ids;
}

TEST(ShippedRules, EveryExampleBehaves) {
  const RuleTestReport report = TestRules(ShippedRules());
  for (const ExampleFailure& failure : report.failures) ADD_FAILURE() << failure.Message();
  EXPECT_GT(report.examples, 300);  // not vacuous
}

TEST(ShippedRules, EveryRuleIsDocumentedAndCarriesBothKindsOfExample) {
  std::set<RuleFamily> families;
  for (const rules::Rule& rule : ShippedRules().rules()) {
    SCOPED_TRACE(rule.source_file + ": " + rule.id);
    families.insert(rule.family);
    EXPECT_FALSE(rule.reference.empty());
    EXPECT_FALSE(rule.category.empty());
    EXPECT_GE(rule.examples_match.size(), 2u);
    EXPECT_GE(rule.examples_no_match.size(), 2u);
  }
  EXPECT_EQ(families.size(), 3u);
}

// Phrases the demo samples contain; each must be found by a rule of the expected family.
TEST(ShippedRules, FindsTheDemoPhrases) {
  const std::vector<std::pair<std::string, RuleFamily>> phrases = {
      {"Harbin Institute of Technology", RuleFamily::kPartner},
      {"Beihang University", RuleFamily::kPartner},
      {"hypersonic", RuleFamily::kSensitiveTech},
      {"unmanned aerial vehicle", RuleFamily::kSensitiveTech},
      {"quantum key distribution", RuleFamily::kSensitiveTech},
      {"ECCN 9A012", RuleFamily::kExportControl},
      {"EAR99", RuleFamily::kExportControl},
      {"UK Military List entry ML10", RuleFamily::kExportControl},
      {"deemed export", RuleFamily::kExportControl},
      {"military end use", RuleFamily::kExportControl},
      {"International Traffic in Arms Regulations", RuleFamily::kExportControl},
  };
  for (const auto& [phrase, family] : phrases) {
    const std::string text = "The project, as described, involves " + phrase + " in WP2.";
    Result<std::vector<Finding>> findings = MatchText(ShippedRules(), text);
    ASSERT_TRUE(findings.ok()) << findings.status().message();
    bool found = false;
    for (const Finding& finding : *findings) {
      found = found || (finding.family == family && finding.matched_text == phrase);
    }
    EXPECT_TRUE(found) << "not found with its full text: " << phrase;
  }
}

// DOMAIN.md section 6.1 traps handled by context keys, and the severity modifiers.
TEST(ShippedRules, ContextKeysHandleTheDomainTraps) {
  EXPECT_THAT(RuleIdsFoundIn("The ML10 model outperforms the ML4 baseline."), IsEmpty());
  EXPECT_THAT(RuleIdsFoundIn("Deliver the samples to Room 3A001 by Friday."), IsEmpty());
  EXPECT_THAT(RuleIdsFoundIn("the quantum of quantum computing fees recoverable"), IsEmpty());
  EXPECT_THAT(RuleIdsFoundIn("The drone is rated ML10 under the Military List."),
              ::testing::Contains(::testing::StartsWith("ec-uk-military-list ")));
}

Severity SeverityOf(std::string_view text, std::string_view rule_id, Finding* out = nullptr) {
  Result<std::vector<Finding>> findings = MatchText(ShippedRules(), text);
  EXPECT_TRUE(findings.ok());
  for (const Finding& finding : *findings) {
    if (finding.rule_id != rule_id) continue;
    if (out != nullptr) *out = finding;
    return finding.severity;
  }
  ADD_FAILURE() << "no finding of " << rule_id << " in: " << text;
  return Severity::kInfo;
}

TEST(ShippedRules, ModifiersMoveSeverityFromTheRuleBand) {
  Finding finding;
  EXPECT_EQ(SeverityOf("Technology classified ECCN 9A012 for the missile programme.", "ec-eccn",
                       &finding),
            Severity::kCritical);
  EXPECT_EQ(finding.base_severity, Severity::kHigh);
  EXPECT_THAT(finding.modifiers, ::testing::ElementsAre("+military context"));
  EXPECT_EQ(SeverityOf("Results of fundamental research under ECCN 3E001 are published.", "ec-eccn",
                       &finding),
            Severity::kMedium);
  EXPECT_EQ(
      SeverityOf("The project does not involve hypersonic flight.", "tech-hypersonics", &finding),
      Severity::kMedium);
  EXPECT_TRUE(finding.negated);
  EXPECT_THAT(finding.modifiers, ::testing::ElementsAre("-negated"));
}

TEST(ShippedRules, StayQuietOnAMedievalHistoryTeachingExchange) {
  EXPECT_THAT(RuleIdsFoundIn(
                  "MEMORANDUM OF UNDERSTANDING for a Teaching Exchange in Medieval History.\n"
                  "1. Purpose. The Parties will exchange up to two members of staff each year to "
                  "teach courses on the Carolingian empire, monastic scriptoria and the Hundred "
                  "Years' War, and to supervise dissertations on twelfth-century charters.\n"
                  "2. Materials. Digitised manuscripts remain the property of the lending library; "
                  "any export of original manuscripts for exhibition requires a licence from the "
                  "relevant heritage authority.\n"
                  "3. Data. Student records will be encrypted at rest and handled under the GDPR "
                  "(Regulation (EU) 2016/679).\n"
                  "4. Facilities. The dual use of seminar rooms by both departments is agreed.\n"
                  "5. Liability. The quantum of damages shall not exceed the fees paid.\n"
                  "6. Licence. Each Party grants the other a non-exclusive licence to use course "
                  "materials for teaching.\n"
                  "7. Term. This MoU runs for three academic years and may be renewed in writing."),
              IsEmpty());
}

TEST(ShippedRules, StayQuietOnOrdinaryContractLanguage) {
  for (const char* text : {
           "Licensee shall not export the Software except as permitted by this Agreement.",
           "All data shall be encrypted using AES-256 in transit and at rest.",
           "The equipment is for dual use by the research and teaching teams.",
           "The licence fee is payable within thirty days of invoice.",
           "Each party shall comply with all applicable laws and regulations.",
           "An ML pipeline will classify 10 mL samples; see Room 12B, Building 3.",
           "The entity list in Schedule 2 names each affiliate of the Company.",
       }) {
    EXPECT_THAT(RuleIdsFoundIn(text), IsEmpty()) << text;
  }
}

}  // namespace
}  // namespace trustscreen::match
