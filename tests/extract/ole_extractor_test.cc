// The legacy Office readers (.doc, .xls, .ppt) on the real files of the shared corpus
// (formats/{doc,xls,ppt}/, from the test suites of Apache POI and Tika: SOURCES.txt says what each
// exercises) and the proposals' .doc files; the words asserted are those the POI/Tika tests expect.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "gtest/gtest.h"
#include "ole_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using ::trustscreen::testing::CorpusPath;

Document ReadCorpus(std::string_view relative, const ExtractOptions& options = {}) {
  return ExtractFile(CorpusPath(std::string("formats/") + std::string(relative)), options);
}

bool Has(const Document& doc, std::string_view text) {
  return doc.text.find(text) != std::string::npos;
}

// The text of the blocks of `part`, joined by '\n'.
std::string PartText(const Document& doc, TextPart part) {
  std::string out;
  for (const TextBlock& block : doc.blocks) {
    if (block.part == part) out += doc.text.substr(block.begin, block.end - block.begin) + "\n";
  }
  return out;
}

const TextBlock* BlockAt(const Document& doc, std::string_view locator, int page) {
  for (const TextBlock& block : doc.blocks) {
    if (block.locator == locator && doc.PageAt(block.begin) == page) return &block;
  }
  return nullptr;
}

// ---- Word ----

TEST(WordDoc, ReadsBodyHeadersFootersTablesAndTextBoxes) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  const Document doc = ReadCorpus("doc/tika__testWORD_various.doc");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kDoc);
  EXPECT_NE(PartText(doc, TextPart::kBody).find("Here is a numbered list:"), std::string::npos);
  EXPECT_NE(PartText(doc, TextPart::kHeader).find("This is the header text."), std::string::npos)
      << doc.text;
  EXPECT_NE(PartText(doc, TextPart::kFooter).find("This is the footer text."), std::string::npos);
  EXPECT_NE(PartText(doc, TextPart::kTable).find("Row 1 Col 1"), std::string::npos);
  EXPECT_NE(PartText(doc, TextPart::kTextBox).find("Here is a text box"), std::string::npos)
      << doc.text;
  EXPECT_NE(PartText(doc, TextPart::kFootnote).find("This is a footnote."), std::string::npos);
  EXPECT_TRUE(Has(doc, "\xE5\xB0\xBE\xE5\xB4\x8E")) << "Japanese: 尾崎";
  EXPECT_TRUE(Has(doc, "\xF0\x90\x8C\xB2")) << "Gothic (non-BMP) letter";
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].end, doc.text.size());
}

TEST(WordDoc, ReadsFootnotesEndnotesAndComments) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  const Document doc = ReadCorpus("doc/poi__footnote.doc");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(PartText(doc, TextPart::kFootnote).find("TestFootnote"), std::string::npos) << doc.text;
  EXPECT_NE(PartText(doc, TextPart::kEndnote).find("TestEndnote"), std::string::npos) << doc.text;
  EXPECT_NE(PartText(doc, TextPart::kComment).find("TestComment"), std::string::npos) << doc.text;
}

TEST(WordDoc, NonAsciiHeaderAndFooterText) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  const Document doc = ReadCorpus("doc/poi__HeaderFooterUnicode.doc");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(PartText(doc, TextPart::kHeader).find("\xE2\x82\xAC"), std::string::npos)
      << "euro sign in the header: " << doc.text;
  EXPECT_NE(PartText(doc, TextPart::kFooter).find("Moli\xC3\xA8re"), std::string::npos) << doc.text;
}

TEST(WordDoc, DeletedTextIsItsOwnBlock) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  const Document doc = ReadCorpus("doc/tika__testWORD_2006ml.doc");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(PartText(doc, TextPart::kDeleted).find("frog"), std::string::npos) << doc.text;
}

