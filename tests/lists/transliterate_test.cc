#include "trustscreen/lists/transliterate.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corpus.h"

namespace trustscreen::lists {
namespace {

// True if `pattern` matches within `text` bounded by non-letters (the matcher's whole-word check).
bool Finds(const std::string& pattern, const std::string& text) {
  RE2::Options options;
  options.set_case_sensitive(false);
  const RE2 regex(R"((?:^|[^\pL\pN])(?:)" + pattern + R"()(?:$|[^\pL\pN]))", options);
  EXPECT_TRUE(regex.ok()) << pattern << ": " << regex.error();
  return RE2::PartialMatch(text, regex);
}

TEST(CyrillicToLatinPattern, FindsTheUsualRomanisations) {
  // OFSI "Name Non-Latin Script" names and their listed Latin spellings.
  const std::string sberbank = CyrillicToLatinPattern("Сбербанк России");
  EXPECT_TRUE(Finds(sberbank, "Sberbank Rossii"));
  EXPECT_TRUE(Finds(sberbank, "SBERBANK ROSSII"));
  EXPECT_FALSE(Finds(sberbank, "Sberbankir Rossii"));
  EXPECT_TRUE(Finds(CyrillicToLatinPattern("Рособоронэкспорт"), "Rosoboronexport"));
  EXPECT_TRUE(Finds(CyrillicToLatinPattern("Ильюшин"), "Ilyushin"));
  EXPECT_TRUE(Finds(CyrillicToLatinPattern("Ильюшин"), "Il'yushin"));
  const std::string shchukin = CyrillicToLatinPattern("Алексей Щукин");
  for (const char* text :
       {"Aleksey Shchukin", "Alexei Schukin", "Aleksej Shhukin", "Aleksei Shchukin"}) {
    EXPECT_TRUE(Finds(shchukin, text)) << text;
  }
  EXPECT_TRUE(Finds(CyrillicToLatinPattern("Цзинь Хуа"), "Tszin Khua"));
  EXPECT_TRUE(Finds(CyrillicToLatinPattern("Роснефть"), "Rosneft"));
  EXPECT_TRUE(Finds(CyrillicToLatinPattern("Объединённая авиастроительная корпорация"),
                    "Obyedinyonnaya Aviastroitelnaya Korporatsiya"));
}

TEST(LatinToCyrillicPattern, FindsRomanisedNamesInCyrillicText) {
  EXPECT_TRUE(Finds(LatinToCyrillicPattern("Sberbank"), "ПАО «СБЕРБАНК»"));
  EXPECT_TRUE(Finds(LatinToCyrillicPattern("Rostec"), "Госкорпорация Ростех"));
  EXPECT_TRUE(Finds(LatinToCyrillicPattern("Almaz-Antey"), "Концерн ВКО «Алмаз-Антей»"));
  EXPECT_TRUE(Finds(LatinToCyrillicPattern("Rosneft"), "ПАО «НК «Роснефть»"));
  EXPECT_TRUE(Finds(LatinToCyrillicPattern("Rosoboronexport"), "АО «Рособоронэкспорт»"));
  EXPECT_TRUE(Finds(LatinToCyrillicPattern("Kalashnikov"), "Концерн «КАЛАШНИКОВ»"));
}

TEST(LatinToCyrillicPattern, NearMissesDoNotMatch) {
  EXPECT_FALSE(Finds(LatinToCyrillicPattern("Sberbank"), "Сбербанкир"));
  EXPECT_FALSE(Finds(LatinToCyrillicPattern("Rostec"), "Ростелеком"));
}

TEST(NameVariants, OtherScriptOnlyWhereTheEntryWritesIt) {
  EXPECT_EQ(NameVariants("Sberbank of Russia PJSC", "RU").size(), 1U);
  EXPECT_TRUE(Finds(NameVariants("Sberbank of Russia PJSC", "RU").front(), "Сбербанк оф Руссия"))
      << "a literal transliteration of every word";
  EXPECT_TRUE(NameVariants("Huawei Technologies Co., Ltd.", "CN").empty());
  EXPECT_EQ(NameVariants("ООО «Сименс»", "").size(), 1U);
  EXPECT_TRUE(Finds(NameVariants("ООО «Сименс»", "").front(), "Simens OOO"));
  EXPECT_TRUE(NameVariants("ZALA", "RU").empty());  // an acronym
  EXPECT_TRUE(IsCyrillicScriptCountry("CN|RU"));
  EXPECT_FALSE(IsCyrillicScriptCountry("CN"));
}

// Real organisations and people with Latin and Cyrillic names (OpenSanctions yente fixtures, MIT):
// how many entities' Cyrillic names find one of their Latin names, and the reverse.
TEST(NameVariants, YenteLatinCyrillicPairsMostlyMatch) {
  const std::filesystem::path dir =
      std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "lists/name_tests";
  int entities = 0;
  int cyrillic_found = 0;
  int latin_found = 0;
  for (const char* file : {"yente_t1_entities.ftm.json", "yente_zala_entities.ftm.json"}) {
    std::ifstream in(dir / file);
    if (!in) TRUSTSCREEN_CORPUS_MISSING("no corpus at " << dir / file);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      const nlohmann::json entity = nlohmann::json::parse(line);
      std::vector<std::string> cyrillic;
      std::vector<std::string> latin;
      const nlohmann::json& properties = entity["properties"];
      for (const char* key : {"name", "alias"}) {
        if (!properties.contains(key)) continue;
        for (const std::string name : properties[key]) {
          const bool ascii = std::all_of(name.begin(), name.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x80;
          });
          if (HasCyrillic(name)) cyrillic.push_back(name);
          if (ascii) latin.push_back(name);
        }
      }
      if (cyrillic.empty() || latin.empty()) continue;
      ++entities;
      auto any_finds = [](const std::vector<std::string>& patterns,
                          const std::vector<std::string>& texts) {
        for (const std::string& pattern : patterns) {
          for (const std::string& text : texts) {
            if (!pattern.empty() && Finds(pattern, text)) return true;
          }
        }
        return false;
      };
      std::vector<std::string> to_latin;
      std::vector<std::string> to_cyrillic;
      for (const std::string& name : cyrillic) {
        for (std::string& pattern : NameVariants(name, "RU")) to_latin.push_back(pattern);
      }
      for (const std::string& name : latin) {
        for (std::string& pattern : NameVariants(name, "RU")) to_cyrillic.push_back(pattern);
      }
      const bool found_latin = any_finds(to_latin, latin);
      const bool found_cyrillic = any_finds(to_cyrillic, cyrillic);
      cyrillic_found += found_latin ? 1 : 0;
      latin_found += found_cyrillic ? 1 : 0;
      if (!found_latin || !found_cyrillic) {
        std::cout << "not both ways: " << cyrillic.front() << " / " << latin.front() << "\n";
      }
    }
  }
  std::cout << entities << " entities with Latin and Cyrillic names; Cyrillic -> Latin "
            << cyrillic_found << ", Latin -> Cyrillic " << latin_found << "\n";
  ASSERT_GT(entities, 10);
  EXPECT_GE(cyrillic_found * 10, entities * 8);
  EXPECT_GE(latin_found * 10, entities * 8);
}

