// A PDF read in parts — page ranges laid out separately, scanned pages recognised one by one — is
// the same Document ExtractFile gives, whatever the ranges; a part that is missing, unreadable or
// read from a changed file makes the document fail instead of passing as read.
#include "trustscreen/extract/pdf_split.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ocr_fixtures.h"
#include "pdf_split_fixtures.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using testing::ExpectSameDocument;
using testing::ReadInParts;

const std::filesystem::path kAgreement =
    std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "samples/collaboration-agreement.pdf";

// A page of running text with a running header and footer; the last line of a page may end in a
// hyphen that the next page completes.
std::string ContractPage(int number) {
  std::string content = "BT /F1 9 Tf 72 760 Td (ACME - CONFIDENTIAL) Tj ET ";
  for (int line = 0; line < 20; ++line) {
    content += "BT /F1 11 Tf 72 " + std::to_string(700 - line * 14) + " Td (Clause " +
               std::to_string(number) + "." + std::to_string(line) +
               " The parties shall comply with export control law) Tj ET ";
  }
  content += "BT /F1 11 Tf 72 400 Td (and the licensing of hyper-) Tj ET ";
  content += "BT /F1 9 Tf 290 40 Td (Page " + std::to_string(number) + ") Tj ET";
  return content;
}

TEST(PdfSplit, ALongPdfReadInAnyRangesIsTheSameDocument) {
  fixtures::TempDir dir;
  std::vector<fixtures::PdfPage> pages;
  for (int number = 1; number <= 23; ++number) {
    if (number == 8) {
      pages.push_back({""});  // blank
    } else if (number == 13) {
      std::string saves;  // empty graphics-state saves only, enough to be dropped (blank)
      for (int i = 0; i < 300; ++i) saves += "q Q ";
      pages.push_back({saves});
    } else {
      pages.push_back({"BT /F1 11 Tf 72 720 Td (sonic flight) Tj ET " + ContractPage(number)});
    }
  }
  const auto pdf = dir.Write("long.pdf", fixtures::BuildPdf(pages));
  const Document whole = ExtractFile(pdf, ExtractOptions{});
  ASSERT_EQ(whole.status, DocumentStatus::kOk) << whole.reason;
  for (int range : {1, 2, 5, 16, 23}) {
    SCOPED_TRACE("range " + std::to_string(range));
    ExpectSameDocument(whole, ReadInParts(pdf, ExtractOptions{}, range));
  }
}

TEST(PdfSplit, ScannedPagesReadOneByOneGiveTheSameText) {
  if (!fixtures::HaveProgram("qpdf")) GTEST_SKIP() << "qpdf not on PATH";
  fixtures::TempDir dir;
  const auto images = testing::RenderPdfPages(kAgreement, {4, 5}, 200);
  ASSERT_EQ(images.size(), 2u);
  const auto scan = dir.Write("scan.pdf", testing::ImageOnlyPdf(images, 200));
  // The agreement's own text pages, then the two scanned ones.
  const auto mixed = dir.path() / "mixed.pdf";
  const std::string command = "qpdf --empty --pages " + fixtures::ShellQuote(kAgreement.string()) +
                              " " + fixtures::ShellQuote(scan.string()) + " -- " +
                              fixtures::ShellQuote(mixed.string());
  ASSERT_TRUE(fixtures::RunCommand(command)) << command;
  const Document whole = ExtractFile(mixed, ExtractOptions{});
  ASSERT_TRUE(std::any_of(whole.pages.begin(), whole.pages.end(),
                          [](const Page& page) { return page.source == TextSource::kOcr; }));
  ExpectSameDocument(whole, ReadInParts(mixed, ExtractOptions{}, 2));
  // Short, but with two pages to recognise: laid out whole at once, its OCR pages left to read.
  const FileOrSplit plan = ExtractFileOrSplit(mixed, ExtractOptions{}, 100);
  EXPECT_EQ(plan.pdf_pages, static_cast<int>(whole.pages.size()));
  EXPECT_EQ(plan.layout_parts.size(), 1u);
  EXPECT_EQ(PdfPagesToOcr(plan.layout_parts, ExtractOptions{}).size(), 2u);
  ExpectSameDocument(whole, ReadInParts(mixed, ExtractOptions{}, 2, 100));
  // Without OCR the scanned pages stay needs_ocr, in parts as whole; nothing is left to split.
  ExtractOptions never;
  never.ocr = OcrMode::kNever;
  ExpectSameDocument(ExtractFile(mixed, never), ReadInParts(mixed, never, 3));
  const FileOrSplit unsplit = ExtractFileOrSplit(mixed, never, 100);
  EXPECT_EQ(unsplit.pdf_pages, 0);
  ExpectSameDocument(ExtractFile(mixed, never), unsplit.document);
}