TEST(WordDoc, TrackedChangesAndCommentsOfAFeatureFile) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  const Document doc = ReadCorpus("doc/tika__testWORD_features.doc");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_FALSE(PartText(doc, TextPart::kComment).empty()) << doc.text;
  EXPECT_FALSE(PartText(doc, TextPart::kDeleted).empty() &&
               PartText(doc, TextPart::kInserted).empty())
      << doc.text;
}

TEST(WordDoc, FieldInstructionsAreDroppedAndResultsKept) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  const Document doc = ReadCorpus("doc/poi__test-fields.doc");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_FALSE(Has(doc, "MERGEFORMAT")) << doc.text;
}

TEST(WordDoc, Word6And95AreRead) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  for (const char* name : {"doc/poi__Word6.doc", "doc/poi__Word95.doc"}) {
    const Document doc = ReadCorpus(name);
    EXPECT_EQ(doc.status, DocumentStatus::kOk) << name << ": " << doc.reason;
    EXPECT_TRUE(Has(doc, "The quick brown fox jumps over the lazy dog"))
        << name << ": " << doc.text;
  }
}

TEST(WordDoc, EncryptedFilesAreEncrypted) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  for (const char* name :
       {"doc/poi__password_tika_binaryrc4.doc", "doc/poi__password_password_cryptoapi.doc"}) {
    const Document doc = ReadCorpus(name);
    EXPECT_EQ(doc.status, DocumentStatus::kEncrypted) << name << ": " << doc.reason;
    EXPECT_TRUE(doc.text.empty());
  }
}

TEST(WordDoc, Word2DocumentIsRead) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  // Word for Windows 2.0: no OLE2 container, the text 8-bit between fcMin and fcMac.
  const Document doc = ReadCorpus("doc/poi__word2.doc");
  EXPECT_EQ(doc.format, DocumentFormat::kDoc);
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Has(doc, "Mr. Benni Alexander\tNokia Japan Co, Ltd")) << doc.text.substr(0, 300);
}

TEST(WordDoc, ExcelWorkbookNamedDocIsReadAsAWorkbook) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  const Document doc = ReadCorpus("doc/poi__TestRobert_Flaherty.doc");
  EXPECT_EQ(doc.format, DocumentFormat::kXls);
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_FALSE(doc.text.empty());
}

TEST(WordDoc, FuzzedFileGetsAStatusWithoutCrashing) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  const Document doc =
      ReadCorpus("doc/poi__clusterfuzz-testcase-minimized-POIHWPFFuzzer-5418937293340672.doc");
  EXPECT_NE(doc.status, DocumentStatus::kCrashed) << doc.reason;
  EXPECT_TRUE(doc.status == DocumentStatus::kOk || !doc.reason.empty());
}

TEST(WordDoc, ProposalDocsAreReadFully) {
  const auto root = CorpusPath("proposals");
  TRUSTSCREEN_NEED_CORPUS(root);
  int seen = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".doc") continue;
    ++seen;
    const Document doc = ExtractFile(entry.path(), ExtractOptions{});
    EXPECT_EQ(doc.status, DocumentStatus::kOk) << entry.path() << ": " << doc.reason;
    EXPECT_EQ(doc.format, DocumentFormat::kDoc);
    EXPECT_GT(doc.text.size(), 1000u) << entry.path();
  }
  EXPECT_GE(seen, 2);
}

TEST(WordDoc, HiLoProposalHasItsTitleWords) {
  const auto path = CorpusPath("proposals/nsf_pgrp_2014_rilab/drafts/HiLo_highlow_plantgenome.doc");
  TRUSTSCREEN_NEED_CORPUS(path);
  const Document doc = ExtractFile(path, ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(doc.text.find("maize"), std::string::npos);
}

TEST(OleBudget, StreamsOverTheDecompressionBudgetAreTooLarge) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/doc"));
  ExtractOptions options;
  options.max_decompressed_bytes = 1024;  // the WordDocument stream alone is larger
  const Document doc = ReadCorpus("doc/tika__testWORD_various.doc", options);
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge) << doc.reason;
  EXPECT_NE(doc.reason.find("max_decompressed_bytes"), std::string::npos) << doc.reason;
  EXPECT_TRUE(doc.text.empty());
}

