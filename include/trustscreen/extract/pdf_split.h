// Reading one long PDF in parts: its pages laid out in ranges and its scanned pages recognised one
// by one, possibly in several processes at once, then put together into the Document ExtractFile
// gives — byte for byte, since every page is laid out and recognised on its own either way.
//
//   FileOrSplit plan = ExtractFileOrSplit(path, options, 32);
//   if (plan.pdf_pages > 0) {
//     layout = plan.layout_parts;  // or, when empty:
//     layout = {LayOutPdfPages(path, options, 1, 16), LayOutPdfPages(path, options, 17, 32), …};
//     for (int page : PdfPagesToOcr(layout, options)) ocr.push_back(OcrPdfPage(path, options,
//     page)); AssembleSplitPdf(layout, ocr, options, plan.document);
//   }
//
// Parts are opaque bytes (CBOR), so that they can cross a process boundary; each carries the
// SHA-256 of the file it was read from, and a file that changes between parts makes the document
// unreadable (transient_failure) rather than a mix of two versions. Options must be the same for
// every call of one document. The page functions read the file again each time (the page cache
// makes that cheap); like ExtractFile, they never throw.
#ifndef TRUSTSCREEN_EXTRACT_PDF_SPLIT_H_
#define TRUSTSCREEN_EXTRACT_PDF_SPLIT_H_

#include <filesystem>
#include <string>
#include <vector>

#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {

struct FileOrSplit {
  // ExtractFile's answer; for a PDF to be read in parts only path, size_bytes, sha256 and format.
  Document document;
  int pdf_pages = 0;  // > 0: a PDF with this many pages to read (max_pages applied)
  // Not empty: the layout of every page is done (one part); only OCR pages are left to read.
  std::vector<std::string> layout_parts;
};

// ExtractFile, except for a PDF worth reading in parts (split_above > 0): one with more than
// `split_above` pages to read is only opened, to count its pages; one with two pages or more to
// read by OCR (options.ocr) is laid out, and its OCR pages are left to OcrPdfPage.
FileOrSplit ExtractFileOrSplit(const std::filesystem::path& path, const ExtractOptions& options,
                               int split_above);

// Pages first..last (1-based, inclusive) laid out: a part for AssembleSplitPdf. Calls
// options.on_page after each page.
std::string LayOutPdfPages(const std::filesystem::path& path, const ExtractOptions& options,
                           int first, int last);

// The pages options.ocr asks to recognise, in page order, from every layout part of a document.
std::vector<int> PdfPagesToOcr(const std::vector<std::string>& layout_parts,
                               const ExtractOptions& options);

// Page `number` rendered and read by OCR: a part for AssembleSplitPdf. Calls options.on_page.
std::string OcrPdfPage(const std::filesystem::path& path, const ExtractOptions& options,
                       int number);

// Completes `document` (ExtractFileOrSplit's) from the layout parts of pages 1..pdf_pages in order
// and the OCR parts of the pages PdfPagesToOcr gave, in order. A part that failed, does not decode
// or was read from other bytes makes the document fail with a reason saying so.
void AssembleSplitPdf(const std::vector<std::string>& layout_parts,
                      const std::vector<std::string>& ocr_parts, const ExtractOptions& options,
                      Document& document);

}  // namespace trustscreen::extract

#endif  // TRUSTSCREEN_EXTRACT_PDF_SPLIT_H_
