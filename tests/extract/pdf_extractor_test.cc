#include <algorithm>
#include <cctype>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "corpus.h"
#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using fixtures::BuildPdf;
using fixtures::CorpusPath;
using fixtures::PdfPage;
using fixtures::TextContent;

constexpr std::string_view kAgencyPdf =
    "contracts/cuad/pdf/Part_III/Agency Agreements/"
    "BLUEROCKRESIDENTIALGROWTHREIT,INC_06_01_2016-EX-1.1-AGENCY AGREEMENT.PDF";
constexpr std::string_view kAgencyTxt =
    "contracts/cuad/txt/BLUEROCKRESIDENTIALGROWTHREIT,INC_06_01_2016-EX-1.1-AGENCY AGREEMENT.txt";
constexpr int kAgencyPages = 47;
constexpr std::string_view kContractWithImagePagesPdf =
    "contracts/cuad/pdf/Part_III/Collaboration/"
    "FOUNDATIONMEDICINE,INC_02_02_2015-EX-10.2-Collaboration Agreement.PDF";
constexpr std::string_view kScannedLetterPdf =
    "proposals/nsf_pgrp_2014_rilab/submitted/RS_extra_support.pdf";
constexpr std::string_view kScannedEditsPdf =
    "proposals/doe_nsf_bapsf_2015/Additional Edits 9.1.15.pdf";

// Pages that draw something but have no text: many filled glyph-like shapes (text converted to
// outlines), or an inline 20x20 grey image (a tiny scan).
std::string OutlinedShapes() {
  std::string content = "0 0 0 rg";
  for (int i = 0; i < 60; ++i) content += " " + std::to_string(72 + 8 * i) + " 700 5 7 re";
  return content + " f";
}
std::string InlineImage() {
  return "q 100 0 0 100 72 600 cm BI /W 20 /H 20 /CS /G /BPC 8 ID " + std::string(400, '\x80') +
         " EI Q";
}
// What HTML-to-PDF converters put on "blank" pages: a white background and a footer rule.
constexpr std::string_view kWhiteBackgroundAndRule =
    "1 1 1 rg 0 0 612 792 re f 0.5 g 72 40 468 1 re f 0.5 G 72 30 m 540 30 l S";

std::string PageText(const Document& doc, std::size_t index) {
  const Page& page = doc.pages.at(index);
  return doc.text.substr(page.begin, page.end - page.begin);
}

Document ExtractPdfBytes(const std::string& bytes, ExtractOptions options = {}) {
  return ExtractBytes(bytes, "generated.pdf", options);
}

// Detection of pages that need OCR, without running it (ocr_test.cc covers OCR itself).
ExtractOptions NoOcr() {
  ExtractOptions options;
  options.ocr = OcrMode::kNever;
  return options;
}

std::set<std::string> LowerWords(std::string_view text, std::size_t min_length) {
  std::set<std::string> words;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else {
      if (word.size() >= min_length) words.insert(word);
      word.clear();
    }
  }
  return words;
}

TEST(PdfExtraction, KeepsPageNumbersAndSeparatesPagesWithFormFeed) {
  const Document doc = ExtractPdfBytes(BuildPdf({{TextContent("Alpha export")},
                                                 {TextContent("Beta licence")},
                                                 {TextContent("Gamma partner")}}));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kPdf);
  ASSERT_EQ(doc.pages.size(), 3u);
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    EXPECT_EQ(doc.pages[i].number, static_cast<int>(i) + 1);
    EXPECT_FALSE(doc.pages[i].needs_ocr);
    if (i + 1 < doc.pages.size()) {
      EXPECT_EQ(doc.text[doc.pages[i].end], '\f');
      EXPECT_EQ(doc.pages[i + 1].begin, doc.pages[i].end + 1);
    }
  }
  EXPECT_EQ(doc.pages.front().begin, 0u);
  EXPECT_EQ(doc.pages.back().end, doc.text.size());
  EXPECT_NE(PageText(doc, 0).find("Alpha export"), std::string::npos);
  EXPECT_NE(PageText(doc, 1).find("Beta licence"), std::string::npos);
  EXPECT_NE(PageText(doc, 2).find("Gamma partner"), std::string::npos);
  EXPECT_EQ(std::count(doc.text.begin(), doc.text.end(), '\f'), 2);
  EXPECT_EQ(doc.PageAt(doc.text.find("Beta")), 2);
}

