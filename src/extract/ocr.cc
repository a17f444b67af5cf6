#include "ocr.h"

#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <omp.h>
#include <splash/SplashBitmap.h>
#include <tesseract/baseapi.h>
#include <tesseract/ltrresultiterator.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string_view>
#include <vector>

#include "trustscreen/core/utf8.h"
#include "utf8.h"

namespace trustscreen::extract {

std::string_view ToString(OcrMode mode) {
  switch (mode) {
    case OcrMode::kNever:
      return "never";
    case OcrMode::kAuto:
      return "auto";
    case OcrMode::kAlways:
      return "always";
  }
  return "auto";
}

std::optional<OcrMode> ParseOcrMode(std::string_view name) {
  if (name == "never") return OcrMode::kNever;
  if (name == "auto") return OcrMode::kAuto;
  if (name == "always") return OcrMode::kAlways;
  return std::nullopt;
}

bool IsValidOcrLanguageList(std::string_view languages) {
  if (languages.empty()) return false;
  std::size_t name_length = 0;
  for (char c : languages) {
    if (c == '+') {
      if (name_length == 0) return false;
      name_length = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_') {
      ++name_length;
    } else {
      return false;
    }
  }
  return name_length > 0;
}

std::string OcrEngineVersion() {
  return std::string("tesseract ") + tesseract::TessBaseAPI::Version();
}

namespace internal {
namespace {

// Where Debian's tesseract-ocr-* packages put the language data for libtesseract 5.
constexpr const char* kDefaultTessdataDirs[] = {"/usr/share/tesseract-ocr/5/tessdata",
                                                "/usr/share/tesseract-ocr/4.00/tessdata",
                                                "/usr/share/tessdata"};

// Above this many pixels a page is rendered at a lower resolution (a poster-sized page at 300 dpi
// would need gigabytes); 40 Mpx is an A3 page at 300 dpi.
constexpr double kMaxPixels = 40e6;

// Tesseract parameters that are process-wide (globals, not members of an engine), set once before
// any engine exists, so that no engine reads one while it is written:
// - debug_file: Tesseract writes warnings ("Detected 12 diacritics", "Empty page!!") through it;
//   extraction reports through Document::reason, never on stderr.
// - textord_all_prop: every text row is taken as proportional, so layout analysis skips its
//   fixed-pitch test (tune_row_pitch, 2% of a page's CPU). The LSTM finds characters and spaces
//   itself; the pitch only decided how the row's blobs were cut into words beforehand, and the
//   corpus's scanned pages read byte-identically without it (bench/README.md, "OCR settings").
void SetProcessWideParametersOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    tesseract::TessBaseAPI api;
    api.SetVariable("debug_file", "/dev/null");
    api.SetVariable("textord_all_prop", "1");
  });
}

std::vector<std::string> SplitLanguages(std::string_view languages) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= languages.size()) {
    const std::size_t plus = std::min(languages.find('+', start), languages.size());
    names.emplace_back(languages.substr(start, plus - start));
    start = plus + 1;
  }
  return names;
}

// The directory Tesseract will read language data from, when we can tell; empty otherwise.
std::string TessdataDir(const ExtractOptions& options) {
  if (!options.ocr_tessdata_dir.empty()) return options.ocr_tessdata_dir;
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix != nullptr && *prefix != '\0') {
    return prefix;
  }
  for (const char* dir : kDefaultTessdataDirs) {
    std::error_code error;
    if (std::filesystem::is_directory(dir, error)) return dir;
  }
  return "";
}

// Debian package of a language's data: "chi_sim" -> "tesseract-ocr-chi-sim".
std::string PackageFor(std::string language) {
  std::replace(language.begin(), language.end(), '_', '-');
  std::transform(language.begin(), language.end(), language.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return "tesseract-ocr-" + language;
}

struct Deadline {
  OcrClock::time_point at;
  bool Passed() const { return OcrClock::now() > at; }
};

bool PassedForPoppler(void* deadline) { return static_cast<Deadline*>(deadline)->Passed(); }

bool CancelForTesseract(void* deadline, int /*words*/) {
  return static_cast<Deadline*>(deadline)->Passed();
}

double SecondsSince(OcrClock::time_point start) {
  return std::chrono::duration<double>(OcrClock::now() - start).count();
}

}  // namespace

// TessBaseAPI keeps its left-to-right result iterator protected (it is meant for training).
class OcrApi : public tesseract::TessBaseAPI {
 public:
  using TessBaseAPI::GetLTRIterator;
};

