// Findings in a worksheet cell or on a slide say where they are: "Partners!B12", "slide 2".
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "trustscreen/rules/rule_set.h"
#include "trustscreen/screen/screen.h"

namespace trustscreen::screen {
namespace {

// A two-page document: page 1 is `first`, page 2 is `second`, each one block.
Document TwoPages(const std::string& first, const std::string& second) {
  Document document;
  document.path = "budget.xlsx";
  document.text = first + "\f" + second;
  document.pages = {Page{.number = 1, .begin = 0, .end = first.size()},
                    Page{.number = 2, .begin = first.size() + 1, .end = document.text.size()}};
  for (const Page& page : document.pages) {
    TextBlock block;
    block.begin = page.begin;
    block.end = page.end;
    block.part = TextPart::kTable;
    document.blocks.push_back(block);
  }
  return document;
}

const Finding* PartnerFinding(const DocumentResult& result) {
  for (const Finding& finding : result.findings) {
    if (finding.family == RuleFamily::kPartner) return &finding;
  }
  return nullptr;
}

DocumentResult Screened(Document document) {
  Result<rules::CompiledRuleSet> rules =
      rules::LoadRules({std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"});
  EXPECT_TRUE(rules.ok()) << rules.status().message();
  DocumentResult result;
  result.document = std::move(document);
  if (rules.ok()) ScreenDocument(*rules, result);
  return result;
}

TEST(Locations, AFindingInAWorksheetCellNamesTheSheetAndTheCell) {
  Document document = TwoPages("Budget\t1200", "Subcontractor\tHarbin Institute of Technology");
  document.pages[0].label = "Budget";
  document.pages[1].label = "Partners";
  document.blocks[1].locator = "B12";
  const DocumentResult result = Screened(std::move(document));
  const Finding* partner = PartnerFinding(result);
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->page, 2);
  EXPECT_EQ(partner->location, "Partners!B12");
}

TEST(Locations, ASheetNameThatIsNotOneWordIsQuotedAsInAFormula) {
  Document document = TwoPages("Budget", "Harbin Institute of Technology");
  document.pages[1].label = "Sam's Partners";
  document.blocks[1].locator = "C3";
  const DocumentResult result = Screened(std::move(document));
  const Finding* partner = PartnerFinding(result);
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->location, "'Sam''s Partners'!C3");
}

TEST(Locations, AFindingOnALabelledPageWithoutCellsNamesThePage) {
  Document document = TwoPages("Title slide", "Our partner: Harbin Institute of Technology");
  document.pages[0].label = "slide 1";
  document.pages[1].label = "slide 2";
  const DocumentResult result = Screened(std::move(document));
  const Finding* partner = PartnerFinding(result);
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->location, "slide 2");
}

TEST(Locations, AFindingOnAnUnlabelledPageHasNoLocation) {
  const DocumentResult result = Screened(TwoPages("Preamble", "Harbin Institute of Technology"));
  const Finding* partner = PartnerFinding(result);
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->location, "");
}

}  // namespace
}  // namespace trustscreen::screen
