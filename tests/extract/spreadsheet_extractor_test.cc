// XLSX and ODS on generated packages: cells as shown, one page per sheet, cell locators, hidden
// sheets, comments and notes, and the limits (cells, zip bombs, repeated ODS cells).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "package_fixtures.h"
#include "sheet_text.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"
#include "zip_fixtures.h"

namespace trustscreen::extract {
namespace {

using fixtures::BlockWith;
using fixtures::BuildZip;
using fixtures::XlsxMembers;
using fixtures::XlsxSheet;

constexpr std::uint64_t kMiB = 1 << 20;

std::string Text(const Document& doc, const TextBlock& block) {
  return doc.text.substr(block.begin, block.end - block.begin);
}

std::string PageText(const Document& doc, std::size_t index) {
  const Page& page = doc.pages.at(index);
  return doc.text.substr(page.begin, page.end - page.begin);
}

std::string InlineCell(std::string_view ref, std::string_view text) {
  return "<c r=\"" + std::string(ref) + "\" t=\"inlineStr\"><is><t>" + std::string(text) +
         "</t></is></c>";
}

TEST(XlsxExtractor, ReadsEveryCellAsShownOneLinePerRow) {
  const std::string styles =
      "<numFmts><numFmt numFmtId=\"164\" formatCode=\"d mmm yyyy\"/></numFmts>"
      "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"2\"/><xf numFmtId=\"10\"/><xf numFmtId=\"14\"/>"
      "<xf numFmtId=\"164\"/><xf numFmtId=\"3\"/></cellXfs>";
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"2\"><c r=\"A2\"><v>42</v></c><c r=\"B2\" s=\"1\"><v>3.14159</v></c>"
      "<c r=\"C2\" s=\"2\"><v>0.125</v></c><c r=\"D2\" s=\"3\"><v>43363</v></c>"
      "<c r=\"E2\" s=\"4\"><v>35287</v></c><c r=\"F2\" s=\"5\"><v>1234567</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"b\"><v>1</v></c><c r=\"B3\" t=\"str\"><f>A1&amp;B1</f>"
      "<v>Export controlled</v></c><c r=\"C3\" t=\"e\"><v>#DIV/0!</v></c>"
      "<c r=\"D3\"><f>1+1</f><v>2</v></c>" +
      InlineCell("E3", "inline text") + "</row>";
  const std::string xlsx =
      BuildZip(XlsxMembers({{.name = "Budget", .sheet_data = data, .state = {}, .comments = {}}},
                           {"<t>Export</t>",
                            "<r><t>contr</t></r><r><rPr><b/></rPr><t>olled</t></r>"
                            "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh>"},
                           styles));
  const Document doc = ExtractBytes(xlsx, "budget.xlsx", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kXlsx);
  EXPECT_EQ(doc.text,
            "Export\tcontrolled\n"
            "42\t3.14\t12.50%\t2018-09-20\t10 Aug 1996\t1,234,567\n"
            "TRUE\tExport controlled\t#DIV/0!\t2\tinline text\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_EQ(doc.pages[0].label, "Budget");
  const TextBlock* block = BlockWith(doc, "10 Aug 1996");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->locator, "E2");
  EXPECT_EQ(block->part, TextPart::kTable);
  EXPECT_EQ(Text(doc, *block), "10 Aug 1996");
}

TEST(XlsxExtractor, ListedPartnerIsLocatedAtItsSheetAndCell) {
  std::string data;
  for (int row = 1; row <= 12; ++row) {
    const std::string r = std::to_string(row);
    data += "<row r=\"" + r + "\">" + InlineCell("A" + r, "Partner " + r);
    if (row == 12) data += InlineCell("B" + r, "Harbin Institute of Technology");
    data += "</row>";
  }
  const std::string xlsx = BuildZip(
      XlsxMembers({{.name = "Summary",
                    .sheet_data = "<row r=\"1\">" + InlineCell("A1", "Totals") + "</row>",
                    .state = {},
                    .comments = {}},
                   {.name = "Partners", .sheet_data = data, .state = {}, .comments = {}}}));
  const Document doc = ExtractBytes(xlsx, "partners.xlsx", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.text[doc.pages[0].end], '\f');  // pages are separated by a form feed
  const std::size_t at = doc.text.find("Harbin Institute of Technology");
  ASSERT_NE(at, std::string::npos);
  const Page* page = doc.PageRecordAt(at);
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(page->number, 2);
  EXPECT_EQ(page->label, "Partners");
  const TextBlock* block = BlockWith(doc, "Harbin Institute of Technology");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->locator, "B12");
  EXPECT_NE(PageText(doc, 1).find("Partner 12\tHarbin Institute of Technology\n"),
            std::string::npos);
}

TEST(XlsxExtractor, ReadsHiddenSheetsAndSaysSo) {
  const std::string xlsx = BuildZip(
      XlsxMembers({{.name = "Visible",
                    .sheet_data = "<row r=\"1\">" + InlineCell("A1", "shown") + "</row>",
                    .state = {},
                    .comments = {}},
                   {.name = "Secret",
                    .sheet_data = "<row r=\"1\">" + InlineCell("A1", "hidden text") + "</row>",
                    .state = "hidden",
                    .comments = {}},
                   {.name = "Deeper",
                    .sheet_data = "<row r=\"3\">" + InlineCell("C3", "very hidden") + "</row>",
                    .state = "veryHidden",
                    .comments = {}}}));
  const Document doc = ExtractBytes(xlsx, "hidden.xlsx", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.reason, "hidden sheets read: 'Secret', 'Deeper'");
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[1].label, "Secret");
  EXPECT_EQ(PageText(doc, 1), "hidden text\n");
  EXPECT_EQ(BlockWith(doc, "very hidden")->locator, "C3");
}

