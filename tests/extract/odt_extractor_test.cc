#include <string>
#include <string_view>

#include "docx_fixtures.h"
#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using fixtures::BlockWith;

using fixtures::BuildOdt;

Document Extract(const std::string& bytes, std::string path = "proposal.odt") {
  return ExtractBytes(bytes, std::move(path), ExtractOptions{});
}

TEST(OdtExtraction, ReadsParagraphsHeadingsSpacesAndTables) {
  const Document doc = Extract(
      BuildOdt("<text:h text:outline-level=\"2\">Work plan</text:h>"
               "<text:p>Dual<text:s text:c=\"2\"/>use <text:span>items</text:span><text:tab/>and"
               "<text:line-break/>more</text:p>"
               "<table:table><table:table-row><table:table-cell><text:p>Partner</text:p>"
               "</table:table-cell><table:table-cell><text:p>Ruritania</text:p></table:table-cell>"
               "</table:table-row></table:table>"));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kOdt);
  EXPECT_EQ(doc.text, "Work plan\nDual  use items\tand\nmore\nPartner\nRuritania\n");
  EXPECT_EQ(BlockWith(doc, "Work plan")->heading_level, 2);
  EXPECT_EQ(BlockWith(doc, "Ruritania")->part, TextPart::kTable);
}

TEST(OdtExtraction, NumbersListsFromTheirListStyle) {
  const std::string list_style =
      "<text:list-style style:name=\"L1\">"
      "<text:list-level-style-number text:level=\"1\" style:num-format=\"1\" "
      "style:num-suffix=\".\"/>"
      "<text:list-level-style-number text:level=\"2\" style:num-format=\"a\" "
      "style:num-prefix=\"(\" style:num-suffix=\")\"/>"
      // Shown levels keep their own formats: "1.b.1", as LibreOffice displays it.
      "<text:list-level-style-number text:level=\"3\" style:num-format=\"1\" "
      "text:display-levels=\"3\"/>"
      "</text:list-style>";
  const Document doc = Extract(
      BuildOdt("<text:list text:style-name=\"L1\">"
               "<text:list-item><text:p>First</text:p>"
               "<text:list><text:list-item><text:p>sub a</text:p></text:list-item>"
               "<text:list-item><text:p>sub b</text:p>"
               "<text:list><text:list-item><text:p>deep</text:p></text:list-item></text:list>"
               "</text:list-item></text:list></text:list-item>"
               "<text:list-item><text:p>Second</text:p></text:list-item></text:list>",
               list_style));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "1.\tFirst\n(a)\tsub a\n(b)\tsub b\n1.b.1\tdeep\n2.\tSecond\n");
  EXPECT_EQ(BlockWith(doc, "sub b")->label, "(b)");
}

TEST(OdtExtraction, NumbersHeadingsFromTheOutlineStyle) {
  const std::string outline =
      "<text:outline-style style:name=\"Outline\">"
      "<text:outline-level-style text:level=\"1\" style:num-format=\"1\"/>"
      "<text:outline-level-style text:level=\"2\" style:num-format=\"1\" "
      "text:display-levels=\"2\"/></text:outline-style>";
  const Document doc = Extract(
      fixtures::BuildOdt("<text:h text:outline-level=\"1\">Scope</text:h>"
                         "<text:h text:outline-level=\"2\">Items</text:h><text:p>body</text:p>"
                         "<text:h text:outline-level=\"2\">Technology</text:h>"
                         "<text:h text:outline-level=\"1\">Partners</text:h>"
                         "<text:h text:outline-level=\"2\">Restricted</text:h>",
                         outline));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text,
            "1\tScope\n1.1\tItems\nbody\n1.2\tTechnology\n2\tPartners\n2.1\tRestricted\n");
  EXPECT_EQ(BlockWith(doc, "Technology")->label, "1.2");
  EXPECT_EQ(BlockWith(doc, "Technology")->heading_level, 2);
}

TEST(OdtExtraction, NotesAnnotationsAndHeadersGoToTheirParts) {
  const Document doc = Extract(BuildOdt(
      "<text:p>Body<text:note text:note-class=\"footnote\"><text:note-citation>1"
      "</text:note-citation><text:note-body><text:p>EAR99 footnote</text:p></text:note-body>"
      "</text:note><office:annotation><dc:creator>Reviewer</dc:creator><dc:date>2024-01-01"
      "</dc:date><text:p>Check ITAR</text:p></office:annotation> text</text:p>",
      "",
      "<style:master-page style:name=\"Standard\"><style:header><text:p>Draft header"
      "</text:p></style:header><style:footer><text:p>Footer line</text:p></style:footer>"
      "</style:master-page>"));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text, "Body text\nDraft header\nFooter line\nEAR99 footnote\nCheck ITAR\n");
  EXPECT_EQ(BlockWith(doc, "EAR99")->part, TextPart::kFootnote);
  EXPECT_EQ(BlockWith(doc, "ITAR")->part, TextPart::kComment);
  EXPECT_EQ(BlockWith(doc, "Draft")->part, TextPart::kHeader);
  EXPECT_EQ(BlockWith(doc, "Footer")->part, TextPart::kFooter);
  EXPECT_EQ(doc.text.find("Reviewer"), std::string::npos);
}

