// PDF: Poppler's core API (PDFDoc over a MemStream, TextOutputDev in reading order), page by page.
//
// Each page is laid out by TextOutputDev and its TextPage (flows -> blocks -> lines -> words) is
// collected as lines with font information (pdf_layout.h); once every page is read, the lines are
// assembled into the document's text with headers/footers, headings and rejoined hyphenation.
// Poppler has process-wide state (globalParams, the error callback) that is set up once; each call
// creates its own PDFDoc and output devices, which Poppler supports on different threads.
#include <ErrorCodes.h>
#include <PDFDoc.h>
#include <Page.h>
#include <TextOutputDev.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "ocr.h"
#include "pdf_ink_probe.h"
#include "pdf_layout.h"
#include "pdf_poppler.h"
#include "pdf_text_quality.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

// "%%EOF" near the end; its absence plus a rebuilt xref table means the file was cut short.
bool HasEofMarker(std::string_view bytes) {
  const std::size_t window = std::min<std::size_t>(bytes.size(), 1024);
  return bytes.substr(bytes.size() - window).find("%%EOF") != std::string_view::npos;
}

std::string DamagedReason(const PopplerErrorLog& log, std::string_view fallback) {
  return "damaged PDF: " + (log.first.empty() ? std::string(fallback) : log.first);
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

enum class PageKind {
  kText,        // a readable text layer
  kUnreadable,  // a text layer that is mostly not words
  kImage,       // no text, but images or outlined text: a scan
  kBlank,       // draws nothing readable
  kDamaged,     // could not be parsed
};

// What OCR did to the pages of one document (parallel to the pages read).
struct OcrSummary {
  std::vector<TextSource> sources;
  std::vector<double> confidences;
  std::vector<bool> low_confidence;   // source kOcr, below options.ocr_min_confidence
  std::string low_confidence_reason;  // "OCR confidence low on page 3 (41.0): not reliably …"
  std::string problems;               // OCR unavailable, timeouts, pages without words
};

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

// OCRs the pages options.ocr asks for; OCR lines replace a page's lines when the page had no
// usable text layer, or (kAlways) when OCR is confident.
OcrSummary RunOcr(PDFDoc& pdf, const ExtractOptions& options, const std::vector<int>& numbers,
                  const std::vector<PageKind>& kinds, std::vector<PdfPageLines>& page_lines,
                  Document& doc) {
  OcrSummary summary;
  summary.sources.assign(numbers.size(), TextSource::kTextLayer);
  summary.confidences.assign(numbers.size(), 0);
  summary.low_confidence.assign(numbers.size(), false);
  if (options.ocr == OcrMode::kNever) return summary;

  OcrEngine engine(options);
  std::vector<int> timed_out, no_words, failed, low;
  std::string low_detail, unavailable, failure;
  for (std::size_t p = 0; p < numbers.size(); ++p) {
    if (!WantsOcr(options.ocr, kinds[p])) continue;
    if (!unavailable.empty()) break;
    const auto deadline =
        options.ocr_page_timeout_seconds > 0
            ? OcrClock::now() + std::chrono::duration_cast<OcrClock::duration>(
                                    std::chrono::duration<double>(options.ocr_page_timeout_seconds))
            : OcrClock::time_point::max();
    OcrPage page = OcrPdfPage(pdf, numbers[p], engine, options, deadline);
    if (options.on_page) options.on_page();
    switch (page.outcome) {
      case OcrOutcome::kUnavailable:
        unavailable = page.error;
        continue;
      case OcrOutcome::kTimeout:
        timed_out.push_back(numbers[p]);
        continue;
      case OcrOutcome::kFailed:
        failed.push_back(numbers[p]);
        if (failure.empty()) failure = page.error;
        continue;
      case OcrOutcome::kOk:
        break;
    }
    if (page.words == 0) {
      if (kinds[p] != PageKind::kText) no_words.push_back(numbers[p]);
      continue;
    }
    const bool confident = page.mean_confidence >= options.ocr_min_confidence;
    // A readable text layer is only replaced by confident OCR text (kAlways).
    if (kinds[p] == PageKind::kText && !confident) continue;
    summary.sources[p] = TextSource::kOcr;
    summary.confidences[p] = page.mean_confidence;
    summary.low_confidence[p] = !confident;
    if (!confident) {
      low.push_back(numbers[p]);
      if (!low_detail.empty()) low_detail += ", ";
      low_detail += std::to_string(numbers[p]) + ": " + OneDecimal(page.mean_confidence);
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

}  // namespace

void ExtractPdf(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  InitPopplerOnce();
  doc.format = DocumentFormat::kPdf;
  PopplerErrorLog log;
  ScopedErrorLog scoped_log(&log);

  OpenedPdf opened = OpenPdf(bytes, options.passwords);
  PDFDoc* pdf = opened.doc.get();
  if (!pdf->isOk()) {
    if (pdf->getErrorCode() == errEncrypted) {
      const std::size_t n = options.passwords.size();
      FailDocument(doc, DocumentStatus::kEncrypted,
                   opened.password_failed
                       ? "PDF is encrypted (none of the " + std::to_string(n) +
                             (n == 1 ? " password" : " passwords") + " given opened it)"
                       : std::string("PDF is encrypted and needs a password"));
    } else {
      FailDocument(doc, DocumentStatus::kCorrupt,
                   DamagedReason(log, "cannot be opened (Poppler error code " +
                                          std::to_string(pdf->getErrorCode()) + ")"));
    }
    return;
  }
  const int page_count = pdf->getNumPages();
  if (page_count <= 0) {
    FailDocument(doc, DocumentStatus::kCorrupt, DamagedReason(log, "no pages found"));
    return;
  }
  const int pages_to_read = std::min(page_count, std::max(options.max_pages, 0));
  if (!options.pdf_keep_output_intents) DropOutputIntents(*pdf);

  // No output function: the device only lays each page out; its flows are read after each page.
  TextOutputDev text_device(nullptr, nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0,
                            /*rawOrderA=*/false);
  if (!text_device.isOk()) {
    FailDocument(doc, DocumentStatus::kCrashed, "Poppler could not create a text output device");
    return;
  }

  std::vector<PdfPageLines> page_lines;
  std::vector<int> numbers;
  std::vector<PageKind> kinds;
  int blank_pages = 0;
  TextCounts counts;
  for (int number = 1; number <= pages_to_read; ++number) {
    const int errors_before = log.count;
    ::Page* page = pdf->getPage(number);  // Poppler's Page, not trustscreen::Page
    PdfPageLines lines;
    if (page != nullptr) {
      if (!options.pdf_keep_empty_saves) DropEmptySaves(opened, number);
      // Annotations stay on: filled-in form fields are drawn as annotations and are text.
      pdf->displayPage(&text_device, number, 72, 72, /*rotate=*/0, /*useMediaBox=*/true,
                       /*crop=*/false, /*printing=*/false);
      // The device's TextPage is reused (cleared when the next page starts). takeText() would
      // hand it over, but Poppler 22.12 keeps adding ActualText spans to the old page after that.
      lines = CollectPdfLines(text_device.getFlows(), DisplayedHeight(*page));
    }
    std::string page_text;
    for (const PdfLine& line : lines.lines) {
      page_text += line.text;
      page_text.push_back('\n');
    }
    PageKind kind = PageKind::kText;
    if (HasVisibleText(page_text)) {
      const TextCounts page_counts = CountText(page_text);
      counts += page_counts;
      if (LooksUnreadable(page_counts)) kind = PageKind::kUnreadable;
    } else if (page == nullptr) {
      kind = PageKind::kDamaged;
    } else {
      InkProbe probe;
      pdf->displayPage(&probe, number, 72, 72, 0, true, false, false, &InkProbe::AbortCheck,
                       &probe);
      if (probe.found_ink()) {
        kind = PageKind::kImage;
      } else if (log.count > errors_before) {
        kind = PageKind::kDamaged;  // nothing drawn because the page could not be parsed
      } else {
        kind = PageKind::kBlank;
        ++blank_pages;
      }
    }
    if (options.on_page) options.on_page();
    doc.replaced_invalid_bytes += lines.replaced;
    page_lines.push_back(std::move(lines));
    numbers.push_back(number);
    kinds.push_back(kind);
  }

  const OcrSummary ocr = RunOcr(*pdf, options, numbers, kinds, page_lines, doc);

  std::vector<bool> needs_ocr;
  std::vector<int> ocr_pages;         // draw images or shapes but have no text (OCR did not help)
  std::vector<int> unreadable_pages;  // have text, but it is mostly not words
  std::vector<int> damaged_pages;     // could not be read at all
  int readable_text_pages = 0;
  for (std::size_t p = 0; p < numbers.size(); ++p) {
    bool ocr_needed = ocr.sources[p] == TextSource::kOcr && ocr.low_confidence[p];
    if (ocr.sources[p] == TextSource::kOcr) {
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
    doc.pages[p].source = ocr.sources[p];
    doc.pages[p].ocr_confidence = ocr.confidences[p];
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
  if (opened.xref_rebuilt && !HasEofMarker(bytes))
    Join(problems, "PDF appears truncated (no %%EOF)");
  if (pages_to_read < page_count) {
    Join(problems, "read the first " + std::to_string(pages_to_read) + " of " +
                       std::to_string(page_count) + " pages");
  }
  if (!damaged_pages.empty()) {
    Join(problems, FormatPageList(damaged_pages) + " could not be read (" +
                       DamagedReason(log, "page objects missing") + ")");
  }

  if (!any_text) {
    if (!unreadable.empty()) {
      doc.status = DocumentStatus::kNeedsOcr;
      std::string reason = unreadable;
      if (!ocr_pages.empty()) Join(reason, "no text layer on " + FormatPageList(ocr_pages));
      Join(reason, ocr.problems);
      Join(reason, problems);
      doc.reason = std::move(reason);
    } else if (!ocr_pages.empty()) {
      doc.status = DocumentStatus::kNeedsOcr;
      std::string reason = "no text layer on any of the " + std::to_string(pages_to_read) +
                           " pages; scanned images need OCR";
      if (page_count == 1) reason = "no text layer on the only page; a scanned image needs OCR";
      Join(reason, ocr.problems);
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
  Join(problems, ocr.low_confidence_reason);
  Join(problems, unreadable);
  if (!ocr_pages.empty()) {
    Join(problems, "no text layer on " + FormatPageList(ocr_pages) +
                       (ocr_pages.size() == 1 ? "; it needs OCR" : "; they need OCR"));
  }
  Join(problems, ocr.problems);
  doc.status = problems.empty() ? DocumentStatus::kOk : DocumentStatus::kPartial;
  doc.reason = std::move(problems);
}

}  // namespace trustscreen::extract::internal
