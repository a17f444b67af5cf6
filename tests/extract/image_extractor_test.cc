// Image files (a scan saved as PNG, a multi-page fax TIFF, a photo attached to an e-mail) are read
// by OCR like scanned PDF pages; an image that cannot be read is never reported clean.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "mail_fixtures.h"
#include "ocr_fixtures.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"
#include "trustscreen/screen/screen.h"

namespace trustscreen::extract {
namespace {

using namespace std::string_view_literals;
using testing::AgreementPage;
using testing::MultipageTiff;
using testing::PlainImage;
using testing::Png;

ExtractOptions WithOcr(OcrMode mode) {
  ExtractOptions options;
  options.ocr = mode;
  return options;
}

std::string PageText(const Document& doc, std::size_t index) {
  const Page& page = doc.pages.at(index);
  return doc.text.substr(page.begin, page.end - page.begin);
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// Page 5 of the sample agreement as a 200 dpi PNG: Harbin Institute of Technology in its contact
// table.
const std::string& NoticesPng() {
  static const std::string* const kPng = new std::string(Png(AgreementPage(5), 200));
  return *kPng;
}

TEST(ImageExtractor, APngScanIsReadAndAListedPartnerIsFoundOnItsPage) {
  ASSERT_FALSE(AgreementPage(5).pixels.empty());
  DocumentResult result;
  result.document = ExtractBytes(NoticesPng(), "signed-notices.png", {});
  const Document& doc = result.document;
  EXPECT_EQ(doc.format, DocumentFormat::kImage);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_EQ(doc.pages[0].source, TextSource::kOcr);
  EXPECT_GE(doc.pages[0].ocr_confidence, 60);
  EXPECT_FALSE(doc.pages[0].needs_ocr);
  EXPECT_TRUE(Contains(PageText(doc, 0), "Harbin Institute of Technology")) << doc.text;

  auto rules = rules::LoadRules({std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  screen::ScreenDocument(*rules, result);
  bool partner_on_page = false;
  for (const Finding& finding : result.findings) {
    if (finding.family == RuleFamily::kPartner && finding.page == 1) partner_on_page = true;
  }
  EXPECT_TRUE(partner_on_page);
}

TEST(ImageExtractor, EveryFrameOfAMultiPageTiffIsAPageWithItsOwnText) {
  const std::string tiff = MultipageTiff({AgreementPage(1), AgreementPage(5)}, 200);
  const Document doc = ExtractBytes(tiff, "fax.tif", {});
  EXPECT_EQ(doc.format, DocumentFormat::kImage);
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[0].number, 1);
  EXPECT_EQ(doc.pages[1].number, 2);
  EXPECT_TRUE(Contains(PageText(doc, 0), "COLLABORATION AGREEMENT")) << PageText(doc, 0);
  EXPECT_FALSE(Contains(PageText(doc, 0), "Notices and Contact Details"));
  EXPECT_TRUE(Contains(PageText(doc, 1), "Notices and Contact Details")) << PageText(doc, 1);
  EXPECT_FALSE(Contains(PageText(doc, 1), "COLLABORATION AGREEMENT"));
}

TEST(ImageExtractor, WithOcrOffAnImageNeedsOcrAndSaysWhy) {
  const Document doc = ExtractBytes(NoticesPng(), "scan.png", WithOcr(OcrMode::kNever));
  EXPECT_EQ(doc.format, DocumentFormat::kImage);
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr);
  EXPECT_EQ(doc.reason, "PNG image not read: OCR is off (--ocr never)");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_TRUE(doc.pages[0].needs_ocr);
}

TEST(ImageExtractor, ATinyIconIsEmptyAndSaysWhy) {
  const Document doc = ExtractBytes(Png(PlainImage(16, 16, 90), 96), "favicon.png", {});
  EXPECT_EQ(doc.status, DocumentStatus::kEmpty);
  EXPECT_EQ(doc.reason, "PNG image of 16×16 pixels, too small to hold text");
}

TEST(ImageExtractor, AnImageWithoutWordsNeedsOcrNotOk) {
  const Document doc = ExtractBytes(Png(PlainImage(400, 300, 255), 300), "blank.png", {});
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr);
  EXPECT_EQ(doc.reason, "OCR found no words on the PNG image");
}

TEST(ImageExtractor, LowConfidenceTextIsScreenedButTheImageIsPartial) {
  ExtractOptions options;
  options.ocr_min_confidence = 101;  // above any confidence: every page reads as unreliable
  const Document doc = ExtractBytes(NoticesPng(), "scan.png", options);
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_TRUE(Contains(doc.reason, "OCR confidence below 101.0 on the PNG image")) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_TRUE(doc.pages[0].needs_ocr);
  EXPECT_TRUE(Contains(doc.text, "Harbin Institute of Technology"));
}

TEST(ImageExtractor, TruncatedOrGarbledImagesAreCorrupt) {
  const std::string truncated = NoticesPng().substr(0, 200);
  const Document cut = ExtractBytes(truncated, "cut.png", {});
  EXPECT_EQ(cut.format, DocumentFormat::kImage);
  EXPECT_EQ(cut.status, DocumentStatus::kCorrupt);
  EXPECT_EQ(cut.reason, "PNG image could not be decoded");

  const Document garbage = ExtractBytes("\x89PNG\r\n\x1A\n broken"sv, "x.png", {});
  EXPECT_EQ(garbage.status, DocumentStatus::kCorrupt);
  const Document jpeg = ExtractBytes("\xFF\xD8\xFF\xE0\0\x10JFIF"sv, "photo.JPG", {});
  EXPECT_EQ(jpeg.status, DocumentStatus::kCorrupt);
  EXPECT_EQ(jpeg.reason, "JPEG image could not be decoded");
  const Document tiff = ExtractBytes("II*\0\x08\0\0\0"sv, "fax.tif", {});
  EXPECT_EQ(tiff.status, DocumentStatus::kCorrupt);
}

TEST(ImageExtractor, ATiffWhoseDirectoryPointsToItselfEndsAndIsReported) {
  // Header, then one image file directory at offset 8 (width and height 400) whose "next
  // directory" is itself: Leptonica's multipage reader would loop on it for ever.
  std::string tiff("II*\0\x08\0\0\0"sv);
  tiff += "\x02\0"sv;                                // 2 entries
  tiff += "\x00\x01\x03\0\x01\0\0\0\x90\x01\0\0"sv;  // ImageWidth SHORT 400
  tiff += "\x01\x01\x03\0\x01\0\0\0\x90\x01\0\0"sv;  // ImageLength SHORT 400
  tiff += "\x08\0\0\0"sv;                            // next IFD: itself
  const auto start = std::chrono::steady_clock::now();
  const Document doc = ExtractBytes(tiff, "loop.tif", WithOcr(OcrMode::kNever));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr);
  EXPECT_TRUE(Contains(doc.reason, "TIFF page list damaged after page 1")) << doc.reason;
}

TEST(ImageExtractor, FramesOverMaxPagesAreReportedNotDropped) {
  ExtractOptions options = WithOcr(OcrMode::kNever);
  options.max_pages = 1;
  const std::string tiff =
      MultipageTiff({PlainImage(400, 400, 255), PlainImage(400, 400, 255)}, 200);
  const Document doc = ExtractBytes(tiff, "fax.tiff", options);
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr);
  EXPECT_EQ(doc.reason, "read the first 1 of 2 pages; page 1 not read: OCR is off (--ocr never)");
}

