// Image files (a scanned agreement saved as a TIFF, a photo of a signed page, a screenshot): every
// frame read by OCR as picture_ocr.h reads pictures, one Page per frame, with the statuses of a
// scanned PDF (extract.h, "IMAGE").
#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "extractors.h"
#include "ocr.h"
#include "picture_ocr.h"

namespace trustscreen::extract::internal {
namespace {

// More pages than any fax or scan holds; a chain of image directories longer than this is damaged
// or hostile, and walking it further only costs time.
constexpr std::size_t kMaxTiffFrames = 100'000;

// One frame of an image file: its size from its header, and where a TIFF keeps it.
struct Frame {
  long width = 0;
  long height = 0;
  std::uint64_t ifd = 0;  // TIFF: its image file directory's offset (0: the first); else 0
};

struct Frames {
  std::vector<Frame> frames;
  bool damaged = false;  // TIFF: the directory chain breaks off after the frames listed
};

// The frames of a TIFF, walked through its image file directories (IFDs) without decoding any:
// Leptonica's multipage readers decode every frame before their size can be checked, and follow a
// directory that points back to itself for ever. Reduced-resolution copies (NewSubfileType bit 0,
// SubfileType 2: another page's thumbnail) are skipped. A directory out of bounds, or one seen
// before, ends the chain (damaged).
Frames ListTiffFrames(std::string_view bytes) {
  Frames result;
  if (bytes.size() < 8) {
    result.damaged = true;
    return result;
  }
  const bool little = bytes[0] == 'I';
  auto read = [&](std::uint64_t at, int size) {
    std::uint32_t value = 0;
    for (int i = 0; i < size; ++i) {
      const auto byte = static_cast<unsigned char>(bytes[at + (little ? size - 1 - i : i)]);
      value = value << 8 | byte;
    }
    return value;
  };
  std::unordered_set<std::uint64_t> seen;
  std::uint64_t ifd = read(4, 4);
  bool first = true;
  while (ifd != 0 && result.frames.size() < kMaxTiffFrames) {
    if (ifd + 2 > bytes.size() || !seen.insert(ifd).second) {
      result.damaged = true;
      break;
    }
    const std::uint32_t entries = read(ifd, 2);
    const std::uint64_t next_at = ifd + 2 + 12ull * entries;
    if (next_at + 4 > bytes.size()) {
      result.damaged = true;
      break;
    }
    Frame frame{.ifd = first ? 0 : ifd};
    bool reduced = false;
    for (std::uint32_t e = 0; e < entries; ++e) {
      const std::uint64_t at = ifd + 2 + 12ull * e;
      const std::uint32_t tag = read(at, 2), type = read(at + 2, 2);
      // SHORT (3) and LONG (4) values of one item sit in the entry itself.
      const std::uint32_t value = type == 3 ? read(at + 8, 2) : type == 4 ? read(at + 8, 4) : 0;
      if (tag == 256) frame.width = value;
      if (tag == 257) frame.height = value;
      if ((tag == 254 && (value & 1) != 0) || (tag == 255 && value == 2)) reduced = true;
    }
    if (!reduced || first) result.frames.push_back(frame);
    first = false;
    ifd = read(next_at, 4);
  }
  if (ifd != 0 && result.frames.size() >= kMaxTiffFrames) result.damaged = true;
  return result;
}

void Join(std::string& reason, const std::string& part) {
  if (part.empty()) return;
  if (!reason.empty()) reason += "; ";
  reason += part;
}

// What happened to the frames of one image, as page numbers; then the reason and status.
class ImageReading {
 public:
  ImageReading(std::string_view kind, std::size_t frames) : kind_(kind), single_(frames == 1) {}

  std::vector<int> too_small, too_large, undecodable, ocr_off, timed_out, no_words, failed, low;
  std::string low_detail;    // "1: 41.0, 3: 52.5"
  std::string failure;       // the first OCR failure's error
  std::string unavailable;   // why Tesseract cannot run
  std::string too_large_at;  // the first too large frame's size
  std::string too_small_at;  // the first too small frame's size

