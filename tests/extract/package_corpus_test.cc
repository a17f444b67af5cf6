// XLSX, ODS, PPTX and ODP files from the test suites of Apache POI and Apache Tika
// (../shared/corpus/formats/, SOURCES.txt says what each exercises): real content, sheet labels,
// cell locators, hidden sheets, comments and notes; the hostile ones get a status.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "corpus.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using fixtures::BlockWith;

#define NEED_FORMATS_CORPUS() TRUSTSCREEN_NEED_CORPUS(testing::CorpusPath("formats/xlsx"))

Document Extract(std::string_view relative) {
  return ExtractFile(testing::CorpusPath("formats/" + std::string(relative)), ExtractOptions{});
}

// "Partners!B12" for the block holding `needle`, or "" when it is not found.
std::string Where(const Document& doc, std::string_view needle) {
  const TextBlock* block = BlockWith(doc, needle);
  if (block == nullptr) return "";
  const Page* page = doc.PageRecordAt(block->begin);
  const std::string label = page != nullptr ? page->label : "";
  return block->locator.empty() ? label : label + "!" + block->locator;
}

TEST(PackageCorpus, XlsxSharedStringsSheetsAndNumbers) {
  NEED_FORMATS_CORPUS();
  for (const char* file : {"xlsx/poi__SampleSS.xlsx", "xlsx/poi__SampleSS.strict.xlsx"}) {
    SCOPED_TRACE(file);
    const Document doc = Extract(file);
    ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
    EXPECT_EQ(doc.format, DocumentFormat::kXlsx);
    ASSERT_EQ(doc.pages.size(), 3u);
    EXPECT_EQ(doc.pages[0].label, "First Sheet");
    EXPECT_EQ(doc.pages[1].label, "Sheet Number 2");
    EXPECT_EQ(doc.pages[2].label, "Sheet3");
    EXPECT_EQ(Where(doc, "Test spreadsheet"), "First Sheet!A1");
    EXPECT_EQ(Where(doc, "2nd row 2nd column"), "First Sheet!B2");
    EXPECT_EQ(Where(doc, "I'm in bold blue, on a yellow background"), "Sheet Number 2!A4");
    EXPECT_NE(doc.text.find("cb=1\tcb=10\tcb=2\tcb=sum\n1\t10\t2\t13\n"), std::string::npos);
  }
}

TEST(PackageCorpus, XlsxInlineStringsAndFormulaValues) {
  NEED_FORMATS_CORPUS();
  const Document doc = Extract("xlsx/poi__InlineStrings.xlsx");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(Where(doc, "1st Inline String"), "Sheet1!C2");
  EXPECT_NE(doc.text.find("21\tLonger Text\tThe End\t9\n"), std::string::npos);
}

TEST(PackageCorpus, XlsxHiddenSheetIsReadAndNamed) {
  NEED_FORMATS_CORPUS();
  const Document doc = Extract("xlsx/poi__TwoSheetsOneHidden.xlsx");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.reason, "hidden sheets read: 'Sheet1'");
  EXPECT_EQ(Where(doc, "Sheet1A1"), "Sheet1!A1");
  EXPECT_EQ(Where(doc, "Sheet2A1"), "Sheet2!A1");
}

TEST(PackageCorpus, XlsxCommentAndDates) {
  NEED_FORMATS_CORPUS();
  const Document comment = Extract("xlsx/tika__testComment.xlsx");
  ASSERT_EQ(comment.status, DocumentStatus::kOk) << comment.reason;
  const TextBlock* note = BlockWith(comment, "Here is a comment");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->part, TextPart::kComment);
  EXPECT_EQ(Where(comment, "Here is a comment"), "Sheet1!A1");

  const Document dates = Extract("xlsx/tika__testEXCEL_dateFormats.xlsx");
  ASSERT_EQ(dates.status, DocumentStatus::kOk) << dates.reason;
  EXPECT_EQ(dates.text, "date\n2018-09-20\n1996-08-10\n");
  EXPECT_EQ(Where(dates, "1996-08-10"), "Munka1!A3");
}

TEST(PackageCorpus, XlsxSharedFormulasShowCachedValues) {
  NEED_FORMATS_CORPUS();
  const Document doc = Extract("xlsx/poi__shared_formulas.xlsx");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(Where(doc, "ProductionOrderConfirmation"), "Label!A2");
}

TEST(PackageCorpus, HostileAndBrokenSpreadsheetsGetAStatus) {
  NEED_FORMATS_CORPUS();
  // An entity-expansion bomb in sharedStrings.xml: never expanded, never parsed.
  const Document bomb = Extract("xlsx/poi__poc-xmlbomb.xlsx");
  EXPECT_EQ(bomb.status, DocumentStatus::kCorrupt) << bomb.reason;
  EXPECT_NE(bomb.reason.find("DTD"), std::string::npos) << bomb.reason;
  EXPECT_TRUE(bomb.text.empty());
  // A package whose _rels/.rels is garbage: the workbook is still found at its usual place.
  const Document corrupted = Extract("xlsx/poi__xlsx-corrupted.xlsx");
  EXPECT_EQ(corrupted.status, DocumentStatus::kOk) << corrupted.reason;
  EXPECT_EQ(Where(corrupted, "injection"), "Sheet1!D1");
  // An empty ZIP named .xlsx holds nothing to screen.
  EXPECT_EQ(Extract("xlsx/poi__invalid.xlsx").status, DocumentStatus::kEmpty);
  // An encrypted OOXML file is an OLE container.
  EXPECT_EQ(Extract("xlsx/poi__protected_passtika.xlsx").status, DocumentStatus::kEncrypted);
}

