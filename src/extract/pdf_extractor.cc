// PDF: Poppler's core API (PDFDoc over a MemStream, TextOutputDev in reading order), page by page.
//
// Each page is laid out by TextOutputDev and its TextPage (flows -> blocks -> lines -> words) is
// collected as lines with font information (pdf_layout.h); pages without a usable text layer may
// be read by OCR; once every page is read, the lines are assembled into the document's text with
// headers/footers, headings and rejoined hyphenation. The stages are separate (pdf_parts.h) so
// that the pages of a long document can be read in several processes.
// Poppler has process-wide state (globalParams, the error callback) that is set up once; each call
// creates its own PDFDoc and output devices, which Poppler supports on different threads.
#include <ErrorCodes.h>
#include <PDFDoc.h>
#include <Page.h>
#include <TextOutputDev.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "ocr.h"
#include "pdf_ink_probe.h"
#include "pdf_layout.h"
#include "pdf_parts.h"
#include "pdf_poppler.h"
#include "pdf_text_quality.h"
#include "trustscreen/digest/sha256.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

// "%%EOF" near the end; its absence plus a rebuilt xref table means the file was cut short.
bool HasEofMarker(std::string_view bytes) {
  const std::size_t window = std::min<std::size_t>(bytes.size(), 1024);
  return bytes.substr(bytes.size() - window).find("%%EOF") != std::string_view::npos;
}

std::string DamagedReason(std::string_view first_error, std::string_view fallback) {
  return "damaged PDF: " + std::string(first_error.empty() ? fallback : first_error);
}

void Join(std::string& out, std::string_view part) {
  if (part.empty()) return;
  if (!out.empty()) out += "; ";
  out += part;
}

// Height of the page as laid out (its /Rotate applied), in points.
double DisplayedHeight(::Page& page) {
  const int rotate = ((page.getRotate() % 360) + 360) % 360;
  return (rotate == 90 || rotate == 270) ? page.getMediaWidth() : page.getMediaHeight();
}

// What OCR did to the pages of one document (parallel to the pages read).
struct OcrSummary {
  std::vector<TextSource> sources;
  std::vector<double> confidences;
  std::vector<bool> low_confidence;   // source kOcr, below options.ocr_min_confidence
  std::string low_confidence_reason;  // "OCR confidence low on page 3 (41.0): not reliably …"
  std::string problems;               // OCR unavailable, timeouts, pages without words
};

OcrClock::time_point OcrDeadline(const ExtractOptions& options) {
  if (options.ocr_page_timeout_seconds <= 0) return OcrClock::time_point::max();
  return OcrClock::now() + std::chrono::duration_cast<OcrClock::duration>(
                               std::chrono::duration<double>(options.ocr_page_timeout_seconds));
}

// A PDF opened for reading pages, or why it could not be.
struct OpenedForPages {
  OpenedPdf opened;
  DocumentStatus failure_status = DocumentStatus::kOk;  // kOk: opened
  std::string failure;
  int page_count = 0;
  int pages_to_read = 0;
};

OpenedForPages OpenForPages(std::string_view bytes, const ExtractOptions& options,
                            const PopplerErrorLog& log) {
  OpenedForPages result;
  result.opened = OpenPdf(bytes, options.passwords);
  PDFDoc* pdf = result.opened.doc.get();
  if (!pdf->isOk()) {
    if (pdf->getErrorCode() == errEncrypted) {
      const std::size_t n = options.passwords.size();
      result.failure_status = DocumentStatus::kEncrypted;
      result.failure = result.opened.password_failed
                           ? "PDF is encrypted (none of the " + std::to_string(n) +
                                 (n == 1 ? " password" : " passwords") + " given opened it)"
                           : std::string("PDF is encrypted and needs a password");
    } else {
      result.failure_status = DocumentStatus::kCorrupt;
      result.failure = DamagedReason(log.first, "cannot be opened (Poppler error code " +
                                                    std::to_string(pdf->getErrorCode()) + ")");
    }
    return result;
  }
  result.page_count = pdf->getNumPages();
  if (result.page_count <= 0) {
    result.failure_status = DocumentStatus::kCorrupt;
    result.failure = DamagedReason(log.first, "no pages found");
    return result;
  }
  result.pages_to_read = std::min(result.page_count, std::max(options.max_pages, 0));
  if (!options.pdf_keep_output_intents) DropOutputIntents(*pdf);
  return result;
}

