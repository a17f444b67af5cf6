#include "trustscreen/core/utf8.h"

#include <gtest/gtest.h>

namespace trustscreen {
namespace {

TEST(Utf8, DecodesEachSequenceLength) {
  const std::string text = "a\xC3\xA9\xE5\xA4\xA7\xF0\x9F\x98\x80";  // a é 大 😀
  std::size_t length = 0;
  EXPECT_EQ(DecodeUtf8At(text, 0, &length), U'a');
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(DecodeUtf8At(text, 1, &length), U'\u00e9');
  EXPECT_EQ(length, 2u);
  EXPECT_EQ(DecodeUtf8At(text, 3, &length), U'\u5927');
  EXPECT_EQ(length, 3u);
  EXPECT_EQ(DecodeUtf8At(text, 6, &length), U'\U0001F600');
  EXPECT_EQ(length, 4u);
  EXPECT_EQ(DecodeUtf8Before(text, 6), U'\u5927');
  EXPECT_EQ(DecodeUtf8Before(text, text.size()), U'\U0001F600');
}

TEST(Utf8, InvalidBytesDecodeAsReplacementOfLengthOne) {
  std::size_t length = 0;
  for (const std::string bad : {"\xFF", "\xC0\xAF", "\xE5\xA4", "\xED\xA0\x80", "\x80"}) {
    EXPECT_EQ(DecodeUtf8At(bad, 0, &length), kReplacementCharacter);
    EXPECT_EQ(length, 1u);
  }
  EXPECT_EQ(DecodeUtf8Before("a\xA4", 2), kReplacementCharacter);
}

TEST(Utf8, AppendRoundTripsAndReplacesInvalidCodePoints) {
  std::string out;
  for (char32_t c : {U'a', U'\u00e9', U'\u5927', U'\U0001F600'}) AppendUtf8(c, out);
  EXPECT_EQ(out, "a\xC3\xA9\xE5\xA4\xA7\xF0\x9F\x98\x80");
  std::string bad;
  AppendUtf8(0xD800, bad);
  AppendUtf8(0x110000, bad);
  EXPECT_EQ(bad, "\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace trustscreen
