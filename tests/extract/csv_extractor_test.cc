// CSV and TSV files are read as a sheet: one line per record, each non-empty cell a block named by
// its A1 reference, leniently (nothing in a malformed file is dropped).
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

Document Extract(std::string_view bytes, std::string path = "partners.csv",
                 ExtractOptions options = {}) {
  return ExtractBytes(bytes, std::move(path), options);
}

std::vector<std::string> Locators(const Document& doc) {
  std::vector<std::string> locators;
  for (const TextBlock& block : doc.blocks) locators.push_back(block.locator);
  return locators;
}

std::vector<std::string> Cells(const Document& doc) {
  std::vector<std::string> cells;
  for (const TextBlock& block : doc.blocks) {
    cells.push_back(doc.text.substr(block.begin, block.end - block.begin));
  }
  return cells;
}

TEST(CsvExtraction, EachRecordIsALineAndEachCellABlockNamedByItsA1Reference) {
  const Document doc = Extract("Name,Country\r\nHarbin Institute of Technology,China\r\n");
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kCsv);
  EXPECT_EQ(doc.text, "Name\tCountry\nHarbin Institute of Technology\tChina\n");
  EXPECT_EQ(Locators(doc), (std::vector<std::string>{"A1", "B1", "A2", "B2"}));
  for (const TextBlock& block : doc.blocks) EXPECT_EQ(block.part, TextPart::kTable);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].end, doc.text.size());
}

TEST(CsvExtraction, QuotedFieldsKeepDelimitersQuotesAndLineBreaksAsData) {
  const Document doc =
      Extract("\"Acme, Inc.\",\"first line\nsecond line\",\"say \"\"hi\"\"\"\nnext,row\n");
  EXPECT_EQ(Cells(doc), (std::vector<std::string>{"Acme, Inc.", "first line second line",
                                                  "say \"hi\"", "next", "row"}));
  // The quoted line break does not start a record: "next" is in row 2.
  EXPECT_EQ(Locators(doc), (std::vector<std::string>{"A1", "B1", "C1", "A2", "B2"}));
}

TEST(CsvExtraction, EmptyCellsAreSkippedButKeepTheirColumn) {
  const Document doc = Extract("a,,c\n\n,e\n");
  EXPECT_EQ(Cells(doc), (std::vector<std::string>{"a", "c", "e"}));
  // The empty line is row 2 as a spreadsheet shows it.
  EXPECT_EQ(Locators(doc), (std::vector<std::string>{"A1", "C1", "B3"}));
}

TEST(CsvExtraction, SemicolonSeparatedFilesAreSplitOnSemicolons) {
  // Spreadsheets in locales with a decimal comma save CSV with ';'.
  const Document doc = Extract("Partner;Amount\nFoo, Ltd;1,5\nBar GmbH;2,25\n");
  EXPECT_EQ(Cells(doc),
            (std::vector<std::string>{"Partner", "Amount", "Foo, Ltd", "1,5", "Bar GmbH", "2,25"}));
}

TEST(CsvExtraction, ExcelsSeparatorLineNamesTheDelimiterAndIsNotARow) {
  const Document doc = Extract("sep=;\r\nName;Note\r\nFoo;a, b, c\r\n");
  EXPECT_EQ(Cells(doc), (std::vector<std::string>{"Name", "Note", "Foo", "a, b, c"}));
  EXPECT_EQ(Locators(doc), (std::vector<std::string>{"A1", "B1", "A2", "B2"}));
}

TEST(CsvExtraction, TsvFilesAreSplitOnTabsOnly) {
  const Document doc = Extract("Partner\tNote\nFoo, Ltd\ta;b\n", "partners.tsv");
  EXPECT_EQ(doc.format, DocumentFormat::kCsv);
  EXPECT_EQ(Cells(doc), (std::vector<std::string>{"Partner", "Note", "Foo, Ltd", "a;b"}));
}

TEST(CsvExtraction, MalformedQuotesAreKeptAsDataNotDropped) {
  const Document doc = Extract("a \"quoted\" word,b\n\"closed\"after,c\n\"never closed,d\nlast");
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(Cells(doc), (std::vector<std::string>{"a \"quoted\" word", "b", "closedafter", "c",
                                                  "never closed,d last"}));
}

TEST(CsvExtraction, ACsvWithMoreCellsThanMaxCellsIsReadAsPlainText) {
  ExtractOptions options;
  options.max_cells = 3;
  const Document doc = Extract("a,b\nc,Harbin Institute of Technology\n", "big.csv", options);
  EXPECT_EQ(doc.status, DocumentStatus::kOk);
  EXPECT_EQ(doc.text, "a,b\nc,Harbin Institute of Technology\n");
  EXPECT_TRUE(doc.blocks.empty());
  EXPECT_NE(doc.reason.find("max_cells"), std::string::npos) << doc.reason;
}

TEST(CsvExtraction, EncodingsAreDecodedAsForPlainText) {
  using namespace std::string_view_literals;
  const Document utf16 = Extract(
      "\xFF\xFE"
      "a\0,\0\xFC\0"sv);
  EXPECT_EQ(utf16.text, "a\t\xC3\xBC\n");
  const Document cp1252 = Extract(
      "Stra\xDF"
      "e,M\xFCnchen\n");
  EXPECT_EQ(cp1252.text,
            "Stra\xC3\x9F"
            "e\tM\xC3\xBCnchen\n");
  EXPECT_NE(cp1252.reason.find("Windows-1252"), std::string::npos) << cp1252.reason;
}

TEST(CsvExtraction, WhitespaceOnlyIsEmptyAndBinaryIsNotText) {
  EXPECT_EQ(Extract(" \n,\n").status, DocumentStatus::kEmpty);
  using namespace std::string_view_literals;
  EXPECT_EQ(Extract("a,b\0c"sv).status, DocumentStatus::kUnsupported);
}

}  // namespace
}  // namespace trustscreen::extract