TEST(PdfExtraction, CorpusContractMatchesCuadReferenceText) {
  const auto pdf = CorpusPath(kAgencyPdf);
  const auto txt = CorpusPath(kAgencyTxt);
  TRUSTSCREEN_NEED_CORPUS(pdf);
  TRUSTSCREEN_NEED_CORPUS(txt);
  // The file is named .PDF: capitals in the extension must not matter.
  const Document doc = ExtractFile(pdf, ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kPdf);
  ASSERT_EQ(doc.pages.size(), static_cast<std::size_t>(kAgencyPages));
  EXPECT_EQ(doc.pages.back().number, kAgencyPages);
  EXPECT_EQ(doc.size_bytes, std::filesystem::file_size(pdf));
  EXPECT_EQ(doc.sha256.size(), 64u);

  // Sample the reference's vocabulary; nearly every word must appear in our text.
  const std::set<std::string> reference = LowerWords(fixtures::ReadFileBytes(txt), 6);
  const std::set<std::string> ours = LowerWords(doc.text, 6);
  int sampled = 0, found = 0, index = 0;
  std::vector<std::string> missing;
  for (const std::string& word : reference) {
    if (index++ % 10 != 0) continue;
    ++sampled;
    if (ours.count(word)) {
      ++found;
    } else {
      missing.push_back(word);
    }
  }
  ASSERT_GT(sampled, 50);
  EXPECT_GE(found, sampled * 95 / 100) << "missing e.g. " << (missing.empty() ? "" : missing[0]);
  EXPECT_NE(doc.text.find("Office of Foreign Assets Control"), std::string::npos);
}

TEST(PdfExtraction, ConcurrentExtractionOfTheSamePdfGivesIdenticalText) {
  const auto pdf = CorpusPath(kAgencyPdf);
  TRUSTSCREEN_NEED_CORPUS(pdf);
  const Document reference = ExtractFile(pdf, ExtractOptions{});
  ASSERT_EQ(reference.status, DocumentStatus::kOk) << reference.reason;
  constexpr int kThreads = 4;
  std::vector<Document> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&results, &pdf, i] { results[i] = ExtractFile(pdf, ExtractOptions{}); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Document& doc : results) {
    EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
    EXPECT_EQ(doc.text, reference.text);
    EXPECT_EQ(doc.pages.size(), reference.pages.size());
  }
}

TEST(PdfExtraction, ScannedLetterNeedsOcr) {
  const auto pdf = CorpusPath(kScannedLetterPdf);
  TRUSTSCREEN_NEED_CORPUS(pdf);
  const Document doc = ExtractFile(pdf, NoOcr());
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_TRUE(doc.pages[0].needs_ocr);
  EXPECT_EQ(doc.reason, "no text layer on the only page; a scanned image needs OCR");
}

TEST(PdfExtraction, ScannedMultiPageDocumentNeedsOcrOnEveryPage) {
  const auto pdf = CorpusPath(kScannedEditsPdf);
  TRUSTSCREEN_NEED_CORPUS(pdf);
  const Document doc = ExtractFile(pdf, NoOcr());
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 11u);
  for (const Page& page : doc.pages) EXPECT_TRUE(page.needs_ocr) << "page " << page.number;
  EXPECT_EQ(doc.reason, "no text layer on any of the 11 pages; scanned images need OCR");
}

TEST(PdfExtraction, ContractWithImageOnlyExhibitPagesIsPartial) {
  // Pages 72-73 of this CUAD contract are JPEG images of an instruction sheet.
  const auto pdf = CorpusPath(kContractWithImagePagesPdf);
  TRUSTSCREEN_NEED_CORPUS(pdf);
  const Document doc = ExtractFile(pdf, NoOcr());
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_EQ(doc.reason, "no text layer on pages 72-73; they need OCR");
  ASSERT_EQ(doc.pages.size(), 74u);
  for (const Page& page : doc.pages) {
    EXPECT_EQ(page.needs_ocr, page.number == 72 || page.number == 73) << "page " << page.number;
  }
}

TEST(PdfExtraction, PagesWithoutTextLayerMakeTheDocumentPartial) {
  const Document doc = ExtractPdfBytes(
      BuildPdf({{TextContent("Readable page")}, {OutlinedShapes()}, {""}, {InlineImage()}}),
      NoOcr());
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_EQ(doc.reason, "no text layer on pages 2, 4; they need OCR");
  ASSERT_EQ(doc.pages.size(), 4u);
  EXPECT_FALSE(doc.pages[0].needs_ocr);
  EXPECT_TRUE(doc.pages[1].needs_ocr);
  EXPECT_FALSE(doc.pages[2].needs_ocr);  // blank: nothing to OCR
  EXPECT_TRUE(doc.pages[3].needs_ocr);
}

TEST(PdfExtraction, BlankPagesDoNotNeedOcr) {
  const Document mixed = ExtractPdfBytes(BuildPdf({{TextContent("Only page with text")}, {""}}));
  EXPECT_EQ(mixed.status, DocumentStatus::kOk) << mixed.reason;
  const Document blank = ExtractPdfBytes(BuildPdf({{""}, {std::string(kWhiteBackgroundAndRule)}}));
  EXPECT_EQ(blank.status, DocumentStatus::kEmpty);
  EXPECT_EQ(blank.reason, "no text found (2 blank pages)");
}

TEST(PdfExtraction, ImageOnlyPagesNeedOcr) {
  const Document doc = ExtractPdfBytes(BuildPdf({{InlineImage()}, {InlineImage()}}), NoOcr());
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr);
  EXPECT_EQ(doc.reason, "no text layer on any of the 2 pages; scanned images need OCR");
  // An image that holds no words stays needs_ocr with OCR too, and the reason says so.
  const Document ocrd = ExtractPdfBytes(BuildPdf({{InlineImage()}, {InlineImage()}}));
  EXPECT_EQ(ocrd.status, DocumentStatus::kNeedsOcr);
  EXPECT_EQ(ocrd.reason,
            "no text layer on any of the 2 pages; scanned images need OCR; OCR found no words on "
            "pages 1-2");
}