namespace {

// Started Tesseract instances that no engine holds, by what they were started with. Starting one
// reads its language data and builds its networks (about 65 ms for `eng`), which a process that
// reads many scanned documents, or one document's pages one at a time (pdf_parts.h), would
// otherwise pay again for each. An instance keeps nothing of a page once Clear()ed (the LSTM
// engine has no adaptive state): a reused one reads a page as a new one does.
//
// The pool is created by the first Put, after Tesseract's own caches (its dictionaries' cache is
// a function-local static that the first Init creates), so that at exit it is destroyed, and its
// instances ended, before them.
class IdleApis {
 public:
  // The pool if an instance was ever kept; else null.
  static IdleApis* Existing() { return existing_.load(); }

  static IdleApis& Shared() {
    static IdleApis idle;
    return idle;
  }

  IdleApis() { existing_.store(this); }
  ~IdleApis() { existing_.store(nullptr); }
  IdleApis(const IdleApis&) = delete;
  IdleApis& operator=(const IdleApis&) = delete;

  std::unique_ptr<OcrApi> Take(const std::string& key) {
    const std::lock_guard lock(mutex_);
    for (auto it = idle_.rbegin(); it != idle_.rend(); ++it) {
      if (it->first != key) continue;
      std::unique_ptr<OcrApi> api = std::move(it->second);
      idle_.erase(std::next(it).base());
      return api;
    }
    return nullptr;
  }

  // Keeps `api` for the next engine started with `key`; the least recently kept instance goes
  // when more than kMaxIdle wait.
  void Put(std::string key, std::unique_ptr<OcrApi> api) {
    std::unique_ptr<OcrApi> dropped;
    {
      const std::lock_guard lock(mutex_);
      idle_.emplace_back(std::move(key), std::move(api));
      if (idle_.size() <= kMaxIdle) return;
      dropped = std::move(idle_.front().second);
      idle_.erase(idle_.begin());
    }
    dropped->End();
  }

 private:
  // More than the threads that read pages at once in one process; each instance holds its
  // languages' networks and dictionaries (18 MB resident for `eng` once started).
  static constexpr std::size_t kMaxIdle = 8;
  static inline std::atomic<IdleApis*> existing_{nullptr};
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::unique_ptr<OcrApi>>> idle_;  // oldest first
};

// What an instance was started with: instances with the same key read pages alike.
std::string InstanceKey(const std::string& tessdata_dir, const std::string& languages,
                        const OcrSettings& settings) {
  std::string key = tessdata_dir + '\n' + languages + '\n' + std::to_string(settings.engine_mode) +
                    '\n' + std::to_string(settings.page_segmentation);
  for (const auto& [name, value] : settings.variables) key += '\n' + name + '=' + value;
  return key;
}

// True if a word on the page has a right-to-left character; moves `it` to the end.
bool AnyRightToLeftWord(tesseract::LTRResultIterator& it) {
  do {
    const tesseract::StrongScriptDirection direction = it.WordDirection();
    if (direction == tesseract::DIR_RIGHT_TO_LEFT || direction == tesseract::DIR_MIX) return true;
  } while (it.Next(tesseract::RIL_WORD));
  return false;
}

// A new line in `lines` for the text line `it` is at: its box in points and its row height.
PdfLine& StartLine(const tesseract::LTRResultIterator& it, double scale, int flow, int block,
                   PdfPageLines& lines) {
  PdfLine& line = lines.lines.emplace_back();
  line.flow = std::max(flow, 0);
  line.block = std::max(block, 0);
  int left = 0, top = 0, right = 0, bottom = 0;
  if (it.BoundingBox(tesseract::RIL_TEXTLINE, &left, &top, &right, &bottom)) {
    line.x_min = left * scale;
    line.x_max = right * scale;
    line.y_min = top * scale;
    line.y_max = bottom * scale;
  }
  // Tesseract reports no font size with its LSTM engine; the row height stands in for it, which
  // is all the heading heuristic needs (sizes relative to the page's body text).
  float row_height = 0, descenders = 0, ascenders = 0;
  it.RowAttributes(&row_height, &descenders, &ascenders);
  line.font_size = std::round(row_height * scale * 2) / 2;
  return line;
}

// Appends a recognised word to `line`, normalised as a text layer is, and keeps its last two code
// points (`last`, `before_last`) for the line-end hyphen test. A "word" that normalises to nothing
// visible (white space, zero-width characters) is no word: false, and `line` is left alone.
bool AppendWord(std::string_view text, PdfLine& line, std::uint32_t& last,
                std::uint32_t& before_last, std::uint64_t& replaced) {
  std::string normalised;
  int chars = 0;
  // A space before the word, as far as the line-end hyphen test is concerned.
  std::uint32_t word_last = line.words > 0 ? ' ' : 0, word_before_last = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 0;
    const char32_t u = DecodeUtf8At(text, i, &length);
    i += std::max<std::size_t>(length, 1);
    if (AppendNormalised(u, normalised, replaced)) ++chars;
    word_before_last = word_last;
    word_last = u;
  }
  if (!HasVisibleText(normalised)) return false;
  if (line.words > 0) {
    line.text.push_back(' ');
    ++line.chars;
  }
  line.text += normalised;
  line.chars += chars;
  last = word_last;
  before_last = word_before_last;
  ++line.words;
  return true;
}

