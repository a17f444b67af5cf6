#include "word_boundary.h"

#include <gtest/gtest.h>

#include <string_view>

namespace trustscreen::match {
namespace {

TEST(WordBoundary, DecodesOneToFourByteSequences) {
  std::size_t length = 0;
  EXPECT_EQ(DecodeAt("a", 0, &length), U'a');
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(DecodeAt("é", 0, &length), U'é');
  EXPECT_EQ(length, 2u);
  EXPECT_EQ(DecodeAt("中", 0, &length), U'中');
  EXPECT_EQ(length, 3u);
  EXPECT_EQ(DecodeAt("𠀀", 0, &length), U'\U00020000');
  EXPECT_EQ(length, 4u);
}

TEST(WordBoundary, DecodesInvalidBytesAsReplacementOfLengthOne) {
  std::size_t length = 0;
  EXPECT_EQ(DecodeAt("\xff", 0, &length), U'\uFFFD');
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(DecodeAt("\xc3", 0, &length), U'\uFFFD');      // truncated
  EXPECT_EQ(DecodeAt("\xc0\xaf", 0, &length), U'\uFFFD');  // overlong '/'
  EXPECT_EQ(DecodeAt("\xe4\xb8"
                     "a",
                     0, &length),
            U'\uFFFD');  // bad continuation
  EXPECT_EQ(length, 1u);
}

TEST(WordBoundary, DecodesTheCodePointBeforeAnOffset) {
  const std::string_view text = "aé中";
  EXPECT_EQ(DecodeBefore(text, 1), U'a');
  EXPECT_EQ(DecodeBefore(text, 3), U'é');
  EXPECT_EQ(DecodeBefore(text, 6), U'中');
  EXPECT_EQ(DecodeBefore("\x80\x80", 2), U'\uFFFD');
}

TEST(WordBoundary, AdvancesByWholeCodePoints) {
  const std::string_view text = "é中a";
  EXPECT_EQ(NextCodePoint(text, 0), 2u);
  EXPECT_EQ(NextCodePoint(text, 2), 5u);
  EXPECT_EQ(NextCodePoint(text, 5), 6u);
  EXPECT_EQ(NextCodePoint(text, 6), 7u);  // past the end ends a scan
}

TEST(WordBoundary, ClassifiesWordCharacters) {
  for (char32_t c :
       {U'a', U'Z', U'7', U'_', U'é', U'ß', U'ж', U'ع', U'ª', U'中', U'Ａ', U'\u0301'}) {
    EXPECT_TRUE(IsWordChar(c)) << static_cast<unsigned>(c);
  }
  for (char32_t c :
       {U' ', U'-', U'.', U'\n', U'\u00a0', U'«', U'»', U'§', U'×', U'\u2014', U'\u201c', U'\u200b',
        U'€', U'\u3001', U'\u3002', U'\uff0c', U'\ufffd', U'\U0001F600'}) {
    EXPECT_FALSE(IsWordChar(c)) << static_cast<unsigned>(c);
  }
}

TEST(WordBoundary, RecognisesCjk) {
  EXPECT_TRUE(IsCjk(U'中'));
  EXPECT_TRUE(IsCjk(U'の'));
  EXPECT_TRUE(IsCjk(U'\uF900'));
  EXPECT_TRUE(IsCjk(U'\U00020000'));
  EXPECT_FALSE(IsCjk(U'a'));
  EXPECT_FALSE(IsCjk(U'é'));
  EXPECT_FALSE(IsCjk(U'한'));  // Hangul is written with spaces between words
}

TEST(WordBoundary, ChecksBothSidesOfASpan) {
  const std::string_view text = "xUAV UAVy UAV";
  EXPECT_FALSE(IsWholeWord(text, 1, 4));
  EXPECT_FALSE(IsWholeWord(text, 5, 8));
  EXPECT_TRUE(IsWholeWord(text, 10, 13));
  EXPECT_TRUE(IsWholeWord("UAV", 0, 3));
}

}  // namespace
}  // namespace trustscreen::match
