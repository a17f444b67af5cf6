// PDF: Poppler's core API (PDFDoc over a MemStream, TextOutputDev in reading order), page by page.
//
// Poppler has process-wide state (globalParams, the error callback) that is set up once; each call
// creates its own PDFDoc and output devices, which Poppler supports on different threads.
#include <Error.h>
#include <ErrorCodes.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <Object.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "extractors.h"
#include "utf8.h"

namespace trustscreen::extract::internal {
namespace {

// Poppler reports problems through one process-wide callback without a user pointer. Errors are
// raised on the thread doing the work, so a thread-local sink gives each extraction its own log.
struct PopplerErrorLog {
  int count = 0;      // errors (not warnings) so far
  std::string first;  // the first error's message
};
thread_local PopplerErrorLog* tl_error_log = nullptr;

void OnPopplerError(ErrorCategory category, Goffset /*pos*/, const char* message) {
  PopplerErrorLog* log = tl_error_log;
  if (log == nullptr || category == errSyntaxWarning) return;
  if (log->count++ == 0 && message != nullptr) log->first = message;
}

// Installs `log` as this thread's sink for the lifetime of the object.
class ScopedErrorLog {
 public:
  explicit ScopedErrorLog(PopplerErrorLog* log) : previous_(tl_error_log) { tl_error_log = log; }
  ~ScopedErrorLog() { tl_error_log = previous_; }
  ScopedErrorLog(const ScopedErrorLog&) = delete;
  ScopedErrorLog& operator=(const ScopedErrorLog&) = delete;

 private:
  PopplerErrorLog* previous_;
};

void InitPopplerOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    // Poppler would otherwise print every complaint about a damaged file to stderr.
    setErrorCallback(&OnPopplerError);
  });
}

void AppendToString(void* stream, const char* text, int len) {
  if (len > 0) static_cast<std::string*>(stream)->append(text, static_cast<std::size_t>(len));
}

// Watches a page that produced no text: does it draw anything an OCR engine could read?
//   - an image of at least kMinImagePixels (scans; tiny spacer images do not count);
//   - many filled subpaths that are not white (text converted to outlines is drawn this way).
// HTML-to-PDF converters emit "blank" pages with a white background rectangle and a footer rule;
// those must stay blank, hence the white and subpath-count filters. The probe aborts the page as
// soon as it has seen enough, so it costs little.
class InkProbe : public OutputDev {
 public:
  static constexpr int kMinImagePixels = 16 * 16;
  static constexpr int kOutlinedTextSubpaths = 50;

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }
  // Claiming every shading type keeps Poppler from tessellating it into fills; one shading is
  // decoration, not text.
  bool useShadedFills(int /*type*/) override { return true; }

  void fill(GfxState* state) override { CountFill(state); }
  void eoFill(GfxState* state) override { CountFill(state); }
  bool functionShadedFill(GfxState* /*state*/, GfxFunctionShading* /*shading*/) override {
    return true;
  }
  bool axialShadedFill(GfxState* /*state*/, GfxAxialShading* /*shading*/, double /*tMin*/,
                       double /*tMax*/) override {
    return true;
  }
  bool radialShadedFill(GfxState* /*state*/, GfxRadialShading* /*shading*/, double /*sMin*/,
                        double /*sMax*/) override {
    return true;
  }
  bool gouraudTriangleShadedFill(GfxState* /*state*/,
                                 GfxGouraudTriangleShading* /*shading*/) override {
    return true;
  }
  bool patchMeshShadedFill(GfxState* /*state*/, GfxPatchMeshShading* /*shading*/) override {
    return true;
  }
  // The base class skips inline image data so the content stream parser stays in sync.
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_image) override {
    CountImage(width, height);
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* color_map, bool interpolate, const int* mask_colors,
                 bool inline_image) override {
    CountImage(width, height);
    OutputDev::drawImage(state, ref, str, width, height, color_map, interpolate, mask_colors,
                         inline_image);
  }
  void drawMaskedImage(GfxState* /*state*/, Object* /*ref*/, Stream* /*str*/, int width, int height,
                       GfxImageColorMap* /*color_map*/, bool /*interpolate*/, Stream* /*mask_str*/,
                       int /*mask_width*/, int /*mask_height*/, bool /*mask_invert*/,
                       bool /*mask_interpolate*/) override {
    CountImage(width, height);
  }
  void drawSoftMaskedImage(GfxState* /*state*/, Object* /*ref*/, Stream* /*str*/, int width,
                           int height, GfxImageColorMap* /*color_map*/, bool /*interpolate*/,
                           Stream* /*mask_str*/, int /*mask_width*/, int /*mask_height*/,
                           GfxImageColorMap* /*mask_color_map*/,
                           bool /*mask_interpolate*/) override {
    CountImage(width, height);
  }

  bool found_ink() const { return found_ink_; }
  static bool AbortCheck(void* probe) { return static_cast<InkProbe*>(probe)->found_ink_; }

 private:
  void CountImage(int width, int height) {
    if (static_cast<long long>(width) * height >= kMinImagePixels) found_ink_ = true;
  }
  void CountFill(GfxState* state) {
    if (state->getFillOpacity() <= 0) return;
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    constexpr double kNearWhite = 0.95;
    if (colToDbl(rgb.r) >= kNearWhite && colToDbl(rgb.g) >= kNearWhite &&
        colToDbl(rgb.b) >= kNearWhite) {
      return;
    }
    if (const GfxPath* path = state->getPath()) filled_subpaths_ += path->getNumSubpaths();
    if (filled_subpaths_ >= kOutlinedTextSubpaths) found_ink_ = true;
  }

  bool found_ink_ = false;
  int filled_subpaths_ = 0;
};

