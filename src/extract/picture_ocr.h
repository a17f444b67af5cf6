// OCR of pictures embedded in office packages (DOCX word/media, ODT Pictures/, PPTX ppt/media): a
// scanned signature page pasted into a Word file is read as a scanned PDF page is, within the same
// OCR options and limits.
//
// A picture is read when Leptonica decodes it (PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000) and it
// is large enough to hold a line of text worth screening: both sides at least kMinPictureSide
// pixels and kMinPicturePixels in all (logos, icons and rules are smaller). Vector pictures
// (EMF, WMF, SVG) are not rasterised. Each picture with words becomes a Page of its own after the
// document's text ('\f'-separated), labelled "picture NAME", source kOcr, with its mean
// confidence; its lines go through the same text building as PDF OCR pages.
//
// What cannot be read is never silent: pictures not read because OCR is off (kNever), over
// max_pages, timed out, failed, or read with confidence below ocr_min_confidence are returned as
// problems for the caller to make the document partial.
#ifndef TRUSTSCREEN_SRC_EXTRACT_PICTURE_OCR_H_
#define TRUSTSCREEN_SRC_EXTRACT_PICTURE_OCR_H_

#include <string>
#include <vector>

#include "trustscreen/core/document.h"
#include "trustscreen/extract/extract.h"
#include "xml_package.h"

namespace trustscreen::extract::internal {

inline constexpr int kMinPictureSide = 100;
inline constexpr long kMinPicturePixels = 100'000;

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
