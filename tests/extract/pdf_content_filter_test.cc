// Dropping empty graphics-state saves from content streams: only "q Q" pairs with nothing
// between them go, and nothing inside strings, names, comments or inline images is touched.
#include "pdf_content_filter.h"

#include <string>

#include "gtest/gtest.h"

namespace trustscreen::extract::internal {
namespace {

TEST(DropEmptySaveRestore, RemovesEmptyPairsAndTheSpaceBeforeThem) {
  const FilteredContent filtered = DropEmptySaveRestore("1 0 0 1 0 0 cm\nq\nQ\nq Q BT ET\n");
  EXPECT_EQ(filtered.content, "1 0 0 1 0 0 cm BT ET\n");
  EXPECT_EQ(filtered.removed, 2u);
}

TEST(DropEmptySaveRestore, RemovesNestedEmptyPairs) {
  const FilteredContent filtered = DropEmptySaveRestore("q q q Q Q Q 0 g");
  EXPECT_EQ(filtered.content, " 0 g");
  EXPECT_EQ(filtered.removed, 3u);
}

TEST(DropEmptySaveRestore, KeepsPairsThatHoldAnything) {
  for (const std::string content : {"q 0 g Q", "q q 0 g Q Q", "q % note\nQ", "q [] Q", "q /N Q"}) {
    const FilteredContent filtered = DropEmptySaveRestore(content);
    EXPECT_EQ(filtered.content, content);
    EXPECT_EQ(filtered.removed, 0u) << content;
  }
}

TEST(DropEmptySaveRestore, KeepsTheOuterPairAroundWhatIsDrawn) {
  const FilteredContent filtered = DropEmptySaveRestore("q q Q BT (x) Tj ET q Q Q");
  EXPECT_EQ(filtered.content, "q BT (x) Tj ET Q");
  EXPECT_EQ(filtered.removed, 2u);
}

TEST(DropEmptySaveRestore, KeepsUnbalancedOperatorsAsTheyAre) {
  EXPECT_EQ(DropEmptySaveRestore("Q Q q").content, "Q Q q");
  EXPECT_EQ(DropEmptySaveRestore("q q Q").content, "q");
}

TEST(DropEmptySaveRestore, LeavesStringsNamesAndHexStringsAlone) {
  for (const std::string content :
       {"BT (q Q) Tj ET", "BT (a\\) q Q \\( (q Q)) Tj ET", "BT <71 51> Tj ET", "/q /Q BDC EMC",
        "<< /q 1 /Q 2 >> BDC EMC", "[(q) -250 (Q)] TJ"}) {
    const FilteredContent filtered = DropEmptySaveRestore(content);
    EXPECT_EQ(filtered.content, content);
    EXPECT_EQ(filtered.removed, 0u) << content;
  }
}

TEST(DropEmptySaveRestore, StopsAtAnInlineImageAndKeepsTheRestByteForByte) {
  const std::string image = std::string("BI /W 2 /H 1 /BPC 8 /CS /G ID \x00q Q", 32) + " EI q Q";
  const FilteredContent filtered = DropEmptySaveRestore("q Q " + image);
  EXPECT_EQ(filtered.content, " " + image);
  EXPECT_EQ(filtered.removed, 1u);
}

TEST(DropEmptySaveRestore, TakesOperatorsGluedToDelimiters) {
  const FilteredContent filtered = DropEmptySaveRestore("[1 2]q\nQ(x)Tj");
  EXPECT_EQ(filtered.content, "[1 2](x)Tj");
  EXPECT_EQ(filtered.removed, 1u);
}

TEST(DropEmptySaveRestore, CopesWithUnterminatedStringsAndComments) {
  for (const std::string content : {"q Q (unterminated q Q", "q Q <71 51", "q Q % q Q"}) {
    const FilteredContent filtered = DropEmptySaveRestore(content);
    EXPECT_EQ(filtered.removed, 1u) << content;
    EXPECT_EQ(filtered.content, content.substr(3)) << content;
  }
}

}  // namespace
}  // namespace trustscreen::extract::internal