TEST(XlsxExtractor, CommentsAreCommentBlocksAtTheirCell) {
  const std::string xlsx = BuildZip(
      XlsxMembers({{.name = "Sheet1",
                    .sheet_data = "<row r=\"2\">" + InlineCell("B2", "value") + "</row>",
                    .state = {},
                    .comments = "<comment ref=\"B2\" authorId=\"0\"><text><r><t>Check with </t></r>"
                                "<r><t>export control office</t></r></text></comment>"}}));
  const Document doc = ExtractBytes(xlsx, "comment.xlsx", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  const TextBlock* note = BlockWith(doc, "Check with export control office");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->part, TextPart::kComment);
  EXPECT_EQ(note->locator, "B2");
  EXPECT_EQ(doc.text.find("A. Reviewer"), std::string::npos);  // authors are not text
}

TEST(XlsxExtractor, TextBoxesDrawnOnASheetAreRead) {
  fixtures::PackageMembers members =
      XlsxMembers({{.name = "Sheet1",
                    .sheet_data = "<row r=\"1\">" + InlineCell("A1", "cell") + "</row>",
                    .state = {},
                    .comments = {}}});
  members.emplace_back("xl/worksheets/_rels/sheet1.xml.rels",
                       fixtures::Rels(fixtures::Rel("rId1", "drawing", "../drawings/d1.xml")));
  members.emplace_back(
      "xl/drawings/d1.xml",
      "<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><xdr:twoCellAnchor>"
      "<xdr:sp><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>Subcontractor: </a:t></a:r><a:r><a:t>NUDT"
      "</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>");
  const Document doc = ExtractBytes(BuildZip(members), "box.xlsx", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "cell\nSubcontractor: NUDT\n");
  EXPECT_EQ(BlockWith(doc, "NUDT")->part, TextPart::kTextBox);
}

