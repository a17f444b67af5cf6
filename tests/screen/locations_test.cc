// Findings in a worksheet cell or on a slide say where they are: "Partners!B12", "slide 2".
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "trustscreen/extract/extract.h"
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

// A worksheet named `name` laid out as the spreadsheet readers lay it out: one line per row (row
// numbers from 1), cells separated by a tab, each cell a kTable block located at its A1 reference.
Document Worksheet(const std::string& name, const std::vector<std::vector<std::string>>& rows) {
  Document document;
  document.path = "partners.xlsx";
  document.format = DocumentFormat::kXlsx;
  for (std::size_t row = 0; row < rows.size(); ++row) {
    for (std::size_t column = 0; column < rows[row].size(); ++column) {
      if (column > 0) document.text += '\t';
      TextBlock cell;
      cell.begin = document.text.size();
      document.text += rows[row][column];
      cell.end = document.text.size();
      cell.part = TextPart::kTable;
      cell.locator = std::string(1, static_cast<char>('A' + column)) + std::to_string(row + 1);
      document.blocks.push_back(cell);
    }
    document.text += '\n';
  }
  document.pages = {Page{.number = 1, .begin = 0, .end = document.text.size(), .label = name}};
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

TEST(Locations, EachWorksheetRowIsAClauseOfItsOwnNamedByItsRow) {
  // A row starting with a number ("1.2", "99 LID") is a record, not clause 1.2 running on over the
  // rows below it.
  const DocumentResult result =
      Screened(Worksheet("Partners", {{"Ref", "Name", "Field"},
                                      {"1.2", "Harbin Institute of Technology", "Materials"},
                                      {"99 LID", "University of Leeds", "hypersonic missiles"}}));
  const Finding* partner = PartnerFinding(result);
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->location, "Partners!B2");
  EXPECT_EQ(partner->clause_ref, "row 2");
  EXPECT_EQ(partner->section, "Partners");
  bool technology_in_row_3 = false;
  for (const Finding& finding : result.findings) {
    if (finding.family != RuleFamily::kSensitiveTech) continue;
    technology_in_row_3 = true;
    EXPECT_EQ(finding.clause_ref, "row 3");
  }
  EXPECT_TRUE(technology_in_row_3);
  // The sensitive technology is in another row: the partner's severity is not raised by it.
  for (const std::string& modifier : partner->modifiers) {
    EXPECT_EQ(modifier.find("in the clause"), std::string::npos) << modifier;
  }
}

TEST(Locations, AFindingInACsvFileNamesItsCellAndRow) {
  Document document = extract::ExtractBytes(
      "Ref,Partner,Field\n1.2,Harbin Institute of Technology,Materials\n", "partners.csv", {});
  ASSERT_EQ(document.status, DocumentStatus::kOk) << document.reason;
  const DocumentResult result = Screened(std::move(document));
  const Finding* partner = PartnerFinding(result);
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->location, "B2");
  EXPECT_EQ(partner->clause_ref, "row 2");
}

}  // namespace
}  // namespace trustscreen::screen
