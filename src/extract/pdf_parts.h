// The stages of PDF extraction and what passes between them, so that one document's pages can be
// laid out and recognised in several places (trustscreen/extract/pdf_parts.h) and put together
// into the Document a single ExtractPdf call gives.
//
//   open -> LayOutPages (a range of pages) -> OCR of the pages WantsOcr picks, one at a time ->
//   AssemblePdfDocument (headers/footers, hyphenation, statuses and reasons, over every page)
//
// Each page is laid out with its own TextPage and recognised on its own, so the result does not
// depend on how the pages were grouped. The parts travel encoded (EncodeLayoutPart, CBOR) between
// processes; decoding checks every field, since a part comes from a process reading a hostile file.
#ifndef TRUSTSCREEN_SRC_EXTRACT_PDF_PARTS_H_
#define TRUSTSCREEN_SRC_EXTRACT_PDF_PARTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ocr.h"
#include "pdf_layout.h"
#include "pdf_text_quality.h"
#include "trustscreen/core/document.h"
#include "trustscreen/core/status.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract::internal {

enum class PageKind {
  kText,        // a readable text layer
  kUnreadable,  // a text layer that is mostly not words
  kImage,       // no text, but images or outlined text: a scan
  kBlank,       // draws nothing readable
  kDamaged,     // could not be parsed
};

bool WantsOcr(OcrMode mode, PageKind kind);

struct LaidOutPage {
  int number = 0;  // 1-based
  PageKind kind = PageKind::kText;
  PdfPageLines lines;
};

// Pages first..last of one PDF, laid out, with what the document's status needs.
struct PdfLayoutPart {
  std::string sha256;   // of the file's bytes as read for this part
  std::string failure;  // not empty: the range could not be read, and why
  int page_count = 0;
  int pages_to_read = 0;  // min(page_count, max_pages)
  // The cross-reference table was rebuilt (by opening or by reading these pages: Poppler
  // rebuilds it when it first needs an object it cannot find) and there is no %%EOF.
  bool truncated = false;
  std::string first_error;  // Poppler's first error while opening and laying out, if any
  std::vector<LaidOutPage> pages;
  TextCounts counts;  // over the pages with visible text
  int blank_pages = 0;
};

// One page read by OCR.
struct PdfOcrPart {
  std::string sha256;
  std::string failure;
  bool truncated = false;  // as PdfLayoutPart's, seen while rendering this page
  int number = 0;
  OcrPage page;             // render/recognise seconds are not kept
  std::string first_error;  // Poppler's first error while rendering the page
};

std::string EncodeLayoutPart(const PdfLayoutPart& part);
Result<PdfLayoutPart> DecodeLayoutPart(std::string_view bytes);
std::string EncodeOcrPart(const PdfOcrPart& part);
Result<PdfOcrPart> DecodeOcrPart(std::string_view bytes);

// A PDF worth reading in parts, as far as ExtractPdfOrSplit read it.
struct PdfSplit {
  int pages = 0;                      // > 0: to be read in parts (pages to read)
  std::vector<PdfLayoutPart> layout;  // the layout of every page, when it was done
};

// ExtractPdf, unless the PDF is worth reading in parts: more than `split_above` pages to read
// (then it is only opened: no layout), or at least `split_ocr_pages` pages that options.ocr asks
// to recognise (then it is laid out whole, and the split holds that part). Otherwise, or when it
// fails to open, `doc` is what ExtractPdf makes of it and the split is empty.
PdfSplit ExtractPdfOrSplit(std::string_view bytes, const ExtractOptions& options, int split_above,
                           int split_ocr_pages, Document& doc);

// Opens `bytes` and lays out pages first..last (1-based; clamped to the pages to read), calling
// options.on_page after each. A PDF that does not open gives a part with a failure.
PdfLayoutPart LayOutPdfRange(std::string_view bytes, const ExtractOptions& options, int first,
                             int last);

// Opens `bytes` and reads page `number` with OCR (a Tesseract instance of its own).
PdfOcrPart OcrPdfPageAlone(std::string_view bytes, const ExtractOptions& options, int number);

// The pages of `layout` that options.ocr asks to recognise, in page order.
std::vector<int> PagesToOcr(const std::vector<PdfLayoutPart>& layout,
                            const ExtractOptions& options);

// The document from its parts: `layout` covers pages 1..pages_to_read in order, `ocr` holds the
// pages PagesToOcr picked, in page order (a page missing there was not recognised). `doc` holds
// path, size and sha256 already; a part read from other bytes (the file changed) or that failed
// makes the document fail.
void AssemblePdfDocument(std::vector<PdfLayoutPart> layout, std::vector<PdfOcrPart> ocr,
                         const ExtractOptions& options, Document& doc);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_PDF_PARTS_H_
