// OCR of page images with Tesseract, and the rendering of PDF pages for it (Poppler's Splash).
//
// The PDF extractor decides which pages need OCR; this unit turns one page into PdfPageLines
// (the same line records a text layer gives), so that text building, headers/footers, hyphenation
// and clause segmentation treat OCR text like any other text.
//
// Thread-safety: an OcrEngine belongs to one extraction (one thread at a time). Different engines
// may run concurrently: each owns its TessBaseAPI, and the process-wide Tesseract parameters we
// change (its debug output, the fixed-pitch test) are set once, before the first engine is created.
#ifndef TRUSTSCREEN_SRC_EXTRACT_OCR_H_
#define TRUSTSCREEN_SRC_EXTRACT_OCR_H_

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "pdf_layout.h"
#include "trustscreen/extract/extract.h"

class PDFDoc;
namespace trustscreen::extract::internal {

using OcrClock = std::chrono::steady_clock;

enum class OcrOutcome {
  kOk,           // recognised (possibly no words: an image without text)
  kUnavailable,  // Tesseract could not start: language data missing, bad language list
  kTimeout,      // the page's deadline passed while rendering or recognising
  kFailed,       // rendering or recognition failed on this page
};

struct OcrPage {
  OcrOutcome outcome = OcrOutcome::kFailed;
  PdfPageLines lines;          // coordinates in points, as from a text layer; bold is never set
  int words = 0;               // words recognised
  double mean_confidence = 0;  // mean of the words' confidences, 0-100; 0 without words
  std::string error;           // kUnavailable / kFailed: why
  double render_seconds = 0;   // time spent rasterising (PDF pages) and recognising
  double recognise_seconds = 0;
};

// How pages are rendered and read, beyond ExtractOptions (which holds what a user may choose: the
// resolution, the languages). The defaults are the product's; only bench/ocr_settings.cc sets
// anything else, to measure candidates against them (bench/README.md, "OCR settings").
struct OcrSettings {
  int page_segmentation = 3;  // tesseract::PageSegMode; 3 = PSM_AUTO
  int engine_mode = 3;        // tesseract::OcrEngineMode; 3 = OEM_DEFAULT
  bool antialias = true;      // Splash font and vector anti-aliasing when rendering PDF pages
  // Tesseract's OpenMP parallel regions (its LSTM opens one per time step): true runs every region
  // on the calling thread alone; false lets libgomp size each team by the load average (dynamic
  // teams). Single is the default: documents (and pages) are already read in parallel on every
  // core, and a dynamic team reads the load average (a sysinfo call) for every region, about 10%
  // of a page's CPU time (bench/README.md, "OCR settings"). The text is the same either way.
  bool single_thread = true;
  // Tesseract parameters set after Init (name, value), e.g. {"tessedit_do_invert", "0"}. Some are
  // process-wide (textord_all_prop): setting one affects every engine, so only the benchmark,
  // which runs one engine, sets those.
  std::vector<std::pair<std::string, std::string>> variables;
};

class OcrApi;  // a tesseract::TessBaseAPI that lends out its left-to-right iterator (ocr.cc)

// One Tesseract instance, taken on first use from those the process started before and no engine
// holds now, or started with options.ocr_languages and options.ocr_tessdata_dir; it goes back to
// them when the engine is destroyed (unless a page timed out or failed in it). Before Tesseract is
// started, the language list is checked and each <lang>.traineddata looked up, so that a missing
// language gives a clear error (and Tesseract prints nothing). Not thread-safe; not copyable.
class OcrEngine {
 public:
  explicit OcrEngine(const ExtractOptions& options, OcrSettings settings = {});
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Starts Tesseract if not yet done; false (and error()) if it cannot run. The result is kept:
  // later calls do not retry.
  bool Start();
  const std::string& error() const { return error_; }
  const OcrSettings& settings() const { return settings_; }

  // Recognises an 8-bit grey image (`stride` bytes per row) rendered at `dpi`. Lines are in
  // points (pixels * 72 / dpi); `lines.height` is the image height in points.
  OcrPage Read(const unsigned char* grey, int width, int height, int stride, int dpi,
               OcrClock::time_point deadline);

 private:
  const ExtractOptions& options_;
  const OcrSettings settings_;
  std::unique_ptr<OcrApi> api_;
  std::string key_;       // what api_ was started with (languages, settings)
  bool reusable_ = true;  // api_ goes back to the process's idle instances when done
  bool started_ = false;
  std::string error_;
};

// Renders page `number` of `pdf` (1-based, crop box, its /Rotate applied) in 8-bit grey at
// options.ocr_dpi (less for a page over 40 megapixels) and reads it with `engine`. The deadline
// covers rendering and recognition.
OcrPage OcrPdfPage(PDFDoc& pdf, int number, OcrEngine& engine, const ExtractOptions& options,
                   OcrClock::time_point deadline);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_OCR_H_
