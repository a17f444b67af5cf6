#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "test_fixtures.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

using fixtures::BlockWith;

using namespace std::string_view_literals;
using namespace std::string_literals;

Document Extract(std::string_view bytes, std::string path = "page.html") {
  return ExtractBytes(bytes, std::move(path), ExtractOptions{});
}

TEST(HtmlExtraction, SkipsScriptsAndStylesDecodesEntitiesAndMarksHeadings) {
  const Document doc = Extract(
      "<!DOCTYPE html><html><head><title>Terms</title><style>p{color:red}</style>"
      "<script>var itar = 'hidden';</script></head><body>"
      "<h1>Export&nbsp;Control</h1><p>R&amp;D with <b>Zürich</b>   &mdash;\n  partners</p>"
      "<noscript>enable js</noscript><template><p>template text</p></template>"
      "<div>Line one<br>Line two</div><ol><li>first</li><li>second</li></ol>"
      "<table><tr><td>Partner</td><td>Ruritania</td></tr></table></body></html>",
      "terms.bin");  // the content says HTML whatever the name
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kHtml);
  EXPECT_EQ(doc.encoding, "utf-8");
  EXPECT_EQ(doc.text,
            "Terms\nExport\xC2\xA0"
            "Control\nR&D with Zürich \xE2\x80\x94 partners\n"
            "Line one\nLine two\n1. first\n2. second\nPartner\nRuritania\n");
  EXPECT_EQ(BlockWith(doc, "Control")->heading_level, 1);
  EXPECT_EQ(BlockWith(doc, "R&D")->heading_level, 0);
  EXPECT_EQ(BlockWith(doc, "Ruritania")->part, TextPart::kTable);
  EXPECT_EQ(BlockWith(doc, "second")->label, "2.");
  EXPECT_EQ(doc.text.find("hidden"), std::string::npos);
  EXPECT_EQ(doc.text.find("color"), std::string::npos);
}

TEST(HtmlExtraction, SniffedByContentOrByExtension) {
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF  <!-- x --><!doctype HTML><p>x", "a"), DocumentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
                        "a.xml"),
            DocumentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<p>fragment</p>", "frag.htm"), DocumentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<p>fragment</p>", "frag.XHTML"), DocumentFormat::kHtml);
  EXPECT_EQ(SniffFormat("<p>fragment</p>", "frag.dat"), DocumentFormat::kUnknown);
  EXPECT_EQ(SniffFormat("<htmlish>", "a"), DocumentFormat::kUnknown);
}

TEST(HtmlExtraction, HonoursMetaCharsetAndFallsBackToWindows1252) {
  const Document latin = Extract(
      "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Stra\xDF"
      "e</p></body></html>"sv);
  ASSERT_EQ(latin.status, DocumentStatus::kOk) << latin.reason;
  EXPECT_EQ(latin.text, "Straße\n");
  EXPECT_EQ(latin.encoding, "windows-1252");

  const Document guessed = Extract("<html><body><p>caf\xE9 \x93quoted\x94</p></body></html>"sv);
  ASSERT_EQ(guessed.status, DocumentStatus::kOk) << guessed.reason;
  EXPECT_EQ(guessed.text, "café “quoted”\n");
  EXPECT_EQ(guessed.encoding, "windows-1252");
  EXPECT_EQ(guessed.reason, "decoded as Windows-1252 (not valid UTF-8)");

  // A declared UTF-8 is believed: invalid bytes are replaced and counted, not reinterpreted.
  const Document declared = Extract(
      "<html><head><meta charset=\"utf-8\"></head><body><p>Z\xC3\xBCrich \xFF</p></body></html>"sv);
  ASSERT_EQ(declared.status, DocumentStatus::kOk) << declared.reason;
  EXPECT_EQ(declared.encoding, "utf-8");
  EXPECT_EQ(declared.text, "Zürich \xEF\xBF\xBD\n");
  EXPECT_EQ(declared.reason, "1 invalid UTF-8 byte replaced with U+FFFD");

  const Document koi8 = Extract(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"
      "</head><body><p>\xF0\xD2\xC9\xD7\xC5\xD4</p></body></html>"sv);
  ASSERT_EQ(koi8.status, DocumentStatus::kOk) << koi8.reason;
  EXPECT_EQ(koi8.encoding, "koi8-r");
  EXPECT_EQ(koi8.text, "Привет\n");
}

