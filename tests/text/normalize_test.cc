#include "trustscreen/text/normalize.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "corpus.h"

namespace trustscreen::text {
namespace {

std::string N(std::string_view text) { return Normalize(text).text(); }
std::string Folded(std::string_view text) { return Normalize(text, {.case_fold = true}).text(); }

// The original slice behind normalised [begin, end).
std::string Back(std::string_view original, std::size_t begin, std::size_t end) {
  const Span span = Normalize(original).ToOriginal(begin, end);
  return std::string(original.substr(span.begin, span.end - span.begin));
}

TEST(Normalize, LeavesPlainAsciiAlone) {
  EXPECT_EQ(N(""), "");
  EXPECT_EQ(N("ECCN 9A012, rated ML10."), "ECCN 9A012, rated ML10.");
}

TEST(Normalize, AppliesNfkc) {
  EXPECT_EQ(N("\uFF25\uFF23\uFF23\uFF2E \uFF19\uFF21\uFF10\uFF11\uFF12"),
            "ECCN 9A012");                                     // full width
  EXPECT_EQ(N("classi\uFB01ed \uFB02ow"), "classified flow");  // ligatures
  EXPECT_EQ(N("caf\u0065\u0301"), "caf\u00e9");                // e + combining acute composes
  EXPECT_EQ(N("x\u00b2"), "x2");
}

TEST(Normalize, FoldsCaseOnlyWhenAsked) {
  EXPECT_EQ(N("HYPERSONIC Stra\u00dfe"), "HYPERSONIC Stra\u00dfe");
  EXPECT_EQ(Folded("HYPERSONIC Stra\u00dfe \u0130"), "hypersonic strasse i\u0307");
  EXPECT_EQ(Folded("\uFF21BC"), "abc");
}

TEST(Normalize, CollapsesWhitespaceRuns) {
  EXPECT_EQ(N("a  b\t\tc\nd\r\ne\f f\u00a0g\u3000h \u2003 i"), "a b c d e f g h i");
  EXPECT_EQ(N("  lead and trail \n"), " lead and trail ");
}

// Plain ASCII is taken 16 bytes at a time: whatever breaks a plain run must be seen at every
// offset of such a block, the last byte's neighbour included.
TEST(Normalize, TreatsEveryOffsetOfALongPlainRunAlike) {
  struct Case {
    std::string inserted;
    std::string expected;
  };
  const std::vector<Case> cases = {{"  ", " "},     {"\t", " "},    {"\f", " "},
                                   {" -\n", " - "}, {"-\n", ""},    {"\u00e9", "\u00e9"},
                                   {"\u200b", ""},  {"\n\n", " "},  {"e\u0301", "\u00e9"},
                                   {"\u2019", "'"}, {" - ", " - "}, {"x-y", "x-y"}};
  for (const Case& c : cases) {
    for (int offset = 1; offset < 40; ++offset) {
      const std::string before(static_cast<std::size_t>(offset), 'a');
      const std::string after(40, 'B');
      const NormalizedText text = Normalize(before + c.inserted + after, {.case_fold = true});
      EXPECT_EQ(text.text(), before + c.expected + std::string(40, 'b'))
          << "inserted \"" << c.inserted << "\" after " << offset << " bytes";
    }
  }
}

TEST(Normalize, RecordsParagraphBreaks) {
  const NormalizedText text = Normalize("one\ntwo\n\nthree\r\n \r\nfour\ffive  six");
  EXPECT_EQ(text.text(), "one two three four five six");
  EXPECT_EQ(text.paragraph_breaks(), (std::vector<std::size_t>{7, 13, 18}));
}

TEST(Normalize, UndoesEndOfLineHyphenation) {
  EXPECT_EQ(N("Harbin Insti-\ntute of\nTechnology"), "Harbin Institute of Technology");
  EXPECT_EQ(N("Insti-\r\n   tute"), "Institute");
  EXPECT_EQ(N("Insti\u00ad\ntute"), "Institute");  // soft hyphen
  EXPECT_EQ(N("Insti\u2010\ntute"), "Institute");  // U+2010 HYPHEN
  EXPECT_EQ(N("\u00e9t\u00e9-\n\u00e9t\u00e9"), "\u00e9t\u00e9\u00e9t\u00e9");
}

TEST(Normalize, KeepsHyphensThatAreNotLineEndHyphenation) {
  EXPECT_EQ(N("dual-use"), "dual-use");
  EXPECT_EQ(N("dual- use"), "dual- use");
  EXPECT_EQ(N("ML-\n10"), "ML- 10");                // digit after the break
  EXPECT_EQ(N("page 3 -\nnext"), "page 3 - next");  // no letter before
  EXPECT_EQ(N("Insti-\n\ntute"), "Insti- tute");    // a blank line is a paragraph, not a word
  EXPECT_EQ(N("end-"), "end-");
}

TEST(Normalize, UnifiesQuotesAndDashes) {
  EXPECT_EQ(N("\u2018a\u2019 \u201cb\u201d \u201ec\u201f \u201ad\u201b"), "'a' \"b\" \"c\" 'd'");
  EXPECT_EQ(N("a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g"), "a-b-c-d-e-f-g");
  EXPECT_EQ(N("doesn\u2019t"), "doesn't");
}

TEST(Normalize, DropsZeroWidthCharacters) {
  EXPECT_EQ(N("hyper\u200bsonic\u200c \u200dUAV\u2060\ufeff qu\u00adantum"),
            "hypersonic UAV quantum");
  EXPECT_EQ(N("a \u200b b"), "a b");
}

TEST(Normalize, LeavesCjkUntouched) {
  const std::string cjk = "本项目与哈尔滨工业大学合作。北京航空航天大学";
  EXPECT_EQ(N(cjk), cjk);
  const NormalizedText text = Normalize(cjk);
  EXPECT_EQ(text.ToOriginal(3, 9), (Span{3, 9}));
}

TEST(Normalize, ReplacesInvalidUtf8Safely) {
  EXPECT_EQ(N("\xff"
              "UAV\xc3"),
            "\xEF\xBF\xBD"
            "UAV\xEF\xBF\xBD");
  EXPECT_EQ(N("\x80\x80 x \xe4\xb8"), "\xEF\xBF\xBD\xEF\xBF\xBD x \xEF\xBF\xBD\xEF\xBF\xBD");
  const std::string original = "\xff UAV";
  const NormalizedText text = Normalize(original);
  EXPECT_EQ(text.ToOriginal(4, 7), (Span{2, 5}));
}

TEST(NormalizedText, MapsSpansBackToTheOriginalCharacters) {
  const std::string original = "Harbin Insti-\ntute of\nTechnology";
  const std::string normalized = N(original);
  const std::size_t begin = normalized.find("Institute");
  EXPECT_EQ(Back(original, begin, normalized.size()), "Insti-\ntute of\nTechnology");
  EXPECT_EQ(Back(original, begin, begin + 5), "Insti");
  EXPECT_EQ(Back(original, begin + 5, begin + 9), "tute");
}

TEST(NormalizedText, WidensSpansThatCutAReplacedCharacter) {
  const std::string original = "the \uFB01eld";  // ﬁ is 3 bytes
  EXPECT_EQ(N(original), "the field");
  EXPECT_EQ(Back(original, 4, 5), "\uFB01");  // "f" alone
  EXPECT_EQ(Back(original, 5, 9), "\uFB01eld");
  EXPECT_EQ(Back(original, 3, 4), " ");
}

TEST(NormalizedText, MapsCollapsedWhitespaceToTheWholeRun) {
  const std::string original = "a \n\t b";
  EXPECT_EQ(Back(original, 1, 2), " \n\t ");
  EXPECT_EQ(Back(original, 0, 3), original);
  EXPECT_EQ(Normalize(original).ToOriginal(3, 3), (Span{6, 6}));
}

TEST(NormalizedText, LeavesDroppedCharactersOutAtTheEdges) {
  const std::string original = "\u200bUAV\u200b";
  EXPECT_EQ(N(original), "UAV");
  EXPECT_EQ(Back(original, 0, 3), "UAV");
  EXPECT_EQ(Back("U\u200bAV", 0, 3), "U\u200bAV");
}

// Random text from pieces that exercise every step; for random unit-boundary spans of the
// normalised text, the original slice must normalise back to exactly that span.
TEST(NormalizedText, RoundTripsRandomSpans) {
  const std::vector<std::string> pieces = {"ECCN",
                                           "9A012",
                                           " ",
                                           "  ",
                                           "\n",
                                           "\n\n",
                                           "\r\n",
                                           "\f",
                                           "\t",
                                           "Insti-\ntute",
                                           "dual-use",
                                           "\uFB01",
                                           "\uFF25\uFF23",
                                           "\u2019",
                                           "\u201c",
                                           "\u2014",
                                           "\u200b",
                                           "\u00ad",
                                           "\u00a0",
                                           "\u54c8\u5c14\u6ee8",
                                           "e\u0301",
                                           "\u00e9",
                                           "\xff",
                                           "Stra\u00dfe",
                                           "-",
                                           ".",
                                           "HIT",
                                           "x-\n y"};
  std::mt19937 random(12345);
  for (int round = 0; round < 300; ++round) {
    std::string original;
    const int count = static_cast<int>(random() % 20);
    for (int i = 0; i < count; ++i) original += pieces[random() % pieces.size()];
    for (bool fold : {false, true}) {
      const NormalizedText text = Normalize(original, {.case_fold = fold});
      const std::string& normalized = text.text();
      std::vector<std::size_t> boundaries;
      for (std::size_t pos = 0; pos <= normalized.size(); ++pos) {
        if (text.IsUnitBoundary(pos)) boundaries.push_back(pos);
      }
      for (int probe = 0; probe < 20 && !boundaries.empty(); ++probe) {
        std::size_t begin = boundaries[random() % boundaries.size()];
        std::size_t end = boundaries[random() % boundaries.size()];
        if (begin > end) std::swap(begin, end);
        const Span span = text.ToOriginal(begin, end);
        ASSERT_LE(span.begin, span.end);
        ASSERT_LE(span.end, original.size());
        const std::string slice = original.substr(span.begin, span.end - span.begin);
        EXPECT_EQ(Normalize(slice, {.case_fold = fold}).text(),
                  normalized.substr(begin, end - begin))
            << "original: \"" << original << "\" span " << begin << "-" << end;
      }
    }
  }
}

// Throughput on the CUAD reference texts; prints MB/s (meaningful in Release builds only).
TEST(NormalizeSpeed, CuadTexts) {
  const std::filesystem::path dir =
      std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "contracts" / "cuad" / "txt";
  TRUSTSCREEN_NEED_CORPUS(dir);
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
    bytes += texts.back().size();
  }
  double seconds = 1e9;  // best of five: the machine is shared
  for (int round = 0; round < 5; ++round) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t total = 0;
    for (const std::string& text : texts) total += Normalize(text).text().size();
    seconds = std::min(
        seconds, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    EXPECT_GT(total, 0u);
  }
  std::printf("normalised %zu bytes in %.4f s: %.0f MB/s\n", bytes, seconds, bytes / 1e6 / seconds);
}

}  // namespace
}  // namespace trustscreen::text

namespace trustscreen::text {
namespace {

TEST(NormalizedTextFromOriginal, MapsOriginalPositionsToWhereTheirTextEndedUp) {
  const std::string original = "Harbin   Insti-\ntute\n\n\xEF\xAC\x81le of 9A012";  // "ﬁle"
  const NormalizedText normalized = Normalize(original);
  const std::string& text = normalized.text();
  ASSERT_EQ(text, "Harbin Institute file of 9A012");
  EXPECT_EQ(normalized.FromOriginal(original.find("Insti")), text.find("Institute"));
  EXPECT_EQ(normalized.FromOriginal(original.find("of 9A")), text.find("of 9A"));
  EXPECT_EQ(normalized.FromOriginal(original.find("\xEF\xAC\x81")), text.find("file"));
  EXPECT_EQ(normalized.FromOriginal(original.size()), text.size());
  std::size_t previous = 0;
  for (std::size_t pos = 0; pos <= original.size(); ++pos) {
    const std::size_t mapped = normalized.FromOriginal(pos);
    EXPECT_GE(mapped, previous) << pos;
    EXPECT_LE(mapped, text.size());
    previous = mapped;
  }
}

}  // namespace
}  // namespace trustscreen::text
