// Findings in real contracts of the shared corpus are placed in the clause a reviewer would cite:
// extraction (PDF layout), clause segmentation and the shipped rules together.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "trustscreen/pipeline/scan.h"

namespace trustscreen::pipeline {
namespace {

const std::filesystem::path kCuadPdf =
    std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "contracts" / "cuad" / "pdf";
const std::filesystem::path kRules = std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules";

// The findings of one document screened with the shipped rules.
std::vector<Finding> ScreenWithShippedRules(const std::filesystem::path& file) {
  Result<rules::CompiledRuleSet> rules = rules::LoadRules({kRules});
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  if (!rules.ok()) return {};
  std::vector<Finding> findings;
  ScreenFiles({file.string()}, *rules, {}, 1, [&](DocumentResult&& result) {
    EXPECT_EQ(result.document.status, DocumentStatus::kOk) << result.document.reason;
    for (Finding& finding : result.findings) findings.push_back(std::move(finding));
  });
  return findings;
}

// The first export-control finding of `findings` whose matched text contains `words`.
const Finding* ExportControlFinding(const std::vector<Finding>& findings, std::string_view words) {
  for (const Finding& finding : findings) {
    if (finding.family == RuleFamily::kExportControl &&
        finding.matched_text.find(words) != std::string::npos) {
      return &finding;
    }
  }
  return nullptr;
}

TEST(CorpusClauses, ExportControlClauseWithNumberInItsOwnColumnIsCitedByNumberTitleAndPage) {
  // The AZUL-ATR maintenance agreement sets clause numbers in a column of their own: Poppler reads
  // "18." as a block apart, before the last items of clause 17, and "EXPORT CONTROL" after them.
  // The PDF layout joins the number to its heading line, so the clause is found.
  const std::filesystem::path pdf = kCuadPdf / "Part_I" / "Maintenance" /
                                    "AzulSa_20170303_F-1A_EX-10.3_9943903_EX-10.3_Maintenance "
                                    "Agreement1.pdf";
  TRUSTSCREEN_NEED_CORPUS(pdf);
  const std::vector<Finding> findings = ScreenWithShippedRules(pdf);
  const Finding* finding = ExportControlFinding(findings, "export control laws");
  ASSERT_NE(finding, nullptr) << findings.size() << " findings, none on export control laws";
  EXPECT_EQ(finding->clause_ref, "18");
  EXPECT_EQ(finding->clause_title, "EXPORT CONTROL");  // as the contract writes it
  EXPECT_EQ(finding->section, "18 EXPORT CONTROL");
  EXPECT_EQ(finding->page, 31);  // `pdftotext -f 31 -l 31` shows the clause
}

TEST(CorpusClauses, ExportClauseAfterContentsListingSchedulesIsNotPlacedInASchedule) {
  // The Cardlytics (Bank of America) licence agreement: numbers "17.0", "17.1" in a column of
  // their own, and a table of contents that lists the clauses, then Schedules A to G.
  const std::filesystem::path pdf = kCuadPdf / "Part_I" / "Maintenance" /
                                    "CardlyticsInc_20180112_S-1_EX-10.16_11002987_EX-10.16_"
                                    "Maintenance Agreement1.pdf";
  TRUSTSCREEN_NEED_CORPUS(pdf);
  const std::vector<Finding> findings = ScreenWithShippedRules(pdf);
  const Finding* finding = ExportControlFinding(findings, "Export Administration Regulations");
  ASSERT_NE(finding, nullptr) << findings.size() << " findings, none on the EAR";
  EXPECT_EQ(finding->clause_ref, "17.1");
  EXPECT_EQ(finding->clause_title, "Export of Software");
  EXPECT_EQ(finding->section, "17.0 EXPORT LAWS");
  EXPECT_EQ(finding->page, 17);  // `pdftotext -f 17 -l 17` shows the clause
}

}  // namespace
}  // namespace trustscreen::pipeline