TEST(PowerPointPpt, MoreSlidesThanMaxPagesIsPartial) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/ppt"));
  ExtractOptions options;
  options.max_pages = 1;
  const Document doc = ReadCorpus("ppt/poi__basic_test_ppt_file.ppt", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial) << doc.reason;
  EXPECT_EQ(doc.pages.size(), 1u);
}

TEST(WordDoc, EncryptedFlagInTheHeaderIsEncrypted) {
  std::string word(1024, '\0');
  word[0] = '\xEC';
  word[1] = '\xA5';
  word[0x0A] = 0x00;
  word[0x0B] = 0x01;  // fEncrypted
  const Document doc =
      ExtractBytes(fixtures::MakeOle({{"WordDocument", word}, {"1Table", std::string(512, '\0')}}),
                   "secret.doc", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted) << doc.reason;
}

TEST(WordDoc, HeaderWithoutPieceTableIsCorrupt) {
  std::string word(1024, '\0');
  word[0] = '\xEC';
  word[1] = '\xA5';
  const Document doc =
      ExtractBytes(fixtures::MakeOle({{"WordDocument", word}, {"0Table", std::string(16, '\0')}}),
                   "x.doc", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kDoc);
}

// ---- Excel ----

TEST(ExcelXls, EverySheetIsAPageNamedAfterIt) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  const Document doc = ReadCorpus("xls/tika__testEXCEL.xls");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kXls);
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[0].label, "Feuil1");
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_TRUE(Has(doc, "Numbers and their Squares")) << doc.text;
  // Numeric and formula cells as Excel shows them: 9, not 9.0.
  EXPECT_TRUE(Has(doc, "3\t9\n")) << doc.text;
  EXPECT_EQ(std::count(doc.text.begin(), doc.text.end(), '\f'), 2);
}

TEST(ExcelXls, CellsAreBlocksWithTheirReference) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  const Document doc = ReadCorpus("xls/tika__testEXCEL.xls");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  const TextBlock* a1 = BlockAt(doc, "A1", 1);
  ASSERT_NE(a1, nullptr);
  EXPECT_EQ(a1->part, TextPart::kTable);
  EXPECT_EQ(doc.text.substr(a1->begin, a1->end - a1->begin),
            "Sample Excel Worksheet - Numbers and their Squares");
}

TEST(ExcelXls, HiddenSheetsAreReadAndNamed) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  const Document doc = ReadCorpus("xls/poi__TwoSheetsOneHidden.xls");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_TRUE(doc.reason.starts_with("hidden sheets read too: ")) << doc.reason;
}

TEST(ExcelXls, CellCommentsAreCommentBlocks) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  const Document doc = ReadCorpus("xls/poi__SimpleWithComments.xls");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  const std::string comments = PartText(doc, TextPart::kComment);
  EXPECT_NE(comments.find("first cell"), std::string::npos) << doc.text;
  const TextBlock* note = nullptr;
  for (const TextBlock& block : doc.blocks) {
    if (block.part == TextPart::kComment && note == nullptr) note = &block;
  }
  ASSERT_NE(note, nullptr);
  EXPECT_FALSE(note->locator.empty());
}

TEST(ExcelXls, DatesOfThe1904SystemAreShownAsDates) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  const Document doc = ReadCorpus("xls/poi__1904DateWindowing.xls");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Has(doc, "2000-01-01")) << doc.text;
}

TEST(ExcelXls, DatesAreShownAsDates) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  const Document doc = ReadCorpus("xls/tika__testEXCEL_dateFormats.xls");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Has(doc, "2018-09-20")) << doc.text;
}