// Lays out pages first..last of an opened PDF into `part`.
void LayOutPages(OpenedPdf& opened, const ExtractOptions& options, int first, int last,
                 PopplerErrorLog& log, PdfLayoutPart& part) {
  PDFDoc* pdf = opened.doc.get();
  // No output function: the device only lays each page out; its flows are read after each page.
  TextOutputDev text_device(nullptr, nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0,
                            /*rawOrderA=*/false);
  if (!text_device.isOk()) {
    part.failure = "Poppler could not create a text output device";
    return;
  }
  for (int number = first; number <= last; ++number) {
    const int errors_before = log.count;
    ::Page* page = pdf->getPage(number);  // Poppler's Page, not trustscreen::Page
    LaidOutPage laid_out;
    laid_out.number = number;
    if (page != nullptr) {
      if (!options.pdf_keep_empty_saves) DropEmptySaves(opened, number);
      // Annotations stay on: filled-in form fields are drawn as annotations and are text.
      pdf->displayPage(&text_device, number, 72, 72, /*rotate=*/0, /*useMediaBox=*/true,
                       /*crop=*/false, /*printing=*/false);
      // The device's TextPage is reused (cleared when the next page starts). takeText() would
      // hand it over, but Poppler 22.12 keeps adding ActualText spans to the old page after that.
      laid_out.lines = CollectPdfLines(text_device.getFlows(), DisplayedHeight(*page));
    }
    std::string page_text;
    for (const PdfLine& line : laid_out.lines.lines) {
      page_text += line.text;
      page_text.push_back('\n');
    }
    if (HasVisibleText(page_text)) {
      const TextCounts page_counts = CountText(page_text);
      part.counts += page_counts;
      if (LooksUnreadable(page_counts)) laid_out.kind = PageKind::kUnreadable;
    } else if (page == nullptr) {
      laid_out.kind = PageKind::kDamaged;
    } else {
      InkProbe probe;
      pdf->displayPage(&probe, number, 72, 72, 0, true, false, false, &InkProbe::AbortCheck,
                       &probe);
      if (probe.found_ink()) {
        laid_out.kind = PageKind::kImage;
      } else if (log.count > errors_before) {
        laid_out.kind = PageKind::kDamaged;  // nothing drawn because the page could not be parsed
      } else {
        laid_out.kind = PageKind::kBlank;
        ++part.blank_pages;
      }
    }
    if (options.on_page) options.on_page();
    part.pages.push_back(std::move(laid_out));
  }
}

// What OCR gave, folded into the pages: OCR lines replace a page's lines when the page had no
// usable text layer, or (kAlways) when OCR is confident. `ocr` holds the pages PagesToOcr picked,
// in order; the first page where Tesseract was unavailable ends the reading, as it ends it in
// ExtractPdf.
OcrSummary ApplyOcr(std::vector<PdfOcrPart>& ocr, const ExtractOptions& options,
                    const std::vector<int>& numbers, const std::vector<PageKind>& kinds,
                    std::vector<PdfPageLines>& page_lines, Document& doc) {
  OcrSummary summary;
  summary.sources.assign(numbers.size(), TextSource::kTextLayer);
  summary.confidences.assign(numbers.size(), 0);
  summary.low_confidence.assign(numbers.size(), false);
  std::vector<int> timed_out, no_words, failed, low;
  std::string low_detail, unavailable, failure;
  for (PdfOcrPart& part : ocr) {
    const std::size_t p = static_cast<std::size_t>(part.number - numbers.front());
    OcrPage& page = part.page;
    if (page.outcome == OcrOutcome::kUnavailable) {
      unavailable = page.error;
      break;
    }
    if (page.outcome == OcrOutcome::kTimeout) {
      timed_out.push_back(part.number);
      continue;
    }
    if (page.outcome == OcrOutcome::kFailed) {
      failed.push_back(part.number);
      if (failure.empty()) failure = page.error;
      continue;
    }
    if (page.words == 0) {
      if (kinds[p] != PageKind::kText) no_words.push_back(part.number);
      continue;
    }
    const bool confident = page.mean_confidence >= options.ocr_min_confidence;
    // A readable text layer is only replaced by confident OCR text (kAlways).
    if (kinds[p] == PageKind::kText && !confident) continue;
    summary.sources[p] = TextSource::kOcr;
    summary.confidences[p] = page.mean_confidence;
    summary.low_confidence[p] = !confident;
    if (!confident) {
      low.push_back(part.number);
      if (!low_detail.empty()) low_detail += ", ";
      low_detail += std::to_string(part.number) + ": " + OneDecimal(page.mean_confidence);
    }
    doc.replaced_invalid_bytes += page.lines.replaced;
    page.lines.replaced = 0;
    page_lines[p] = std::move(page.lines);
  }
  if (!low.empty()) {
    summary.low_confidence_reason =
        "OCR confidence below " + OneDecimal(options.ocr_min_confidence) + " on " +
        FormatPageList(low) + " (" + low_detail + "); OCR text not reliably screened";
  }
  if (!unavailable.empty()) {
    Join(summary.problems, "OCR unavailable: " + unavailable);
    doc.transient_failure = true;
  }
  if (!timed_out.empty()) {
    Join(summary.problems, "OCR timed out (" + OneDecimal(options.ocr_page_timeout_seconds) +
                               " s per page) on " + FormatPageList(timed_out));
    doc.transient_failure = true;
  }
  if (!no_words.empty())
    Join(summary.problems, "OCR found no words on " + FormatPageList(no_words));
  if (!failed.empty()) {
    Join(summary.problems, "OCR failed on " + FormatPageList(failed) + " (" + failure + ")");
  }
  return summary;
}