TEST(ImageExtractor, BmpIsReadAsAnImageButTextStartingWithBmIsText) {
  EXPECT_EQ(SniffFormat("BMW annual report, 40 pages\n", "cars.txt"), DocumentFormat::kText);
  std::string bmp("BM\x46\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0"sv);
  bmp.resize(70, '\0');
  EXPECT_EQ(SniffFormat(bmp, "logo.bmp"), DocumentFormat::kImage);
}

TEST(ImageExtractor, AnImageAttachedToAnEmailIsReadAndTheMessageIsOk) {
  const std::string message =
      "From: Jane Doe <jane@example.org>\r\nTo: Legal <legal@example.org>\r\n"
      "Subject: Signed page\r\nDate: Tue, 3 Nov 2026 10:00:00 +0000\r\n"
      "Message-ID: <1@example.org>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
      "--outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe signed page is attached.\r\n"
      "--outer\r\nContent-Type: image/png\r\n"
      "Content-Disposition: attachment; filename=\"notices.png\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" +
      fixtures::Base64(NoticesPng()) + "\r\n--outer--\r\n";
  const Document doc = ExtractBytes(message, "thread.eml", {});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.members.size(), 1u);
  const Document& png = doc.members[0];
  EXPECT_EQ(png.path, "thread.eml!/notices.png");
  EXPECT_EQ(png.format, DocumentFormat::kImage);
  EXPECT_EQ(png.status, DocumentStatus::kOk) << png.reason;
  EXPECT_TRUE(Contains(png.text, "Harbin Institute of Technology"));
}

TEST(ImageExtractor, AnImageInsideAZipIsReadAndTheArchiveIsOk) {
  const std::string zip = fixtures::BuildZip({{"scans/notices.png", NoticesPng()}});
  const Document doc = ExtractBytes(zip, "bundle.zip", {});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.members.size(), 1u);
  EXPECT_EQ(doc.members[0].path, "bundle.zip!/scans/notices.png");
  EXPECT_EQ(doc.members[0].status, DocumentStatus::kOk) << doc.members[0].reason;
  EXPECT_TRUE(Contains(doc.members[0].text, "Harbin Institute of Technology"));
}

}  // namespace
}  // namespace trustscreen::extract
