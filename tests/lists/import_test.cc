#include "trustscreen/lists/import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "trustscreen/digest/sha256.h"

namespace trustscreen::lists {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::filesystem::path kCslDir =
    std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "lists/us_csl";

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

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(RepairMojibake, UndoesAUtf8ToWindows1252RoundTrip) {
  EXPECT_EQ(RepairMojibake("Xi\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2"
                           "an"),
            "Xi\xE2\x80\x99"
            "an");
  EXPECT_EQ(RepairMojibake("Caf\xC3\x83\xC2\xA9"), "Caf\xC3\xA9");  // "CafÃ©" -> "Café"
  EXPECT_EQ(RepairMojibake("Café 北京"), "Café 北京");              // correct text unchanged
  EXPECT_EQ(RepairMojibake("plain"), "plain");
}

Result<ImportedList> ImportText(const std::string& text, const ImportOptions& options,
                                ImportStats* stats = nullptr) {
  return ImportList({MakeImportInput("x.csv", text)}, options, stats);
}

ImportOptions Csl() {
  ImportOptions options;
  options.format = "csl";
  options.published = "2025-01-03";
  return options;
}

TEST(ImportCsl, HandlesTheQuirksOfRealRows) {
  ImportStats stats;
  Result<ImportedList> list = ImportText(kQuirky, Csl(), &stats);
  ASSERT_TRUE(list.ok()) << list.status().message();
  const std::vector<EntityEntry>& entries = list->entries;
  ASSERT_EQ(entries.size(), 3u);
  // Sorted by name: "140 …" < "National …" < "Xi'an …".
  const EntityEntry& plant = entries[0];
  EXPECT_EQ(plant.name, "140 Repair Plant JSC");
  EXPECT_THAT(plant.aliases,
              ElementsAre("Open Joint Stock Company 140 Repair Plant", "JSC 140 Repair Plant"));
  EXPECT_EQ(plant.country, "BY");
  EXPECT_EQ(plant.notes, "licence requirement: All items.; licence policy: Policy of denial.");
  const EntityEntry& nudt = entries[1];
  EXPECT_EQ(nudt.name, "National University of Defense Technology");
  // The acronym is split off; the Defence spelling and the repeated alias are duplicates.
  EXPECT_THAT(nudt.aliases, ElementsAre("NUDT", "Hunan Guofang Keji University"));
  EXPECT_EQ(nudt.country, "CN|RU");
  EXPECT_EQ(nudt.reference, "80 FR 8524");
  EXPECT_EQ(entries[2].name, "Xi'an Works");
  EXPECT_EQ(stats.rows, 3);
  EXPECT_EQ(stats.entries, 3);
  EXPECT_EQ(stats.dropped_aliases, 3);  // the Defence spelling, the repeat and a lone "and"
  EXPECT_EQ(stats.repaired, 1);
  EXPECT_EQ(list->metadata.published, "2025-01-03");
  EXPECT_EQ(list->metadata.format, "csl");
  EXPECT_EQ(list->metadata.source, "x.csv");
  EXPECT_EQ(list->metadata.source_sha256.size(), 64u);
}

TEST(ImportCsl, FiltersBySourceAndType) {
  ImportOptions options = Csl();
  options.source = "Other List";
  Result<ImportedList> list = ImportText(kQuirky, options);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->entries.size(), 1u);
  EXPECT_EQ(list->entries[0].id, "c3");
  options.source = "No Such List";
  EXPECT_THAT(ImportText(kQuirky, options).status().message(), HasSubstr("no entries with source"));
  options = Csl();
  options.types = {"individual"};
  ImportStats stats;
  EXPECT_FALSE(ImportText(kQuirky, options, &stats).ok());  // no row states a type
  EXPECT_EQ(stats.dropped_types, 3);
}

TEST(ImportCsl, RejectsFilesWithoutCslColumnsUnknownFormatsAndMissingDates) {
  EXPECT_EQ(ImportText("id,name\n1,A\n", Csl()).status().message(),
            "x.csv:1: missing column '_id' (is this a Consolidated Screening List CSV?)");
  ImportOptions options = Csl();
  options.format = "sdn-xml";
  EXPECT_EQ(ImportText(kQuirky, options).status().code(), ErrorCode::kInvalidArgument);
  options = Csl();
  options.published.clear();
  EXPECT_THAT(ImportText(kQuirky, options).status().message(),
              HasSubstr("states no publication date"));
  options.published = "3 January 2025";
  EXPECT_THAT(ImportText(kQuirky, options).status().message(), HasSubstr("is not a date"));
}

