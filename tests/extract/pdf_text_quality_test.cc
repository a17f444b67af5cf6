// Text-quality measures and the unreadable-text-layer rule.
#include "pdf_text_quality.h"

#include <string>

#include "gtest/gtest.h"

namespace trustscreen::extract::internal {
namespace {

TEST(PdfTextQuality, OrdinaryContractTextHasNoNonWords) {
  const TextCounts counts = CountText(
      "12.3 Export Control. Licensee shall comply with the EAR (15 C.F.R. 730-774) and ITAR; "
      "\"Affiliate\" means any entity, e.g. Xencor's U.S. subsidiary, [...***...] at $1,000.");
  EXPECT_GT(counts.tokens, 15u);
  EXPECT_EQ(counts.nonwords, 0u);
  EXPECT_EQ(counts.replacements, 0u);
}

TEST(PdfTextQuality, BrokenEncodingsAreNonWords) {
  // Private-use glyphs, U+FFFD, letters mixed with symbols, consonant-only runs, symbol soup.
  const TextCounts counts =
      CountText("\xEE\x80\x81\xEE\x80\x82 \xEF\xBF\xBDx a#b x$%y bcdfg #$%& word");
  EXPECT_EQ(counts.tokens, 7u);
  EXPECT_EQ(counts.nonwords, 6u);
  EXPECT_EQ(counts.replacements, 1u);
}

TEST(PdfTextQuality, AcronymsWithoutVowelsAreWords) {
  EXPECT_EQ(CountText("NSF DHHS BMBF HTML").nonwords, 0u);
}

TEST(PdfTextQuality, UnreadableNeedsEnoughTokensAndMostlyNonWords) {
  std::string garbage;
  for (int i = 0; i < 50; ++i) garbage += "x#q ";
  EXPECT_TRUE(LooksUnreadable(CountText(garbage)));
  EXPECT_FALSE(LooksUnreadable(CountText("x#q x#q x#q")));  // too few tokens to judge
  std::string mixed;
  for (int i = 0; i < 50; ++i) mixed += i % 4 == 0 ? "x#q " : "word ";
  EXPECT_FALSE(LooksUnreadable(CountText(mixed)));  // 25% non-words
}

}  // namespace
}  // namespace trustscreen::extract::internal
