// Dropping empty graphics-state saves from content streams: only "q Q" pairs with nothing
// between them go, and nothing inside strings, names, comments or inline images is touched.
#include "pdf_content_filter.h"

#include <algorithm>
#include <random>
#include <string>
#include <string_view>

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

// Random streams over the characters that matter: the filter only ever deletes bytes, removes
// nothing more when run again, and keeps every byte that is not part of a q or Q operator.
TEST(DropEmptySaveRestore, OnlyDeletesOperatorsAndIsIdempotentOnRandomStreams) {
  constexpr std::string_view kAlphabet = "qQ ()\\<>/%\n[]BIDEx0";
  std::mt19937 random(24);
  for (int round = 0; round < 5000; ++round) {
    std::string content(random() % 64, ' ');
    for (char& c : content) c = kAlphabet[random() % kAlphabet.size()];
    const FilteredContent once = DropEmptySaveRestore(content);
    EXPECT_EQ(DropEmptySaveRestore(once.content).removed, 0u) << content;
    std::size_t at = 0;  // `once.content` is a subsequence of `content`
    for (const char c : once.content) {
      at = content.find(c, at);
      ASSERT_NE(at, std::string::npos) << content;
      ++at;
    }
    auto count = [](std::string_view text, char c) {
      return std::count(text.begin(), text.end(), c);
    };
    for (const char kept : std::string_view("()\\<>/%[]BIDEx0")) {
      EXPECT_EQ(count(once.content, kept), count(content, kept)) << content;
    }
    EXPECT_EQ(count(content, 'q') - count(once.content, 'q'), static_cast<long>(once.removed));
  }
}

}  // namespace
}  // namespace trustscreen::extract::internal
