#include "trustscreen/match/matcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "match_test_util.h"

namespace trustscreen::match {
namespace {

using testing::Match;

using rules::CompiledRuleSet;
using rules::Rule;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct RuleSpec {
  std::string id;
  std::vector<std::string> patterns;
  bool case_sensitive = false;
  bool whole_word = true;
};

CompiledRuleSet Compile(const std::vector<RuleSpec>& specs) {
  std::vector<Rule> rules;
  for (const RuleSpec& spec : specs) {
    Rule rule;
    rule.id = spec.id;
    rule.title = "Title " + spec.id;
    rule.family = RuleFamily::kExportControl;
    rule.severity = Severity::kHigh;
    rule.rationale = "Because.";
    rule.patterns = spec.patterns;
    rule.case_sensitive = spec.case_sensitive;
    rule.whole_word = spec.whole_word;
    rules.push_back(std::move(rule));
  }
  Result<CompiledRuleSet> set = rules::CompileRules(std::move(rules), {});
  if (!set.ok()) ADD_FAILURE() << set.status().message();
  return std::move(set).value();
}

// "rule-id:matched text" per finding, in order: compact expectations.
std::vector<std::string> Hits(const CompiledRuleSet& set, std::string_view text) {
  std::vector<std::string> hits;
  for (const Finding& finding : Match(set, text)) {
    hits.push_back(finding.rule_id + ":" + finding.matched_text);
  }
  return hits;
}

TEST(Matcher, OffsetsDelimitTheMatchedText) {
  const CompiledRuleSet set = Compile({{"uav", {"unmanned aerial vehicles?"}}});
  const std::string text =
      "We will build an Unmanned  Aerial Vehicle? No: an unmanned aerial vehicle.";
  const std::vector<Finding> findings = Match(set, text);
  ASSERT_EQ(findings.size(), 2u);
  // The doubled space is normalised away for matching; the finding quotes the original.
  EXPECT_EQ(findings[0].matched_text, "Unmanned  Aerial Vehicle");
  const Finding& finding = findings[1];
  EXPECT_EQ(finding.matched_text, "unmanned aerial vehicle");
  EXPECT_EQ(text.substr(finding.begin, finding.end - finding.begin), finding.matched_text);
  EXPECT_EQ(finding.begin, text.find("unmanned aerial"));
}

TEST(Matcher, FillsRuleMetadataIntoEachFinding) {
  const CompiledRuleSet set = Compile({{"ec-itar", {"ITAR"}, true}});
  const std::vector<Finding> findings = Match(set, "subject to ITAR");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "ec-itar");
  EXPECT_EQ(findings[0].rule_title, "Title ec-itar");
  EXPECT_EQ(findings[0].family, RuleFamily::kExportControl);
  EXPECT_EQ(findings[0].severity, Severity::kHigh);
  EXPECT_EQ(findings[0].page, 0);
}

TEST(Matcher, FindsEveryOccurrence) {
  const CompiledRuleSet set = Compile({{"drone", {"drones?"}}});
  EXPECT_THAT(Hits(set, "drone, drones and more drones"),
              ElementsAre("drone:drone", "drone:drones", "drone:drones"));
}

TEST(Matcher, ReportsNothingForTextWithoutMatches) {
  const CompiledRuleSet set = Compile({{"drone", {"drones?"}}});
  EXPECT_THAT(Match(set, ""), IsEmpty());
  EXPECT_THAT(Match(set, "A medieval-history teaching exchange."), IsEmpty());
}

TEST(Matcher, ReportsTheLongestMatchAtTheLeftmostPosition) {
  // Leftmost-first semantics would stop at "quantum comput" alternatives in pattern order.
  const CompiledRuleSet set = Compile({{"q", {"quantum (computer|computing|computers)"}}});
  EXPECT_THAT(Hits(set, "quantum computers"), ElementsAre("q:quantum computers"));
}

TEST(Matcher, TakesPageNumbersFromTheDocument) {
  Document document;
  document.text = "page one text\fpage two mentions a scramjet\fthird page: scramjet";
  const std::size_t first_break = document.text.find('\f');
  const std::size_t second_break = document.text.find('\f', first_break + 1);
  document.pages = {{1, 0, first_break},
                    {2, first_break + 1, second_break},
                    {3, second_break + 1, document.text.size()}};
  const CompiledRuleSet set = Compile({{"hyp", {"scramjet"}}});
  Result<std::vector<Finding>> findings = MatchDocument(set, document);
  ASSERT_TRUE(findings.ok()) << findings.status().message();
  ASSERT_EQ(findings->size(), 2u);
  EXPECT_EQ((*findings)[0].page, 2);
  EXPECT_EQ((*findings)[1].page, 3);
  EXPECT_EQ((*findings)[1].begin, document.text.rfind("scramjet"));
}

TEST(Matcher, WholeWordRejectsAsciiLetterAndDigitNeighbours) {
  const CompiledRuleSet set = Compile({{"eccn", {"[0-9][A-E][0-9]{3}"}, true}});
  EXPECT_THAT(Hits(set, "TPS5A002 and 5A0021 and x_5A002 and 5A002."), ElementsAre("eccn:5A002"));
}

TEST(Matcher, WholeWordRejectsAccentedLatinNeighbours) {
  const CompiledRuleSet set = Compile({{"uav", {"uav"}}});
  EXPECT_THAT(Hits(set, "éuav uavé UAVs ñUAV"), IsEmpty());
  EXPECT_THAT(Hits(set, "café UAV"), ElementsAre("uav:UAV"));
}

TEST(Matcher, WholeWordAcceptsPunctuationAndSpaceNeighbours) {
  const CompiledRuleSet set = Compile({{"uav", {"uav"}}});
  EXPECT_THAT(
      Hits(set, "«UAV» (UAV) UAV. UAV—UAV\u00a0UAV\u3001UAV"),
      ElementsAre("uav:UAV", "uav:UAV", "uav:UAV", "uav:UAV", "uav:UAV", "uav:UAV", "uav:UAV"));
}

TEST(Matcher, CjkMatchesNeedNoWordBoundaries) {
  const CompiledRuleSet set = Compile({{"hit", {"哈尔滨工业大学"}}});
  EXPECT_THAT(Hits(set, "本项目与哈尔滨工业大学合作。"), ElementsAre("hit:哈尔滨工业大学"));
}

TEST(Matcher, CjkNeighboursCountAsBoundariesForLatinMatches) {
  const CompiledRuleSet set = Compile({{"eccn", {"[0-9][A-E][0-9]{3}"}, true}});
  EXPECT_THAT(Hits(set, "物项编号9A012受管制"), ElementsAre("eccn:9A012"));
}

TEST(Matcher, PatternEndingInPunctuationNeedsNoBoundaryOnThatSide) {
  const CompiledRuleSet set = Compile({{"cat", {"USML Cat\\."}}});
  EXPECT_THAT(Hits(set, "USML Cat.XI"), ElementsAre("cat:USML Cat."));
}

TEST(Matcher, WholeWordOffMatchesInsideWords) {
  const CompiledRuleSet set = Compile({{"frag", {"sonic"}, false, false}});
  EXPECT_THAT(Hits(set, "hypersonic"), ElementsAre("frag:sonic"));
}

TEST(Matcher, RejectedMatchDoesNotHideALaterOne) {
  const CompiledRuleSet set = Compile({{"ml", {"ML(1[0-9]|2[0-2]|[1-9])"}, true}});
  EXPECT_THAT(Hits(set, "XML10 ML23 ML10"), ElementsAre("ml:ML10"));
}

TEST(Matcher, IsCaseInsensitiveByDefault) {
  const CompiledRuleSet set = Compile({{"hyp", {"hypersonic"}}});
  EXPECT_THAT(Hits(set, "HYPERSONIC Hypersonic"), ElementsAre("hyp:HYPERSONIC", "hyp:Hypersonic"));
}

TEST(Matcher, HonoursCaseSensitiveRules) {
  const CompiledRuleSet set =
      Compile({{"ml", {"ML(1[0-9]|2[0-2]|[1-9])"}, true}, {"any", {"ear99"}, false}});
  EXPECT_THAT(Hits(set, "10 mL of ml10, ML10 and Ear99"), ElementsAre("ml:ML10", "any:Ear99"));
}

TEST(Matcher, OverlappingPatternsOfOneRuleGiveOneFindingForTheLongestSpan) {
  const CompiledRuleSet set =
      Compile({{"ml", {"ML(1[0-9]|2[0-2]|[1-9])", "Military List (entry )?ML[0-9]+"}, true}});
  EXPECT_THAT(Hits(set, "rated under Military List entry ML10 and ML4"),
              ElementsAre("ml:Military List entry ML10", "ml:ML4"));
}

TEST(Matcher, OverlapOfEqualLengthKeepsTheEarliest) {
  const CompiledRuleSet set = Compile({{"r", {"abc d", "c def"}, false, false}});
  EXPECT_THAT(Hits(set, "abc def"), ElementsAre("r:abc d"));
}

TEST(Matcher, DifferentRulesOnTheSameSpanAreAllReported) {
  const CompiledRuleSet set = Compile({{"first", {"deemed export"}}, {"second", {"export"}}});
  EXPECT_THAT(Hits(set, "a deemed export"), ElementsAre("first:deemed export", "second:export"));
}

TEST(Matcher, SortsFindingsByBeginThenRuleOrderThenEnd) {
  const CompiledRuleSet set = Compile({{"z-later", {"alpha beta", "alpha"}, false, true},
                                       {"a-earlier", {"alpha"}},
                                       {"b", {"beta"}}});
  // Rule order (z-later before a-earlier) breaks the tie at the same begin, not the id.
  const std::vector<Finding> findings = Match(set, "beta alpha beta");
  std::vector<std::string> order;
  for (const Finding& finding : findings) {
    order.push_back(finding.rule_id + "@" + std::to_string(finding.begin) + "-" +
                    std::to_string(finding.end));
  }
  EXPECT_THAT(order, ElementsAre("b@0-4", "z-later@5-15", "a-earlier@5-10", "b@11-15"));
}

TEST(Matcher, BuildsOneLineSnippetsWithCollapsedWhitespace) {
  const CompiledRuleSet set = Compile({{"qkd", {"quantum\\s+key\\s+distribution"}}});
  const std::vector<Finding> findings =
      Match(set, "Work package 3:\n\n\tquantum key\ndistribution\f trials   begin.");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].matched_text, "quantum key\ndistribution");
  EXPECT_EQ(findings[0].snippet, "Work package 3: quantum key distribution trials begin.");
}

