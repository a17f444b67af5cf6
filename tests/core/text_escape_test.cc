#include "trustscreen/core/text_escape.h"

#include <gtest/gtest.h>

namespace trustscreen {
namespace {

TEST(TerminalSafe, EscapesControlCharactersAndBytesThatAreNotUtf8) {
  EXPECT_EQ(TerminalSafe("a\x1b[2J\x07\n\r\tb"), "a\\x1b[2J\\x07\\n\\r\\tb");
  EXPECT_EQ(TerminalSafe("\x7f"), "\\x7f");
  EXPECT_EQ(TerminalSafe("\xc2\x9b"
                         "31m"),
            "\\x9b31m");  // U+009B, the one-byte CSI
  EXPECT_EQ(TerminalSafe("a\xff.txt"), "a\\xff.txt");
  EXPECT_EQ(TerminalSafe("Vertrag \xc3\xa4 \xe2\x82\xac.pdf"), "Vertrag \xc3\xa4 \xe2\x82\xac.pdf");
}

TEST(DisplayUtf8, KeepsValidUtf8AndShowsOtherBytesAsHex) {
  EXPECT_EQ(DisplayUtf8("a\nb \xc3\xa4"), "a\nb \xc3\xa4");
  EXPECT_EQ(DisplayUtf8("a\xfe\xc3"), "a\\xfe\\xc3");         // a lone byte and a cut-off sequence
  EXPECT_EQ(DisplayUtf8("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate is not UTF-8
  EXPECT_TRUE(IsValidUtf8("\xef\xbf\xbd"));                   // U+FFFD itself
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));                      // overlong '/'
}

TEST(Base64, RoundTripsAnyBytesAndRejectsWhatItDoesNotWrite) {
  for (const std::string& bytes : {std::string(), std::string("a"), std::string("ab"),
                                   std::string("abc"), std::string("a\xff\0z", 4)}) {
    EXPECT_EQ(Base64Decode(Base64Encode(bytes)), bytes);
  }
  EXPECT_EQ(Base64Encode("a\xff.txt"), "Yf8udHh0");
  EXPECT_FALSE(Base64Decode("Yf8").has_value());
  EXPECT_FALSE(Base64Decode("Y*8u").has_value());
  EXPECT_FALSE(Base64Decode("YR==").has_value());  // stray low bits
}

}  // namespace
TEST(HtmlEscape, EscapesMarkupAndQuotesAndReplacesWhatHtmlCannotShow) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">R&D's</a>"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("page 1\fpage 2"), "page 1\npage 2");
  EXPECT_EQ(HtmlEscape("bell\x07"), "bell\xEF\xBF\xBD");
  EXPECT_EQ(HtmlEscape("caf\xE9"), "caf\xEF\xBF\xBD");  // not UTF-8
  EXPECT_EQ(HtmlEscape("Харбин 哈尔滨"), "Харбин 哈尔滨");
}

}  // namespace trustscreen