TEST(ExcelXls, Excel95WorkbookWithOnlyBlankCellsIsEmpty) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  // A BIFF5 "Book" stream whose one sheet holds only formatted blank cells (BLANK, MULBLANK).
  const Document doc = ReadCorpus("xls/tika__testEXCEL_95.xls");
  EXPECT_EQ(doc.format, DocumentFormat::kXls);
  EXPECT_EQ(doc.status, DocumentStatus::kEmpty) << doc.reason;
}

TEST(ExcelXls, PasswordProtectedWorkbookIsEncrypted) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  const Document doc = ReadCorpus("xls/poi__password.xls");
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted) << doc.reason;
}

TEST(ExcelXls, Excel4WorksheetIsRead) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  // A bare BIFF4 record stream, no OLE2 container.
  const Document doc = ReadCorpus("xls/tika__testEXCEL_4.xls");
  EXPECT_EQ(doc.format, DocumentFormat::kXls);
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Has(doc, "Examination Coverage")) << doc.text.substr(0, 400);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].label, "tika__testEXCEL_4");
}

TEST(ExcelXls, DamagedContainerGetsAStatus) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  const Document doc = ReadCorpus("xls/poi__61300.xls");
  EXPECT_NE(doc.status, DocumentStatus::kCrashed) << doc.reason;
  EXPECT_FALSE(doc.reason.empty());
}

// A BIFF record: type, length, data.
std::string Biff(std::uint16_t type, const std::string& data) {
  std::string out;
  for (std::uint16_t v : {type, static_cast<std::uint16_t>(data.size())}) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
  }
  return out + data;
}

TEST(ExcelXls, SharedStringSplitAcrossContinueRecords) {
  using namespace std::string_literals;
  const std::string bof_globals = Biff(0x0809, "\x00\x06\x05\x00"s + std::string(12, '\0'));
  // SST: 1 string of 16 characters; "Harbin" (8-bit) here, " Institute" (UTF-16) continued.
  const std::string sst = Biff(0x00FC, "\x01\0\0\0\x01\0\0\0\x10\0\0Harbin"s);
  std::string wide;
  for (char c : std::string(" Institute")) wide += std::string(1, c) + '\0';
  const std::string cont = Biff(0x003C, "\x01"s + wide);
  const std::string eof = Biff(0x000A, "");
  const std::size_t sheet_at = bof_globals.size() + 4 + 14 + sst.size() + cont.size() + eof.size();
  std::string offset;
  for (int i = 0; i < 4; ++i) offset.push_back(static_cast<char>((sheet_at >> (8 * i)) & 0xFF));
  const std::string boundsheet = Biff(0x0085, offset + "\0\0\x06\0Sheet1"s);
  const std::string sheet = Biff(0x0809, "\x00\x06\x10\x00"s + std::string(12, '\0')) +
                            Biff(0x00FD, std::string(10, '\0')) + eof;
  const std::string workbook = bof_globals + boundsheet + sst + cont + eof + sheet;
  ASSERT_EQ(workbook.find("\x09\x08\x10\x00\x00\x06\x10"s), sheet_at);
  const Document doc =
      ExtractBytes(fixtures::MakeOle({{"Workbook", workbook}}), "partners.xls", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Harbin Institute\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].label, "Sheet1");
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].locator, "A1");
}

TEST(ExcelXls, TruncatedCellRecordsAreSkipped) {
  using namespace std::string_literals;
  // A bare BIFF4 worksheet: an empty MULRK (no room for its column list), a 3-byte RK (read as
  // 0 at A1: missing bytes are zeros), then a LABEL "ok" at B2.
  const std::string sheet = Biff(0x0409, "\0\0\x10\0\0\0"s) + Biff(0x00BD, "") +
                            Biff(0x027E, "\0\0\0"s) + Biff(0x0204, "\x01\0\x01\0\0\0\x02\0ok"s) +
                            Biff(0x000A, "");
  const Document doc = ExtractBytes(sheet, "short.xls", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "0\nok\n");
}

