// Names in other scripts are searched only inside the text's runs free of ASCII letters and
// digits (CompileOptions::index_scripts): which patterns qualify, and that the shipped rules find
// exactly what they find with each such name searched over the whole text, on real list data and
// on every non-Latin name of the shipped lists written the ways documents write them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "compiled_rules_internal.h"
#include "corpus.h"
#include "match_leads.h"
#include "match_test_util.h"
#include "trustscreen/lists/entity_list.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::match {
namespace {

namespace fs = std::filesystem;
using rules::internal::MatchesOutsideAsciiWords;

const rules::CompiledRuleSet& RulesSearchingScriptsEverywhere() {
  static const rules::CompiledRuleSet* const kRules = [] {
    rules::CompileOptions options;
    options.index_scripts = false;
    return testing::LoadShippedRules(options);
  }();
  return *kRules;
}

// The findings only one of the two rule sets gives, named (the whole lists would be long).
void ExpectSameFindings(const std::string& text, const std::string& what) {
  const std::vector<std::string> runs =
      testing::Describe(testing::Match(testing::ShippedRules(), text));
  const std::vector<std::string> everywhere =
      testing::Describe(testing::Match(RulesSearchingScriptsEverywhere(), text));
  std::string differences;
  for (const auto& [from, other, label] : {std::tuple(&runs, &everywhere, "only in runs: "),
                                           std::tuple(&everywhere, &runs, "only everywhere: ")}) {
    for (const std::string& line : *from) {
      if (std::find(other->begin(), other->end(), line) == other->end()) {
        differences += label + line + "\n";
      }
    }
  }
  EXPECT_EQ(runs.size(), everywhere.size()) << what;
  EXPECT_EQ(differences, "") << what;
}

bool HasAsciiAlnum(std::string_view text) {
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  }
  return false;
}

bool IsAscii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

TEST(MatchesOutsideAsciiWords, HoldsForNamesWrittenWithoutLatinLettersOrDigits) {
  for (const char* name : {"Сбербанк", "Альфа Банк", "«Ростех»", "Центр Судоремонта «Звездочка»",
                           "بنك ملي ايران", "中国电子科技集团", "ООО Рога-и-Копыта"}) {
    EXPECT_TRUE(MatchesOutsideAsciiWords(lists::NamePattern(name)))
        << name << ": " << lists::NamePattern(name);
  }
}

TEST(MatchesOutsideAsciiWords, FailsForAnythingThatCanMatchAnAsciiLetterOrDigit) {
  for (const char* name : {"Sberbank", "Оoo Русхим", "Завод 9", "Alfa Банк"}) {
    EXPECT_FALSE(MatchesOutsideAsciiWords(lists::NamePattern(name))) << name;
  }
  for (const char* pattern : {"банк\\d", "банк\\w+", "банк.", "банк[^а]", "банк[+-=]", "банк\\x41",
                              "(?P<x>банк)", "банк{2}", "ſбанк",
                              "\xE2\x84\xAA"
                              "банк",
                              "[\\s\\-]+", "", "банк\\"}) {
    EXPECT_FALSE(MatchesOutsideAsciiWords(pattern)) << pattern;
  }
  EXPECT_TRUE(MatchesOutsideAsciiWords("(?i:банк[\\s\\-.,()]+\\bлизинг)"));
}

// Real list exports with names in Arabic, Chinese and Cyrillic beside their Latin spellings, and
// names of other people and companies in many scripts (a matcher's negatives).
TEST(ScriptRuns, FindWhatTheWholeTextSearchFindsInRealListsInManyScripts) {
  const fs::path lists = fs::path(TRUSTSCREEN_CORPUS_DIR) / "lists";
  if (!fs::exists(lists)) TRUSTSCREEN_CORPUS_MISSING("no " << lists);
  std::size_t non_latin = 0;
  for (const fs::path& file : {lists / "un" / "UN_consolidated.xml",
                               lists / "aspi_unitracker" / "china-defence-universities.json",
                               lists / "name_tests" / "yente_validation_negatives_global.csv"}) {
    const std::string text = testing::ReadFile(file);
    ExpectSameFindings(text, file.string());
    for (const Finding& finding : testing::Match(testing::ShippedRules(), text)) {
      non_latin += finding.entity && !IsAscii(finding.matched_text);
    }
  }
  EXPECT_GT(non_latin, 20u);  // not vacuous: names in other scripts were found
}

// Every name and alias of the shipped lists without ASCII letters or digits, in sentences that put
// Latin words, digits, quotes, line breaks and affiliate words right against it.
TEST(ScriptRuns, FindWhatTheWholeTextSearchFindsForEveryNonLatinNameOfTheShippedLists) {
  std::vector<std::string> names;
  for (const rules::Rule& rule : testing::ShippedRules().rules()) {
    if (rule.entities == nullptr) continue;
    for (const lists::EntityEntry& entry : rule.entities->entries) {
      std::vector<std::string> all = entry.aliases;
      all.push_back(entry.name);
      for (const std::string& name : all) {
        if (!HasAsciiAlnum(name) && !IsAscii(name)) {
          names.push_back(name);
        }
      }
    }
  }
  ASSERT_GT(names.size(), 100u);
  std::size_t found = 0;
  for (std::size_t first = 0; first < names.size(); first += 150) {
    std::string text;
    for (std::size_t i = first; i < std::min(names.size(), first + 150); ++i) {
      const std::string& name = names[i];
      std::string broken = name;
      for (char& c : broken) c = c == ' ' ? '\n' : c;
      text += "Agreement with " + name + ", of Moscow. Payment via «" + name + "» Leasing LLC (" +
              name + " Capital Group Ltd). Ref" + name + "42; " + broken + "\n\n" + name +
              "-Holding and " + name + "\tКомпания.\n";
    }
    ExpectSameFindings(text, "names " + std::to_string(first) + "..");
    found += testing::Match(testing::ShippedRules(), text).size();
  }
  EXPECT_GT(found, names.size());  // not vacuous
}

}  // namespace
}  // namespace trustscreen::match