TEST(HtmlExtraction, DeepNestingIsBoundedAndReported) {
  std::string html = "<html><body><p>Top text</p>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep text";
  const Document doc = Extract(html);
  EXPECT_NE(doc.status, DocumentStatus::kCrashed) << doc.reason;
  EXPECT_NE(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_FALSE(doc.reason.empty());
}

TEST(HtmlExtraction, EntitiesDeclaredInADoctypeAreNeverExpandedOrFetched) {
  std::string lol = "<!DOCTYPE html [<!ENTITY lol \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    lol += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j)
      lol += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    lol += "\">";
  }
  const Document laughs = Extract(lol + "]><html><body><p>a &lol9; b</p></body></html>");
  EXPECT_NE(laughs.status, DocumentStatus::kCrashed) << laughs.reason;
  EXPECT_LT(laughs.text.size(), 2000u);
  EXPECT_NE(laughs.text.find("a &lol9; b"), std::string::npos) << laughs.text;

  const Document xxe = Extract(
      "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><html><body><p>a &x; b</p>"
      "</body></html>");
  EXPECT_EQ(xxe.text.find("root:"), std::string::npos);
  EXPECT_NE(xxe.text.find("a &x; b"), std::string::npos) << xxe.text;
}

// `utf8` (ASCII and BMP characters) encoded as UTF-16 or UTF-32 with the given byte order.
std::string Wide(std::u32string_view text, int unit_bytes, bool big_endian) {
  std::string out;
  for (char32_t c : text) {
    for (int k = 0; k < unit_bytes; ++k) {
      const int shift = 8 * (big_endian ? unit_bytes - 1 - k : k);
      out.push_back(static_cast<char>((c >> shift) & 0xFF));
    }
  }
  return out;
}

TEST(HtmlExtraction, ReadsUtf16AndUtf32WithoutAByteOrderMark) {
  const std::u32string page =
      U"<html><head><title>Terms</title></head><body><p>Partner: Z\u00FCrich "
      U"Instruments \u6280\u672F</p></body></html>";
  struct Case {
    int unit_bytes;
    bool big_endian;
    std::string_view name;
  };
  for (const Case& c : {Case{2, false, "utf-16le"}, Case{2, true, "utf-16be"},
                        Case{4, false, "utf-32le"}, Case{4, true, "utf-32be"}}) {
    SCOPED_TRACE(c.name);
    // Named .html and named nothing useful: the content decides.
    for (const char* path : {"terms.html", "terms.bin"}) {
      const Document doc = Extract(Wide(page, c.unit_bytes, c.big_endian), path);
      ASSERT_EQ(doc.status, DocumentStatus::kOk) << path << ": " << doc.reason;
      EXPECT_EQ(doc.format, DocumentFormat::kHtml);
      EXPECT_EQ(doc.encoding, c.name);
      EXPECT_EQ(doc.text, "Terms\nPartner: Zürich Instruments 技术\n");
    }
  }
}

TEST(HtmlExtraction, ReadsUtf32WithAByteOrderMark) {
  const Document doc =
      Extract("\xFF\xFE\0\0"s + Wide(U"<html><body><p>Deemed export</p></body></html>", 4, false));
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.encoding, "utf-32le");
  EXPECT_EQ(doc.text, "Deemed export\n");
}

TEST(HtmlExtraction, EmptyBodyIsEmpty) {
  const Document doc = Extract("<html><head><script>x()</script></head><body> </body></html>");
  EXPECT_EQ(doc.status, DocumentStatus::kEmpty);
}

}  // namespace
}  // namespace trustscreen::extract
