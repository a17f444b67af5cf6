// The UN Security Council Consolidated List importer (import_un.cc) on the real list and on small
// documents made in memory.
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

const std::filesystem::path kUnFile =
    std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "lists/un/UN_consolidated.xml";

ImportOptions Un() {
  ImportOptions options;
  options.format = "un";
  return options;
}

Result<ImportedList> ImportFile(ImportStats* stats = nullptr) {
  Result<ImportInput> input = ReadImportInput(kUnFile);
  if (!input.ok()) return input.status();
  return ImportList({*input}, Un(), stats);
}

Result<ImportedList> ImportText(const std::string& xml, ImportOptions options = Un()) {
  return ImportList({MakeImportInput("un.xml", xml)}, options);
}

const EntityEntry* Find(const std::vector<EntityEntry>& entries, const std::string& id) {
  for (const EntityEntry& entry : entries) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

// Figures counted independently of the importer with Python (xml.etree) on
// UN_consolidated.xml (dateGenerated 2026-02-27, SHA-256 66b392a4…c8bf):
//   len(findall('INDIVIDUALS/INDIVIDUAL')) = 730, len(findall('ENTITIES/ENTITY')) = 273, every
//   REFERENCE_NUMBER present and unique;
//   alias elements with a non-empty ALIAS_NAME: Good 1524, Low 615, a.k.a. 594, f.k.a. 19;
//   NAME_ORIGINAL_SCRIPT: 336 individuals, 42 entities.
// A Python re-implementation of the splitting rules of import_un.cc (27 ALIAS_NAMEs hold several
// names; "(ACRONYM)", "(original script: …)" and transliterations in parentheses are names of
// their own) gives 2697 strong and 628 weak names before deduplication, and after dropping
// per entry the names whose key (lower case, apostrophes removed, runs of word characters)
// repeats the name or an earlier alias, or is shorter than three characters or a filler:
// 2599 strong and 624 weak. NormalizeName folds a little more than that key ("&" = "and",
// "Corp." = "Corporation", "SHPG CO" = "Shipping Company", defence = defense): 8 strong aliases
// of 7 entities (KPe.016, KPe.054, KPe.055, KPe.062, KPe.070, QDe.156, QDe.157) are duplicates to
// the importer and not to the Python key, which leaves 2591 strong and 624 weak; one weak alias is
// a country's name, which the importer drops (nobody is named by it): 623.
constexpr int kIndividuals = 730;
constexpr int kEntities = 273;
constexpr int kRawNames = 2697 + 628;
constexpr int kAliases = 2591;
constexpr int kWeakAliases = 623;

TEST(ImportUn, ReadsTheWholeListWithTheIndependentlyCountedFigures) {
  ImportStats stats;
  Result<ImportedList> list = ImportFile(&stats);
  ASSERT_TRUE(list.ok()) << list.status().message();
  std::map<std::string, int> by_type;
  std::set<std::string> ids;
  for (const EntityEntry& entry : list->entries) {
    ++by_type[entry.type];
    ids.insert(entry.id);
    EXPECT_FALSE(entry.name.empty()) << entry.id;
    EXPECT_EQ(entry.list, "UN Security Council Consolidated List");
    EXPECT_FALSE(entry.category.empty()) << entry.id;
    EXPECT_EQ(entry.start_date.size(), 10u) << entry.id;
  }
  EXPECT_EQ(by_type["individual"], kIndividuals);
  EXPECT_EQ(by_type["entity"], kEntities);
  EXPECT_EQ(by_type.size(), 2u);
  EXPECT_EQ(ids.size(), list->entries.size());
  EXPECT_EQ(stats.rows, kIndividuals + kEntities);
  EXPECT_EQ(stats.entries, kIndividuals + kEntities);
  EXPECT_EQ(stats.merged_rows, 0);
  EXPECT_EQ(stats.aliases, kAliases);
  EXPECT_EQ(stats.weak_aliases, kWeakAliases);
  EXPECT_EQ(stats.aliases + stats.weak_aliases + stats.dropped_aliases, kRawNames);

  const ListMetadata& metadata = list->metadata;
  EXPECT_EQ(metadata.title, "UN Security Council Consolidated List");
  EXPECT_EQ(metadata.publisher, "United Nations Security Council");
  EXPECT_EQ(metadata.published, "2026-02-27");  // from dateGenerated, no --published needed
  EXPECT_EQ(metadata.format, "un");
  EXPECT_EQ(metadata.source, "UN_consolidated.xml");
}

TEST(ImportUn, OutputIsDeterministic) {
  std::string bytes[2];
  for (std::string& out : bytes) {
    Result<ImportedList> list = ImportFile();
    ASSERT_TRUE(list.ok()) << list.status().message();
    std::ostringstream stream;
    WriteEntityList(list->metadata, list->entries, stream);
    out = stream.str();
  }
  EXPECT_GT(bytes[0].size(), 100000u);
  EXPECT_EQ(bytes[0], bytes[1]);
}

TEST(ImportUn, SpotChecksKnownEntries) {
  Result<ImportedList> list = ImportFile();
  ASSERT_TRUE(list.ok()) << list.status().message();
  const std::vector<EntityEntry>& entries = list->entries;

  // An entity with an Arabic original-script name, Arabic aliases with their transliterations in
  // parentheses, and "(ASL)" split off.
  const EntityEntry* ansar = Find(entries, "QDe.146");
  ASSERT_NE(ansar, nullptr);
  EXPECT_EQ(ansar->name, "ANSAR AL CHARIA BENGHAZI");
  EXPECT_EQ(ansar->type, "entity");
  EXPECT_THAT(
      ansar->aliases,
      ElementsAre("أنصار الشريعة - بنغازي", "نصار الشريعة", "Ansar al Charia", "Ansar al-Sharia",
                  "Ansar al-Sharia Benghazi", "أنصار الشريعة بليبيا", "Ansar al Charia in Libya",
                  "ASL", "كتيبة أنصار الشريعة", "Katibat Ansar al Charia"));
  EXPECT_THAT(ansar->weak_aliases, IsEmpty());
  EXPECT_EQ(ansar->reference, "QDe.146 (Al-Qaida)");
  EXPECT_EQ(ansar->category, "Al-Qaida");
  EXPECT_EQ(ansar->start_date, "2014-11-19");
  EXPECT_THAT(ansar->notes, HasSubstr("Associated with the Organization of Al-Qaida"));
  EXPECT_LE(ansar->notes.size(), 303u);  // COMMENTS1 cut at about 300 bytes

  // An individual: Cyrillic original script, "Low" aliases weak, with "(original script: …)".
  const EntityEntry* aslan = Find(entries, "QDi.396");
  ASSERT_NE(aslan, nullptr);
  EXPECT_EQ(aslan->name, "ASLAN AVGAZAROVICH BYUTUKAEV");
  EXPECT_EQ(aslan->type, "individual");
  EXPECT_THAT(aslan->aliases, ElementsAre("Аслан Авгазарович Бютукаев"));
  EXPECT_THAT(aslan->weak_aliases,
              ElementsAre("Amir Khazmat", "Амир Хазмат", "Abubakar", "Абубакар"));
  EXPECT_EQ(aslan->country, "RU");
  EXPECT_EQ(aslan->address,
            "Achkhoy-Martanovskiy District, Republic of Chechnya, Russian Federation");
  EXPECT_THAT(aslan->notes, IsEmpty());  // nothing personal: no birth date, no passport

  // A weak alias written in Arabic with its transliterations.
  const EntityEntry* baghdadi = Find(entries, "QDi.299");
  ASSERT_NE(baghdadi, nullptr);
  EXPECT_THAT(baghdadi->weak_aliases,
              ElementsAre("أبو دعاء", "Dr. Ibrahim", "أبو بكر البغدادي الحسيني القريشي",
                          "Abu Bakr al-Baghdadi al-Husayni al-Quraishi", "Abu Bakr al-Baghdadi"));
  EXPECT_EQ(baghdadi->country, "IQ|SY");

  // "Mohammad Sabet b) M. Javad Kareemi Sabet": the enumeration is split.
  const EntityEntry* sabet = Find(entries, "IRi.034");
  ASSERT_NE(sabet, nullptr);
  EXPECT_THAT(sabet->aliases,
              ElementsAre("Mohammed Sabet", "Mohammad Sabet", "M. Javad Kareemi Sabet",
                          "M. Jawad Kareemi Sabet", "M. Jawad Karimi Sabet"));

  // "…, born 1 Jan. 1953 (Oman passport no. …)": neither the birth date nor the passport is kept.
  const EntityEntry* safia = Find(entries, "LYi.019");
  ASSERT_NE(safia, nullptr);
  EXPECT_THAT(safia->aliases, ElementsAre("Safia Farkash Mohammed Al-Hadad"));

  // A Han alias in parentheses, and a designation as the only note.
  const EntityEntry* kim = Find(entries, "KPi.035");
  ASSERT_NE(kim, nullptr);
  EXPECT_THAT(kim->aliases, ElementsAre("Jin Tiesan", "金铁三"));
  EXPECT_EQ(kim->notes, "designation: Representative for Daedong Credit Bank (DCB)");

  // A qualifier that is no acronym stays in the name; the bare name becomes an alias.
  const EntityEntry* haramain = Find(entries, "QDe.104");
  ASSERT_NE(haramain, nullptr);
  EXPECT_EQ(haramain->name, "AL-HARAMAIN FOUNDATION (PAKISTAN)");
  EXPECT_THAT(haramain->aliases, ElementsAre("AL-HARAMAIN FOUNDATION"));

  // A UN country name CountryCodeOf does not know.
  bool hong_kong = false;
  for (const EntityEntry& entry : entries)
    hong_kong |= entry.country.find("HK") != std::string::npos;
  EXPECT_TRUE(hong_kong);
}

constexpr char kSmall[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2025-03-04T10:00:00Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID><FIRST_NAME>ALI</FIRST_NAME><SECOND_NAME>ALI</SECOND_NAME>
      <UN_LIST_TYPE>Iraq</UN_LIST_TYPE><REFERENCE_NUMBER>IQi.001</REFERENCE_NUMBER>
      <LISTED_ON>2003-06-27</LISTED_ON>
      <COMMENTS1>Date of birth 1 Jan 1950; passport A123.</COMMENTS1>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Ali Hassan; Ali Hasan</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu Ali</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS><STREET>1 Main St</STREET><CITY>Baghdad</CITY><COUNTRY>Iraq</COUNTRY></INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_DATE_OF_BIRTH><YEAR>1950</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>7</DATAID><FIRST_NAME>Example Trading Company (ETC)</FIRST_NAME>
      <NAME_ORIGINAL_SCRIPT>شركة المثال</NAME_ORIGINAL_SCRIPT>
      <UN_LIST_TYPE>Iraq</UN_LIST_TYPE><REFERENCE_NUMBER>IQe.001</REFERENCE_NUMBER>
      <LISTED_ON>2004-04-26</LISTED_ON>
      <ENTITY_ADDRESS><STREET>2 Port Rd</STREET><CITY>Basra</CITY><COUNTRY>Iraq</COUNTRY></ENTITY_ADDRESS>
    </ENTITY>
    <ENTITY>
      <DATAID>8</DATAID><FIRST_NAME>Second &amp; Co</FIRST_NAME>
      <UN_LIST_TYPE>Iraq</UN_LIST_TYPE><REFERENCE_NUMBER>IQe.002</REFERENCE_NUMBER>
    </ENTITY>
    <ENTITY>
      <DATAID>9</DATAID><FIRST_NAME>Third Co</FIRST_NAME>
      <UN_LIST_TYPE>Iraq</UN_LIST_TYPE><REFERENCE_NUMBER>IQe.002</REFERENCE_NUMBER>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
)";

TEST(ImportUn, ReadsASmallDocument) {
  Result<ImportedList> list = ImportText(kSmall);
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(list->metadata.published, "2025-03-04");
  ASSERT_EQ(list->entries.size(), 4u);
  const EntityEntry* ali = Find(list->entries, "IQi.001");
  ASSERT_NE(ali, nullptr);
  EXPECT_EQ(ali->name, "ALI ALI");  // repeated name parts are kept
  EXPECT_THAT(ali->aliases, ElementsAre("Ali Hassan", "Ali Hasan"));
  EXPECT_THAT(ali->weak_aliases, ElementsAre("Abu Ali"));
  EXPECT_EQ(ali->address, "Baghdad, Iraq");  // an individual's street is left out
  EXPECT_EQ(ali->country, "IQ");
  EXPECT_THAT(ali->notes, IsEmpty());  // an individual's COMMENTS1 is not imported
  const EntityEntry* etc = Find(list->entries, "IQe.001");
  ASSERT_NE(etc, nullptr);
  EXPECT_EQ(etc->name, "Example Trading Company");
  EXPECT_THAT(etc->aliases, ElementsAre("ETC", "شركة المثال"));
  EXPECT_EQ(etc->address, "2 Port Rd, Basra, Iraq");
  // A reference number used twice gives way to DATAID.
  EXPECT_NE(Find(list->entries, "8"), nullptr);
  EXPECT_NE(Find(list->entries, "9"), nullptr);
  EXPECT_EQ(Find(list->entries, "8")->name, "Second & Co");
}

TEST(ImportUn, RefusesMalformedXmlNamingTheLine) {
  Result<ImportedList> list =
      ImportText("<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</ENTITIES>\n");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), ErrorCode::kParseError);
  EXPECT_THAT(list.status().message(), HasSubstr("un.xml:4: malformed XML"));
}

TEST(ImportUn, RefusesADoctypeAndOtherDocuments) {
  Result<ImportedList> doctype = ImportText(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n"
      "<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>&a;</FIRST_NAME></ENTITY></ENTITIES>"
      "</CONSOLIDATED_LIST>");
  ASSERT_FALSE(doctype.ok());
  EXPECT_THAT(doctype.status().message(), HasSubstr("DOCTYPE"));

  Result<ImportedList> other = ImportText("<html><body/></html>");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(other.status().message(), HasSubstr("CONSOLIDATED_LIST"));

  // No dateGenerated: ImportList asks for --published.
  const std::string undated =
      "<CONSOLIDATED_LIST><ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>Undated Works"
      "</FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>";
  Result<ImportedList> missing = ImportText(undated);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("--published"));
  ImportOptions dated = Un();
  dated.published = "2025-01-02";
  Result<ImportedList> given = ImportText(undated, dated);
  ASSERT_TRUE(given.ok()) << given.status().message();
  EXPECT_EQ(given->entries[0].id, "1");
}

}  // namespace
}  // namespace trustscreen::lists
