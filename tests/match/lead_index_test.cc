// The lead index (rules/lead_index.h) must find exactly what the plain RE2::Set
// path finds: the shipped rules compiled twice (once with CompileOptions::index_leads off) and
// matched over the corpus texts and over every rule example in several spellings (capitals,
// small letters, words broken over lines and pages), where each pattern's leads are exercised.
#include "lead_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "compiled_rules_internal.h"
#include "corpus.h"
#include "match_test_util.h"
#include "trustscreen/match/matcher.h"

namespace trustscreen::match {
namespace {

namespace fs = std::filesystem;

const rules::CompiledRuleSet& RulesWithoutLeads() {
  static const rules::CompiledRuleSet* const kRules = [] {
    rules::CompileOptions options;
    options.index_leads = false;
    return testing::LoadShippedRules(options);
  }();
  return *kRules;
}

void ExpectSameFindings(const std::string& text, const std::string& what) {
  EXPECT_EQ(testing::Describe(testing::Match(testing::ShippedRules(), text)),
            testing::Describe(testing::Match(RulesWithoutLeads(), text)))
      << what;
}

std::string Transformed(std::string text, int (*change)(int)) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [&](char c) { return static_cast<char>(change(static_cast<unsigned char>(c))); });
  return text;
}

std::string Replaced(std::string text, char from, std::string_view to) {
  std::string out;
  for (char c : text) {
    if (c == from) {
      out.append(to);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

TEST(LeadIndex, FindsWhatTheRe2SetFindsOnTheCorpusTexts) {
  const std::vector<fs::path> files = testing::CorpusTexts();
  if (files.empty()) TRUSTSCREEN_CORPUS_MISSING("corpus not found at " << TRUSTSCREEN_CORPUS_DIR);
  std::size_t findings = 0;
  for (const fs::path& file : files) {
    const std::string text = testing::ReadFile(file);
    ExpectSameFindings(text, file.string());
    findings += testing::Match(testing::ShippedRules(), text).size();
  }
  EXPECT_GT(findings, 100u);  // not vacuous
}

TEST(LeadIndex, FindsWhatTheRe2SetFindsInEveryRuleExampleSpelledSeveralWays) {
  int examples = 0;
  for (const rules::Rule& rule : testing::ShippedRules().rules()) {
    std::vector<std::string> texts = rule.examples_match;
    texts.insert(texts.end(), rule.examples_no_match.begin(), rule.examples_no_match.end());
    for (const std::string& example : texts) {
      ++examples;
      const std::string what = rule.id + ": " + example;
      ExpectSameFindings(example, what);
      ExpectSameFindings(Transformed(example, ::toupper), what + " (upper case)");
      ExpectSameFindings(Transformed(example, ::tolower), what + " (lower case)");
      ExpectSameFindings(Replaced(example, ' ', "\n  "), what + " (line breaks)");
      ExpectSameFindings(Replaced(example, ' ', "\f"), what + " (page breaks)");
      ExpectSameFindings("x" + example + "x", what + " (inside a word)");
      ExpectSameFindings(example + " " + example, what + " (twice)");
    }
  }
  EXPECT_GT(examples, 300);
}

TEST(LeadIndex, KeepsMostPatternRulesOutOfTheRe2Set) {
  const rules::CompiledRuleSet::Impl& impl = testing::ShippedRules().impl();
  int patterns = 0;
  int in_set = 0;
  for (int id : impl.prefilter.pattern_ids) {
    if (impl.patterns[static_cast<std::size_t>(id)].entry_index < 0) ++in_set;
  }
  for (const rules::CompiledPattern& pattern : impl.patterns) {
    if (pattern.entry_index < 0) ++patterns;
  }
  ASSERT_GT(patterns, 300);
  EXPECT_LT(in_set, patterns / 20);
  EXPECT_GT(impl.leads->leads().size(), static_cast<std::size_t>(patterns));
}

TEST(LeadIndex, FindsEveryOccurrenceWithItsOwnSpelling) {
  const std::vector<Finding> found = testing::Match(
      testing::ShippedRules(),
      "Deemed EXPORT LICENCE needed; a re-export licence and an export\nlicense too.");
  std::vector<std::string> matched;
  for (const Finding& finding : found) matched.push_back(finding.matched_text);
  EXPECT_THAT(matched,
              ::testing::IsSupersetOf({"EXPORT LICENCE", "re-export licence", "export\nlicense"}));
}

}  // namespace
}  // namespace trustscreen::match
