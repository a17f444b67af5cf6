#include "trustscreen/lists/name_pattern.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/lists/country_names.h"

namespace trustscreen::lists {
namespace {

// True if the name's pattern matches all of `text` (case-insensitive RE2, as the compiler uses).
bool Matches(const std::string& name, const std::string& text) {
  RE2::Options options;
  options.set_case_sensitive(false);
  const RE2 regex(NamePattern(name), options);
  EXPECT_TRUE(regex.ok()) << NamePattern(name) << ": " << regex.error();
  return RE2::FullMatch(text, regex);
}

// True if the name's pattern matches within `text`, bounded by non-letters (as the matcher's
// whole-word check; a distinctive name's legal form is not part of its pattern).
bool Finds(const std::string& name, const std::string& text) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_longest_match(true);
  const RE2 regex(R"((?:^|[^\pL\pN])(?:)" + NamePattern(name) + R"()(?:$|[^\pL\pN]))", options);
  EXPECT_TRUE(regex.ok()) << NamePattern(name) << ": " << regex.error();
  return RE2::PartialMatch(text, regex);
}

TEST(NormalizeName, FoldsCasePunctuationAbbreviationsAndLeadingThe) {
  EXPECT_EQ(NormalizeName("Harbin Inst. of Tech."), "harbin institute of technology");
  EXPECT_EQ(NormalizeName("The Beijing Univ of Aeronautics & Astronautics"),
            "beijing university of aeronautics and astronautics");
  EXPECT_EQ(NormalizeName("National University of Defence Technology"),
            "national university of defense technology");
  EXPECT_EQ(NormalizeName("AECC Aero Science & Technology Co., Ltd."),
            "aecc aero science and technology company limited");
  EXPECT_EQ(NormalizeName("Xi'an Corp."), "xian corporation");
  EXPECT_EQ(NormalizeName("  ---  "), "");
  EXPECT_EQ(NormalizeName("北京航空航天大学"), "北京航空航天大学");
}

TEST(NamePattern, MatchesVariantSpellingsLineBreaksAndPunctuation) {
  EXPECT_TRUE(Matches("Harbin Institute of Technology", "Harbin Institute of\nTechnology"));
  EXPECT_TRUE(Matches("Harbin Institute of Technology", "HARBIN  INSTITUTE OF TECHNOLOGY"));
  EXPECT_TRUE(Matches("Harbin Institute of Technology", "Harbin Inst. of Tech"));
  EXPECT_TRUE(Matches("Northwestern Polytechnical University", "Northwestern Polytechnical Univ"));
  EXPECT_TRUE(Matches("National University of Defense Technology",
                      "National University of Defence Technology"));
  EXPECT_TRUE(
      Finds("Aero Science & Technology Co., Ltd.", "Aero Science and Technology Company Limited"));
  EXPECT_TRUE(Matches("Xi'an Research Institute", "Xi’an Research Institute"));
  EXPECT_TRUE(Matches("Xi'an Research Institute", "Xian Research Institute"));
  EXPECT_TRUE(Matches("Mechano-Electronic Academy", "Mechano Electronic Academy"));
  EXPECT_FALSE(Matches("Tianjin University", "Tianjin University of Technology"));
  EXPECT_FALSE(Matches("Northwestern Polytechnical University", "Northwestern University"));
}

TEST(NamePattern, TreatsCjkDomainsAcronymsAndSingleWordsLiterally) {
  EXPECT_EQ(ShapeOf("北京航空航天大学"), NameShape::kCjk);
  EXPECT_EQ(NamePattern("北京航空航天大学"), "北京航空航天大学");
  EXPECT_EQ(ShapeOf("hit.edu.cn"), NameShape::kDomain);
  EXPECT_EQ(NamePattern("hit.edu.cn"), "hit\\.edu\\.cn");
  EXPECT_EQ(ShapeOf("HIT"), NameShape::kAcronym);
  EXPECT_EQ(NamePattern("HIT"), "(?-i:HIT)");
  EXPECT_FALSE(Matches("HIT", "hit"));
  EXPECT_TRUE(Matches("HIT", "HIT"));
  EXPECT_EQ(ShapeOf("Hikvision"), NameShape::kSingleWord);
  EXPECT_TRUE(Matches("Hikvision", "HIKVISION"));
  EXPECT_FALSE(Matches("Equality", "equality"));
  EXPECT_TRUE(NeedsContext(NameShape::kAcronym));
  EXPECT_TRUE(NeedsContext(NameShape::kSingleWord));
  EXPECT_FALSE(NeedsContext(NameShape::kWords));
}

TEST(IsFillerName, FlagsLegalFormsFillerWordsAndVeryShortNames) {
  EXPECT_TRUE(IsFillerName("and"));
  EXPECT_TRUE(IsFillerName("LIMITED"));
  EXPECT_TRUE(IsFillerName("Ltd."));
  EXPECT_TRUE(IsFillerName("EC"));
  EXPECT_FALSE(IsFillerName("HIT"));
  EXPECT_FALSE(IsFillerName("Tianjin University"));
}

TEST(SplitTrailingAcronym, SplitsAcronymsButNotCountriesOrLegalForms) {
  std::string name;
  std::string acronym;
  ASSERT_TRUE(
      SplitTrailingAcronym("National University of Defense Technology (NUDT)", &name, &acronym));
  EXPECT_EQ(name, "National University of Defense Technology");
  EXPECT_EQ(acronym, "NUDT");
  EXPECT_FALSE(SplitTrailingAcronym("Huawei Technologies (UK)", &name, &acronym));
  EXPECT_FALSE(SplitTrailingAcronym("China Group (LIMITED)", &name, &acronym));
  EXPECT_FALSE(SplitTrailingAcronym("Plain Name", &name, &acronym));
}

}  // namespace
}  // namespace trustscreen::lists