// Reads the words `it` visits, in its order, into page.lines (a line per text line) and
// page.words; returns the sum of their confidences. Iterator: tesseract::ResultIterator or
// LTRResultIterator (whose GetUTF8Text the former hides rather than overrides).
template <typename Iterator>
double ReadWords(Iterator& it, double scale, OcrPage& page) {
  double confidence_sum = 0;
  int block = -1, paragraph = -1;
  PdfLine* line = nullptr;
  std::uint32_t last = 0, before_last = 0;
  do {
    if (it.Empty(tesseract::RIL_WORD)) continue;
    // Only a line's first word can begin a block or paragraph, and only the line test is cheap:
    // ResultIterator::IsAtBeginningOf(RIL_PARA) walks the page from its start to the word's row.
    if (line == nullptr || it.IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
      if (it.IsAtBeginningOf(tesseract::RIL_BLOCK)) ++block;
      if (it.IsAtBeginningOf(tesseract::RIL_PARA)) ++paragraph;
      if (line != nullptr) SetLineEnd(*line, last, before_last);
      line = &StartLine(it, scale, block, paragraph, page.lines);
      last = before_last = 0;
    }
    const std::unique_ptr<char[]> word(it.GetUTF8Text(tesseract::RIL_WORD));
    if (word == nullptr || !AppendWord(word.get(), *line, last, before_last, page.lines.replaced)) {
      continue;
    }
    ++page.words;
    confidence_sum += std::clamp(it.Confidence(tesseract::RIL_WORD), 0.0f, 100.0f);
  } while (it.Next(tesseract::RIL_WORD));
  if (line != nullptr) SetLineEnd(*line, last, before_last);
  return confidence_sum;
}

}  // namespace

OcrEngine::OcrEngine(const ExtractOptions& options, OcrSettings settings)
    : options_(options), settings_(std::move(settings)) {}
OcrEngine::~OcrEngine() {
  if (api_ == nullptr) return;
  if (reusable_) {
    IdleApis::Shared().Put(std::move(key_), std::move(api_));
  } else {
    api_->End();
  }
}

bool OcrEngine::Start() {
  if (started_) return api_ != nullptr;
  started_ = true;
  if (!IsValidOcrLanguageList(options_.ocr_languages)) {
    error_ = "invalid OCR language list '" + options_.ocr_languages +
             "' (Tesseract names joined by '+', e.g. eng+chi_sim)";
    return false;
  }
  const std::string dir = TessdataDir(options_);
  if (!dir.empty()) {
    std::vector<std::string> missing;
    for (const std::string& language : SplitLanguages(options_.ocr_languages)) {
      std::error_code error;
      if (!std::filesystem::is_regular_file(
              std::filesystem::path(dir) / (language + ".traineddata"), error)) {
        missing.push_back(language);
      }
    }
    if (!missing.empty()) {
      error_ = "Tesseract language data not installed: ";
      for (std::size_t i = 0; i < missing.size(); ++i) {
        error_ += (i > 0 ? ", " : "") + missing[i] + " (" + PackageFor(missing[i]) + ")";
      }
      error_ += " in " + dir;
      return false;
    }
  }
  key_ = InstanceKey(dir, options_.ocr_languages, settings_);
  if (IdleApis* const idle_apis = IdleApis::Existing(); idle_apis != nullptr) {
    if (std::unique_ptr<OcrApi> idle = idle_apis->Take(key_)) {
      api_ = std::move(idle);
      return true;
    }
  }
  SetProcessWideParametersOnce();
  auto api = std::make_unique<OcrApi>();
  if (api->Init(dir.empty() ? nullptr : dir.c_str(), options_.ocr_languages.c_str(),
                static_cast<tesseract::OcrEngineMode>(settings_.engine_mode)) != 0) {
    error_ = "Tesseract could not start with languages '" + options_.ocr_languages + "'" +
             (dir.empty() ? std::string() : " from " + dir);
    return false;
  }
  api->SetPageSegMode(static_cast<tesseract::PageSegMode>(settings_.page_segmentation));
  for (const auto& [name, value] : settings_.variables) {
    if (!api->SetVariable(name.c_str(), value.c_str())) {
      error_ = "unknown Tesseract parameter '" + name + "'";
      return false;
    }
  }
  api_ = std::move(api);
  return true;
}