TEST(PdfExtraction, TinyImagesDoNotNeedOcr) {
  // A 2x2 spacer image cannot hold text.
  const std::string spacer =
      "q 10 0 0 10 72 600 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x80\x80\x80 EI Q";
  const Document doc = ExtractPdfBytes(BuildPdf({{TextContent("text")}, {spacer}}));
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
}

TEST(PdfExtraction, MissingXrefAndEofMarkIsReadButPartial) {
  // All objects are there but the file stops before the xref table: Poppler rebuilds the table
  // from the objects, yet the cut-off file may have lost content.
  const std::string pdf = BuildPdf({{TextContent("first")}, {TextContent("second")}});
  const Document doc = ExtractPdfBytes(pdf.substr(0, pdf.rfind("xref")));
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_EQ(doc.reason, "PDF appears truncated (no %%EOF)");
  EXPECT_NE(doc.text.find("second"), std::string::npos);
}

TEST(PdfExtraction, PageCapReadsTheFirstPagesAndIsPartial) {
  ExtractOptions options;
  options.max_pages = 2;
  const Document doc = ExtractPdfBytes(
      BuildPdf({{TextContent("one")}, {TextContent("two")}, {TextContent("three")}}), options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_EQ(doc.reason, "read the first 2 of 3 pages");
  EXPECT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.text.find("three"), std::string::npos);
}

TEST(PdfExtraction, RandomBytesNamedPdfAreCorrupt) {
  std::mt19937 rng(42);
  std::string bytes(64 << 10, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  const Document plain = ExtractPdfBytes(bytes);
  EXPECT_EQ(plain.status, DocumentStatus::kCorrupt) << plain.reason;
  EXPECT_TRUE(plain.reason.starts_with("not a PDF")) << plain.reason;

  const Document with_header = ExtractPdfBytes("%PDF-1.7\n" + bytes);
  EXPECT_EQ(with_header.status, DocumentStatus::kCorrupt) << with_header.reason;
  EXPECT_TRUE(with_header.reason.starts_with("damaged PDF: ")) << with_header.reason;
  EXPECT_EQ(with_header.format, DocumentFormat::kPdf);
}

TEST(PdfExtraction, TruncatedPdfIsNeverReportedAsFullyRead) {
  const auto pdf = CorpusPath(kAgencyPdf);
  TRUSTSCREEN_NEED_CORPUS(pdf);
  const std::string bytes = fixtures::ReadFileBytes(pdf);
  const Document half = ExtractPdfBytes(bytes.substr(0, bytes.size() / 2));
  EXPECT_TRUE(half.status == DocumentStatus::kCorrupt || half.status == DocumentStatus::kPartial)
      << ToString(half.status) << ": " << half.reason;
  EXPECT_FALSE(half.reason.empty());
  for (int percent : {1, 10, 25, 75, 90, 99}) {
    const Document cut = ExtractPdfBytes(bytes.substr(0, bytes.size() * percent / 100));
    EXPECT_NE(cut.status, DocumentStatus::kOk) << percent << "%";
    EXPECT_NE(cut.status, DocumentStatus::kCrashed) << percent << "%: " << cut.reason;
  }
}

class EncryptedPdf : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fixtures::HaveProgram("qpdf")) GTEST_SKIP() << "qpdf not on PATH";
    plain_ = dir_.Write("plain.pdf", BuildPdf({{TextContent("Secret export terms")}}));
  }
  // Encrypts plain.pdf with AES-256 and the given user password.
  std::filesystem::path Encrypt(const std::string& user_password) {
    const auto out = dir_.path() / ("encrypted-" + std::to_string(counter_++) + ".pdf");
    const std::string command = "qpdf --encrypt " + fixtures::ShellQuote(user_password) +
                                " owner 256 -- " + fixtures::ShellQuote(plain_.string()) + " " +
                                fixtures::ShellQuote(out.string());
    EXPECT_TRUE(fixtures::RunCommand(command)) << command;
    return out;
  }

  fixtures::TempDir dir_;
  std::filesystem::path plain_;
  int counter_ = 0;
};

TEST_F(EncryptedPdf, WithUserPasswordIsEncrypted) {
  const Document doc = ExtractFile(Encrypt("user"), ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted);
  EXPECT_EQ(doc.reason, "PDF is encrypted and needs a password");
  EXPECT_TRUE(doc.text.empty());
  EXPECT_EQ(doc.sha256.size(), 64u);
}

TEST_F(EncryptedPdf, WithEmptyUserPasswordOpensAndIsRead) {
  const Document doc = ExtractFile(Encrypt(""), ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_NE(doc.text.find("Secret export terms"), std::string::npos);
}

}  // namespace
}  // namespace trustscreen::extract
