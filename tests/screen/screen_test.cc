// The library's screening path: one extracted document to placed, fingerprinted findings with
// their clauses' text, without the pipeline.
#include "trustscreen/screen/screen.h"

#include <gtest/gtest.h>

#include <string>

#include "temp_dir.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::screen {
namespace {

using trustscreen::testing::TempDir;

rules::CompiledRuleSet Rules(TempDir& dir) {
  dir.Write("rules.yaml",
            "rules:\n"
            "  - id: ec-licence\n"
            "    title: Export licence\n"
            "    family: export-control\n"
            "    category: licensing\n"
            "    severity: medium\n"
            "    rationale: r\n"
            "    reference: x\n"
            "    patterns: ['export\\s+licen[cs]e']\n");
  Result<rules::CompiledRuleSet> set = rules::LoadRules({dir.path()});
  EXPECT_TRUE(set.ok()) << set.status().message();
  return std::move(set).value();
}

DocumentResult Extracted(std::string text) {
  DocumentResult result;
  result.document.path = "agreement.txt";
  result.document.status = DocumentStatus::kOk;
  result.document.text = std::move(text);
  return result;
}

constexpr char kAgreement[] =
    "1. Scope\n\nThe Parties will test the detector.\n\n"
    "2. Export Control\n\nShipment of the boards needs an export licence from the UK.\n";

TEST(ScreenDocument, PlacesFingerprintsAndCutsOutTheFlaggedClause) {
  TempDir dir;
  DocumentResult result = Extracted(kAgreement);
  ScreenDocument(Rules(dir), result);
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& finding = result.findings[0];
  EXPECT_EQ(finding.matched_text, "export licence");
  EXPECT_EQ(finding.clause_ref, "2");
  EXPECT_EQ(finding.clause_title, "Export Control");
  EXPECT_EQ(finding.rule_category, "licensing");
  EXPECT_EQ(finding.fingerprint.size(), 64u);
  ASSERT_EQ(result.clauses.size(), 1u);
  EXPECT_EQ(result.clauses[0].ref, "2");
  EXPECT_NE(result.clauses[0].text.find("needs an export licence"), std::string::npos);
  EXPECT_EQ(result.document.status, DocumentStatus::kOk);
  EXPECT_GT(result.match_seconds, 0.0);
  EXPECT_FALSE(result.document.text.empty());  // the caller releases it
}

TEST(ScreenDocument, ADocumentOverItsTimeIsTimeoutWithNoFindingsNeverClean) {
  TempDir dir;
  const rules::CompiledRuleSet rules = Rules(dir);
  DocumentResult result = Extracted(kAgreement);
  ScreenDocument(rules, result, /*timeout_seconds=*/0);
  EXPECT_EQ(result.document.status, DocumentStatus::kTimeout);
  EXPECT_NE(result.document.reason.find("--timeout"), std::string::npos);
  EXPECT_TRUE(result.findings.empty());
  EXPECT_TRUE(result.clauses.empty());
}

TEST(ScreenDocument, LeavesADocumentWithoutTextAsItIs) {
  TempDir dir;
  DocumentResult result = Extracted("");
  result.document.status = DocumentStatus::kNeedsOcr;
  ScreenDocument(Rules(dir), result);
  EXPECT_EQ(result.document.status, DocumentStatus::kNeedsOcr);
  EXPECT_TRUE(result.findings.empty());
  EXPECT_EQ(result.match_seconds, 0.0);
}

}  // namespace
}  // namespace trustscreen::screen