namespace trustscreen::lists {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// "spelling/spelling:case" per word.
std::vector<std::string> WordsOf(std::string_view name) {
  std::vector<std::string> out;
  for (const NameWord& word : IndexWords(name)) {
    std::string line;
    for (const std::string& spelling : word.spellings) line += (line.empty() ? "" : "/") + spelling;
    if (word.letter_case == NameWord::Case::kUpper) line += ":upper";
    if (word.letter_case == NameWord::Case::kCapitalized) line += ":capitalized";
    out.push_back(line);
  }
  return out;
}

TEST(IndexWords, ListsEveryWordAMatchMustContainWithItsSpellings) {
  EXPECT_THAT(WordsOf("Harbin Inst. of Tech."),
              ElementsAre("harbin", "institute/inst", "of", "technology/tech"));
  EXPECT_THAT(
      WordsOf("National University of Defence Technology"),
      ElementsAre("national/natl", "university/univ", "of", "defense/defence", "technology/tech"));
}

TEST(IndexWords, LeavesOutWordsAMatchMaySpellOtherwise) {
  // "and" may be "&"; an apostrophe is optional; a non-ASCII letter folds beyond ASCII.
  EXPECT_THAT(WordsOf("Xi'an Research & Design"), ElementsAre("research", "design"));
  EXPECT_THAT(WordsOf("Škoda Works and Sons"), ElementsAre("works", "sons"));
  EXPECT_THAT(WordsOf("北京航空航天大学"), IsEmpty());
  EXPECT_THAT(WordsOf("hit.edu.cn"), IsEmpty());
}

TEST(IndexWords, KeepsTheLetterCaseOfAcronymsAndSingleWords) {
  EXPECT_THAT(WordsOf("HIT"), ElementsAre("hit:upper"));
  EXPECT_THAT(WordsOf("Hikvision"), ElementsAre("hikvision:capitalized"));
}

TEST(MaxAlnumRuns, BoundsTheRunsOfLettersAndDigitsInAnyMatch) {
  EXPECT_EQ(MaxAlnumRuns("Harbin Institute of Technology"), 4);
  EXPECT_EQ(MaxAlnumRuns("Xi'an Research"), 3);  // "Xi'an" may be two runs
  EXPECT_EQ(MaxAlnumRuns("HIT"), 1);
  EXPECT_EQ(MaxAlnumRuns("hit.edu.cn"), 0);
  EXPECT_TRUE(Matches("Xi'an Research", "XI'AN  RESEARCH"));  // three runs: XI, AN, RESEARCH
}

}  // namespace
}  // namespace trustscreen::lists

namespace trustscreen::lists {
namespace {

TEST(IsGenericName, OnlyNamesOfGenericInstitutionalWords) {
  EXPECT_TRUE(IsGenericName("Ministry of Defence"));
  EXPECT_TRUE(IsGenericName("National Defense Complex"));
  EXPECT_TRUE(IsGenericName("Ministry of Home Affairs"));
  EXPECT_FALSE(IsGenericName("National Institute of Lasers"));
  EXPECT_FALSE(IsGenericName("Harbin Institute of Technology"));
  EXPECT_FALSE(IsGenericName("Ministry"));  // one word: a filler, not a name
}

TEST(CountryNames, NamesAndAdjectivesOfListedCountries) {
  EXPECT_THAT(CountryNames("MM"), ElementsAre("burma", "myanmar", "burmese"));
  EXPECT_THAT(CountryNames("PK|XX"), ElementsAre("pakistan", "pakistani"));
  EXPECT_THAT(CountryNames(""), IsEmpty());
}

}  // namespace
}  // namespace trustscreen::lists