PdfOcrPart OcrOne(PDFDoc& pdf, OcrEngine& engine, const ExtractOptions& options, int number,
                  PopplerErrorLog& log) {
  PdfOcrPart part;
  part.number = number;
  const int errors_before = log.count;
  part.page = OcrPdfPage(pdf, number, engine, options, OcrDeadline(options));
  part.page.render_seconds = part.page.recognise_seconds = 0;
  if (log.count > errors_before && part.first_error.empty()) part.first_error = log.first;
  if (options.on_page) options.on_page();
  return part;
}

// False, and `doc` failed, when a part could not be read (crashed, `what` and its failure) or was
// read from other bytes than `doc` (the file changed: unreadable, to be tried again).
template <typename Part>
bool PartsUsable(const std::vector<Part>& parts, std::string_view what, Document& doc) {
  for (const Part& part : parts) {
    if (!part.failure.empty()) {
      FailDocument(doc, DocumentStatus::kCrashed, std::string(what) + part.failure);
      return false;
    }
    if (part.sha256 != doc.sha256) {
      FailDocument(doc, DocumentStatus::kUnreadable,
                   "the file changed while its pages were being read");
      doc.transient_failure = true;
      return false;
    }
  }
  return true;
}

}  // namespace

bool WantsOcr(OcrMode mode, PageKind kind) {
  switch (mode) {
    case OcrMode::kNever:
      return false;
    case OcrMode::kAuto:
      return kind == PageKind::kUnreadable || kind == PageKind::kImage;
    case OcrMode::kAlways:
      return kind != PageKind::kDamaged && kind != PageKind::kBlank;
  }
  return false;
}

std::vector<int> PagesToOcr(const std::vector<PdfLayoutPart>& layout,
                            const ExtractOptions& options) {
  std::vector<int> pages;
  for (const PdfLayoutPart& part : layout) {
    for (const LaidOutPage& page : part.pages) {
      if (WantsOcr(options.ocr, page.kind)) pages.push_back(page.number);
    }
  }
  return pages;
}

PdfLayoutPart LayOutPdfRange(std::string_view bytes, const ExtractOptions& options, int first,
                             int last) {
  InitPopplerOnce();
  PdfLayoutPart part;
  part.sha256 = digest::Sha256Hex(bytes);
  PopplerErrorLog log;
  ScopedErrorLog scoped_log(&log);
  OpenedForPages open = OpenForPages(bytes, options, log);
  if (open.failure_status != DocumentStatus::kOk) {
    part.failure = open.failure;
    return part;
  }
  part.page_count = open.page_count;
  part.pages_to_read = open.pages_to_read;
  LayOutPages(open.opened, options, std::max(first, 1), std::min(last, open.pages_to_read), log,
              part);
  part.truncated = *open.opened.xref_rebuilt && !HasEofMarker(bytes);
  part.first_error = log.first;
  return part;
}

PdfOcrPart OcrPdfPageAlone(std::string_view bytes, const ExtractOptions& options, int number) {
  InitPopplerOnce();
  PopplerErrorLog log;
  ScopedErrorLog scoped_log(&log);
  OpenedForPages open = OpenForPages(bytes, options, log);
  PdfOcrPart part;
  part.number = number;
  if (open.failure_status != DocumentStatus::kOk) {
    part.failure = open.failure;
  } else if (number < 1 || number > open.pages_to_read) {
    part.failure = "page " + std::to_string(number) + " is not among the pages read";
  } else {
    // The content streams are replaced as when the page was laid out.
    if (!options.pdf_keep_empty_saves) DropEmptySaves(open.opened, number);
    OcrEngine engine(options);
    part = OcrOne(*open.opened.doc, engine, options, number, log);
    part.truncated = *open.opened.xref_rebuilt && !HasEofMarker(bytes);
  }
  part.sha256 = digest::Sha256Hex(bytes);
  return part;
}

