// Reading a PDF in parts the way the pipeline does (trustscreen/extract/pdf_split.h), for the tests
// that compare it with reading the PDF whole.
#ifndef TRUSTSCREEN_TESTS_EXTRACT_PDF_SPLIT_FIXTURES_H_
#define TRUSTSCREEN_TESTS_EXTRACT_PDF_SPLIT_FIXTURES_H_

#include <filesystem>

#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract::testing {

// The document read in ranges of `range` pages (any PDF of more than one page is split), its OCR
// pages one by one, then assembled.
Document ReadInParts(const std::filesystem::path& path, const ExtractOptions& options, int range);

// Every field equal, as the cache stores it (gtest expectations).
void ExpectSameDocument(const Document& whole, const Document& parts);

}  // namespace trustscreen::extract::testing

#endif  // TRUSTSCREEN_TESTS_EXTRACT_PDF_SPLIT_FIXTURES_H_
