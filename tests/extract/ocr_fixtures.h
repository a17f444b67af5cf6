// Scans for the OCR tests: pages of a real PDF rendered with Poppler's Splash and written back as
// a PDF holding nothing but one grey image per page, or as image files (Leptonica).
#ifndef TRUSTSCREEN_TESTS_EXTRACT_OCR_FIXTURES_H_
#define TRUSTSCREEN_TESTS_EXTRACT_OCR_FIXTURES_H_

#include <filesystem>
#include <string>
#include <vector>

namespace trustscreen::extract::testing {

// An 8-bit grey image, rows top to bottom, no padding.
struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;
};

// Renders `pages` (1-based) of the PDF at `path` at `dpi`; empty on failure.
std::vector<GreyImage> RenderPdfPages(const std::filesystem::path& path,
                                      const std::vector<int>& pages, int dpi);

// A PDF with one page per image, each page sized as the image at `dpi`, holding only the image
// (DeviceGray, FlateDecode) and no text.
std::string ImageOnlyPdf(const std::vector<GreyImage>& images, int dpi);

// `image` as a PNG file with `dpi` recorded in it.
std::string Png(const GreyImage& image, int dpi);

// `images` as one multi-page TIFF (a frame each, Deflate-compressed) with `dpi` recorded.
std::string MultipageTiff(const std::vector<GreyImage>& images, int dpi);

// A `width` × `height` image of one grey level (no text on it).
GreyImage PlainImage(int width, int height, unsigned char level);

// Pages of samples/collaboration-agreement.pdf rendered at 200 dpi, each once per process:
// page 1 (title "RESEARCH COLLABORATION AGREEMENT", the parties: Harbin Institute of Technology)
// and page 5 ("Notices and Contact Details", Harbin Institute of Technology in the contact table).
const GreyImage& AgreementPage(int number);

}  // namespace trustscreen::extract::testing

#endif  // TRUSTSCREEN_TESTS_EXTRACT_OCR_FIXTURES_H_
