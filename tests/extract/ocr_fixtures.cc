#include "ocr_fixtures.h"

// PDFDoc.h first: Poppler's Object.h and Dict.h need each other in that order.
#include <PDFDoc.h>
//
#include <GlobalParams.h>
#include <SplashOutputDev.h>
#include <goo/GooString.h>
#include <leptonica/allheaders.h>
#include <splash/SplashBitmap.h>
#include <zlib.h>

#include <map>
#include <memory>
#include <mutex>

namespace trustscreen::extract::testing {

std::vector<GreyImage> RenderPdfPages(const std::filesystem::path& path,
                                      const std::vector<int>& pages, int dpi) {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  });
  PDFDoc doc(std::make_unique<GooString>(path.string()));
  if (!doc.isOk()) return {};
  std::vector<GreyImage> images;
  for (int number : pages) {
    SplashColor paper;
    paper[0] = 0xff;
    SplashOutputDev device(splashModeMono8, 1, false, paper);
    device.startDoc(&doc);
    doc.displayPage(&device, number, dpi, dpi, 0, /*useMediaBox=*/false, /*crop=*/true,
                    /*printing=*/false);
    SplashBitmap* bitmap = device.getBitmap();
    if (bitmap == nullptr) return {};
    GreyImage image;
    image.width = bitmap->getWidth();
    image.height = bitmap->getHeight();
    image.pixels.reserve(static_cast<std::size_t>(image.width) * image.height);
    for (int y = 0; y < image.height; ++y) {
      const unsigned char* row =
          bitmap->getDataPtr() + static_cast<std::ptrdiff_t>(y) * bitmap->getRowSize();
      image.pixels.insert(image.pixels.end(), row, row + image.width);
    }
    images.push_back(std::move(image));
  }
  return images;
}

std::string ImageOnlyPdf(const std::vector<GreyImage>& images, int dpi) {
  // Objects: 1 catalog, 2 page tree, then per page i: page, content stream, image.
  std::string out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  std::vector<std::size_t> offsets;
  auto begin_object = [&](int number) {
    if (static_cast<int>(offsets.size()) < number) offsets.resize(number);
    offsets[number - 1] = out.size();
    out += std::to_string(number) + " 0 obj\n";
  };
  const int count = static_cast<int>(images.size());
  begin_object(1);
  out += "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
  begin_object(2);
  out += "<< /Type /Pages /Count " + std::to_string(count) + " /Kids [";
  for (int i = 0; i < count; ++i) out += " " + std::to_string(3 + 3 * i) + " 0 R";
  out += " ] >>\nendobj\n";
  for (int i = 0; i < count; ++i) {
    const GreyImage& image = images[i];
    const int page = 3 + 3 * i, content = page + 1, xobject = page + 2;
    const double width = image.width * 72.0 / dpi, height = image.height * 72.0 / dpi;
    const std::string w = std::to_string(width), h = std::to_string(height);
    begin_object(page);
    out += "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + w + " " + h +
           "] /Resources << /XObject << /Im0 " + std::to_string(xobject) + " 0 R >> >> /Contents " +
           std::to_string(content) + " 0 R >>\nendobj\n";
    const std::string draw = "q " + w + " 0 0 " + h + " 0 0 cm /Im0 Do Q\n";
    begin_object(content);
    out += "<< /Length " + std::to_string(draw.size()) + " >>\nstream\n" + draw +
           "endstream\nendobj\n";
    uLongf packed_size = compressBound(image.pixels.size());
    std::string packed(packed_size, '\0');
    compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size, image.pixels.data(),
              image.pixels.size(), Z_BEST_SPEED);
    packed.resize(packed_size);
    begin_object(xobject);
    out += "<< /Type /XObject /Subtype /Image /Width " + std::to_string(image.width) + " /Height " +
           std::to_string(image.height) +
           " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length " +
           std::to_string(packed.size()) + " >>\nstream\n" + packed + "\nendstream\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

namespace {

PIX* ToPix(const GreyImage& image, int dpi) {
  PIX* pix = pixCreate(image.width, image.height, 8);
  l_uint32* data = pixGetData(pix);
  const int words_per_line = pixGetWpl(pix);
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * words_per_line;
    for (int x = 0; x < image.width; ++x) {
      SET_DATA_BYTE(line, x, image.pixels[static_cast<std::size_t>(y) * image.width + x]);
    }
  }
  pixSetResolution(pix, dpi, dpi);
  return pix;
}

std::string TakeBytes(l_uint8* bytes, size_t size) {
  std::string out(reinterpret_cast<const char*>(bytes), size);
  lept_free(bytes);
  return out;
}

}  // namespace

std::string Png(const GreyImage& image, int dpi) {
  PIX* pix = ToPix(image, dpi);
  l_uint8* bytes = nullptr;
  size_t size = 0;
  pixWriteMem(&bytes, &size, pix, IFF_PNG);
  pixDestroy(&pix);
  return TakeBytes(bytes, size);
}

std::string MultipageTiff(const std::vector<GreyImage>& images, int dpi) {
  PIXA* pixa = pixaCreate(0);
  for (const GreyImage& image : images) pixaAddPix(pixa, ToPix(image, dpi), L_INSERT);
  l_uint8* bytes = nullptr;
  size_t size = 0;
  pixaWriteMemMultipageTiff(&bytes, &size, pixa);
  pixaDestroy(&pixa);
  return TakeBytes(bytes, size);
}

GreyImage PlainImage(int width, int height, unsigned char level) {
  GreyImage image{.width = width, .height = height, .pixels = {}};
  image.pixels.assign(static_cast<std::size_t>(width) * height, level);
  return image;
}

const GreyImage& AgreementPage(int number) {
  static std::mutex mutex;
  static auto* const pages = new std::map<int, GreyImage>();
  const std::lock_guard lock(mutex);
  auto it = pages->find(number);
  if (it == pages->end()) {
    std::vector<GreyImage> images = RenderPdfPages(
        std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "samples/collaboration-agreement.pdf",
        {number}, 200);
    it = pages->emplace(number, images.size() == 1 ? std::move(images[0]) : GreyImage{}).first;
  }
  return it->second;
}

}  // namespace trustscreen::extract::testing