TEST(ReadImportInput, InflatesGzipAndHashesTheBytesAsRead) {
  Result<ImportInput> input =
      ReadImportInput(kCslDir / "consolidated_screening_list_2025-01.csv.gz");
  ASSERT_TRUE(input.ok()) << input.status().message();
  EXPECT_EQ(input->name, "consolidated_screening_list_2025-01.csv");
  EXPECT_EQ(input->bytes.substr(0, 4), "_id,");
  EXPECT_EQ(input->sha256,
            digest::Sha256Hex(ReadAll(kCslDir / "consolidated_screening_list_2025-01.csv.gz")));
  EXPECT_FALSE(ReadImportInput(kCslDir / "no-such.csv").ok());
}

TEST(ImportCsl, TheFullListHasEveryRowWithItsType) {
  Result<ImportInput> input =
      ReadImportInput(kCslDir / "consolidated_screening_list_2025-01.csv.gz");
  ASSERT_TRUE(input.ok());
  ImportStats stats;
  Result<ImportedList> list = ImportList({*input}, Csl(), &stats);
  ASSERT_TRUE(list.ok()) << list.status().message();
  // 14,160 rows (SOURCES.tsv): SDN 10,026; Entity List 2,001; DTC debarred 727; …
  EXPECT_EQ(stats.rows, 14160);
  EXPECT_EQ(list->entries.size(), 14159u);  // one CAP row is there twice
  EXPECT_EQ(stats.merged_rows, 1);
  std::map<std::string, int> by_list;
  std::map<std::string, int> by_type;
  for (const EntityEntry& entry : list->entries) {
    ++by_list[entry.list];
    ++by_type[entry.type];
  }
  EXPECT_EQ(by_list["Specially Designated Nationals (SDN) - Treasury Department"], 10026);
  EXPECT_EQ(by_list["Entity List (EL) - Bureau of Industry and Security"], 2001);
  EXPECT_GT(by_type["individual"], 4000);
  EXPECT_GT(by_type["entity"], 4000);
  EXPECT_GT(by_type["vessel"], 100);
  // Treasury ids are entry numbers, shared by the lists that carry an entry: without --source they
  // are qualified by the list's abbreviation.
  EXPECT_EQ(std::count_if(list->entries.begin(), list->entries.end(),
                          [](const EntityEntry& entry) {
                            return entry.id == "34616@SDN" || entry.id == "34616@CAP";
                          }),
            2);
}

ImportedList ImportFile(const std::filesystem::path& path, ImportStats* stats) {
  Result<ImportInput> input = ReadImportInput(path);
  EXPECT_TRUE(input.ok()) << input.status().message();
  Result<ImportedList> list = ImportList({*input}, Csl(), stats);
  EXPECT_TRUE(list.ok()) << list.status().message();
  return list.ok() ? *list : ImportedList();
}

std::string Written(const ImportedList& list) {
  std::ostringstream out;
  WriteEntityList(list.metadata, list.entries, out);
  return out.str();
}

TEST(ImportCsl, RealListsImportDeterministically) {
  struct Case {
    const char* input;
    int entries;
  };
  for (const Case& c :
       {Case{"bis_entity_list.csv", 2001}, Case{"bis_military_end_user_list.csv", 71},
        Case{"bis_unverified_list.csv", 201}, Case{"bis_denied_persons_list.csv", 462},
        Case{"treasury_ns_cmic_list.csv", 68}}) {
    SCOPED_TRACE(c.input);
    ImportStats first;
    ImportStats second;
    const std::string once = Written(ImportFile(kCslDir / c.input, &first));
    EXPECT_EQ(once, Written(ImportFile(kCslDir / c.input, &second)));
    EXPECT_EQ(first.entries, c.entries);
  }
}

TEST(ImportCsl, EntityListHasTheSampleEntriesWithTheirAliases) {
  ImportStats stats;
  const ImportedList list = ImportFile(kCslDir / "bis_entity_list.csv", &stats);
  int found = 0;
  for (const EntityEntry& entry : list.entries) {
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
