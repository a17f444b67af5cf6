// Every PDF of the shared corpus read in parts — ranges of 5 pages, scanned pages one by one with
// OCR — is the same Document as read whole, field for field. Slow: the scans are read twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "corpus.h"
#include "pdf_split_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

std::vector<std::filesystem::path> CorpusPdfs() {
  std::vector<std::filesystem::path> pdfs;
  const std::filesystem::path root(TRUSTSCREEN_CORPUS_DIR);
  if (!std::filesystem::is_directory(root)) return pdfs;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::string extension = entry.path().extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (entry.is_regular_file() && extension == ".pdf") pdfs.push_back(entry.path());
  }
  std::sort(pdfs.begin(), pdfs.end());
  return pdfs;
}

TEST(PdfSplitCorpus, EveryCorpusPdfReadInPartsIsTheSameDocument) {
  const std::vector<std::filesystem::path> pdfs = CorpusPdfs();
  TRUSTSCREEN_NEED_CORPUS(std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "contracts");
  ASSERT_GE(pdfs.size(), 57u);
  ExtractOptions options;
  options.ocr_page_timeout_seconds = 0;  // a loaded machine must not make one reading time out
  int ocr_documents = 0;
  for (const std::filesystem::path& pdf : pdfs) {
    SCOPED_TRACE(pdf.string());
    const Document whole = ExtractFile(pdf, options);
    testing::ExpectSameDocument(whole, testing::ReadInParts(pdf, options, 5));
    if (std::any_of(whole.pages.begin(), whole.pages.end(),
                    [](const Page& page) { return page.source == TextSource::kOcr; })) {
      ++ocr_documents;
    }
  }
  EXPECT_GE(ocr_documents, 3) << "the corpus's scans were read by OCR";
}

}  // namespace
}  // namespace trustscreen::extract