void AssemblePdfDocument(std::vector<PdfLayoutPart> layout, std::vector<PdfOcrPart> ocr,
                         const ExtractOptions& options, Document& doc) {
  doc.format = DocumentFormat::kPdf;
  if (!PartsUsable(layout, "pages could not be read: ", doc) ||
      !PartsUsable(ocr, "OCR could not read a page: ", doc)) {
    return;
  }
  std::vector<PdfPageLines> page_lines;
  std::vector<int> numbers;
  std::vector<PageKind> kinds;
  int blank_pages = 0;
  TextCounts counts;
  std::string first_error;
  for (PdfLayoutPart& part : layout) {
    for (LaidOutPage& page : part.pages) {
      if (page.number != static_cast<int>(numbers.size()) + 1) {
        FailDocument(doc, DocumentStatus::kCrashed, "the pages read do not follow each other");
        return;
      }
      doc.replaced_invalid_bytes += page.lines.replaced;
      page.lines.replaced = 0;
      page_lines.push_back(std::move(page.lines));
      numbers.push_back(page.number);
      kinds.push_back(page.kind);
    }
    counts += part.counts;
    blank_pages += part.blank_pages;
    if (first_error.empty()) first_error = part.first_error;
  }
  const PdfLayoutPart& whole = layout.front();
  if (static_cast<int>(numbers.size()) != whole.pages_to_read) {
    FailDocument(doc, DocumentStatus::kCrashed, "not every page was read");
    return;
  }
  const int page_count = whole.page_count;
  const int pages_to_read = whole.pages_to_read;
  for (const PdfOcrPart& part : ocr) {
    if (part.number < 1 || part.number > pages_to_read) {
      FailDocument(doc, DocumentStatus::kCrashed, "an OCR page does not belong to this document");
      return;
    }
    if (first_error.empty()) first_error = part.first_error;
  }

  const OcrSummary ocr_summary = ApplyOcr(ocr, options, numbers, kinds, page_lines, doc);

  std::vector<bool> needs_ocr;
  std::vector<int> ocr_pages;         // draw images or shapes but have no text (OCR did not help)
  std::vector<int> unreadable_pages;  // have text, but it is mostly not words
  std::vector<int> damaged_pages;     // could not be read at all
  int readable_text_pages = 0;
  for (std::size_t p = 0; p < numbers.size(); ++p) {
    bool ocr_needed = ocr_summary.sources[p] == TextSource::kOcr && ocr_summary.low_confidence[p];
    if (ocr_summary.sources[p] == TextSource::kOcr) {
      ++readable_text_pages;  // low confidence: read, screened, and still flagged
    } else if (kinds[p] == PageKind::kText) {
      ++readable_text_pages;
    } else if (kinds[p] == PageKind::kUnreadable) {
      ocr_needed = true;
      unreadable_pages.push_back(numbers[p]);
    } else if (kinds[p] == PageKind::kImage) {
      ocr_needed = true;
      ocr_pages.push_back(numbers[p]);
    } else if (kinds[p] == PageKind::kDamaged) {
      damaged_pages.push_back(numbers[p]);
    }
    needs_ocr.push_back(ocr_needed);
  }
  AssemblePdfText(page_lines, numbers, needs_ocr, doc);
  for (std::size_t p = 0; p < doc.pages.size() && p < numbers.size(); ++p) {
    doc.pages[p].source = ocr_summary.sources[p];
    doc.pages[p].ocr_confidence = ocr_summary.confidences[p];
  }
  doc.quality.replacement_share = counts.replacement_share();
  doc.quality.nonword_share = counts.nonword_share();
  const bool any_text = readable_text_pages > 0;
  std::string unreadable;
  if (!unreadable_pages.empty()) {
    unreadable = "text layer unreadable (broken font encoding?) on " +
                 FormatPageList(unreadable_pages) + "; OCR needed";
  }

  // Everything not fully read goes into the reason, most important first.
  std::string problems;
  // Any part's reading may have made Poppler rebuild the cross-reference table.
  const bool truncated =
      std::any_of(layout.begin(), layout.end(), [](const auto& part) { return part.truncated; }) ||
      std::any_of(ocr.begin(), ocr.end(), [](const auto& part) { return part.truncated; });
  if (truncated) Join(problems, "PDF appears truncated (no %%EOF)");
  if (pages_to_read < page_count) {
    Join(problems, "read the first " + std::to_string(pages_to_read) + " of " +
                       std::to_string(page_count) + " pages");
  }
  if (!damaged_pages.empty()) {
    Join(problems, FormatPageList(damaged_pages) + " could not be read (" +
                       DamagedReason(first_error, "page objects missing") + ")");
  }

  if (!any_text) {
    if (!unreadable.empty()) {
      doc.status = DocumentStatus::kNeedsOcr;
      std::string reason = unreadable;
      if (!ocr_pages.empty()) Join(reason, "no text layer on " + FormatPageList(ocr_pages));
      Join(reason, ocr_summary.problems);
      Join(reason, problems);
      doc.reason = std::move(reason);
    } else if (!ocr_pages.empty()) {
      doc.status = DocumentStatus::kNeedsOcr;
      std::string reason = "no text layer on any of the " + std::to_string(pages_to_read) +
                           " pages; scanned images need OCR";
      if (page_count == 1) reason = "no text layer on the only page; a scanned image needs OCR";
      Join(reason, ocr_summary.problems);
      Join(reason, problems);
      doc.reason = std::move(reason);
    } else if (!damaged_pages.empty()) {
      FailDocument(doc, DocumentStatus::kCorrupt, problems);
    } else {
      doc.status = DocumentStatus::kEmpty;
      doc.reason = "no text found (" + std::to_string(blank_pages) +
                   (blank_pages == 1 ? " blank page)" : " blank pages)");
      Join(doc.reason, problems);
    }
    return;
  }
  Join(problems, ocr_summary.low_confidence_reason);
  Join(problems, unreadable);
  if (!ocr_pages.empty()) {
    Join(problems, "no text layer on " + FormatPageList(ocr_pages) +
                       (ocr_pages.size() == 1 ? "; it needs OCR" : "; they need OCR"));
  }
  Join(problems, ocr_summary.problems);
  doc.status = problems.empty() ? DocumentStatus::kOk : DocumentStatus::kPartial;
  doc.reason = std::move(problems);
}

