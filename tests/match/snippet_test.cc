#include "snippet.h"

#include <gtest/gtest.h>

#include <string>

namespace trustscreen::match {
namespace {

TEST(Snippet, KeepsShortTextWhole) {
  EXPECT_EQ(MakeSnippet("a scramjet test", 2, 10), "a scramjet test");
}

TEST(Snippet, TakesContextBytesOnEachSide) {
  const std::string text = std::string(100, 'a') + "MATCH" + std::string(100, 'b');
  const std::string snippet = MakeSnippet(text, 100, 105, 10);
  EXPECT_EQ(snippet, std::string(10, 'a') + "MATCH" + std::string(10, 'b'));
  EXPECT_EQ(MakeSnippet(text, 100, 105).size(), 80u + 5u + 80u);
}

TEST(Snippet, CutsOnUtf8Boundaries) {
  // Three-byte characters on both sides: a 10-byte window lands mid-character on each side.
  std::string chinese;
  for (int i = 0; i < 10; ++i) chinese += "中";
  const std::string text = chinese + "X" + chinese;
  const std::string snippet = MakeSnippet(text, 30, 31, 10);
  EXPECT_EQ(snippet, "中中中X中中中");
}

TEST(Snippet, CollapsesWhitespaceRunsAndTrims) {
  const std::string text = "\n\n  one\t\ttwo\r\n\fthree \x01 four  \n";
  EXPECT_EQ(MakeSnippet(text, 7, 8), "one two three four");
}

TEST(Snippet, KeepsTheWholeMatchEvenIfLongerThanTheContext) {
  const std::string match(300, 'm');
  EXPECT_EQ(MakeSnippet("x " + match + " y", 2, 302, 1), match);
}

TEST(Snippet, StaysBoundedOnInvalidUtf8) {
  const std::string text = std::string(50, '\x80') + "M" + std::string(50, '\x80');
  const std::string snippet = MakeSnippet(text, 50, 51, 10);
  EXPECT_GE(snippet.size(), 1u + 2 * 7);  // at most three bytes given up on each side
}

}  // namespace
}  // namespace trustscreen::match
