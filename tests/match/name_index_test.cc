// The entity-name word index (rules::NameIndex, match/name_search.h) must find exactly what the
// plain RE2::Set path finds: both rule sets are compiled from the shipped rules (one with
// CompileOptions::index_names and index_leads off) and matched over the CUAD contracts, the grant
// proposals' texts and hand-made texts with the spellings the name patterns accept.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "match_test_util.h"
#include "trustscreen/match/matcher.h"
#include "trustscreen/rules/compiled_rules_internal.h"

namespace trustscreen::match {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const rules::CompiledRuleSet& RulesWithoutIndex() {
  static const rules::CompiledRuleSet* const kRules = [] {
    rules::CompileOptions options;
    options.index_names = false;
    options.index_leads = false;
    options.set_max_mem = std::int64_t{512} << 20;  // all ~5,200 names in one RE2::Set
    return testing::LoadShippedRules(options);
  }();
  return *kRules;
}

void ExpectSameFindings(const std::string& text, const std::string& what) {
  const std::vector<std::string> indexed =
      testing::Describe(testing::Match(testing::ShippedRules(), text));
  const std::vector<std::string> reference =
      testing::Describe(testing::Match(RulesWithoutIndex(), text));
  EXPECT_EQ(indexed, reference) << what;
}

TEST(NameIndex, FindsWhatTheRe2SetFindsOnTheCorpusTexts) {
  const std::vector<fs::path> files = testing::CorpusTexts();
  if (files.empty()) GTEST_SKIP() << "corpus not found at " << TRUSTSCREEN_CORPUS_DIR;
  int with_entity_findings = 0;
  for (const fs::path& file : files) {
    const std::string text = testing::ReadFile(file);
    ExpectSameFindings(text, file.string());
    for (const Finding& finding : testing::Match(testing::ShippedRules(), text)) {
      if (finding.entity) {
        ++with_entity_findings;
        break;
      }
    }
  }
  // The comparison must not be vacuous: some corpus texts name listed organisations.
  EXPECT_GT(with_entity_findings, 0);
}

TEST(NameIndex, FindsWhatTheRe2SetFindsInEverySpellingOfAName) {
  const std::vector<std::string> texts = {
      "Partner: Harbin Institute of Technology, Harbin, China.",
      "HARBIN INSTITUTE OF TECHNOLOGY (HIT) signs below.",
      "Harbin Insti-\ntute of Technology and Beihang\nUniversity",
      "Harbin  Inst.  of  Tech. and Beijing Univ. of Aeronautics and Astronautics",
      "National Univ. of Defence Technology; National University of Defense Technology (NUDT)",
      "xHarbin Institute of Technology and Harbin Institute of Technologyx are not names.",
      "Tianjin University of Technology is not Tianjin University.",
      "HIT counts only with a University nearby; hit and Hit do not.",
      "哈尔滨工业大学 and 北京航空航天大学 with hit.edu.cn addresses",
      "Hikvision cameras, HIKVISION and hikvision: only two count, with Co. Ltd context.",
      "Harbin Institute of Technology",
      "Technology",
      "",
      // Names of common words, filed under one and searched only where the others are near.
      "Contract with United Engineering, All Industrial International and Action Global Co.",
      "UNITED ENGINEERING; all industrial intl.; Action-Global; Source Com; source.com",
      "United Kingdom law governs the engineering work; all the industrial and international "
      "parties act; source code, com ports; action taken under global terms.",
      "United\nEngineering and All\n\nIndustrial International",
  };
  for (const std::string& text : texts) ExpectSameFindings(text, text);
}

TEST(NameIndex, KeepsEntityNamesOutOfTheRe2Set) {
  const rules::CompiledRuleSet::Impl& impl = testing::ShippedRules().impl();
  int names = 0;
  int indexed = 0;
  int other_script = 0;
  for (const rules::CompiledPattern& pattern : impl.patterns) {
    if (pattern.entry_index < 0) continue;
    // Spellings in another script have no index words: they wait in a set of their own.
    if (pattern.origin == rules::PatternOrigin::kOtherScript) {
      ++other_script;
      continue;
    }
    ++names;
    if (pattern.anchor_word >= 0) ++indexed;
  }
  ASSERT_GT(names, 1000);
  // Only CJK names and domains stay in the set.
  EXPECT_GT(indexed, names * 9 / 10);
  EXPECT_LT(impl.prefilter.pattern_ids.size(), static_cast<std::size_t>(names - indexed + 1));
  EXPECT_GT(other_script, 0);
  EXPECT_LE(impl.script_prefilter.pattern_ids.size(), static_cast<std::size_t>(other_script));
}

TEST(NameIndex, SearchesOnlyWhereTheNamesWordsOccur) {
  const std::vector<Finding> found = testing::Match(
      testing::ShippedRules(),
      "We collaborate with Harbin Institute of Technology.\n\nNothing else here mentions it.");
  std::vector<std::string> entries;
  for (const Finding& finding : found) {
    if (finding.entity) entries.push_back(finding.entity->listed_name);
  }
  EXPECT_THAT(entries, ElementsAre(::testing::HasSubstr("Harbin Institute of Technology")));
  EXPECT_THAT(
      testing::Describe(testing::Match(testing::ShippedRules(), "technology institute harbin")),
      IsEmpty());
}

}  // namespace
}  // namespace trustscreen::match
