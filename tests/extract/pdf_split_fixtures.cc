#include "pdf_split_fixtures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "trustscreen/cache/cache.h"
#include "trustscreen/extract/pdf_split.h"

namespace trustscreen::extract::testing {
namespace {

std::vector<std::string> LayOutInRanges(const std::filesystem::path& path,
                                        const ExtractOptions& options, int pages, int range) {
  std::vector<std::string> parts;
  for (int first = 1; first <= pages; first += range) {
    parts.push_back(LayOutPdfPages(path, options, first, std::min(pages, first + range - 1)));
  }
  return parts;
}

}  // namespace

Document ReadInParts(const std::filesystem::path& path, const ExtractOptions& options, int range,
                     int split_above) {
  FileOrSplit plan = ExtractFileOrSplit(path, options, split_above);
  if (plan.pdf_pages == 0) return plan.document;
  const std::vector<std::string> layout = plan.layout_parts.empty()
                                              ? LayOutInRanges(path, options, plan.pdf_pages, range)
                                              : plan.layout_parts;
  std::vector<std::string> ocr;
  for (int page : PdfPagesToOcr(layout, options)) ocr.push_back(OcrPdfPage(path, options, page));
  AssembleSplitPdf(layout, ocr, options, plan.document);
  return plan.document;
}

void ExpectSameDocument(const Document& whole, const Document& parts) {
  EXPECT_EQ(whole.status, parts.status) << parts.reason;
  EXPECT_EQ(whole.reason, parts.reason);
  EXPECT_EQ(whole.text, parts.text);
  EXPECT_EQ(cache::EncodeDocument(whole), cache::EncodeDocument(parts));
}

}  // namespace trustscreen::extract::testing
