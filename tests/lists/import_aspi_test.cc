// The ASPI China Defence Universities Tracker importer (import_aspi.cc) on the real MISP galaxy
// file and on small documents made in memory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "trustscreen/lists/entity_list.h"
#include "trustscreen/lists/import.h"

namespace trustscreen::lists {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::filesystem::path kAspiFile = std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) /
                                        "lists/aspi_unitracker/china-defence-universities.json";

constexpr char kHit[] = "7e1827c7-cc6b-4b73-a557-8bd2b9a7f65d";
constexpr char kCaep[] = "5615fe86-7305-4115-abc0-4e66c30e436b";
constexpr char kNudt[] = "77afede7-a852-4e25-882f-8caf83f066e1";

ImportOptions Aspi() {
  ImportOptions options;
  options.format = "aspi";
  options.published = "2020-08-22";  // the galaxy file's last change; it states no date itself
  return options;
}

Result<ImportedList> ImportFile(ImportStats* stats = nullptr) {
  Result<ImportInput> input = ReadImportInput(kAspiFile);
  if (!input.ok()) return input.status();
  return ImportList({*input}, Aspi(), stats);
}

Result<ImportedList> ImportText(const std::string& json, ImportOptions options = Aspi()) {
  return ImportList({MakeImportInput("aspi.json", json)}, options);
}

