// The entity-name word index (rules/name_index.h) must find exactly what the
// plain RE2::Set path finds: both rule sets are compiled from the shipped rules (one with
// CompileOptions::index_names and index_leads off) and matched over the CUAD contracts, the grant
// proposals' texts and hand-made texts with the spellings the name patterns accept.
#include "name_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiled_rules_internal.h"
#include "corpus.h"
#include "match_test_util.h"
#include "trustscreen/match/matcher.h"

namespace trustscreen::match {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// With every shipped list (~37,000 names and affiliate patterns) the reference RE2::Set does not
// compile, so the comparison runs over the shipped rule files in groups: the pattern rules with the
// US export lists, then each large list alone. us-sanctions.yaml (~22,000 patterns) and
// uk-un-sanctions.yaml (~7,000, with the Latin spellings of Cyrillic names) exceed what one
// RE2::Set compiles even in 2 GiB; their names go through the same index code as these.
const std::vector<std::string> kLargeLists = {"defence-universities.yaml",
                                              "us-restricted-party-lists.yaml"};
const std::vector<std::string> kTooLargeForTheReference = {"us-sanctions.yaml",
                                                           "uk-un-sanctions.yaml"};

// Group 0: every rule file but the large lists; group i > 0: kLargeLists[i - 1].
std::vector<fs::path> RuleFiles(std::size_t group) {
  const fs::path root = fs::path(TRUSTSCREEN_SOURCE_DIR) / "rules";
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".yaml") continue;
    if (std::find(kTooLargeForTheReference.begin(), kTooLargeForTheReference.end(),
                  entry.path().filename().string()) != kTooLargeForTheReference.end()) {
      continue;
    }
    const auto large =
        std::find(kLargeLists.begin(), kLargeLists.end(), entry.path().filename().string());
    const std::size_t in_group =
        large == kLargeLists.end() ? 0 : static_cast<std::size_t>(large - kLargeLists.begin()) + 1;
    if (in_group == group) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const rules::CompiledRuleSet& Rules(std::size_t group, bool indexed) {
  static std::vector<std::array<const rules::CompiledRuleSet*, 2>> sets(kLargeLists.size() + 1);
  const rules::CompiledRuleSet*& rules = sets[group][indexed ? 1 : 0];
  if (rules == nullptr) {
    rules::CompileOptions options;
    options.index_names = indexed;
    options.index_leads = indexed;
    if (!indexed) options.set_max_mem = std::int64_t{2} << 30;  // every name in one RE2::Set
    rules = testing::LoadShippedRules(options, RuleFiles(group));
  }
  return *rules;
}

void ExpectSameFindings(const std::string& text, const std::string& what) {
  for (std::size_t group = 0; group <= kLargeLists.size(); ++group) {
    const std::vector<std::string> indexed =
        testing::Describe(testing::Match(Rules(group, true), text));
    const std::vector<std::string> reference =
        testing::Describe(testing::Match(Rules(group, false), text));
    EXPECT_EQ(indexed, reference) << what
                                  << (group == 0 ? "" : " (" + kLargeLists[group - 1] + ")");
  }
}

TEST(NameIndex, FindsWhatTheRe2SetFindsOnTheCorpusTexts) {
  const std::vector<fs::path> files = testing::CorpusTexts();
  if (files.empty()) TRUSTSCREEN_CORPUS_MISSING("corpus not found at " << TRUSTSCREEN_CORPUS_DIR);
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
  for (std::size_t id = 0; id < impl.patterns.size(); ++id) {
    const rules::CompiledPattern& pattern = impl.patterns[id];
    if (pattern.entry_index < 0) continue;
    // Spellings in another script have no index words: they wait in a set of their own.
    if (pattern.origin == rules::PatternOrigin::kOtherScript) {
      ++other_script;
      continue;
    }
    ++names;
    if (impl.names->Contains(static_cast<int>(id))) ++indexed;
  }
  ASSERT_GT(names, 1000);
  // Only CJK names and domains stay in the set.
  EXPECT_GT(indexed, names * 9 / 10);
  EXPECT_LT(impl.prefilter.pattern_ids.size(), static_cast<std::size_t>(names - indexed + 1));
  EXPECT_GT(other_script, 0);
  // Names in other scripts (listed in Cyrillic or Arabic, or spelled so) wait in their own set.
  EXPECT_GT(impl.script_prefilter.pattern_ids.size(), 0u);
  for (const int id : impl.script_prefilter.pattern_ids) {
    EXPECT_GE(impl.patterns[static_cast<std::size_t>(id)].entry_index, 0);
  }
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