  // "PNG image" for a one-frame image, else "page 3", "pages 2, 5".
  std::string Subject(const std::vector<int>& pages) const {
    return single_ ? kind_ + " image" : FormatPageList(pages);
  }
  std::string Object(const std::vector<int>& pages) const {
    return single_ ? "the " + kind_ + " image" : FormatPageList(pages);
  }

  // What was not read, most important first.
  std::string Problems(const ExtractOptions& options) const {
    std::string reason;
    if (!undecodable.empty()) Join(reason, Subject(undecodable) + " could not be decoded");
    if (!too_large.empty()) {
      Join(reason, Subject(too_large) + " over " + std::to_string(kMaxPicturePixels / 1'000'000) +
                       " megapixels not read (" + too_large_at + ")");
    }
    if (!ocr_off.empty()) Join(reason, Subject(ocr_off) + " not read: OCR is off (--ocr never)");
    if (!unavailable.empty()) Join(reason, "OCR unavailable: " + unavailable);
    if (!timed_out.empty()) {
      Join(reason, "OCR timed out (" + OneDecimal(options.ocr_page_timeout_seconds) +
                       " s per page) on " + Object(timed_out));
    }
    if (!no_words.empty()) Join(reason, "OCR found no words on " + Object(no_words));
    if (!failed.empty()) Join(reason, "OCR failed on " + Object(failed) + " (" + failure + ")");
    if (!low.empty()) {
      Join(reason, "OCR confidence below " + OneDecimal(options.ocr_min_confidence) + " on " +
                       Object(low) + " (" + low_detail + "); OCR text not reliably screened");
    }
    return reason;
  }

  // The status of an image none of whose frames gave text: needs_ocr when a frame could hold
  // text that was not read; else too_large, corrupt, or empty when every frame is too small.
  DocumentStatus StatusWithoutText() const {
    if (!ocr_off.empty() || !unavailable.empty() || !timed_out.empty() || !no_words.empty() ||
        !failed.empty()) {
      return DocumentStatus::kNeedsOcr;
    }
    if (!too_large.empty()) return DocumentStatus::kTooLarge;
    if (!undecodable.empty()) return DocumentStatus::kCorrupt;
    // No frame at all within max_pages: not read, not empty.
    return too_small.empty() ? DocumentStatus::kNeedsOcr : DocumentStatus::kEmpty;
  }

  std::string TooSmallReason() const {
    return single_ ? kind_ + " image of " + too_small_at + ", too small to hold text"
                   : "every page too small to hold text (page 1: " + too_small_at + ")";
  }