// "%%EOF" near the end; its absence plus a rebuilt xref table means the file was cut short.
bool HasEofMarker(std::string_view bytes) {
  const std::size_t window = std::min<std::size_t>(bytes.size(), 1024);
  return bytes.substr(bytes.size() - window).find("%%EOF") != std::string_view::npos;
}

std::string DamagedReason(const PopplerErrorLog& log, std::string_view fallback) {
  return "damaged PDF: " + (log.first.empty() ? std::string(fallback) : log.first);
}

void Fail(Document& doc, DocumentStatus status, std::string reason) {
  doc.status = status;
  doc.reason = std::move(reason);
  doc.text.clear();
  doc.pages.clear();
}

void Join(std::string& out, std::string_view part) {
  if (part.empty()) return;
  if (!out.empty()) out += "; ";
  out += part;
}

}  // namespace

void ExtractPdf(std::string_view bytes, const ExtractOptions& options, Document& doc) {
  InitPopplerOnce();
  doc.format = DocumentFormat::kPdf;
  PopplerErrorLog log;
  ScopedErrorLog scoped_log(&log);

  // MemStream borrows `bytes` (which outlive the PDFDoc); PDFDoc takes ownership of the stream.
  bool xref_rebuilt = false;
  auto pdf = std::make_unique<PDFDoc>(
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)),
      std::optional<GooString>(), std::optional<GooString>(), nullptr,
      [&xref_rebuilt] { xref_rebuilt = true; });
  if (!pdf->isOk()) {
    if (pdf->getErrorCode() == errEncrypted) {
      Fail(doc, DocumentStatus::kEncrypted, "PDF is encrypted and needs a password");
    } else {
      Fail(doc, DocumentStatus::kCorrupt,
           DamagedReason(log, "cannot be opened (Poppler error code " +
                                  std::to_string(pdf->getErrorCode()) + ")"));
    }
    return;
  }
  const int page_count = pdf->getNumPages();
  if (page_count <= 0) {
    Fail(doc, DocumentStatus::kCorrupt, DamagedReason(log, "no pages found"));
    return;
  }
  const int pages_to_read = std::min(page_count, std::max(options.max_pages, 0));

  std::string page_text;
  TextOutputDev text_device(&AppendToString, &page_text, /*physLayoutA=*/false,
                            /*fixedPitchA=*/0, /*rawOrderA=*/false);
  if (!text_device.isOk()) {
    Fail(doc, DocumentStatus::kCrashed, "Poppler could not create a text output device");
    return;
  }
  text_device.setTextPageBreaks(false);  // we insert '\f' ourselves, between pages only
  text_device.setTextEOL(eolUnix);

  std::vector<int> ocr_pages;      // draw images or shapes but have no text
  std::vector<int> damaged_pages;  // could not be read at all
  int blank_pages = 0;
  bool any_text = false;
  for (int number = 1; number <= pages_to_read; ++number) {
    if (number > 1) doc.text.push_back('\f');
    const int errors_before = log.count;
    page_text.clear();
    ::Page* page = pdf->getPage(number);  // Poppler's Page, not trustscreen::Page
    if (page != nullptr) {
      pdf->displayPage(&text_device, number, 72, 72, /*rotate=*/0, /*useMediaBox=*/true,
                       /*crop=*/false, /*printing=*/false);
    }
    // '\f' separates pages in Document::text, so it must not occur inside one.
    std::replace(page_text.begin(), page_text.end(), '\f', '\n');
    trustscreen::Page record{.number = number, .begin = doc.text.size()};
    doc.replaced_invalid_bytes += AppendValidUtf8(page_text, doc.text);
    record.end = doc.text.size();
    if (HasVisibleText(page_text)) {
      any_text = true;
    } else if (page == nullptr) {
      damaged_pages.push_back(number);
    } else {
      InkProbe probe;
      pdf->displayPage(&probe, number, 72, 72, 0, true, false, false, &InkProbe::AbortCheck,
                       &probe);
      if (probe.found_ink()) {
        record.needs_ocr = true;
        ocr_pages.push_back(number);
      } else if (log.count > errors_before) {
        damaged_pages.push_back(number);  // nothing drawn because the page could not be parsed
      } else {
        ++blank_pages;
      }
    }
    doc.pages.push_back(record);
  }

  // Everything not fully read goes into the reason, most important first.
  std::string problems;
  if (xref_rebuilt && !HasEofMarker(bytes)) Join(problems, "PDF appears truncated (no %%EOF)");
  if (pages_to_read < page_count) {
    Join(problems, "read the first " + std::to_string(pages_to_read) + " of " +
                       std::to_string(page_count) + " pages");
  }
  if (!damaged_pages.empty()) {
    Join(problems, FormatPageList(damaged_pages) + " could not be read (" +
                       DamagedReason(log, "page objects missing") + ")");
  }

  if (!any_text) {
    if (!ocr_pages.empty()) {
      doc.status = DocumentStatus::kNeedsOcr;
      std::string reason = "no text layer on any of the " + std::to_string(pages_to_read) +
                           " pages; scanned images need OCR";
      if (page_count == 1) reason = "no text layer on the only page; a scanned image needs OCR";
      Join(reason, problems);
      doc.reason = std::move(reason);
    } else if (!damaged_pages.empty()) {
      Fail(doc, DocumentStatus::kCorrupt, problems);
    } else {
      doc.status = DocumentStatus::kEmpty;
      doc.reason = "no text found (" + std::to_string(blank_pages) +
                   (blank_pages == 1 ? " blank page)" : " blank pages)");
      Join(doc.reason, problems);
    }
    return;
  }
  if (!ocr_pages.empty()) {
    Join(problems, "no text layer on " + FormatPageList(ocr_pages) +
                       (ocr_pages.size() == 1 ? "; it needs OCR" : "; they need OCR"));
  }
  doc.status = problems.empty() ? DocumentStatus::kOk : DocumentStatus::kPartial;
  doc.reason = std::move(problems);
}

}  // namespace trustscreen::extract::internal
