// Reading a PDF in parts the way the pipeline does (trustscreen/extract/pdf_split.h), for the tests
// that compare it with reading the PDF whole.
#ifndef TRUSTSCREEN_TESTS_EXTRACT_PDF_SPLIT_FIXTURES_H_
#define TRUSTSCREEN_TESTS_EXTRACT_PDF_SPLIT_FIXTURES_H_

#include <filesystem>

#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract::testing {

// The document as the pipeline reads it in parts: ExtractFileOrSplit (any PDF of more than
// `split_above` pages is split; one with two OCR pages or more is laid out whole), the layout in
// ranges of `range` pages when not done yet, its OCR pages one by one, then assembled.
Document ReadInParts(const std::filesystem::path& path, const ExtractOptions& options, int range,
                     int split_above = 1);

// Every field equal, as the cache stores it (gtest expectations).
void ExpectSameDocument(const Document& whole, const Document& parts);

}  // namespace trustscreen::extract::testing

#endif  // TRUSTSCREEN_TESTS_EXTRACT_PDF_SPLIT_FIXTURES_H_
