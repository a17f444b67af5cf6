// OCR of raster pictures: those embedded in office packages (DOCX word/media, ODT Pictures/, PPTX
// ppt/media) and image files (image_extractor.cc). A scanned signature page pasted into a Word
// file, or saved as a PNG, is read as a scanned PDF page is, within the same OCR options and
// limits.
//
// A picture is read when Leptonica decodes it (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000) and it
// is large enough to hold a line of text worth screening: both sides at least kMinPictureSide
// pixels and kMinPicturePixels in all (logos, icons and rules are smaller); pictures over
// kMaxPicturePixels are not decoded. Vector pictures (EMF, WMF, SVG) are not rasterised. A picture
// with words becomes a Page of its own, source kOcr, with its mean confidence; its lines go
// through the same text building as PDF OCR pages (AppendOcrPages).
//
// In a package, each picture with words becomes a page after the document's text ('\f'-separated),
// labelled "picture NAME". What cannot be read is never silent: pictures not read because OCR is
// off (kNever), over max_pages, timed out, failed, or read with confidence below
// ocr_min_confidence are returned as problems for the caller to make the document partial.
//
// Thread-safety: as OcrEngine; Leptonica's messages are silenced for the whole process once, before
// the first picture is decoded (extraction reports through Document::reason, never on stderr).
#ifndef TRUSTSCREEN_SRC_EXTRACT_PICTURE_OCR_H_
#define TRUSTSCREEN_SRC_EXTRACT_PICTURE_OCR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ocr.h"
#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"
#include "xml_package.h"

struct Pix;  // Leptonica's image (PIX)

namespace trustscreen::extract::internal {

inline constexpr int kMinPictureSide = 100;
inline constexpr long kMinPicturePixels = 100'000;
// Leptonica's decoder allocates the whole image: pictures over this many pixels are not decoded
// (PDF pages over it are rendered at less; a picture cannot be).
inline constexpr long kMaxPicturePixels = 40'000'000;

// How a picture of width × height pixels is treated.
enum class PictureFit {
  kRead,      // large enough to hold text, small enough to decode
  kTooSmall,  // a side under kMinPictureSide or fewer than kMinPicturePixels
  kTooLarge,  // over kMaxPicturePixels
};
PictureFit FitPicture(long width, long height);

// "16×16 pixels".
std::string PictureSize(long width, long height);

struct PixFree {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

// The size of the (first) picture in `bytes` from its header, without decoding it; false when
// Leptonica does not recognise the header.
bool ReadPictureSize(std::string_view bytes, int& width, int& height);

// The picture in `bytes` decoded by Leptonica (the first frame of an animated GIF); null when it
// cannot be. Of a TIFF, the frame whose image file directory is at offset `tiff_directory` (0: the
// first). Check its size with ReadPictureSize (or the TIFF's directory) and FitPicture first.
PixPtr DecodePicture(std::string_view bytes, std::uint64_t tiff_directory = 0);

// Reads a decoded picture (any depth) with `engine` under options.ocr_page_timeout_seconds, then
// calls options.on_page. Its resolution is the one it records when that is a scan's (70-1200 dpi),
// else 300 dpi; a picture whose vertical resolution differs from its horizontal one (a fax at
// 204×98 dpi) is stretched to square pixels first. kFailed (with error) when it cannot be turned
// into 8-bit grey.
OcrPage OcrPicture(Pix& pix, OcrEngine& engine, const ExtractOptions& options);

// A picture to become a Page: one OCR found words on, or (image files) a frame without text.
struct OcrPicturePage {
  int number = 0;     // Page::number
  std::string label;  // Page::label; empty for an image file's frames, which are its pages
  OcrPage page;       // the recognised lines; none for a frame without text
  // A frame without text that may hold some (not read, or OCR found no words): Page::needs_ocr.
  bool unread = false;
};

// Appends `pages` (in order, numbers ascending) to `doc` after its text ('\f'-separated when it
// has text), built by AssemblePdfText as PDF OCR pages are. A page with words gets source kOcr, its
// ocr_confidence, and needs_ocr when that is below options.ocr_min_confidence; one without keeps
// source kTextLayer and needs_ocr when `unread`. The pages' replaced characters count in
// doc.replaced_invalid_bytes.
void AppendOcrPages(std::vector<OcrPicturePage> pages, const ExtractOptions& options,
                    Document& doc);

// True for the names of raster picture parts Leptonica may decode, by extension.
bool IsRasterPictureName(std::string_view name);

// Reads the pictures `parts` of `package` (names as in the package, duplicates ignored) and
// appends the text of those with words to `doc` as described above. Returns the problems, each a
// phrase ("2 pictures not read: OCR is off (--ocr never)"); empty when every picture large enough
// was read confidently. Sets doc.transient_failure for timeouts and missing language data.
std::vector<std::string> ReadPictures(XmlPackage& package, const std::vector<std::string>& parts,
                                      const ExtractOptions& options, Document& doc);

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_PICTURE_OCR_H_
