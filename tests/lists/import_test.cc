#include "trustscreen/lists/import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace trustscreen::lists {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::filesystem::path kCslDir =
    std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "lists/us_csl";
const std::filesystem::path kListsDir =
    std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) / "rules/partners/lists";

constexpr char kHeader[] =
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,alt_names\n";

// The quirks of real CSL rows: "; and " before the last alias, mojibake, trailing spaces,
// duplicate aliases, a trailing "(ACRONYM)", several addresses.
const std::string kQuirky =
    std::string(kHeader) +
    "b2,Entity List (EL) - Bureau of Industry and Security,,,,140 Repair Plant JSC ,,"
    "\"19 Luysi St., Borisov, 222512, BY\",87 FR 20299,2022-04-07,,,All items.,Policy of denial. ,"
    "Open Joint Stock Company 140 Repair Plant; and JSC 140 Repair Plant\n"
    "a1,Entity List (EL) - Bureau of Industry and Security,,,,"
    "National University of Defense Technology (NUDT),,"
    "\"109 Deya Road, Changsha, CN; 47 Deya Road, Changsha, CN; Box 1, Moscow, RU\","
    "80 FR 8524,2015-02-18,,,,,"
    "\"Hunan Guofang Keji University; NATIONAL UNIVERSITY OF DEFENCE TECHNOLOGY; "
    "Hunan Guofang Keji University ; and\"\n"
    "c3,Other List,,,,Xi\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2"
    "an Works,,\"Xi'an, CN\",,,,,,,\n";

TEST(RepairMojibake, UndoesAUtf8ToWindows1252RoundTrip) {
  EXPECT_EQ(RepairMojibake("Xi\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2"
                           "an"),
            "Xi\xE2\x80\x99"
            "an");
  EXPECT_EQ(RepairMojibake("Caf\xC3\x83\xC2\xA9"), "Caf\xC3\xA9");  // "CafÃ©" -> "Café"
  EXPECT_EQ(RepairMojibake("Café 北京"), "Café 北京");              // correct text unchanged
  EXPECT_EQ(RepairMojibake("plain"), "plain");
}

TEST(ConvertCsl, HandlesTheQuirksOfRealRows) {
  ImportOptions options;
  ImportStats stats;
  Result<std::vector<EntityEntry>> entries = ConvertCsl(kQuirky, options, &stats);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 3u);
  // Sorted by name: "140 …" < "National …" < "Xi'an …".
  const EntityEntry& plant = (*entries)[0];
  EXPECT_EQ(plant.name, "140 Repair Plant JSC");
  EXPECT_THAT(plant.aliases,
              ElementsAre("Open Joint Stock Company 140 Repair Plant", "JSC 140 Repair Plant"));
  EXPECT_EQ(plant.country, "BY");
  EXPECT_EQ(plant.notes, "licence requirement: All items.; licence policy: Policy of denial.");
  const EntityEntry& nudt = (*entries)[1];
  EXPECT_EQ(nudt.name, "National University of Defense Technology");
  // The acronym is split off; the Defence spelling and the repeated alias are duplicates.
  EXPECT_THAT(nudt.aliases, ElementsAre("NUDT", "Hunan Guofang Keji University"));
  EXPECT_EQ(nudt.country, "CN|RU");
  EXPECT_EQ(nudt.reference, "80 FR 8524");
  EXPECT_EQ((*entries)[2].name, "Xi'an Works");
  EXPECT_EQ(stats.rows, 3);
  EXPECT_EQ(stats.entries, 3);
  EXPECT_EQ(stats.dropped_aliases, 3);  // the Defence spelling, the repeat and a lone "and"
  EXPECT_EQ(stats.repaired, 1);
}

TEST(ConvertCsl, FiltersBySource) {
  ImportOptions options;
  options.source = "Other List";
  Result<std::vector<EntityEntry>> entries = ConvertCsl(kQuirky, options);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].id, "c3");
  options.source = "No Such List";
  EXPECT_THAT(ConvertCsl(kQuirky, options).status().message(), HasSubstr("no rows with source"));
}

TEST(ConvertCsl, RejectsOtherFormatsAndFilesWithoutCslColumns) {
  ImportOptions options;
  options.display_name = "x.csv";
  EXPECT_EQ(ConvertCsl("id,name\n1,A\n", options).status().message(),
            "x.csv:1: missing column '_id' (is this a Consolidated Screening List CSV?)");
  options.format = "sdn-xml";
  EXPECT_EQ(ConvertCsl(kQuirky, options).status().code(), ErrorCode::kInvalidArgument);
}

std::string Import(const std::filesystem::path& path, ImportStats* stats) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  ImportOptions options;
  options.display_name = path.filename().string();
  const Status status = ImportCsl(in, options, out, stats);
  EXPECT_TRUE(status.ok()) << status.message();
  return out.str();
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(ImportCsl, RealListsImportDeterministicallyAndMatchTheShippedFiles) {
  struct Case {
    const char* input;
    const char* output;
    int entries;
  };
  for (const Case& c : {Case{"bis_entity_list.csv", "us-entity-list.csv", 2001},
                        Case{"bis_military_end_user_list.csv", "us-military-end-user-list.csv", 71},
                        Case{"bis_unverified_list.csv", "us-unverified-list.csv", 201},
                        Case{"bis_denied_persons_list.csv", "us-denied-persons-list.csv", 462},
                        Case{"treasury_ns_cmic_list.csv", "us-ns-cmic-list.csv", 68}}) {
    SCOPED_TRACE(c.input);
    ImportStats first;
    ImportStats second;
    const std::string once = Import(kCslDir / c.input, &first);
    EXPECT_EQ(once, Import(kCslDir / c.input, &second));
    EXPECT_EQ(first.entries, c.entries);
    // rules/partners/lists/ holds exactly what the importer writes (regenerate: SOURCES.md).
    EXPECT_TRUE(once == ReadAll(kListsDir / c.output)) << c.output << " is out of date";
  }
}

TEST(ImportCsl, EntityListHasTheSampleEntriesWithTheirAliases) {
  ImportStats stats;
  const std::string csv = Import(kCslDir / "bis_entity_list.csv", &stats);
  Result<std::vector<EntityEntry>> entries = ParseEntityList(csv, "us-entity-list.csv");
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  int found = 0;
  for (const EntityEntry& entry : *entries) {
    if (entry.name == "Beijing University of Aeronautics and Astronautics") {
      ++found;
      EXPECT_THAT(entry.aliases, ElementsAre("BUAA", "Beihang University"));
      EXPECT_EQ(entry.country, "CN");
    }
    if (entry.name == "Harbin Institute of Technology") {
      ++found;
      EXPECT_EQ(entry.reference, "85 FR 34497");
    }
  }
  EXPECT_EQ(found, 2);
  EXPECT_GT(stats.aliases, 2000);
}

}  // namespace
}  // namespace trustscreen::lists
