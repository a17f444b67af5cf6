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
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
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
  std::vector<bool> needs_ocr;
  std::vector<int> ocr_pages;         // draw images or shapes but have no text
  std::vector<int> unreadable_pages;  // have text, but it is mostly not words
  std::vector<int> damaged_pages;     // could not be read at all
  int blank_pages = 0;
  int readable_text_pages = 0;
  TextCounts counts;
  for (int number = 1; number <= pages_to_read; ++number) {
    const int errors_before = log.count;
    ::Page* page = pdf->getPage(number);  // Poppler's Page, not trustscreen::Page
    PdfPageLines lines;
    if (page != nullptr) {
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
    bool ocr = false;
    if (HasVisibleText(page_text)) {
      const TextCounts page_counts = CountText(page_text);
      counts += page_counts;
      if (LooksUnreadable(page_counts)) {
        ocr = true;
        unreadable_pages.push_back(number);
      } else {
        ++readable_text_pages;
      }
    } else if (page == nullptr) {
      damaged_pages.push_back(number);
    } else {
      InkProbe probe;
      pdf->displayPage(&probe, number, 72, 72, 0, true, false, false, &InkProbe::AbortCheck,
                       &probe);
      if (probe.found_ink()) {
        ocr = true;
        ocr_pages.push_back(number);
      } else if (log.count > errors_before) {
        damaged_pages.push_back(number);  // nothing drawn because the page could not be parsed
      } else {
        ++blank_pages;
      }
    }
    doc.replaced_invalid_bytes += lines.replaced;
    page_lines.push_back(std::move(lines));
    numbers.push_back(number);
    needs_ocr.push_back(ocr);
  }
  AssemblePdfText(page_lines, numbers, needs_ocr, doc);
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
      Join(reason, problems);
      doc.reason = std::move(reason);
    } else if (!ocr_pages.empty()) {
      doc.status = DocumentStatus::kNeedsOcr;
      std::string reason = "no text layer on any of the " + std::to_string(pages_to_read) +
                           " pages; scanned images need OCR";
      if (page_count == 1) reason = "no text layer on the only page; a scanned image needs OCR";
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
  Join(problems, unreadable);
  if (!ocr_pages.empty()) {
    Join(problems, "no text layer on " + FormatPageList(ocr_pages) +
                       (ocr_pages.size() == 1 ? "; it needs OCR" : "; they need OCR"));
  }
  doc.status = problems.empty() ? DocumentStatus::kOk : DocumentStatus::kPartial;
  doc.reason = std::move(problems);
}

}  // namespace trustscreen::extract::internal