TEST(ExcelXls, TextBoxOnASheetIsATextBoxBlock) {
  using namespace std::string_literals;
  // A bare BIFF4 sheet with OBJ (ftCmo: ot 6 = text box, id 1), TXO (cchText 5 at offset 10)
  // and its text in a CONTINUE (8-bit, no flags byte before BIFF8).
  const std::string obj = Biff(0x005D, "\x15\0\x12\0\x06\0\x01\0"s + std::string(14, '\0'));
  const std::string txo = Biff(0x01B6, std::string(10, '\0') + "\x05\0"s + std::string(6, '\0'));
  const std::string sheet =
      Biff(0x0409, "\0\0\x10\0\0\0"s) + obj + txo + Biff(0x003C, "Hello"s) + Biff(0x000A, "");
  const Document doc = ExtractBytes(sheet, "box.xls", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Hello\n");
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].part, TextPart::kTextBox);
}

TEST(ExcelXls, TooManyCellsMakesThePartialStatus) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  ExtractOptions options;
  options.max_sheet_cells = 3;
  const Document doc = ReadCorpus("xls/tika__testEXCEL.xls", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_NE(doc.reason.find("max_sheet_cells"), std::string::npos) << doc.reason;
}

TEST(ExcelXls, EveryCorpusWorkbookGetsAStatus) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/xls"));
  for (const auto& entry : std::filesystem::directory_iterator(CorpusPath("formats/xls"))) {
    const Document doc = ExtractFile(entry.path(), ExtractOptions{});
    EXPECT_NE(doc.status, DocumentStatus::kCrashed) << entry.path() << ": " << doc.reason;
    if (!doc.pages.empty()) {
      EXPECT_EQ(doc.pages.back().end, doc.text.size()) << entry.path();
    }
  }
}

// ---- PowerPoint ----

TEST(PowerPointPpt, SlidesAreLabelledPagesAndNotesAreNotes) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/ppt"));
  const Document doc = ReadCorpus("ppt/poi__basic_test_ppt_file.ppt");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kPpt);
  ASSERT_EQ(doc.pages.size(), 2u) << doc.text;
  EXPECT_EQ(doc.pages[0].label, "slide 1");
  EXPECT_TRUE(Has(doc, "This is a test title")) << doc.text;
  EXPECT_NE(PartText(doc, TextPart::kNotes).find("These are the notes for page 1"),
            std::string::npos)
      << doc.text;
}

TEST(PowerPointPpt, ShapesTablesAndCjkText) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/ppt"));
  const Document doc = ReadCorpus("ppt/tika__testPPT_various.ppt");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_TRUE(Has(doc, "Row 1 Col 1")) << doc.text;
  EXPECT_TRUE(Has(doc, "\xE5\xB0\xBE\xE5\xB4\x8E")) << doc.text;
}

TEST(PowerPointPpt, CommentsAreCommentBlocks) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/ppt"));
  const Document doc = ReadCorpus("ppt/tika__testPPT_comment.ppt");
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_FALSE(PartText(doc, TextPart::kComment).empty()) << doc.text;
}

TEST(PowerPointPpt, PasswordProtectedPresentationIsEncrypted) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/ppt"));
  const Document doc = ReadCorpus("ppt/poi__Password_Protected-hello.ppt");
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted) << doc.reason;
}

TEST(PowerPointPpt, EveryCorpusPresentationGetsAStatus) {
  TRUSTSCREEN_NEED_CORPUS(CorpusPath("formats/ppt"));
  for (const auto& entry : std::filesystem::directory_iterator(CorpusPath("formats/ppt"))) {
    const Document doc = ExtractFile(entry.path(), ExtractOptions{});
    EXPECT_NE(doc.status, DocumentStatus::kCrashed) << entry.path() << ": " << doc.reason;
    EXPECT_TRUE(doc.status == DocumentStatus::kOk || !doc.reason.empty()) << entry.path();
  }
}

}  // namespace
}  // namespace trustscreen::extract