const EntityEntry* Find(const std::vector<EntityEntry>& entries, const std::string& id) {
  for (const EntityEntry& entry : entries) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

bool IsUnit(const EntityEntry& entry) { return entry.id.find('/') != std::string::npos; }

// Figures counted independently with Python (json) on china-defence-universities.json:
//   len(values) = 159; categories Civilian 80, Military 52, Defence industry conglomerate 12,
//   Security 8, Seven sons of national defence 7 (one category each);
//   the institutions' aliases: the Chinese part of "value" plus meta.aliases, a trailing
//   "(ACRONYM)" split off, deduplicated per institution on a simple key (lower case, apostrophes
//   removed, runs of word characters; fillers and keys under three bytes dropped) = 597.
//   NormalizeName also folds "&" = "and", "Corp" = "Corporation" and "High-Tech" = "High
//   Technology", which drops "China Aerospace Science & Industry Corp" (CASIC's own name) and
//   "Xi'an Research Institute of High-Tech": 595.
//   Laboratory items 298 and subsidiary items 153; listing the items that the rules of
//   import_aspi.cc skip gives 96 (75 remarks such as "Jointly established with …", "Norinco's 59",
//   one "XXXX" placeholder, 17 generic names such as "Artificial Intelligence Research Center",
//   "Space Command Academy", "Political Department", and 3 repeats within one parent), which
//   leaves 223 laboratories and 132 subsidiaries (298 + 153 - 96 = 355).
constexpr int kInstitutions = 159;
constexpr int kLaboratories = 223;
constexpr int kSubsidiaries = 132;
constexpr int kInstitutionAliases = 595;

TEST(ImportAspi, ReadsTheWholeTrackerWithTheIndependentlyCountedFigures) {
  ImportStats stats;
  Result<ImportedList> list = ImportFile(&stats);
  ASSERT_TRUE(list.ok()) << list.status().message();
  std::map<std::string, int> categories;
  int labs = 0;
  int subsidiaries = 0;
  int institution_aliases = 0;
  std::set<std::string> ids;
  for (const EntityEntry& entry : list->entries) {
    ids.insert(entry.id);
    EXPECT_EQ(entry.type, "entity");
    EXPECT_EQ(entry.list, "ASPI China Defence Universities Tracker");
    EXPECT_THAT(entry.reference, HasSubstr("https://unitracker.aspi.org.au/"));
    EXPECT_FALSE(entry.category.empty()) << entry.id;
    EXPECT_THAT(entry.weak_aliases, IsEmpty());
    if (!IsUnit(entry)) {
      ++categories[entry.category];
      institution_aliases += static_cast<int>(entry.aliases.size());
      EXPECT_EQ(entry.country, "CN") << entry.name;       // no address in Hong Kong or Macao
      EXPECT_THAT(entry.notes, IsEmpty()) << entry.name;  // one category each: nothing to note
    } else if (entry.id.find("/lab-") != std::string::npos) {
      ++labs;
      EXPECT_THAT(entry.notes, HasSubstr("defence laboratory of ")) << entry.id;
    } else {
      ++subsidiaries;
      EXPECT_THAT(entry.notes, HasSubstr("subsidiary of ")) << entry.id;
    }
  }
  EXPECT_EQ(ids.size(), list->entries.size());
  EXPECT_EQ(stats.rows, kInstitutions);
  EXPECT_EQ(categories["Civilian"], 80);
  EXPECT_EQ(categories["Military"], 52);
  EXPECT_EQ(categories["Defence industry conglomerate"], 12);
  EXPECT_EQ(categories["Security"], 8);
  EXPECT_EQ(categories["Seven sons of national defence"], 7);
  EXPECT_EQ(institution_aliases, kInstitutionAliases);
  EXPECT_EQ(labs, kLaboratories);
  EXPECT_EQ(subsidiaries, kSubsidiaries);
  EXPECT_EQ(stats.entries, kInstitutions + kLaboratories + kSubsidiaries);

  const ListMetadata& metadata = list->metadata;
  EXPECT_EQ(metadata.title, "ASPI China Defence Universities Tracker");
  EXPECT_EQ(metadata.publisher,
            "Australian Strategic Policy Institute (ASPI), via the MISP galaxy (CC0/BSD-2-Clause)");
  EXPECT_EQ(metadata.published, "2020-08-22");
  EXPECT_EQ(metadata.format, "aspi");
}

TEST(ImportAspi, OutputIsDeterministicAndCarriesNoDescriptiveText) {
  std::string bytes[2];
  for (std::string& out : bytes) {
    Result<ImportedList> list = ImportFile();
    ASSERT_TRUE(list.ok()) << list.status().message();
    std::ostringstream stream;
    WriteEntityList(list->metadata, list->entries, stream);
    out = stream.str();
  }
  EXPECT_EQ(bytes[0], bytes[1]);
  // ASPI's text (© ASPI) stays out: words of HIT's description and of the lab remarks.
  EXPECT_EQ(bytes[0].find("Seven Sons of National Defence"), std::string::npos);  // description
  EXPECT_EQ(bytes[0].find("Jointly established"), std::string::npos);
  EXPECT_EQ(bytes[0].find("Tianhe-1A"), std::string::npos);
  EXPECT_EQ(bytes[0].find("Nuclear weapons"), std::string::npos);  // a topic
}

TEST(ImportAspi, SpotChecksKnownEntries) {
  Result<ImportedList> list = ImportFile();
  ASSERT_TRUE(list.ok()) << list.status().message();
  const std::vector<EntityEntry>& entries = list->entries;

  const EntityEntry* hit = Find(entries, kHit);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->name, "Harbin Institute of Technology");
  EXPECT_THAT(hit->aliases, ElementsAre("哈尔滨工业大学", "HIT"));
  EXPECT_EQ(hit->category, "Seven sons of national defence");
  EXPECT_EQ(hit->country, "CN");
  EXPECT_EQ(hit->reference,
            "https://unitracker.aspi.org.au/universities/harbin-institute-of-technology");

  // A laboratory: nested parentheses and two Chinese names.
  const EntityEntry* laser = Find(entries, std::string(kHit) + "/lab-5");
  ASSERT_NE(laser, nullptr);
  EXPECT_EQ(laser->name, "National Key Laboratory of Science and Technology on Tunable Laser");
  EXPECT_THAT(laser->aliases, ElementsAre("可调谐(气体)激光国防科技重点实验室",
                                          "可调谐(气体)激光技术国家级重点实验室"));
  EXPECT_EQ(laser->category, "Seven sons of national defence");
  EXPECT_EQ(laser->notes, "defence laboratory of Harbin Institute of Technology");
  EXPECT_EQ(laser->reference, hit->reference);

  const EntityEntry* caep = Find(entries, kCaep);
  ASSERT_NE(caep, nullptr);
  EXPECT_EQ(caep->name, "Chinese Academy of Engineering Physics");
  EXPECT_EQ(caep->category, "Military");
  ASSERT_GE(caep->aliases.size(), 7u);
  EXPECT_THAT(std::vector<std::string>(caep->aliases.begin(), caep->aliases.begin() + 7),
              ElementsAre("中国工程物理研究院", "China Academy of Engineering Physics", "CAEP",
                          "Beijing Computational Science Research Center", "北京计算科学研究中心",
                          "Ninth Academy", "九院"));
  EXPECT_EQ(caep->aliases.size(), 35u);
  // "[Probable] Panda … (熊猫（北京）国际信息技术有限公司)": full-width parentheses inside.
  const EntityEntry* panda = Find(entries, std::string(kCaep) + "/sub-3");
  ASSERT_NE(panda, nullptr);
  EXPECT_EQ(panda->name, "Panda International Information Technology Company");
  EXPECT_THAT(panda->aliases, ElementsAre("熊猫（北京）国际信息技术有限公司"));
  EXPECT_EQ(panda->notes, "probable subsidiary of Chinese Academy of Engineering Physics");

  const EntityEntry* nudt = Find(entries, kNudt);
  ASSERT_NE(nudt, nullptr);
  EXPECT_EQ(nudt->name, "National University of Defense Technology");
  EXPECT_EQ(nudt->category, "Military");
  EXPECT_THAT(nudt->aliases,
              ElementsAre("中国人民解放军国防科技大学", "NUDT", "Changsha Institute of Technology",
                          "National Key Laboratory for Parallel and Distributed "
                          "Processing",
                          "并行与分布处理国家重点实验室", "Hunan Guofang Kei University"));
  // "(Nanjing, Jiangsu Province)" is a qualifier for the notes, not a name.
  const EntityEntry* relations = Find(entries, std::string(kNudt) + "/sub-1");
  ASSERT_NE(relations, nullptr);
  EXPECT_EQ(relations->name, "International Relations Institute");
  EXPECT_EQ(relations->notes,
            "subsidiary of National University of Defense Technology (source qualifier: "
            "Nanjing, Jiangsu Province)");

  // Names by English name: a subsidiary abroad, "A/B (甲/乙)" with a generic first name, and the
  // generic units that are skipped.
  std::map<std::string, const EntityEntry*> by_name;
  for (const EntityEntry& entry : entries) by_name[entry.name] = &entry;
  ASSERT_TRUE(by_name.count("FACC AG"));
  EXPECT_EQ(by_name["FACC AG"]->country, "AT");
  ASSERT_TRUE(by_name.count("Southwest Hospital"));
  EXPECT_THAT(by_name["Southwest Hospital"]->aliases, ElementsAre("西南医院"));  // not 第一附属医院
  ASSERT_TRUE(by_name.count("CASC 1st Academy"));
  EXPECT_THAT(by_name["CASC 1st Academy"]->aliases,
              ElementsAre("China Academy of Launch Vehicle Technology", "CALT"));
  for (const char* generic :
       {"Artificial Intelligence Research Center", "Institute of Systems Engineering",
        "Space Command Academy", "Political Department", "Warfare Research Institute"}) {
    EXPECT_EQ(by_name.count(generic), 0u) << generic;
  }
  ASSERT_TRUE(by_name.count("Academy of Military Medical Sciences"));  // specific: kept
}

