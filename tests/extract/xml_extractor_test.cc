// XML without a reader of its own is screened by its character data: data records one value per
// line, inline markup kept in its line, nothing fetched or expanded from a DTD.
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

Document Extract(std::string_view bytes, std::string path = "export.xml") {
  return ExtractBytes(bytes, std::move(path), ExtractOptions{});
}

TEST(XmlExtraction, DataRecordsGiveOneValuePerLine) {
  const Document doc = Extract(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<LIST><ENTITY id=\"7\">\n  <NAME>Harbin Institute of Technology</NAME>\n"
      "  <ALIAS>HIT</ALIAS><COUNTRY>China</COUNTRY>\n</ENTITY></LIST>\n");
  EXPECT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kXml);
  EXPECT_EQ(doc.text, "Harbin Institute of Technology\nHIT\nChina\n");
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].end, doc.text.size());
}

TEST(XmlExtraction, InlineMarkupStaysInItsLineAndWhiteSpaceIsCollapsed) {
  const Document doc = Extract(
      "<article><title>Work plan</title><p>We will work with\n      Harbin <b>Institute</b> of "
      "Technology on <i>hypersonic</i> flow.</p><p>Second <![CDATA[paragraph & more]]></p>"
      "</article>");
  EXPECT_EQ(doc.text,
            "Work plan\nWe will work with Harbin Institute of Technology on hypersonic flow.\n"
            "Second paragraph & more\n");
}

TEST(XmlExtraction, IsRecognisedByItsDeclarationWhateverItsName) {
  const Document doc = Extract("<?xml version=\"1.0\"?><a>ITAR</a>", "feed.dat");
  EXPECT_EQ(doc.format, DocumentFormat::kXml);
  EXPECT_EQ(doc.text, "ITAR\n");
  // Without a declaration only an XML name makes it XML.
  EXPECT_EQ(Extract("<a>ITAR</a>", "drawing.svg").format, DocumentFormat::kXml);
  EXPECT_EQ(Extract("<a>ITAR</a>", "notes.dat").status, DocumentStatus::kUnsupported);
  // XHTML is still read as HTML, and a .txt file stays plain text.
  EXPECT_EQ(Extract("<?xml version=\"1.0\"?><html><body>x</body></html>").format,
            DocumentFormat::kHtml);
  EXPECT_EQ(Extract("<?xml version=\"1.0\"?><a>ITAR</a>", "a.txt").format, DocumentFormat::kText);
}

TEST(XmlExtraction, EntitiesFromADtdAreNeitherExpandedNorFetched) {
  const Document doc = Extract(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">"
      "<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>\n<r>Export &amp; &b; &ext; control</r>");
  EXPECT_NE(doc.status, DocumentStatus::kCrashed) << doc.reason;
  EXPECT_EQ(doc.text.find("aaaa"), std::string::npos) << doc.text;
  EXPECT_EQ(doc.text.find("root:"), std::string::npos) << doc.text;
  EXPECT_NE(doc.text.find("Export &"), std::string::npos) << doc.text;
}

TEST(XmlExtraction, BrokenXmlIsCorruptOrPartialNeverClean) {
  const Document none = Extract("<?xml version=\"1.0\"?><a><b></a>");
  EXPECT_EQ(none.status, DocumentStatus::kCorrupt) << none.reason;
  // Damage far enough in that the reader has handed over the records before it.
  std::string records = "<?xml version=\"1.0\"?><a><b>ITAR controlled</b>";
  for (int i = 0; i < 20000; ++i) records += "<r>record " + std::to_string(i) + "</r>";
  const Document some = Extract(records + "<c></a>");
  EXPECT_EQ(some.status, DocumentStatus::kPartial) << some.reason;
  EXPECT_NE(some.text.find("ITAR controlled"), std::string::npos);
  EXPECT_NE(some.reason.find("XML"), std::string::npos) << some.reason;
}

TEST(XmlExtraction, MarkupWithoutTextIsEmpty) {
  EXPECT_EQ(Extract("<?xml version=\"1.0\"?><a><b/><c x=\"text in an attribute\"/></a>").status,
            DocumentStatus::kEmpty);
}

TEST(StructuredText, JsonAndYamlAreScreenedAsPlainText) {
  EXPECT_EQ(Extract("{\"partner\": \"Harbin Institute of Technology\"}", "p.json").text,
            "{\"partner\": \"Harbin Institute of Technology\"}");
  EXPECT_EQ(Extract("partner: Harbin Institute of Technology\n", "p.yml").format,
            DocumentFormat::kText);
  EXPECT_EQ(Extract("partner: HIT\n", "p.yaml").status, DocumentStatus::kOk);
}

}  // namespace
}  // namespace trustscreen::extract
