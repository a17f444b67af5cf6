// Hostile XML inside DOCX and ODT packages, and the hardened reader itself: no external entity is
// ever fetched, no entity is ever expanded, nesting depth is bounded.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docx_fixtures.h"
#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"
#include "xml_reader.h"

namespace trustscreen::extract {
namespace {

using fixtures::BuildDocxWithParts;
using fixtures::Para;

constexpr std::string_view kWordOpen =
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body>";

std::string BillionLaughs() {
  std::string dtd = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j)
      dtd += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    dtd += "\">";
  }
  return dtd + "]>";
}

// All the text the hardened reader reports for `xml`.
std::string ReaderText(std::string_view xml, int max_depth, bool* failed = nullptr) {
  internal::XmlReader reader(xml, "test.xml", max_depth);
  std::string text;
  while (reader.Next()) {
    if (reader.node() == internal::XmlNode::kText) text += reader.value();
  }
  if (failed != nullptr) *failed = reader.failed();
  return text;
}

TEST(XmlHostile, ExternalEntityInDocumentXmlIsRefusedAndNothingIsRead) {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n<!-- padding -->\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "
      "\"file:///etc/passwd\">]>" +
      std::string(kWordOpen) + "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>";
  const Document doc = ExtractBytes(fixtures::BuildDocx(xml), "xxe.docx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_NE(doc.reason.find("DTD"), std::string::npos) << doc.reason;
  EXPECT_EQ(doc.text.find("root:"), std::string::npos);
}

TEST(XmlHostile, ExternalEntityInAHeaderLeavesTheBodyAndReadsNoFile) {
  const std::string header =
      "<?xml version=\"1.0\"?><!DOCTYPE w:hdr [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:hdr>";
  const Document doc =
      ExtractBytes(BuildDocxWithParts(Para("Body"), {{"header", "word/header1.xml", header}}),
                   "xxe.docx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kPartial) << doc.reason;
  EXPECT_NE(doc.reason.find("DTD"), std::string::npos) << doc.reason;
  EXPECT_EQ(doc.text, "Body\n");
}

TEST(XmlHostile, UnicodeDocumentXmlWithADoctypeIsRefusedToo) {
  const std::string utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE w:document>" +
                           std::string(kWordOpen) + "</w:body></w:document>";
  std::string utf16 = "\xFF\xFE";
  for (const char c : utf8) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  EXPECT_TRUE(internal::HasDoctype(utf16));
  const Document doc = ExtractBytes(fixtures::BuildDocx(utf16), "u16.docx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt) << doc.reason;
  EXPECT_NE(doc.reason.find("DTD"), std::string::npos) << doc.reason;
}

TEST(XmlHostile, BillionLaughsIsRefusedQuickly) {
  const std::string xml = "<?xml version=\"1.0\"?>" + BillionLaughs() + std::string(kWordOpen) +
                          "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
  const auto start = std::chrono::steady_clock::now();
  const Document doc = ExtractBytes(fixtures::BuildDocx(xml), "lol.docx", ExtractOptions{});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(doc.status, DocumentStatus::kCorrupt);
  EXPECT_LT(doc.text.size(), 1000u);
}

TEST(XmlHostile, ReaderNeverExpandsEntitiesOrFetchesFilesEvenWithADoctype) {
  // A caller that forgot HasDoctype(): the reader alone must still be safe.
  const std::string xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>a&x;b</r>";
  EXPECT_EQ(ReaderText(xxe, 256).find("root:"), std::string::npos);
  const auto start = std::chrono::steady_clock::now();
  const std::string lol = BillionLaughs() + "<lolz>&lol9;</lolz>";
  EXPECT_LT(ReaderText(lol, 256).size(), 1000u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(XmlHostile, HasDoctypeLooksPastCommentsAndDeclarations) {
  EXPECT_TRUE(
      internal::HasDoctype("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- <r/> -->\n<!DOCTYPE r>"));
  EXPECT_FALSE(internal::HasDoctype("<?xml version=\"1.0\"?><r><!DOCTYPE-looking text/></r>"));
  EXPECT_FALSE(internal::HasDoctype(""));
}

TEST(XmlHostile, DeepNestingIsTooLargeWithAReason) {
  std::string xml(kWordOpen);
  for (int i = 0; i < 100000; ++i) xml += "<w:sdt>";
  const Document doc = ExtractBytes(fixtures::BuildDocx(xml), "deep.docx", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kTooLarge) << doc.reason;
  EXPECT_NE(doc.reason.find("nested"), std::string::npos) << doc.reason;

  // With text before the nesting: partial, the text kept.
  std::string with_text(kWordOpen);
  with_text += "<w:p><w:r><w:t>Before</w:t></w:r></w:p>";
  for (int i = 0; i < 100000; ++i) with_text += "<w:sdt>";
  const Document partial =
      ExtractBytes(fixtures::BuildDocx(with_text), "deep.docx", ExtractOptions{});
  EXPECT_EQ(partial.status, DocumentStatus::kPartial) << partial.reason;
  EXPECT_NE(partial.text.find("Before"), std::string::npos);
}

TEST(XmlHostile, MaxXmlDepthIsConfigurable) {
  ExtractOptions options;
  options.max_xml_depth = 8;
  std::string xml(kWordOpen);
  for (int i = 0; i < 10; ++i) xml += "<w:sdt>";
  xml += "<w:p><w:r><w:t>deep</w:t></w:r></w:p>";
  for (int i = 0; i < 10; ++i) xml += "</w:sdt>";
  xml += "</w:body></w:document>";
  const Document shallow = ExtractBytes(fixtures::BuildDocx(xml), "d.docx", options);
  EXPECT_EQ(shallow.status, DocumentStatus::kTooLarge) << shallow.reason;
  EXPECT_NE(shallow.reason.find("max_xml_depth"), std::string::npos) << shallow.reason;
  const Document fine = ExtractBytes(fixtures::BuildDocx(xml), "d.docx", ExtractOptions{});
  EXPECT_EQ(fine.status, DocumentStatus::kOk) << fine.reason;
}

TEST(XmlHostile, MutatedStructuredInputsNeverCrash) {
  // A poor man's fuzzer over every structured reader: flipped, deleted and duplicated bytes.
  const std::vector<std::pair<std::string, std::string>> seeds = {
      {"a.html",
       "<!DOCTYPE html><html><head><title>T</title><script>x</script></head><body><h1>H</h1>"
       "<table><tr><td>a</td></tr></table><ol start=\"3\"><li>x<br>y</li></ol>&amp;&#233;"
       "</body></html>"},
      {"a.rtf",
       "{\\rtf1\\ansi{\\fonttbl{\\f0 A;}}{\\*\\x y}a\\'e9\\u8364?\\uc2\\u945xy\\par "
       "\\bin3 abc{\\pict 00}}"},
      {"a.docx", BuildDocxWithParts("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId "
                                    "w:val=\"1\"/></w:numPr></w:pPr>" +
                                        std::string("<w:r><w:t>x</w:t></w:r></w:p>"),
                                    {})},
      {"a.odt", fixtures::BuildOdt("<text:list><text:list-item><text:p>x</text:p>"
                                   "</text:list-item></text:list>")}};
  std::uint32_t state = 12345;
  const auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (const auto& [name, seed] : seeds) {
    for (int round = 0; round < 300; ++round) {
      std::string bytes = seed;
      for (int edits = 1 + static_cast<int>(next() % 4); edits > 0 && !bytes.empty(); --edits) {
        const std::size_t at = next() % bytes.size();
        switch (next() % 3) {
          case 0:
            bytes[at] = static_cast<char>(next());
            break;
          case 1:
            bytes.erase(at, 1 + next() % 8);
            break;
          default:
            bytes.insert(at, bytes.substr(at, 1 + next() % 16));
            break;
        }
      }
      const Document doc = ExtractBytes(bytes, name, ExtractOptions{});
      EXPECT_NE(doc.status, DocumentStatus::kCrashed)
          << name << " round " << round << ": " << doc.reason;
      if (!doc.pages.empty()) {
        EXPECT_EQ(doc.pages.back().end, doc.text.size());
      }
      for (const TextBlock& block : doc.blocks) EXPECT_LE(block.end, doc.text.size());
    }
  }
}

}  // namespace
}  // namespace trustscreen::extract