TEST(PackageCorpus, OdsSheetsAndCells) {
  NEED_FORMATS_CORPUS();
  const Document sample = Extract("ods/poi__SampleSS.ods");
  ASSERT_EQ(sample.status, DocumentStatus::kOk) << sample.reason;
  EXPECT_EQ(sample.format, DocumentFormat::kOds);
  ASSERT_EQ(sample.pages.size(), 3u);
  EXPECT_EQ(Where(sample, "2nd row 2nd column"), "First Sheet!B2");
  EXPECT_EQ(Where(sample, "I'm in bold blue, on a yellow background"), "Sheet Number 2!A4");
  EXPECT_NE(sample.text.find("cb=1\tcb=10\tcb=2\tcb=sum\n1\t10\t2\t13\n"), std::string::npos);

  const Document calc = Extract("ods/tika__LibreOfficeCalc_ods_1.3.ods");
  ASSERT_EQ(calc.status, DocumentStatus::kOk) << calc.reason;
  EXPECT_NE(calc.text.find("This\tis\tan\texample\tspreadsheet\n"), std::string::npos);
  // A sheet holding only a picture with a macro: nothing to screen.
  EXPECT_EQ(Extract("ods/tika__testODSMacro.ods").status, DocumentStatus::kEmpty);
}

TEST(PackageCorpus, PptxSlidesNotesCommentsAndTables) {
  NEED_FORMATS_CORPUS();
  const Document doc = Extract("pptx/tika__testPPT_various2.pptx");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kPptx);
  ASSERT_EQ(doc.pages.size(), 10u);
  EXPECT_EQ(doc.pages[9].label, "slide 10");
  EXPECT_EQ(Where(doc, "NotesForSlide2"), "slide 2");
  EXPECT_EQ(BlockWith(doc, "NotesForSlide2")->part, TextPart::kNotes);
  EXPECT_EQ(BlockWith(doc, "This is a reply to the initial comment")->part, TextPart::kComment);
  EXPECT_EQ(Where(doc, "CommentSlide3"), "slide 3");
  EXPECT_EQ(BlockWith(doc, "R1c1")->part, TextPart::kTable);
  EXPECT_EQ(Where(doc, "This slide is hidden"), "slide 9");  // hidden slides are read

  const Document various = Extract("pptx/tika__testPPT_various.pptx");
  ASSERT_EQ(various.status, DocumentStatus::kOk) << various.reason;
  EXPECT_NE(various.text.find("\xE3\x82\xBE\xE3\x83\xAB\xE3\x82\xB2"), std::string::npos);
  EXPECT_EQ(BlockWith(various, "Row 1 Col 1")->part, TextPart::kTable);
  EXPECT_EQ(BlockWith(various, "This is the footer text.")->part, TextPart::kNotes);

  const Document comment = Extract("pptx/tika__testPPT_comment.pptx");
  ASSERT_EQ(comment.status, DocumentStatus::kOk) << comment.reason;
  EXPECT_EQ(BlockWith(comment, "add some content to this tps deck")->part, TextPart::kComment);
}

TEST(PackageCorpus, PptxGroupedShapesAndJapanese) {
  NEED_FORMATS_CORPUS();
  const Document groups = Extract("pptx/tika__testPPT_groups.pptx");
  ASSERT_EQ(groups.status, DocumentStatus::kOk) << groups.reason;
  for (const char* text : {"Text box1", "Text box5", "WordArt1", "WordArt2"}) {
    EXPECT_EQ(Where(groups, text), "slide 2") << text;
  }
  // The ungrouped text box is read once.
  const std::size_t first = groups.text.find("Ungrouped text box");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(groups.text.find("Ungrouped text box", first + 1), std::string::npos);

  const Document japanese = Extract("pptx/poi__with_japanese.pptx");
  ASSERT_EQ(japanese.status, DocumentStatus::kOk) << japanese.reason;
  EXPECT_NE(japanese.text.find("\xE3\x82\xBE\xE3\x83\xAB\xE3\x82\xB2"), std::string::npos);
  // A slide whose only shape is an empty table: nothing to screen.
  EXPECT_EQ(Extract("pptx/poi__table_test.pptx").status, DocumentStatus::kEmpty);
}

TEST(PackageCorpus, OdpSlidesAndMasterFooter) {
  NEED_FORMATS_CORPUS();
  const Document impress = Extract("odp/tika__LibreOfficeImpress_odp_1.3.odp");
  ASSERT_EQ(impress.status, DocumentStatus::kOk) << impress.reason;
  EXPECT_EQ(impress.format, DocumentFormat::kOdp);
  ASSERT_EQ(impress.pages.size(), 2u);  // the second slide is empty
  EXPECT_EQ(impress.text, "This is\nAn example Impress file\n\f");
  EXPECT_EQ(impress.pages[0].label, "slide 1");

  const Document footer = Extract("odp/tika__testMasterFooter.odp");
  ASSERT_EQ(footer.status, DocumentStatus::kOk) << footer.reason;
  EXPECT_EQ(BlockWith(footer, "Master footer is here")->part, TextPart::kFooter);
}

}  // namespace
}  // namespace trustscreen::extract
