// MatchLeads (src/rules/match_leads.h): the strings every match of a pattern starts with.
#include "match_leads.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace trustscreen::rules::internal {
namespace {

using ::testing::AnyOf;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::Optional;
using ::testing::StartsWith;

std::optional<std::vector<std::string>> Leads(std::string_view pattern,
                                              bool case_sensitive = false) {
  return MatchLeads(pattern, case_sensitive);
}

TEST(MatchLeads, ALiteralPhraseLeadsWithItsFirstTwelveBytesInSmallLetters) {
  EXPECT_THAT(Leads("Controlled Unclassified Information"), Optional(ElementsAre("controlled u")));
}

TEST(MatchLeads, AlternativesAndOptionalPartsGiveALeadPerSpelling) {
  EXPECT_THAT(Leads("(?:re-?)?exports?\\s+licen[cs]e"),
              Optional(ElementsAre("export licen", "exports lice", "re-export li", "re-exports l",
                                   "reexport lic", "reexports li")));
}

TEST(MatchLeads, WhitespaceIsOneSpaceBecauseNormalisedTextHasNoOther) {
  EXPECT_THAT(Leads("no\\s+foreign\\s*nationals"),
              Optional(ElementsAre("no foreign n", "no foreignna")));
}

TEST(MatchLeads, CaseSensitivePatternsGetSmallLetterLeadsToo) {
  EXPECT_THAT(Leads("(?-i:ITAR)"), Optional(ElementsAre("itar")));
  EXPECT_THAT(Leads("EAR\\s?99", /*case_sensitive=*/true),
              Optional(ElementsAre("ear 99", "ear99")));
}

TEST(MatchLeads, ShortMatchesEndTheirLeadEarly) {
  EXPECT_THAT(Leads("(?-i:UAVs?|UUVs?)"), Optional(ElementsAre("uav", "uuv")));
}

TEST(MatchLeads, SmallClassesAndCountsAreSpelledOut) {
  EXPECT_THAT(Leads("ML[\\s-]?(?:1[0-9]|2[0-2]|[1-9])"), Optional(::testing::Contains("ml-2")));
  EXPECT_THAT(Leads("[0-9]{3}-[0-9]"), std::nullopt);  // 1,000 leads: too many
  EXPECT_THAT(Leads("7[0-9]{2}-4"), Optional(::testing::SizeIs(100)));
}

TEST(MatchLeads, ZeroWidthAssertionsAndFlagsDoNotStopTheAnalysis) {
  EXPECT_THAT(Leads("\\bquantum\\s+(?i)sensing\\b"), Optional(ElementsAre("quantum sens")));
  EXPECT_THAT(Leads("^(?P<x>dual)[\\s-]use$"), Optional(ElementsAre("dual use", "dual-use")));
  EXPECT_THAT(Leads("\\QC++\\E\\s+code"), Optional(ElementsAre("c++ code")));
}

TEST(MatchLeads, CjkNamesLeadWithTheirOwnBytes) {
  EXPECT_THAT(Leads("哈尔滨工业大学"), Optional(ElementsAre("哈尔滨工")));
}

TEST(MatchLeads, CharactersNormalisedTextCannotHoldAreLeftOut) {
  // Curly quotes became ' and ", dashes -, tabs and line breaks a space.
  EXPECT_THAT(Leads("o[’']\\s?neill[\t\n ]co"), Optional(ElementsAre("o' neill co", "o'neill co")));
}

TEST(MatchLeads, GivesUpOnWhatItDoesNotModel) {
  EXPECT_EQ(Leads(".*export"), std::nullopt);
  EXPECT_EQ(Leads("[^.;]{0,60}export"), std::nullopt);
  EXPECT_EQ(Leads("\\p{Han}+"), std::nullopt);
  EXPECT_EQ(Leads("\\w+ware"), std::nullopt);  // 37 members per byte: too many leads
  EXPECT_EQ(Leads("Élan"), std::nullopt);      // a non-ASCII letter with case, case-insensitive
  EXPECT_THAT(Leads("Élan", /*case_sensitive=*/true), Optional(ElementsAre("Élan")));
}

TEST(MatchLeads, GivesUpOnMatchesShorterThanThreeBytes) {
  EXPECT_EQ(Leads("UK|United\\s+Kingdom"), std::nullopt);
  EXPECT_EQ(Leads("(?-i:EW)"), std::nullopt);
}

TEST(MatchLeads, RefusesLeadsWithFewerThanThreeLettersOrDigits) {
  // "E and I": "e a" or "e, " would be found everywhere.
  EXPECT_EQ(Leads("E[\\s,]+and[\\s,]+I"), std::nullopt);
  EXPECT_THAT(Leads("E[\\s,]+Systems"), std::nullopt);
}

TEST(MatchLeads, GivesWeakLeadsWhenAskedForFewerLettersOrDigits) {
  // A short word, then a run of separators: no lead with three letters or digits covers
  // "on - - - - orbit", but leads with two do.
  EXPECT_EQ(Leads("on[\\s-]+orbit"), std::nullopt);
  const auto on_orbit = MatchLeads("on[\\s-]+orbit", false, {.min_word_bytes = 2});
  ASSERT_TRUE(on_orbit.has_value());
  EXPECT_THAT(*on_orbit, Each(StartsWith("on")));
  EXPECT_THAT(*on_orbit, IsSupersetOf({"on orbit", "on-orbit", "on - - - - -"}));

  EXPECT_EQ(MatchLeads("(?:zero|0)[\\s-]+day", false, {.min_word_bytes = 2}), std::nullopt);
  const auto zero_day = MatchLeads("(?:zero|0)[\\s-]+day", false, {.min_word_bytes = 1});
  ASSERT_TRUE(zero_day.has_value());
  EXPECT_THAT(*zero_day, Each(AnyOf(StartsWith("0"), StartsWith("zero"))));
  EXPECT_THAT(*zero_day, IsSupersetOf({"0 day", "0-day", "zero day", "zero-day"}));
}

}  // namespace
}  // namespace trustscreen::rules::internal