OcrPage OcrEngine::Read(const unsigned char* grey, int width, int height, int stride, int dpi,
                        OcrClock::time_point deadline) {
  OcrPage page;
  if (!Start()) {
    page.outcome = OcrOutcome::kUnavailable;
    page.error = error_;
    return page;
  }
  const auto start = OcrClock::now();
  // Tesseract's LSTM asks for OpenMP teams of a fixed size; on a loaded machine spinning team
  // threads make a page 3-4x slower (measured: 35 s vs 8 s for one page at load 15 on 2 cores).
  // With no active parallel level allowed, every region runs on this thread alone; dynamic teams
  // are sized by the load average instead. Both are this thread's own ICVs: nothing is shared
  // with other extractions.
  if (settings_.single_thread) {
    omp_set_max_active_levels(0);
  } else {
    omp_set_dynamic(1);
  }
  api_->SetImage(grey, width, height, /*bytes_per_pixel=*/1, stride);
  api_->SetSourceResolution(dpi);
  Deadline limit{deadline};
  tesseract::ETEXT_DESC monitor;
  monitor.cancel = &CancelForTesseract;
  monitor.cancel_this = &limit;
  monitor.end_time = deadline;
  const int status = api_->Recognize(&monitor);
  page.recognise_seconds = SecondsSince(start);
  if (limit.Passed()) {
    api_->Clear();
    reusable_ = false;  // stopped mid-page: not trusted with the next one
    page.outcome = OcrOutcome::kTimeout;
    return page;
  }
  if (status != 0) {
    api_->Clear();
    reusable_ = false;
    page.error = "Tesseract could not recognise the page";
    return page;
  }

  const double scale = 72.0 / dpi;
  page.lines.height = height * scale;
  double confidence_sum = 0;
  // Tesseract's ResultIterator gives words in reading order, turning right-to-left runs around,
  // but its Next and GetUTF8Text each restart the word's row from the first word of the page
  // (PAGE_RES_IT::restart_row), which makes reading a page quadratic in its words. Without a
  // right-to-left character on the page its order and text are the left-to-right iterator's,
  // which moves from word to word directly.
  std::unique_ptr<tesseract::LTRResultIterator> ltr(api_->GetLTRIterator());
  if (ltr != nullptr && !AnyRightToLeftWord(*ltr)) {
    ltr->Begin();
    confidence_sum = ReadWords(*ltr, scale, page);
  } else if (const std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
             it != nullptr) {
    confidence_sum = ReadWords(*it, scale, page);
  }
  api_->Clear();
  std::erase_if(page.lines.lines, [](const PdfLine& l) { return l.text.empty(); });
  JoinClauseNumbers(page.lines);
  page.mean_confidence = page.words > 0 ? confidence_sum / page.words : 0;
  page.outcome = OcrOutcome::kOk;
  return page;
}

OcrPage OcrPdfPage(PDFDoc& pdf, int number, OcrEngine& engine, const ExtractOptions& options,
                   OcrClock::time_point deadline) {
  if (!engine.Start()) {
    OcrPage page;
    page.outcome = OcrOutcome::kUnavailable;
    page.error = engine.error();
    return page;
  }
  const auto start = OcrClock::now();
  int dpi = std::clamp(options.ocr_dpi, 72, 600);
  const double width_in = pdf.getPageCropWidth(number) / 72.0;
  const double height_in = pdf.getPageCropHeight(number) / 72.0;
  const double pixels = width_in * height_in * dpi * dpi;
  if (pixels > kMaxPixels) {
    dpi = std::max(36, static_cast<int>(dpi * std::sqrt(kMaxPixels / pixels)));
  }

  SplashColor paper;
  paper[0] = 0xff;
  SplashOutputDev device(splashModeMono8, /*bitmapRowPadA=*/4, /*reverseVideoA=*/false, paper);
  device.setFontAntialias(engine.settings().antialias);
  device.setVectorAntialias(engine.settings().antialias);
  device.startDoc(&pdf);
  Deadline limit{deadline};
  pdf.displayPage(&device, number, dpi, dpi, /*rotate=*/0, /*useMediaBox=*/false, /*crop=*/true,
                  /*printing=*/false, &PassedForPoppler, &limit);
  const double render_seconds = SecondsSince(start);
  if (limit.Passed()) {
    OcrPage page;
    page.outcome = OcrOutcome::kTimeout;
    page.render_seconds = render_seconds;
    return page;
  }
  SplashBitmap* bitmap = device.getBitmap();
  if (bitmap == nullptr || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0 ||
      bitmap->getMode() != splashModeMono8) {
    OcrPage page;
    page.error = "page could not be rendered";
    return page;
  }
  OcrPage page = engine.Read(bitmap->getDataPtr(), bitmap->getWidth(), bitmap->getHeight(),
                             bitmap->getRowSize(), dpi, deadline);
  page.render_seconds = render_seconds;
  return page;
}

}  // namespace internal
}  // namespace trustscreen::extract