namespace trustscreen::lists {
namespace {

TEST(IsGenericName, BusinessWordsAndSingleLettersAreGenericToo) {
  EXPECT_TRUE(IsGenericName("Technical Services"));
  EXPECT_TRUE(IsGenericName("Group A"));
  EXPECT_TRUE(IsGenericName("New Technology"));
  EXPECT_FALSE(IsGenericName("Alpha Group"));
}

TEST(IsEnglishWordAcronym, CommonWordsInCapitalsButNotInstitutionAcronyms) {
  EXPECT_TRUE(IsEnglishWordAcronym("ITS"));
  EXPECT_TRUE(IsEnglishWordAcronym("ALL"));
  EXPECT_FALSE(IsEnglishWordAcronym("HIT"));
  EXPECT_FALSE(IsEnglishWordAcronym("NUDT"));
}

TEST(NamePatternLegalForms, DistinctiveNameIsFoundWithAnyLegalFormOrNone) {
  // US Entity List and OFSI names.
  for (const char* text :
       {"Sberbank of Russia", "PJSC Sberbank of Russia", "SBERBANK OF RUSSIA PJSC",
        "Public Joint Stock Company Sberbank of Russia", "Sberbank of Russia, OAO",
        "ПАО «Sberbank of Russia»"}) {
    EXPECT_TRUE(Finds("Sberbank of Russia PJSC", text)) << text;
  }
  EXPECT_TRUE(Finds("Rosoboronexport OAO", "Rosoboronexport JSC"));
  EXPECT_TRUE(Finds("Rosoboronexport OAO", "JSC Rosoboronexport"));
  EXPECT_TRUE(Finds("Chengdu Xiwu Security System Alliance Co., Ltd.",
                    "Chengdu Xiwu Security System Alliance Limited"));
  EXPECT_TRUE(Finds("Chengdu Xiwu Security System Alliance Co., Ltd.",
                    "Chengdu Xiwu Security System Alliance GmbH"));
  EXPECT_TRUE(Finds("Kompaniya Gaz-Alyans, OOO", "ООО Kompaniya Gaz-Alyans"));
  EXPECT_TRUE(Finds("ООО «Сименс»", "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ СИМЕНС"));
  // CJK text has no word boundaries.
  EXPECT_TRUE(RE2::PartialMatch("合同方：北京中科嘉宇科技股份有限公司。",
                                RE2(NamePattern("北京中科嘉宇科技有限公司"))));
  EXPECT_EQ(NamePattern("140 Repair Plant JSC"),
            NamePattern("Open Joint Stock Company 140 Repair Plant"));
}

TEST(NamePatternLegalForms, GenericNameKeepsItsLegalFormOrItsVariants) {
  EXPECT_FALSE(Finds("Technical Services Ltd", "Technical Services"));
  EXPECT_FALSE(Finds("Technical Services Ltd", "Technical Services LLC"));
  EXPECT_TRUE(Finds("Technical Services Ltd", "Technical Services Limited"));
  EXPECT_TRUE(Finds("Technical Services Ltd", "TECHNICAL SERVICES LTD."));
  // One word that is an English word or too short to identify anyone.
  EXPECT_FALSE(Finds("Alliance LLC", "Alliance"));
  EXPECT_TRUE(Finds("Alliance LLC", "Alliance Limited Liability Company"));
  EXPECT_FALSE(Finds("Apex JSC", "Apex"));
}

TEST(NamePatternLegalForms, NearMissesDoNotMatch) {
  EXPECT_FALSE(Finds("Sberbank of Russia PJSC", "Sberbankir of Russia"));
  EXPECT_FALSE(Finds("Rosoboronexport OAO", "Rosoboronexporter"));
  EXPECT_FALSE(Finds("Sberbank of Russia PJSC", "Sberbank of Russian"));
}

TEST(NamePatternLegalForms, IndexWordsAndRunsCoverOnlyWhatTheNameRequires) {
  // Legal-form words are never index words: the text may hold another form or none.
  for (const NameWord& word : IndexWords("Sberbank of Russia PJSC")) {
    EXPECT_NE(word.spellings.front(), "pjsc");
  }
  EXPECT_EQ(IndexWords("Technical Services Ltd").size(), 2U);
  EXPECT_EQ(MaxAlnumRuns("Sberbank of Russia PJSC"), 3);
  // "Technical Services" and the longest Latin form of Ltd's descriptors.
  EXPECT_GE(MaxAlnumRuns("Technical Services Ltd"), 5);
}

TEST(NamePatternSeparators, NameSplitAcrossLinesCellsQuotesAndEmailQuoting) {
  const std::string name = "Harbin Institute of Technology";
  EXPECT_TRUE(Finds(name, "HARBIN INSTITUTE OF\nTECHNOLOGY"));
  EXPECT_TRUE(Finds(name, "Harbin Institute\n> of Technology"));
  EXPECT_TRUE(Finds(name, "Harbin Institute\n>> of Technology"));
  EXPECT_TRUE(Finds(name, "Harbin Institute > of Technology"));  // as normalised text reads it
  EXPECT_TRUE(Finds(name, "| Harbin Institute | of Technology |"));
  EXPECT_TRUE(Finds(name, "Harbin\tInstitute of\tTechnology"));
  EXPECT_TRUE(Finds("ПАО «Сбербанк России»", "ПАО «СБЕРБАНК РОССИИ»"));
  EXPECT_TRUE(Finds("ПАО «Сбербанк России»", "Сбербанк России"));
  EXPECT_EQ(NormalizeName("ПАО «Сбербанк России»"), "ПАО Сбербанк России");
}

}  // namespace
}  // namespace trustscreen::lists
