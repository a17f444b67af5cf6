// Matching on normalised text (offsets mapped back to the original) and context conditions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "compiled_rules_internal.h"
#include "corpus.h"
#include "match_test_util.h"
#include "trustscreen/match/matcher.h"
#include "trustscreen/text/clauses.h"
#include "trustscreen/text/normalize.h"

namespace trustscreen::match {
namespace {

using testing::Match;
using testing::ShippedRules;

using rules::CompiledRuleSet;
using rules::ContextCondition;
using rules::ContextWindow;
using rules::Rule;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Rule MakeRule(std::string id, std::vector<std::string> patterns, bool case_sensitive = false) {
  Rule rule;
  rule.id = std::move(id);
  rule.title = "Title";
  rule.family = RuleFamily::kExportControl;
  rule.severity = Severity::kMedium;
  rule.rationale = "Because.";
  rule.patterns = std::move(patterns);
  rule.case_sensitive = case_sensitive;
  return rule;
}

ContextCondition Condition(std::vector<std::string> terms, ContextWindow::Kind kind, int words = 0,
                           std::string label = "") {
  ContextCondition condition;
  condition.terms = std::move(terms);
  condition.within.kind = kind;
  condition.within.words = words;
  condition.label = std::move(label);
  return condition;
}

CompiledRuleSet Compile(std::vector<Rule> rules) {
  Result<CompiledRuleSet> set = rules::CompileRules(std::move(rules), {});
  if (!set.ok()) ADD_FAILURE() << set.status().message();
  return std::move(set).value();
}

std::vector<std::string> Texts(const CompiledRuleSet& set, std::string_view text) {
  std::vector<std::string> found;
  for (const Finding& finding : Match(set, text)) {
    EXPECT_EQ(text.substr(finding.begin, finding.end - finding.begin), finding.matched_text);
    found.push_back(finding.matched_text);
  }
  return found;
}

// --- normalised matching --------------------------------------------------------------------

TEST(NormalizedMatching, FindsNamesSplitByLineBreaksAndHyphenation) {
  const CompiledRuleSet set = Compile({MakeRule("hit", {"Harbin Institute of Technology"})});
  const std::string text = "with the Harbin Insti-\ntute of\nTechnology (HIT).";
  EXPECT_THAT(Texts(set, text), ElementsAre("Harbin Insti-\ntute of\nTechnology"));
  const Finding finding = Match(set, text)[0];
  EXPECT_EQ(finding.begin, text.find("Harbin"));
  EXPECT_EQ(finding.snippet, "with the Harbin Insti- tute of Technology (HIT).");
}

TEST(NormalizedMatching, FindsPhrasesWithDoubledSpacesAndPageBreaks) {
  const CompiledRuleSet set = Compile({MakeRule("dx", {"deemed export"})});
  EXPECT_THAT(Texts(set, "a deemed  export, a deemed\r\n\r\nexport, a deemed\f export"),
              ElementsAre("deemed  export", "deemed\r\n\r\nexport", "deemed\f export"));
}

TEST(NormalizedMatching, FindsAllCapsAndFullWidthText) {
  const CompiledRuleSet set =
      Compile({MakeRule("hyp", {"hypersonic"}), MakeRule("eccn", {"[0-9][A-E][0-9]{3}"}, true)});
  EXPECT_THAT(Texts(set, "HYPERSONIC GLIDE; ECCN \uff19\uff21\uff10\uff11\uff12."),
              ElementsAre("HYPERSONIC", "\uff19\uff21\uff10\uff11\uff12"));
}

TEST(NormalizedMatching, SeesThroughLigaturesZeroWidthAndCurlyQuotes) {
  const CompiledRuleSet set =
      Compile({MakeRule("q", {"classified"}), MakeRule("uav", {"UAV"}), MakeRule("ai", {"'AI'"})});
  EXPECT_THAT(Texts(set, "classi\ufb01ed U\u200bAV \u2018AI\u2019"),
              ElementsAre("classi\ufb01ed", "U\u200bAV", "\u2018AI\u2019"));
}

TEST(NormalizedMatching, ChecksWordBoundariesOnTheNormalisedText) {
  const CompiledRuleSet set = Compile({MakeRule("uav", {"uav"})});
  // The soft hyphen vanishes, so "UAV" continues a word; the em dash becomes a boundary.
  EXPECT_THAT(Texts(set, "x\u00adUAV UAV\u2014ok"), ElementsAre("UAV"));
}

TEST(NormalizedMatching, TakesPagesFromOriginalOffsets) {
  Document document;
  document.text = "page one  text\fpage two mentions a scram-\njet";
  const std::size_t page_break = document.text.find('\f');
  document.pages = {{1, 0, page_break}, {2, page_break + 1, document.text.size()}};
  const CompiledRuleSet set = Compile({MakeRule("hyp", {"scramjet"})});
  Result<std::vector<Finding>> findings = MatchDocument(set, document);
  ASSERT_TRUE(findings.ok());
  ASSERT_EQ(findings->size(), 1u);
  EXPECT_EQ((*findings)[0].page, 2);
  EXPECT_EQ((*findings)[0].matched_text, "scram-\njet");
}

// --- requires / unless -----------------------------------------------------------------------

TEST(ContextMatching, RequiresATermInTheSentence) {
  Rule rule = MakeRule("eccn", {"[0-9][A-E][0-9]{3}"}, true);
  rule.requires_context =
      Condition({"ECCN", "export", "licen[cs]e"}, ContextWindow::Kind::kSentence);
  const CompiledRuleSet set = Compile({std::move(rule)});
  EXPECT_THAT(Texts(set, "Meet in Room 3A001. The ECCN is 9A012. Ship 5A002 later."),
              ElementsAre("9A012"));
  EXPECT_THAT(Texts(set, "An export licence (No. 5A002) is needed."), ElementsAre("5A002"));
  EXPECT_THAT(Texts(set, "Room 3A001, Building 7"), IsEmpty());
  // The term must be a whole word: "exporter" is not "export".
  EXPECT_THAT(Texts(set, "The exporter ships 5A002."), IsEmpty());
}

TEST(ContextMatching, ClauseWindowIsTheNumberedClauseAcrossItsParagraphs) {
  Rule rule = MakeRule("ml", {"ML10"}, true);
  rule.requires_context = Condition({"Military List"}, ContextWindow::Kind::kClause);
  const CompiledRuleSet set = Compile({std::move(rule)});
  // 9.2 holds two paragraphs and its item (a): one window; clause 10 is another.
  const std::string text =
      "9. Export Control\n9.1 Nothing here.\n9.2 Items on the UK Military List.\n\n"
      "The Parties note that:\n(a) the item is ML10.\n10. Term\n10.1 The ML10 rating lapses.\n";
  EXPECT_THAT(Texts(set, text), ElementsAre("ML10"));
  EXPECT_THAT(Texts(set, "9. Scope\n9.1 Military List items.\n9.2 The item is ML10.\n"), IsEmpty());
}

// The pipeline segments clauses for its reports and hands them over; the findings are the same.
TEST(ContextMatching, ClauseWindowUsesTheCallersClauses) {
  Rule rule = MakeRule("ml", {"ML10"}, true);
  rule.requires_context = Condition({"Military List"}, ContextWindow::Kind::kClause);
  const CompiledRuleSet set = Compile({std::move(rule), MakeRule("hyp", {"scramjet"})});
  for (const std::string text :
       {"9. Export Control\n9.1 Nothing here.\n9.2 Items on the UK Military List.\n\n"
        "The Parties note that:\n(a) the item is ML10.\n10. Term\n10.1 The ML10 rating lapses.\n",
        "9. Scope\n9.1 Military List items.\n9.2 The item is ML10, a scramjet.\n",
        "9. Scope\n9.1 A scramjet only.\n"}) {
    Document document;
    document.text = text;
    const Result<std::vector<Finding>> own = MatchDocument(set, document);
    const Result<std::vector<Finding>> given =
        MatchDocument(set, document, text::SegmentClauses(document.text));
    ASSERT_TRUE(own.ok());
    ASSERT_TRUE(given.ok());
    ASSERT_EQ(own->size(), given->size()) << text;
    for (std::size_t i = 0; i < own->size(); ++i) {
      EXPECT_EQ((*own)[i].rule_id, (*given)[i].rule_id);
      EXPECT_EQ((*own)[i].begin, (*given)[i].begin);
      EXPECT_EQ((*own)[i].end, (*given)[i].end);
      EXPECT_EQ((*own)[i].severity, (*given)[i].severity);
    }
  }
  Document document;
  document.text = "9. Scope\n9.1 Military List items.\n9.2 The item is ML10, a scramjet.\n";
  const Result<std::vector<Finding>> findings =
      MatchDocument(set, document, text::SegmentClauses(document.text));
  ASSERT_TRUE(findings.ok());
  ASSERT_EQ(findings->size(), 1u);
  EXPECT_EQ((*findings)[0].rule_id, "hyp");
}

// Without clause markers, a clause window is the paragraph.
TEST(ContextMatching, ClauseWindowStopsAtBlankLines) {
  Rule rule = MakeRule("ml", {"ML10"}, true);
  rule.requires_context = Condition({"Military List"}, ContextWindow::Kind::kClause);
  const CompiledRuleSet set = Compile({std::move(rule)});
  EXPECT_THAT(Texts(set, "Under the Military List.\nThe item is ML10."), ElementsAre("ML10"));
  EXPECT_THAT(Texts(set, "Under the Military List.\n\nThe item is ML10."), IsEmpty());
}

TEST(ContextMatching, WordWindowsCountTokensEitherSide) {
  Rule rule = MakeRule("q", {"quantum computing"});
  rule.unless_context = Condition({"quantum of"}, ContextWindow::Kind::kWords, 2);
  const CompiledRuleSet set = Compile({std::move(rule)});
  EXPECT_THAT(Texts(set, "the quantum of quantum computing costs"), IsEmpty());
  EXPECT_THAT(Texts(set, "the quantum of the many fees; quantum computing"),
              ElementsAre("quantum computing"));
}

// --- raise / lower / negation -----------------------------------------------------------------

TEST(ContextMatching, RaiseAndLowerMoveOneBandEachAndRecordLabels) {
  Rule rule = MakeRule("hyp", {"hypersonic"});
  rule.raise_contexts = {
      Condition({"military", "defen[cs]e"}, ContextWindow::Kind::kSentence, 0, "military")};
  rule.lower_contexts = {Condition({"fundamental research"}, ContextWindow::Kind::kSentence, 0,
                                   "fundamental research")};
  const CompiledRuleSet set = Compile({std::move(rule)});

  std::vector<Finding> found = Match(set, "A hypersonic vehicle for the defence ministry.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].base_severity, Severity::kMedium);
  EXPECT_EQ(found[0].severity, Severity::kHigh);
  EXPECT_THAT(found[0].modifiers, ElementsAre("+military"));

  found = Match(set, "Fundamental research on hypersonic flow. Military use is elsewhere.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::kLow);
  EXPECT_THAT(found[0].modifiers, ElementsAre("-fundamental research"));

  found = Match(set, "Fundamental research on hypersonic military flow.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::kMedium);
  EXPECT_THAT(found[0].modifiers, ElementsAre("+military", "-fundamental research"));
}

TEST(ContextMatching, SeverityStaysWithinCriticalAndInfo) {
  Rule high = MakeRule("itar", {"ITAR"});
  high.severity = Severity::kCritical;
  high.raise_contexts = {Condition({"weapons?"}, ContextWindow::Kind::kSentence, 0, "weapons")};
  Rule low = MakeRule("boiler", {"export laws"});
  low.severity = Severity::kInfo;
  low.lower_contexts = {Condition({"public domain"}, ContextWindow::Kind::kSentence, 0, "public")};
  const CompiledRuleSet set = Compile({std::move(high), std::move(low)});
  std::vector<Finding> found =
      Match(set, "ITAR weapons. Public domain data is outside export laws.");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].severity, Severity::kCritical);
  EXPECT_EQ(found[1].severity, Severity::kInfo);
  EXPECT_THAT(found[1].modifiers, ElementsAre("-public"));
}

TEST(ContextMatching, NegationKeepsTheFindingLowersItAndFlagsIt) {
  const CompiledRuleSet set = Compile({MakeRule("meu", {"military end use"})});
  for (const char* text :
       {"This project does not involve military end use.",
        "The work will not be for any military end use.", "No military end use is foreseen.",
        "delivered without military end use restrictions",
        "It doesn\u2019t have a military end use."}) {
    std::vector<Finding> found = Match(set, text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_TRUE(found[0].negated) << text;
    EXPECT_EQ(found[0].severity, Severity::kLow) << text;
    EXPECT_THAT(found[0].modifiers, ElementsAre("-negated")) << text;
  }
}

TEST(ContextMatching, NegationLooksOnlyFiveWordsBackInTheSameSentence) {
  const CompiledRuleSet set = Compile({MakeRule("meu", {"military end use"})});
  for (const char* text :
       {"Not now. The goods have a military end use.",
        "This is not the case for one of the goods with military end use.",
        "Licence No. 5 covers the military end use.", "Annex notes.\n\nmilitary end use"}) {
    std::vector<Finding> found = Match(set, text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_FALSE(found[0].negated) << text;
    EXPECT_EQ(found[0].severity, Severity::kMedium) << text;
    EXPECT_THAT(found[0].modifiers, IsEmpty()) << text;
  }
}

TEST(ContextMatching, ListingIdiomsOfContractsAreNoNegation) {
  const CompiledRuleSet set = Compile({MakeRule("aeca", {"Arms Export Control Act"})});
  for (const char* text :
       {"applicable laws, including without limitation, the Arms Export Control Act",
        "laws including but not limited to the Arms Export Control Act",
        "without prejudice to the Arms Export Control Act"}) {
    std::vector<Finding> found = Match(set, text);
    ASSERT_EQ(found.size(), 1u) << text;
    EXPECT_FALSE(found[0].negated) << text;
  }
  // A real negation right after the idiom still counts.
  std::vector<Finding> found =
      Match(set, "including without limitation items not under the Arms Export Control Act");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].negated);
}

// --- the CUAD corpus -------------------------------------------------------------------------

// For every finding on every CUAD reference text: the finding quotes the original exactly, and
// the normalised quote still matches one of its rule's patterns.
TEST(NormalizedMatchingCorpus, FindingsQuoteTheOriginalAndTheirNormalisedTextMatches) {
  const std::filesystem::path dir =
      std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "contracts" / "cuad" / "txt";
  TRUSTSCREEN_NEED_CORPUS(dir);
  const rules::CompiledRuleSet& set = ShippedRules();
  int documents = 0;
  int findings = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    Document document;
    document.text = buffer.str();
    Result<std::vector<Finding>> found = MatchDocument(set, document);
    ASSERT_TRUE(found.ok()) << entry.path() << ": " << found.status().message();
    ++documents;
    for (const Finding& finding : *found) {
      ++findings;
      SCOPED_TRACE(entry.path().filename().string() + ": " + finding.rule_id);
      ASSERT_LE(finding.end, document.text.size());
      EXPECT_EQ(document.text.substr(finding.begin, finding.end - finding.begin),
                finding.matched_text);
      // A possible affiliate reports its name without the legal form its pattern may require.
      if (finding.entity && finding.entity->match_kind == kMatchPossibleAffiliate) continue;
      const std::string normalized = text::Normalize(finding.matched_text).text();
      bool matches = false;
      for (const rules::CompiledPattern& pattern : set.impl().patterns) {
        if (set.rules()[pattern.rule_index].id != finding.rule_id) continue;
        matches = matches || re2::RE2::FullMatch(normalized, pattern.Regex());
      }
      EXPECT_TRUE(matches) << "\"" << normalized << "\"";
    }
  }
  EXPECT_GT(documents, 0);
  std::printf("%d CUAD documents, %d findings checked\n", documents, findings);
}

}  // namespace
}  // namespace trustscreen::match