TEST(Matcher, SurvivesInvalidUtf8) {
  const CompiledRuleSet set = Compile({{"uav", {"uav"}}});
  EXPECT_THAT(Hits(set,
                   "\xff"
                   "UAV\xc3"),
              ElementsAre("uav:UAV"));
  EXPECT_THAT(Hits(set, "\x80\x80\x80\x80UAV"), ElementsAre("uav:UAV"));
}

TEST(Matcher, GivesTheSameResultsFromManyThreads) {
  const CompiledRuleSet set =
      Compile({{"hyp", {"hypersonic"}}, {"eccn", {"[0-9][A-E][0-9]{3}"}, true}});
  std::string text;
  for (int i = 0; i < 200; ++i) text += "hypersonic glide under 9A012; plain words; ";
  const std::vector<Finding> expected = Match(set, text);
  ASSERT_EQ(expected.size(), 400u);
  std::vector<std::size_t> counts(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        Result<std::vector<Finding>> findings = MatchText(set, text);
        if (findings.ok() && findings->size() == expected.size()) ++counts[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t count : counts) EXPECT_EQ(count, 20u);
}

// A text of a megabyte or more has its candidate patterns searched on the arena's threads: the
// findings are those of one thread. The text: every listed name and alias of the shipped lists,
// in sentences, as a list's own export would hold them.
TEST(Matcher, MatchesALongTextOnSeveralThreadsAsOnOne) {
  std::string text;
  for (const rules::Rule& rule : testing::ShippedRules().rules()) {
    if (rule.entities == nullptr) continue;
    for (const lists::EntityEntry& entry : rule.entities->entries) {
      text += "Payment to " + entry.name + " (" + entry.country + ") under ECCN 9A012.\n";
      for (const std::string& alias : entry.aliases) text += "Also known as " + alias + ".\n";
    }
  }
  ASSERT_GT(text.size(), std::size_t{1} << 20);
  std::vector<std::string> one;
  tbb::task_arena(1).execute(
      [&] { one = testing::Describe(testing::Match(testing::ShippedRules(), text)); });
  std::vector<std::string> four;
  tbb::task_arena(4).execute(
      [&] { four = testing::Describe(testing::Match(testing::ShippedRules(), text)); });
  EXPECT_GT(one.size(), 10'000u);
  EXPECT_EQ(one, four);
}

TEST(MatchText, FindsNamesListedInLatinLettersInCyrillicText) {
  // Listed by OFAC as "SBERBANK ROSSII" / "ROSOBORONEKSPORT OAO": the Cyrillic text is screened
  // again in BGN/PCGN romanisation and the findings are placed on the Cyrillic words.
  const std::string text = "Договор с АО «Рособоронэкспорт» (Россия) и Сбербанк России.";
  std::vector<std::string> found;
  for (const Finding& finding : Match(testing::ShippedRules(), text)) {
    if (!finding.entity) continue;
    found.push_back(finding.matched_text);
    EXPECT_EQ(text.substr(finding.begin, finding.end - finding.begin), finding.matched_text);
  }
  EXPECT_THAT(found, ::testing::IsSupersetOf({"Рособоронэкспорт", "Сбербанк России"}));
  // A Cyrillic word that only looks like a listed name romanised is not one.
  for (const Finding& finding : Match(testing::ShippedRules(), "Сбербанкир и прогресс")) {
    EXPECT_FALSE(finding.entity) << finding.matched_text;
  }
}

}  // namespace
}  // namespace trustscreen::match