PdfSplit ExtractPdfOrSplit(std::string_view bytes, const ExtractOptions& options, int split_above,
                           int split_ocr_pages, Document& doc) {
  InitPopplerOnce();
  doc.format = DocumentFormat::kPdf;
  PdfSplit split;
  PopplerErrorLog log;
  ScopedErrorLog scoped_log(&log);
  OpenedForPages open = OpenForPages(bytes, options, log);
  if (open.failure_status != DocumentStatus::kOk) {
    FailDocument(doc, open.failure_status, open.failure);
    return split;
  }
  if (open.pages_to_read > split_above) {
    split.pages = open.pages_to_read;
    return split;
  }
  std::vector<PdfLayoutPart> layout(1);
  PdfLayoutPart& part = layout.front();
  part.sha256 = doc.sha256;
  part.page_count = open.page_count;
  part.pages_to_read = open.pages_to_read;
  LayOutPages(open.opened, options, 1, open.pages_to_read, log, part);
  if (!part.failure.empty()) {
    FailDocument(doc, DocumentStatus::kCrashed, part.failure);
    return split;
  }
  part.first_error = log.first;
  const bool no_eof = !HasEofMarker(bytes);
  part.truncated = *open.opened.xref_rebuilt && no_eof;
  const std::vector<int> ocr_pages = PagesToOcr(layout, options);
  if (!ocr_pages.empty() && static_cast<int>(ocr_pages.size()) >= split_ocr_pages) {
    split.pages = open.pages_to_read;
    split.layout = std::move(layout);
    return split;
  }
  // One Tesseract instance reads every page, in order; once it cannot start, no page is tried.
  std::vector<PdfOcrPart> ocr;
  if (!ocr_pages.empty()) {
    OcrEngine engine(options);
    for (const int number : ocr_pages) {
      ocr.push_back(OcrOne(*open.opened.doc, engine, options, number, log));
      ocr.back().sha256 = doc.sha256;
      if (ocr.back().page.outcome == OcrOutcome::kUnavailable) break;
    }
    part.truncated = *open.opened.xref_rebuilt && no_eof;  // rendering may have rebuilt it
  }
  AssemblePdfDocument(std::move(layout), std::move(ocr), options, doc);
  return split;
}

void ExtractPdf(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  constexpr int kNever = std::numeric_limits<int>::max();
  ExtractPdfOrSplit(bytes, options, kNever, kNever, doc);
}

}  // namespace trustscreen::extract::internal
