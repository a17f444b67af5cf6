// Image-only PDFs for the OCR tests: pages of a real PDF rendered with Poppler's Splash and written
// back as a PDF holding nothing but one grey image per page (a stand-in for a scan).
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

}  // namespace trustscreen::extract::testing

#endif  // TRUSTSCREEN_TESTS_EXTRACT_OCR_FIXTURES_H_
