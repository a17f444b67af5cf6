// Pictures pasted into DOCX and ODT files (a scanned signature page) are read by OCR like scanned
// PDF pages; pictures that cannot be read leave the document partial or needs_ocr, never clean.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "docx_fixtures.h"
#include "ocr_fixtures.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"
#include "trustscreen/screen/screen.h"

namespace trustscreen::extract {
namespace {

using fixtures::BuildDocxWithParts;
using fixtures::DocxPart;
using fixtures::Para;

using testing::Png;

// Page 5 of the sample agreement (Harbin Institute of Technology in the contact table and the
// signature block) as a 200 dpi PNG, made once.
const std::string& SignaturePageScan() {
  static const std::string* const kPng = [] {
    const testing::GreyImage& page = testing::AgreementPage(5);
    return new std::string(page.pixels.empty() ? "" : Png(page, 200));
  }();
  return *kPng;
}

std::string DocxWithPicture(const std::string& picture) {
  return BuildDocxWithParts(Para("The signed page is attached below."),
                            {DocxPart{"image", "word/media/image1.png", picture}});
}

ExtractOptions WithOcr(OcrMode mode) {
  ExtractOptions options;
  options.ocr = mode;
  return options;
}

TEST(PictureOcr, AScanPastedIntoADocxIsReadAsAPageOfItsOwnAndScreened) {
  ASSERT_FALSE(SignaturePageScan().empty());
  DocumentResult result;
  result.document = ExtractBytes(DocxWithPicture(SignaturePageScan()), "signed.docx", {});
  const Document& doc = result.document;
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[1].source, TextSource::kOcr);
  EXPECT_EQ(doc.pages[1].label, "picture word/media/image1.png");
  EXPECT_GE(doc.pages[1].ocr_confidence, 60);
  const std::string picture_text =
      doc.text.substr(doc.pages[1].begin, doc.pages[1].end - doc.pages[1].begin);
  EXPECT_NE(picture_text.find("Harbin Institute of Technology"), std::string::npos) << picture_text;

  auto rules = rules::LoadRules({std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  screen::ScreenDocument(*rules, result);
  bool partner_on_picture = false;
  for (const Finding& finding : result.findings) {
    if (finding.family == RuleFamily::kPartner && finding.page == 2) {
      partner_on_picture = true;
      EXPECT_EQ(finding.location, "picture word/media/image1.png");
    }
  }
  EXPECT_TRUE(partner_on_picture);
}

TEST(PictureOcr, WithOcrOffAPastedScanLeavesTheDocumentPartial) {
  const Document doc =
      ExtractBytes(DocxWithPicture(SignaturePageScan()), "signed.docx", WithOcr(OcrMode::kNever));
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_NE(doc.reason.find("1 picture not read: OCR is off"), std::string::npos) << doc.reason;
  EXPECT_EQ(doc.pages.size(), 1u);
}

TEST(PictureOcr, ADocumentThatIsOnlyAnUnreadPictureNeedsOcrAndIsNotEmpty) {
  const std::string docx =
      BuildDocxWithParts("", {DocxPart{"image", "word/media/image1.png", SignaturePageScan()}});
  const Document doc = ExtractBytes(docx, "scan-only.docx", WithOcr(OcrMode::kNever));
  EXPECT_EQ(doc.status, DocumentStatus::kNeedsOcr) << doc.reason;
}

TEST(PictureOcr, ASmallPictureSuchAsALogoIsLeftAlone) {
  testing::GreyImage logo{.width = 160, .height = 60, .pixels = {}};
  logo.pixels.assign(static_cast<std::size_t>(logo.width) * logo.height, 200);
  const Document doc =
      ExtractBytes(DocxWithPicture(Png(logo, 96)), "letterhead.docx", WithOcr(OcrMode::kNever));
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.pages.size(), 1u);
}

TEST(PictureOcr, AnUndecodablePictureIsReportedNotSkipped) {
  const Document doc = ExtractBytes(DocxWithPicture("\x89PNG\r\n\x1a\n broken"), "broken.docx", {});
  EXPECT_EQ(doc.status, DocumentStatus::kPartial);
  EXPECT_NE(doc.reason.find("could not be decoded (word/media/image1.png)"), std::string::npos)
      << doc.reason;
}

TEST(PictureOcr, AScanInAnOdtIsReadToo) {
  const std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " +
      std::string(fixtures::kOdfNamespaces) +
      "><office:body><office:text><text:p>Signed page below.</text:p></office:text>"
      "</office:body></office:document-content>";
  const std::string odt =
      fixtures::BuildZip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                          {"content.xml", content},
                          {"Pictures/10000000000009B000000DB6.png", SignaturePageScan()}});
  const Document doc = ExtractBytes(odt, "signed.odt", {});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.pages[1].label, "picture Pictures/10000000000009B000000DB6.png");
  EXPECT_NE(doc.text.find("Harbin Institute of Technology"), std::string::npos);
}

}  // namespace
}  // namespace trustscreen::extract