constexpr char kSmall[] = R"json({"values": [
  {"uuid": "u1", "value": "Example Institute of Technology (示例理工大学)",
   "description": "ASPI's own words.",
   "meta": {"aliases": ["EIT Former Name (EITFN)"],
            "categories": ["Civilian", "Seven sons of national defence", "Military"],
            "address": "1 Road, Kowloon, Hong Kong",
            "refs": ["https://unitracker.aspi.org.au/universities/example"],
            "topics": ["Nuclear weapons"],
            "major defence laboratories": ["Key Laboratory of Rare Alloys (稀有合金重点实验室)",
                                           "Jointly run with another university",
                                           "Artificial Intelligence Research Center (人工智能研究中心)"],
            "subsidiaries": ["Example Holdings Co., Ltd. (Singapore)"]}}]})json";

TEST(ImportAspi, ReadsASmallDocument) {
  Result<ImportedList> list = ImportText(kSmall);
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->entries.size(), 3u);
  const EntityEntry* example = Find(list->entries, "u1");
  ASSERT_NE(example, nullptr);
  EXPECT_EQ(example->name, "Example Institute of Technology");
  EXPECT_THAT(example->aliases, ElementsAre("示例理工大学", "EIT Former Name", "EITFN"));
  EXPECT_EQ(example->category, "Seven sons of national defence");  // the most severe
  EXPECT_EQ(example->notes, "categories: Civilian; Seven sons of national defence; Military");
  EXPECT_EQ(example->country, "HK");
  EXPECT_EQ(example->address, "1 Road, Kowloon, Hong Kong");
  const EntityEntry* lab = Find(list->entries, "u1/lab-1");
  ASSERT_NE(lab, nullptr);
  EXPECT_THAT(lab->aliases, ElementsAre("稀有合金重点实验室"));
  EXPECT_EQ(lab->category, "Seven sons of national defence");
  EXPECT_EQ(Find(list->entries, "u1/lab-2"), nullptr);  // a remark
  EXPECT_EQ(Find(list->entries, "u1/lab-3"), nullptr);  // generic
  const EntityEntry* holdings = Find(list->entries, "u1/sub-1");
  ASSERT_NE(holdings, nullptr);
  EXPECT_EQ(holdings->name, "Example Holdings Co., Ltd.");
  EXPECT_EQ(holdings->country, "SG");
}

TEST(ImportAspi, RefusesBadInput) {
  Result<ImportedList> malformed = ImportText("{\"values\": [\n  {\"uuid\": \"x\",,}\n]}");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.status().code(), ErrorCode::kParseError);
  EXPECT_THAT(malformed.status().message(), HasSubstr("aspi.json:2: malformed JSON"));

  Result<ImportedList> no_values = ImportText(R"({"name": "China Defence Universities Tracker"})");
  ASSERT_FALSE(no_values.ok());
  EXPECT_EQ(no_values.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(no_values.status().message(), HasSubstr("no \"values\" array"));

  Result<ImportedList> no_uuid =
      ImportText(R"json({"values": [{"value": "Nameless (无名)"}]})json");
  ASSERT_FALSE(no_uuid.ok());
  EXPECT_THAT(no_uuid.status().message(), HasSubstr("values[0] has no uuid"));

  ImportOptions undated = Aspi();
  undated.published.clear();
  Result<ImportedList> missing_date = ImportText(kSmall, undated);
  ASSERT_FALSE(missing_date.ok());
  EXPECT_THAT(missing_date.status().message(), HasSubstr("--published"));
}

}  // namespace
}  // namespace trustscreen::lists