TEST(XlsxExtractor, CellsOverTheSheetLimitMakeItPartialNamingTheSheet) {
  std::string data;
  for (int row = 1; row <= 10; ++row) {
    data += "<row r=\"" + std::to_string(row) + "\">" +
            InlineCell("A" + std::to_string(row), "cell " + std::to_string(row)) + "</row>";
  }
  const std::string xlsx =
      BuildZip(XlsxMembers({{.name = "Big", .sheet_data = data, .state = {}, .comments = {}},
                            {.name = "Small",
                             .sheet_data = "<row r=\"1\">" + InlineCell("A1", "after") + "</row>",
                             .state = {},
                             .comments = {}}}));
  ExtractOptions options;
  options.max_sheet_cells = 4;
  const Document doc = ExtractBytes(xlsx, "big.xlsx", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_NE(doc.reason.find("sheet 'Big'"), std::string::npos) << doc.reason;
  EXPECT_NE(doc.reason.find("max_sheet_cells"), std::string::npos) << doc.reason;
  EXPECT_NE(doc.text.find("cell 4"), std::string::npos);
  EXPECT_EQ(doc.text.find("cell 5"), std::string::npos);
  EXPECT_NE(doc.text.find("after"), std::string::npos);  // the next sheet is still read

  options.max_sheet_cells = 100;
  options.max_cells = 3;
  const Document capped = ExtractBytes(xlsx, "big.xlsx", options);
  EXPECT_EQ(capped.status, DocumentStatus::kPartial);
  EXPECT_NE(capped.reason.find("max_cells"), std::string::npos) << capped.reason;
  EXPECT_EQ(capped.text.find("after"), std::string::npos);
}

TEST(XlsxExtractor, SharedStringTableIsBoundedByTheCellLimit) {
  const std::string xlsx = BuildZip(XlsxMembers(
      {{.name = "S",
        .sheet_data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\">"
                      "<v>5</v></c></row>",
        .state = {},
        .comments = {}}},
      {"<t>first</t>", "<t>b</t>", "<t>c</t>", "<t>d</t>", "<t>e</t>", "<t>sixth</t>"}));
  ExtractOptions options;
  options.max_cells = 3;
  const Document doc = ExtractBytes(xlsx, "sst.xlsx", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_NE(doc.reason.find("more than 3 shared strings (max_cells)"), std::string::npos)
      << doc.reason;
  EXPECT_EQ(doc.text, "first\n");
}

TEST(XlsxExtractor, ZipBombInASheetIsTooLarge) {
  std::vector<fixtures::RawMember> members;
  for (auto& [name, content] :
       XlsxMembers({{.name = "Bomb", .sheet_data = "", .state = {}, .comments = {}}})) {
    if (name == "xl/worksheets/sheet1.xml") continue;
    members.push_back(fixtures::DeflatedMember(name, content));
  }
  members.push_back(fixtures::DeflatedRepeatMember(
      "xl/worksheets/sheet1.xml",
      std::string(fixtures::kXmlDeclaration) + "<worksheet " + std::string(fixtures::kSmlNs) +
          "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>",
      'a', 96 * kMiB, "</t></is></c></row></sheetData></worksheet>"));
  ExtractOptions options;
  options.max_decompressed_bytes = 64 * kMiB;
  const Document doc = ExtractBytes(fixtures::BuildRawZip(members), "bomb.xlsx", options);
  EXPECT_EQ(doc.format, DocumentFormat::kXlsx);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge) << doc.reason;
  EXPECT_NE(doc.reason.find("zip bomb guard"), std::string::npos) << doc.reason;
  EXPECT_NE(doc.reason.find("xl/worksheets/sheet1.xml"), std::string::npos) << doc.reason;
  EXPECT_TRUE(doc.text.empty());
}

TEST(XlsxExtractor, SharedStringsWithADtdAreNotParsed) {
  std::vector<std::pair<std::string, std::string>> members =
      XlsxMembers({{.name = "S",
                    .sheet_data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
                    .state = {},
                    .comments = {}}},
                  {"<t>x</t>"});
  for (auto& [name, content] : members) {
    if (name == "xl/sharedStrings.xml") {
      content = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaa\">]><sst " +
                std::string(fixtures::kSmlNs) + "><si><t>&a;&a;</t></si></sst>";
    }
  }
  const Document doc = ExtractBytes(BuildZip(members), "dtd.xlsx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt) << doc.reason;
  EXPECT_NE(doc.reason.find("DTD"), std::string::npos) << doc.reason;
}

TEST(XlsxExtractor, ReportsProgressAfterEachSheet) {
  const std::string xlsx =
      BuildZip(XlsxMembers({{.name = "One", .sheet_data = "", .state = {}, .comments = {}},
                            {.name = "Two",
                             .sheet_data = "<row r=\"1\">" + InlineCell("A1", "x") + "</row>",
                             .state = {},
                             .comments = {}}}));
  int pages = 0;
  ExtractOptions options;
  options.on_page = [&] { ++pages; };
  const Document doc = ExtractBytes(xlsx, "two.xlsx", options);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(pages, 2);
}

TEST(XlsxExtractor, DeeplyNestedSheetIsTooLarge) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "<x>";
  for (int i = 0; i < 300; ++i) deep += "</x>";
  const std::string xlsx =
      BuildZip(XlsxMembers({{.name = "Deep",
                             .sheet_data = "<row r=\"1\"><c r=\"A1\">" + deep + "</c></row>",
                             .state = {},
                             .comments = {}}}));
  const Document doc = ExtractBytes(xlsx, "deep.xlsx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge) << doc.reason;
  EXPECT_NE(doc.reason.find("xl/worksheets/sheet1.xml"), std::string::npos) << doc.reason;
}

// ---- ODS ----

std::string OdsCell(std::string_view text, std::string_view attributes = "") {
  return "<table:table-cell office:value-type=\"string\"" +
         (attributes.empty() ? std::string() : " " + std::string(attributes)) + "><text:p>" +
         std::string(text) + "</text:p></table:table-cell>";
}

TEST(OdsExtractor, ReadsSheetsCellsNotesAndHiddenTables) {
  const std::string styles =
      "<style:style style:name=\"ta2\" style:family=\"table\">"
      "<style:table-properties table:display=\"false\"/></style:style>";
  const std::string tables =
      "<table:table table:name=\"Budget\"><table:table-column/>"
      "<table:table-row>" +
      OdsCell("Item") + OdsCell("Cost") +
      "</table:table-row>"
      "<table:table-row table:number-rows-repeated=\"10\"><table:table-cell/></table:table-row>"
      "<table:table-row><table:table-cell table:number-columns-repeated=\"1000\"/>"
      "<table:table-cell office:value-type=\"float\" office:value=\"1250.5\">"
      "<text:p>1,250.50</text:p>"
      "<office:annotation><dc:creator>R</dc:creator><text:p>ask the <text:span>export</text:span>"
      " office</text:p></office:annotation></table:table-cell></table:table-row>"
      "</table:table>"
      "<table:table table:name=\"Partners\" table:style-name=\"ta2\">"
      "<table:table-row table:number-rows-repeated=\"11\"><table:table-cell/></table:table-row>"
      "<table:table-row>" +
      OdsCell("Partner") +
      OdsCell("Harbin<text:s text:c=\"2\"/>Institute<text:tab/>of Technology") +
      "</table:table-row></table:table>";
  const Document doc =
      ExtractBytes(BuildZip(fixtures::OdsMembers(tables, styles)), "b.ods", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kOds);
  EXPECT_EQ(doc.reason, "hidden sheets read: 'Partners'");
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[0].label, "Budget");
  EXPECT_EQ(doc.pages[1].label, "Partners");
  EXPECT_EQ(PageText(doc, 0), "Item\tCost\n1,250.50\nask the export office\n");
  EXPECT_EQ(BlockWith(doc, "1,250.50")->locator, "ALM12");
  const TextBlock* note = BlockWith(doc, "ask the export office");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->part, TextPart::kComment);
  EXPECT_EQ(note->locator, "ALM12");
  const TextBlock* partner = BlockWith(doc, "Harbin");
  ASSERT_NE(partner, nullptr);
  EXPECT_EQ(partner->locator, "B12");
  EXPECT_EQ(Text(doc, *partner), "Harbin  Institute of Technology");
}