TEST(OdtExtraction, TrackedDeletionIsScreenedAtItsPlaceAndTaggedDeleted) {
  const Document doc = Extract(BuildOdt(
      "<text:tracked-changes><text:changed-region text:id=\"ct1\"><text:deletion>"
      "<office:change-info><dc:creator>A</dc:creator><dc:date>2024</dc:date>"
      "</office:change-info><text:p>no transfer to Ruritania</text:p></text:deletion>"
      "</text:changed-region><text:changed-region text:id=\"ct2\"><text:insertion>"
      "<office:change-info><dc:creator>B</dc:creator></office:change-info></text:insertion>"
      "</text:changed-region></text:tracked-changes>"
      "<text:p>Kept <text:change text:change-id=\"ct1\"/>and <text:change-start "
      "text:change-id=\"ct2\"/>added<text:change-end text:change-id=\"ct2\"/></text:p>"));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  // The deletion does not run into the word after it.
  EXPECT_EQ(doc.text, "Kept no transfer to Ruritania and added\n");
  EXPECT_EQ(BlockWith(doc, "Ruritania")->part, TextPart::kDeleted);
  EXPECT_EQ(BlockWith(doc, "Kept")->part, TextPart::kBody);
  EXPECT_EQ(BlockWith(doc, "added")->part, TextPart::kInserted);
}

TEST(OdtExtraction, OtherOpenDocumentTypesAreUnsupported) {
  const std::string odg = fixtures::BuildZip(
      {{"mimetype", "application/vnd.oasis.opendocument.graphics"}, {"content.xml", "<x/>"}});
  const Document doc = Extract(odg, "drawing.odg");
  EXPECT_EQ(doc.status, DocumentStatus::kUnsupported) << doc.reason;
}

TEST(OdtExtraction, DoctypeInContentIsRefused) {
  const std::string content =
      "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
      "<office:document-content/>";
  const Document doc = Extract(fixtures::BuildZip(
      {{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", content}}));
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_NE(doc.reason.find("DTD"), std::string::npos) << doc.reason;
}

// An ODF package whose content.xml is encrypted with `algorithm`, as LibreOffice writes it when
// a document is saved with a password: the manifest says so, the part itself is ciphertext.
std::string EncryptedOdt(std::string_view algorithm) {
  const std::string manifest =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
      "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
      "manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" "
      "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/><manifest:file-entry "
      "manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\" manifest:size=\"3412\">"
      "<manifest:encryption-data manifest:checksum-type=\"urn:oasis:names:tc:opendocument:xmlns:"
      "manifest:1.0#sha256-1k\" manifest:checksum=\"ZmFrZQ==\"><manifest:algorithm "
      "manifest:algorithm-name=\"" +
      std::string(algorithm) +
      "\" manifest:initialisation-vector=\"AAAAAAAAAAAAAAAAAAAAAA==\"/><manifest:key-derivation "
      "manifest:key-derivation-name=\"PBKDF2\" manifest:iteration-count=\"100000\" "
      "manifest:salt=\"AAAAAAAAAAAAAAAAAAAAAA==\"/></manifest:encryption-data>"
      "</manifest:file-entry></manifest:manifest>";
  return fixtures::BuildZip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                             {"content.xml", std::string("\x8f\x02\xc7\x11\x00\xfe", 6)},
                             {"META-INF/manifest.xml", manifest}});
}

TEST(OdtExtraction, PasswordProtectedWithAesIsEncryptedNotCorrupt) {
  const Document doc =
      Extract(EncryptedOdt("http://www.w3.org/2001/04/xmlenc#aes256-cbc"), "locked.odt");
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted) << doc.reason;
  EXPECT_NE(doc.reason.find("AES-256"), std::string::npos) << doc.reason;
  EXPECT_TRUE(doc.text.empty());
}

TEST(OdtExtraction, PasswordProtectedWithBlowfishIsEncryptedNotCorrupt) {
  const Document doc = Extract(EncryptedOdt("Blowfish CFB"), "old-locked.odt");
  EXPECT_EQ(doc.status, DocumentStatus::kEncrypted) << doc.reason;
  EXPECT_NE(doc.reason.find("Blowfish"), std::string::npos) << doc.reason;
}

}  // namespace
}  // namespace trustscreen::extract
