// InkProbe: an OutputDev that tells whether a page without text draws anything an OCR engine
// could read.
#ifndef TRUSTSCREEN_SRC_EXTRACT_PDF_INK_PROBE_H_
#define TRUSTSCREEN_SRC_EXTRACT_PDF_INK_PROBE_H_

#include <GfxState.h>
#include <OutputDev.h>

namespace trustscreen::extract::internal {

// Watches a page that produced no text: does it draw anything an OCR engine could read?
//   - an image of at least kMinImagePixels (scans; tiny spacer images do not count);
//   - many filled subpaths that are not white (text converted to outlines is drawn this way).
// HTML-to-PDF converters emit "blank" pages with a white background rectangle and a footer rule;
// those must stay blank, hence the white and subpath-count filters. The probe aborts the page as
// soon as it has seen enough, so it costs little.
class InkProbe : public OutputDev {
 public:
  static constexpr int kMinImagePixels = 16 * 16;
  static constexpr int kOutlinedTextSubpaths = 50;

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }
  // Claiming every shading type keeps Poppler from tessellating it into fills; one shading is
  // decoration, not text.
  bool useShadedFills(int /*type*/) override { return true; }

  void fill(GfxState* state) override { CountFill(state); }
  void eoFill(GfxState* state) override { CountFill(state); }
  bool functionShadedFill(GfxState* /*state*/, GfxFunctionShading* /*shading*/) override {
    return true;
  }
  bool axialShadedFill(GfxState* /*state*/, GfxAxialShading* /*shading*/, double /*tMin*/,
                       double /*tMax*/) override {
    return true;
  }
  bool radialShadedFill(GfxState* /*state*/, GfxRadialShading* /*shading*/, double /*sMin*/,
                        double /*sMax*/) override {
    return true;
  }
  bool gouraudTriangleShadedFill(GfxState* /*state*/,
                                 GfxGouraudTriangleShading* /*shading*/) override {
    return true;
  }
  bool patchMeshShadedFill(GfxState* /*state*/, GfxPatchMeshShading* /*shading*/) override {
    return true;
  }
  // The base class skips inline image data so the content stream parser stays in sync.
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_image) override {
    CountImage(width, height);
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* color_map, bool interpolate, const int* mask_colors,
                 bool inline_image) override {
    CountImage(width, height);
    OutputDev::drawImage(state, ref, str, width, height, color_map, interpolate, mask_colors,
                         inline_image);
  }
  void drawMaskedImage(GfxState* /*state*/, Object* /*ref*/, Stream* /*str*/, int width, int height,
                       GfxImageColorMap* /*color_map*/, bool /*interpolate*/, Stream* /*mask_str*/,
                       int /*mask_width*/, int /*mask_height*/, bool /*mask_invert*/,
                       bool /*mask_interpolate*/) override {
    CountImage(width, height);
  }
  void drawSoftMaskedImage(GfxState* /*state*/, Object* /*ref*/, Stream* /*str*/, int width,
                           int height, GfxImageColorMap* /*color_map*/, bool /*interpolate*/,
                           Stream* /*mask_str*/, int /*mask_width*/, int /*mask_height*/,
                           GfxImageColorMap* /*mask_color_map*/,
                           bool /*mask_interpolate*/) override {
    CountImage(width, height);
  }

  bool found_ink() const { return found_ink_; }
  static bool AbortCheck(void* probe) { return static_cast<InkProbe*>(probe)->found_ink_; }

 private:
  void CountImage(int width, int height) {
    if (static_cast<long long>(width) * height >= kMinImagePixels) found_ink_ = true;
  }
  void CountFill(GfxState* state) {
    if (state->getFillOpacity() <= 0) return;
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    constexpr double kNearWhite = 0.95;
    if (colToDbl(rgb.r) >= kNearWhite && colToDbl(rgb.g) >= kNearWhite &&
        colToDbl(rgb.b) >= kNearWhite) {
      return;
    }
    if (const GfxPath* path = state->getPath()) filled_subpaths_ += path->getNumSubpaths();
    if (filled_subpaths_ >= kOutlinedTextSubpaths) found_ink_ = true;
  }

  bool found_ink_ = false;
  int filled_subpaths_ = 0;
};

}  // namespace trustscreen::extract::internal

#endif  // TRUSTSCREEN_SRC_EXTRACT_PDF_INK_PROBE_H_