TEST(OdsExtractor, TextBoxesOnTheSheetAreRead) {
  const std::string tables =
      "<table:table table:name=\"Notes\"><table:shapes><draw:frame><draw:text-box>"
      "<text:p>Partner: <text:span>NUDT</text:span></text:p></draw:text-box></draw:frame>"
      "</table:shapes><table:table-row>" +
      OdsCell("cell") + "</table:table-row></table:table>";
  const Document doc =
      ExtractBytes(BuildZip(fixtures::OdsMembers(tables)), "shapes.ods", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Partner: NUDT\ncell\n");
  EXPECT_EQ(BlockWith(doc, "NUDT")->part, TextPart::kTextBox);
  EXPECT_EQ(BlockWith(doc, "cell")->locator, "A1");
}

TEST(OdsExtractor, HugeRepeatedRowStopsAtTheCellLimit) {
  // One row of 16384 copies of a cell, repeated over a million rows: 17 billion cells as written.
  const std::string tables =
      "<table:table table:name=\"Flood\">"
      "<table:table-row table:number-rows-repeated=\"1048576\">" +
      OdsCell("x", "table:number-columns-repeated=\"16384\"") +
      "</table:table-row></table:table>"
      "<table:table table:name=\"Next\"><table:table-row>" +
      OdsCell("next sheet") + "</table:table-row></table:table>";
  ExtractOptions options;
  options.max_sheet_cells = 50000;
  const Document doc = ExtractBytes(BuildZip(fixtures::OdsMembers(tables)), "flood.ods", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_NE(doc.reason.find("sheet 'Flood'"), std::string::npos) << doc.reason;
  EXPECT_NE(doc.reason.find("max_sheet_cells"), std::string::npos) << doc.reason;
  std::size_t cells = 0;
  for (const TextBlock& block : doc.blocks) cells += block.part == TextPart::kTable ? 1 : 0;
  EXPECT_EQ(cells, 50001u);  // the limit on Flood, and the one cell of Next
  EXPECT_NE(doc.text.find("next sheet"), std::string::npos);
}

TEST(OdsExtractor, EmptyRepeatedCellsCostNothing) {
  const std::string tables =
      "<table:table table:name=\"Sparse\">"
      "<table:table-row table:number-rows-repeated=\"1048575\">"
      "<table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
      "<table:table-row>" +
      OdsCell("last") + "</table:table-row></table:table>";
  ExtractOptions options;
  options.max_sheet_cells = 10;
  const Document doc = ExtractBytes(BuildZip(fixtures::OdsMembers(tables)), "s.ods", options);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "last\n");
  EXPECT_EQ(BlockWith(doc, "last")->locator, "A1048576");
}

// ---- shared pieces ----

TEST(SheetText, CellReferences) {
  EXPECT_EQ(internal::CellRef(0, 0), "A1");
  EXPECT_EQ(internal::CellRef(11, 1), "B12");
  EXPECT_EQ(internal::CellRef(0, 25), "Z1");
  EXPECT_EQ(internal::CellRef(0, 26), "AA1");
  EXPECT_EQ(internal::CellRef(0, 16383), "XFD1");
  std::uint64_t row = 0;
  std::uint64_t column = 0;
  ASSERT_TRUE(internal::ParseCellRef("$AB$7", row, column));
  EXPECT_EQ(row, 6u);
  EXPECT_EQ(column, 27u);
  EXPECT_FALSE(internal::ParseCellRef("A0", row, column));
  EXPECT_FALSE(internal::ParseCellRef("12", row, column));
  EXPECT_FALSE(internal::ParseCellRef("B12x", row, column));
}

}  // namespace
}  // namespace trustscreen::extract
