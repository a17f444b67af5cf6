#include "picture_ocr.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "extractors.h"
#include "ocr.h"
#include "pdf_layout.h"

namespace trustscreen::extract::internal {
namespace {

// Leptonica's decoder allocates the whole image: pictures over this many pixels are not decoded
// (PDF pages over it are rendered at less; a picture cannot be).
constexpr long kMaxPicturePixels = 40'000'000;

struct PixFree {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixFree>;

std::string Pictures(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " picture" : " pictures");
}

std::string NameList(const std::vector<std::string>& names) {
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) list += (i > 0 ? ", " : "") + names[i];
  if (names.size() > 3) list += ", …";
  return list;
}

OcrClock::time_point PictureDeadline(const ExtractOptions& options) {
  if (options.ocr_page_timeout_seconds <= 0) return OcrClock::time_point::max();
  return OcrClock::now() + std::chrono::duration_cast<OcrClock::duration>(
                               std::chrono::duration<double>(options.ocr_page_timeout_seconds));
}

// The picture as 8-bit grey rows, or empty when Leptonica cannot decode it.
struct GreyPicture {
  std::vector<unsigned char> pixels;
  int width = 0;
  int height = 0;
  int dpi = 300;
};

GreyPicture Decode(const std::string& bytes) {
  GreyPicture grey;
  PixPtr pix(pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()));
  if (!pix) return grey;
  PixPtr eight(pixConvertTo8(pix.get(), 0));
  if (!eight) return grey;
  grey.width = pixGetWidth(eight.get());
  grey.height = pixGetHeight(eight.get());
  const int xres = pixGetXRes(pix.get());
  // Screenshots say 72-96 dpi, scans 200-600; a missing or absurd value means "a scan".
  if (xres >= 70 && xres <= 1200) grey.dpi = xres;
  const l_uint32* data = pixGetData(eight.get());
  const int words_per_line = pixGetWpl(eight.get());
  grey.pixels.resize(static_cast<std::size_t>(grey.width) * grey.height);
  for (int y = 0; y < grey.height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * words_per_line;
    unsigned char* out = grey.pixels.data() + static_cast<std::size_t>(y) * grey.width;
    for (int x = 0; x < grey.width; ++x)
      out[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
  }
  return grey;
}

}  // namespace

bool IsRasterPictureName(std::string_view name) {
  static constexpr std::string_view kExtensions[] = {".png",  ".jpg", ".jpeg", ".jpe",  ".tif",
                                                     ".tiff", ".gif", ".bmp",  ".webp", ".jp2"};
  const std::string ext = LowerExtension(name);
  return std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions);
}

