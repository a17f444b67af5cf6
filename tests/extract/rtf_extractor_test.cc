#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "trustscreen/extract/extract.h"

namespace trustscreen::extract {
namespace {

TEST(RtfExtraction, ReadsTextSkippingTablesOfFontsColoursAndInfo) {
  const std::string rtf =
      "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}"
      "{\\colortbl;\\red255\\green0\\blue0;}{\\stylesheet{\\s0 Normal;}}"
      "{\\info{\\title Hidden title}{\\author Someone}}"
      "{\\*\\generator Riched20 10.0;}\\pard\\f0\\fs24 Export control\\par\n"
      "Stra\\'dfe \\u8364?\\tab R\\u252\\'fcck\\line next\\par\n"
      "{\\pict\\pngblip 89504e47}{\\*\\bkmkstart x}Braces \\{ok\\}\\par}";
  const Document doc = ExtractBytes(rtf, "terms.rtf", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.format, DocumentFormat::kRtf);
  EXPECT_EQ(doc.text, "Export control\nStraße €\tRück\nnext\nBraces {ok}\n");
  EXPECT_EQ(doc.encoding, "windows-1252");
}

TEST(RtfExtraction, UnicodeFallbackCountFollowsUc) {
  const Document doc =
      ExtractBytes("{\\rtf1\\uc2 a\\u945xyb\\uc0\\u946 c}", "g.rtf", ExtractOptions{});
  ASSERT_EQ(doc.status, DocumentStatus::kOk) << doc.reason;
  EXPECT_EQ(doc.text,
            "a\xCE\xB1"
            "b\xCE\xB2"
            "c");
}

TEST(RtfExtraction, DeepGroupsAreBounded) {
  const std::string rtf = "{\\rtf1 text" + std::string(100000, '{');
  const Document doc = ExtractBytes(rtf, "deep.rtf", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kPartial) << doc.reason;
  EXPECT_NE(doc.reason.find("nested"), std::string::npos);
}

TEST(RtfExtraction, NoTextIsEmpty) {
  const Document doc = ExtractBytes("{\\rtf1{\\fonttbl{\\f0 Arial;}}}", "e.rtf", ExtractOptions{});
  EXPECT_EQ(doc.status, DocumentStatus::kEmpty);
}

}  // namespace
}  // namespace trustscreen::extract