TEST(PdfSplit, ShortPdfsAndOtherFilesAreExtractedWhole) {
  fixtures::TempDir dir;
  const auto text = dir.Write("note.txt", "hypersonic glide vehicle");
  for (const std::filesystem::path& path : {kAgreement, std::filesystem::path(text)}) {
    const FileOrSplit plan = ExtractFileOrSplit(path, ExtractOptions{}, 100);
    EXPECT_EQ(plan.pdf_pages, 0);
    ExpectSameDocument(ExtractFile(path, ExtractOptions{}), plan.document);
  }
  const FileOrSplit missing = ExtractFileOrSplit(dir.path() / "gone.pdf", ExtractOptions{}, 1);
  EXPECT_EQ(missing.pdf_pages, 0);
  EXPECT_EQ(missing.document.status, DocumentStatus::kMissing);
}

TEST(PdfSplit, ThePlanCountsThePagesToReadAndIdentifiesTheFile) {
  const Document whole = ExtractFile(kAgreement, ExtractOptions{});
  ExtractOptions options;
  options.max_pages = 3;
  const FileOrSplit plan = ExtractFileOrSplit(kAgreement, options, 2);
  EXPECT_EQ(plan.pdf_pages, 3);
  EXPECT_EQ(plan.document.format, DocumentFormat::kPdf);
  EXPECT_EQ(plan.document.sha256, whole.sha256);
  EXPECT_EQ(plan.document.size_bytes, whole.size_bytes);
  EXPECT_TRUE(plan.document.text.empty());
  // max_pages holds in parts as it does whole: the reason says what was left.
  const Document limited = ExtractFile(kAgreement, options);
  ExpectSameDocument(limited, ReadInParts(kAgreement, options, 2));
  EXPECT_NE(limited.reason.find("read the first 3 of"), std::string::npos) << limited.reason;
}

TEST(PdfSplit, APartReadFromAChangedFileMakesTheDocumentUnreadable) {
  fixtures::TempDir dir;
  std::vector<fixtures::PdfPage> pages(4, {fixtures::TextContent("hypersonic research")});
  const auto pdf = dir.Write("changing.pdf", fixtures::BuildPdf(pages));
  FileOrSplit plan = ExtractFileOrSplit(pdf, ExtractOptions{}, 1);
  ASSERT_EQ(plan.pdf_pages, 4);
  std::vector<std::string> layout = {LayOutPdfPages(pdf, ExtractOptions{}, 1, 2)};
  pages[3] = {fixtures::TextContent("a different last page")};
  dir.Write("changing.pdf", fixtures::BuildPdf(pages));
  layout.push_back(LayOutPdfPages(pdf, ExtractOptions{}, 3, 4));
  AssembleSplitPdf(layout, {}, ExtractOptions{}, plan.document);
  EXPECT_EQ(plan.document.status, DocumentStatus::kUnreadable);
  EXPECT_EQ(plan.document.reason, "the file changed while its pages were being read");
  EXPECT_TRUE(plan.document.transient_failure);
  EXPECT_TRUE(plan.document.text.empty());
}

TEST(PdfSplit, MissingOrUnreadablePartsFailTheDocument) {
  fixtures::TempDir dir;
  const auto pdf = dir.Write("four.pdf", fixtures::BuildPdf(std::vector<fixtures::PdfPage>(
                                             4, {fixtures::TextContent("hypersonic")})));
  const FileOrSplit plan = ExtractFileOrSplit(pdf, ExtractOptions{}, 1);
  ASSERT_EQ(plan.pdf_pages, 4);
  const std::string first = LayOutPdfPages(pdf, ExtractOptions{}, 1, 2);
  const std::string second = LayOutPdfPages(pdf, ExtractOptions{}, 3, 4);

  Document missing = plan.document;
  AssembleSplitPdf({first}, {}, ExtractOptions{}, missing);
  EXPECT_EQ(missing.status, DocumentStatus::kCrashed);
  EXPECT_EQ(missing.reason, "not every page was read");

  Document swapped = plan.document;
  AssembleSplitPdf({second, first}, {}, ExtractOptions{}, swapped);
  EXPECT_EQ(swapped.status, DocumentStatus::kCrashed);

  Document garbled = plan.document;
  AssembleSplitPdf({first, second.substr(0, second.size() / 2)}, {}, ExtractOptions{}, garbled);
  EXPECT_EQ(garbled.status, DocumentStatus::kCrashed);
  EXPECT_NE(garbled.reason.find("unreadable PDF page layout"), std::string::npos) << garbled.reason;

  Document gone = plan.document;
  std::filesystem::remove(pdf);
  AssembleSplitPdf({first, LayOutPdfPages(pdf, ExtractOptions{}, 3, 4)}, {}, ExtractOptions{},
                   gone);
  EXPECT_EQ(gone.status, DocumentStatus::kCrashed);
  EXPECT_NE(gone.reason.find("pages could not be read"), std::string::npos) << gone.reason;
}

}  // namespace
}  // namespace trustscreen::extract