std::vector<std::string> ReadPictures(XmlPackage& package, const std::vector<std::string>& parts,
                                      const ExtractOptions& options, Document& doc) {
  std::vector<std::string> problems;
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const std::string& part : parts) {
    if (IsRasterPictureName(part) && seen.insert(part).second) names.push_back(part);
  }
  if (names.empty()) return problems;

  // The pictures large enough to read, with their bytes; the others are left alone.
  std::vector<std::pair<std::string, std::string>> candidates;
  std::vector<std::string> unreadable, too_big;
  for (const std::string& name : names) {
    std::string bytes;
    const XmlPackage::Read read = package.ReadPart(name, bytes);
    if (read == XmlPackage::Read::kMissing) continue;
    if (read == XmlPackage::Read::kFailed) {
      problems.push_back(package.failure());
      continue;
    }
    l_int32 format = 0, width = 0, height = 0, bits = 0, samples = 0, colormap = 0;
    if (pixReadHeaderMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size(), &format,
                         &width, &height, &bits, &samples, &colormap) != 0) {
      unreadable.push_back(name);
      continue;
    }
    if (width < kMinPictureSide || height < kMinPictureSide ||
        static_cast<long>(width) * height < kMinPicturePixels) {
      continue;
    }
    if (static_cast<long>(width) * height > kMaxPicturePixels) {
      too_big.push_back(name);
      continue;
    }
    candidates.emplace_back(name, std::move(bytes));
  }
  if (!unreadable.empty()) {
    problems.push_back(Pictures(unreadable.size()) + " could not be decoded (" +
                       NameList(unreadable) + ")");
  }
  if (!too_big.empty()) {
    problems.push_back(Pictures(too_big.size()) + " over " +
                       std::to_string(kMaxPicturePixels / 1'000'000) + " megapixels not read (" +
                       NameList(too_big) + ")");
  }
  if (candidates.empty()) return problems;
  if (options.ocr == OcrMode::kNever) {
    problems.push_back(Pictures(candidates.size()) + " not read: OCR is off (--ocr never)");
    return problems;
  }
  const std::size_t room = static_cast<std::size_t>(std::max(options.max_pages, 0));
  if (candidates.size() > room) {
    problems.push_back(Pictures(candidates.size() - room) + " not read: more than max_pages (" +
                       std::to_string(options.max_pages) + ")");
    candidates.resize(room);
  }

  OcrEngine engine(options);
  std::vector<PdfPageLines> lines;
  std::vector<std::string> labels;
  std::vector<double> confidences;
  std::vector<std::string> timed_out, failed, low;
  for (auto& [name, bytes] : candidates) {
    GreyPicture grey = Decode(bytes);
    std::string().swap(bytes);
    if (grey.pixels.empty()) {
      failed.push_back(name);
      continue;
    }
    OcrPage page = engine.Read(grey.pixels.data(), grey.width, grey.height, grey.width, grey.dpi,
                               PictureDeadline(options));
    if (options.on_page) options.on_page();
    if (page.outcome == OcrOutcome::kUnavailable) {
      problems.push_back("OCR unavailable: " + page.error);
      doc.transient_failure = true;
      break;
    }
    if (page.outcome == OcrOutcome::kTimeout) {
      timed_out.push_back(name);
      continue;
    }
    if (page.outcome == OcrOutcome::kFailed) {
      failed.push_back(name);
      continue;
    }
    if (page.words == 0) continue;  // a photograph or a drawing: nothing to screen
    if (page.mean_confidence < options.ocr_min_confidence) {
      low.push_back(name + " " + OneDecimal(page.mean_confidence));
    }
    doc.replaced_invalid_bytes += page.lines.replaced;
    page.lines.replaced = 0;
    lines.push_back(std::move(page.lines));
    labels.push_back("picture " + name);
    confidences.push_back(page.mean_confidence);
  }
  if (!timed_out.empty()) {
    problems.push_back("OCR timed out (" + OneDecimal(options.ocr_page_timeout_seconds) +
                       " s per picture) on " + NameList(timed_out));
    doc.transient_failure = true;
  }
  if (!failed.empty()) problems.push_back("OCR failed on " + NameList(failed));
  if (!low.empty()) {
    problems.push_back("OCR confidence below " + OneDecimal(options.ocr_min_confidence) + " on " +
                       NameList(low) + "; OCR text not reliably screened");
  }
  if (lines.empty()) return problems;

  // The pictures' text is built as PDF OCR pages are, then appended after the document's pages.
  Document pictures;
  const int first_number = doc.pages.empty() ? 1 : doc.pages.back().number + 1;
  std::vector<int> numbers(lines.size());
  for (std::size_t i = 0; i < numbers.size(); ++i) numbers[i] = first_number + static_cast<int>(i);
  std::vector<bool> needs_ocr(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    needs_ocr[i] = confidences[i] < options.ocr_min_confidence;
  }
  AssemblePdfText(lines, numbers, needs_ocr, pictures);
  const std::size_t shift = doc.text.empty() ? 0 : doc.text.size() + 1;
  if (!doc.text.empty()) doc.text.push_back('\f');
  doc.text += pictures.text;
  for (std::size_t i = 0; i < pictures.pages.size(); ++i) {
    Page page = pictures.pages[i];
    page.begin += shift;
    page.end += shift;
    page.source = TextSource::kOcr;
    page.ocr_confidence = confidences[i];
    page.label = labels[i];
    doc.pages.push_back(std::move(page));
  }
  for (TextBlock block : pictures.blocks) {
    block.begin += shift;
    block.end += shift;
    doc.blocks.push_back(std::move(block));
  }
  return problems;
}

}  // namespace trustscreen::extract::internal