 private:
  std::string kind_;
  bool single_;
};

// Reads one frame into `page` and records in `reading` what became of it; true when the frame was
// not read (or held no words) though it may hold text: its page needs OCR.
bool ReadFrame(std::string_view bytes, const Frame& frame, int number,
               const ExtractOptions& options, OcrEngine& engine, ImageReading& reading,
               OcrPage& page) {
  auto misfit = [&](PictureFit fit, long width, long height) {
    const bool small = fit == PictureFit::kTooSmall;
    std::string& at = small ? reading.too_small_at : reading.too_large_at;
    if (at.empty()) at = PictureSize(width, height);
    (small ? reading.too_small : reading.too_large).push_back(number);
    return !small;
  };
  if (const PictureFit fit = FitPicture(frame.width, frame.height); fit != PictureFit::kRead) {
    return misfit(fit, frame.width, frame.height);
  }
  // Once Tesseract cannot start, the frames left are not tried: "OCR unavailable" says why.
  if (!reading.unavailable.empty()) return true;
  if (options.ocr == OcrMode::kNever) {
    reading.ocr_off.push_back(number);
    return true;
  }
  PixPtr pix = DecodePicture(bytes, frame.ifd);
  if (!pix) {
    reading.undecodable.push_back(number);
    return false;
  }
  // The header may not tell the size Leptonica decodes (a damaged header).
  const long width = pixGetWidth(pix.get()), height = pixGetHeight(pix.get());
  if (const PictureFit fit = FitPicture(width, height); fit != PictureFit::kRead) {
    return misfit(fit, width, height);
  }
  page = OcrPicture(*pix, engine, options);
  pix.reset();
  switch (page.outcome) {
    case OcrOutcome::kUnavailable:
      reading.unavailable = page.error;
      return true;
    case OcrOutcome::kTimeout:
      reading.timed_out.push_back(number);
      return true;
    case OcrOutcome::kFailed:
      reading.failed.push_back(number);
      if (reading.failure.empty()) reading.failure = page.error;
      return true;
    case OcrOutcome::kOk:
      break;
  }
  if (page.words == 0) {
    reading.no_words.push_back(number);
    return true;
  }
  if (page.mean_confidence < options.ocr_min_confidence) {
    reading.low.push_back(number);
    if (!reading.low_detail.empty()) reading.low_detail += ", ";
    reading.low_detail += std::to_string(number) + ": " + OneDecimal(page.mean_confidence);
  }
  return false;
}

}  // namespace

void ExtractImage(std::string_view bytes, Magic magic, const ExtractOptions& options,
                  Document& doc) {
  doc.format = DocumentFormat::kImage;
  const std::string kind(ImageFormatName(magic));
  Frames listed;
  if (magic == Magic::kTiff) {
    listed = ListTiffFrames(bytes);
  } else if (int width = 0, height = 0; ReadPictureSize(bytes, width, height)) {
    listed.frames.push_back(Frame{.width = width, .height = height});
  }
  if (listed.frames.empty()) {
    FailDocument(doc, DocumentStatus::kCorrupt, kind + " image could not be decoded");
    return;
  }

  const std::vector<Frame>& frames = listed.frames;
  const std::size_t room =
      std::min(frames.size(), static_cast<std::size_t>(std::max(options.max_pages, 0)));
  ImageReading reading(kind, frames.size());
  // A page per frame read, as a scanned PDF has: those without text are kept (needs_ocr when
  // they may hold some), so that pages_needing_ocr names them and numbers stay the frames'.
  std::vector<OcrPicturePage> pages;
  bool any_text = false;
  OcrEngine engine(options);
  for (std::size_t i = 0; i < room; ++i) {
    const int number = static_cast<int>(i) + 1;
    OcrPicturePage& page = pages.emplace_back();
    page.number = number;
    page.unread = ReadFrame(bytes, frames[i], number, options, engine, reading, page.page);
    if (page.page.words > 0) any_text = true;
  }
  if (!reading.unavailable.empty() || !reading.timed_out.empty()) doc.transient_failure = true;

  std::string problems;
  if (room < frames.size()) {
    Join(problems, "read the first " + std::to_string(room) + " of " +
                       std::to_string(frames.size()) + " pages");
  }
  if (listed.damaged) {
    Join(problems, kind + " page list damaged after page " + std::to_string(frames.size()));
  }
  Join(problems, reading.Problems(options));
  DocumentStatus status = problems.empty() ? DocumentStatus::kOk : DocumentStatus::kPartial;
  if (!any_text) {
    status = reading.StatusWithoutText();
    if (status == DocumentStatus::kEmpty) {
      std::string reason = reading.TooSmallReason();
      Join(reason, problems);
      problems = std::move(reason);
    }
    if (status == DocumentStatus::kCorrupt) {
      FailDocument(doc, status, std::move(problems));
      return;
    }
  }
  AppendOcrPages(std::move(pages), options, doc);
  doc.status = status;
  doc.reason = std::move(problems);
}

}  // namespace trustscreen::extract::internal
