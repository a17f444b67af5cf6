#include "picture_ocr.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "extractors.h"
#include "ocr.h"
#include "pdf_layout.h"

namespace trustscreen::extract::internal {
namespace {

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

// Leptonica prints its errors ("Error in pixReadMemPng: …") on stderr, and a hostile picture
// makes many. The severity is a process-wide global: set once, before any picture is decoded.
void SilenceLeptonicaOnce() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

// A scan's resolution, or 0 for a missing or absurd value. Screenshots say 72-96 dpi, scans
// 200-600.
int ScanResolution(int dpi) { return dpi >= 70 && dpi <= 1200 ? dpi : 0; }

}  // namespace

void PixFree::operator()(Pix* pix) const { pixDestroy(&pix); }

PictureFit FitPicture(long width, long height) {
  if (width < kMinPictureSide || height < kMinPictureSide || width * height < kMinPicturePixels) {
    return PictureFit::kTooSmall;
  }
  return width * height > kMaxPicturePixels ? PictureFit::kTooLarge : PictureFit::kRead;
}

std::string PictureSize(long width, long height) {
  return std::to_string(width) + "×" + std::to_string(height) + " pixels";
}

bool ReadPictureSize(std::string_view bytes, int& width, int& height) {
  SilenceLeptonicaOnce();
  l_int32 format = 0, w = 0, h = 0, bits = 0, samples = 0, colormap = 0;
  if (pixReadHeaderMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size(), &format, &w,
                       &h, &bits, &samples, &colormap) != 0) {
    return false;
  }
  width = w;
  height = h;
  return true;
}

PixPtr DecodePicture(std::string_view bytes, std::uint64_t tiff_directory) {
  SilenceLeptonicaOnce();
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  if (tiff_directory == 0) return PixPtr(pixReadMem(data, bytes.size()));
  std::size_t offset = tiff_directory;
  return PixPtr(pixReadMemFromMultipageTiff(data, bytes.size(), &offset));
}

OcrPage OcrPicture(Pix& pix, OcrEngine& engine, const ExtractOptions& options) {
  const OcrClock::time_point deadline = PictureDeadline(options);
  PixPtr grey(pixConvertTo8(&pix, 0));
  int dpi = ScanResolution(pixGetXRes(&pix));
  const int y_dpi = ScanResolution(pixGetYRes(&pix));
  if (grey && dpi > 0 && y_dpi > 0 && std::abs(dpi - y_dpi) * 10 > dpi) {
    // Fax "normal" resolution is 204×98 dpi: letters half as tall as wide, which Tesseract reads
    // poorly. Stretched to square pixels (a page within kMaxPicturePixels stays reasonable).
    grey.reset(pixScale(grey.get(), 1.0f, static_cast<float>(dpi) / y_dpi));
  }
  if (dpi == 0) dpi = 300;
  if (!grey) {
    OcrPage failed;
    failed.error = "the picture could not be converted to grey";
    return failed;
  }
  const int width = pixGetWidth(grey.get());
  const int height = pixGetHeight(grey.get());
  // Tesseract takes rows of bytes; Leptonica packs 8-bit pixels into 32-bit words, most
  // significant byte first, so the rows are copied out byte by byte.
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height);
  const l_uint32* data = pixGetData(grey.get());
  const int words_per_line = pixGetWpl(grey.get());
  for (int y = 0; y < height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * words_per_line;
    unsigned char* out = pixels.data() + static_cast<std::size_t>(y) * width;
    for (int x = 0; x < width; ++x) out[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
  }
  grey.reset();
  OcrPage page = engine.Read(pixels.data(), width, height, width, dpi, deadline);
  if (options.on_page) options.on_page();
  return page;
}

void AppendOcrPages(std::vector<OcrPicturePage> pages, const ExtractOptions& options,
                    Document& doc) {
  if (pages.empty()) return;
  std::vector<PdfPageLines> lines;
  std::vector<int> numbers;
  std::vector<bool> needs_ocr;
  for (OcrPicturePage& picture : pages) {
    doc.replaced_invalid_bytes += picture.page.lines.replaced;
    picture.page.lines.replaced = 0;
    lines.push_back(std::move(picture.page.lines));
    numbers.push_back(picture.number);
    needs_ocr.push_back(picture.page.words > 0
                            ? picture.page.mean_confidence < options.ocr_min_confidence
                            : picture.unread);
  }
  Document built;
  AssemblePdfText(lines, numbers, needs_ocr, built);
  const std::size_t shift = doc.text.empty() ? 0 : doc.text.size() + 1;
  if (!doc.text.empty()) doc.text.push_back('\f');
  doc.text += built.text;
  for (std::size_t i = 0; i < built.pages.size(); ++i) {
    Page page = built.pages[i];
    page.begin += shift;
    page.end += shift;
    if (i < pages.size()) {
      if (pages[i].page.words > 0) {
        page.source = TextSource::kOcr;
        page.ocr_confidence = pages[i].page.mean_confidence;
      }
      page.label = pages[i].label;
    }
    doc.pages.push_back(std::move(page));
  }
  for (TextBlock block : built.blocks) {
    block.begin += shift;
    block.end += shift;
    doc.blocks.push_back(std::move(block));
  }
}

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
    int width = 0, height = 0;
    if (!ReadPictureSize(bytes, width, height)) {
      unreadable.push_back(name);
      continue;
    }
    const PictureFit fit = FitPicture(width, height);
    if (fit == PictureFit::kTooSmall) continue;
    if (fit == PictureFit::kTooLarge) {
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
  std::vector<OcrPicturePage> pages;
  std::vector<std::string> timed_out, failed, low;
  const int first_number = doc.pages.empty() ? 1 : doc.pages.back().number + 1;
  for (auto& [name, bytes] : candidates) {
    PixPtr pix = DecodePicture(bytes);
    std::string().swap(bytes);
    if (!pix) {
      failed.push_back(name);
      continue;
    }
    OcrPage page = OcrPicture(*pix, engine, options);
    pix.reset();
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
    const int number = first_number + static_cast<int>(pages.size());
    pages.push_back({number, "picture " + name, std::move(page), false});
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
  // The pictures' text is built as PDF OCR pages are, then appended after the document's pages.
  AppendOcrPages(std::move(pages), options, doc);
  return problems;
}

}  // namespace trustscreen::extract::internal