TEST(RomanizeCyrillic, SpellsCyrillicByBgnPcgnKeepingCaseAndOffsets) {
  std::vector<std::size_t> sources;
  std::vector<bool> romanised;
  const std::string text = "ПАО «СБЕРБАНК» и Щукин, Москва";
  const std::string roman = RomanizeCyrillic(text, &sources, &romanised);
  EXPECT_EQ(roman, "PAO «SBERBANK» i Shchukin, Moskva");
  ASSERT_EQ(sources.size(), roman.size());
  ASSERT_EQ(romanised.size(), roman.size());
  // "Shch" comes from the two bytes of "Щ" at the start of "Щукин".
  const std::size_t shch = roman.find("Shch");
  EXPECT_EQ(sources[shch], text.find("Щукин"));
  EXPECT_EQ(sources[shch + 3], text.find("Щукин"));
  EXPECT_TRUE(romanised[shch]);
  EXPECT_FALSE(romanised[roman.find("«")]);
  EXPECT_EQ(RomanizeCyrillic("Latin only, 100%"), "Latin only, 100%");
  EXPECT_EQ(RomanizeCyrillic("Роснефть, Газпром, Ёж, объект"), "Rosneft, Gazprom, Ezh, obekt");
}

}  // namespace
}  // namespace trustscreen::lists
