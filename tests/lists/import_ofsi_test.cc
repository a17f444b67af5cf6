// The OFSI Consolidated List importer (import.h, format "ofsi") and the XLSX reader behind it
// (src/lists/xlsx_sheet.h), on the real list and on small workbooks built here.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "trustscreen/lists/entity_list.h"
#include "trustscreen/lists/import.h"
#include "xlsx_sheet.h"

namespace trustscreen::lists {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::filesystem::path kOfsiDir =
    std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "lists/uk_ofsi_conlist";
constexpr char kXlsxFile[] = "ConList_OFSI_2022format_2025-04-10.xlsx";
constexpr char kCsvFile[] = "ConList_OFSI_2022format_2025-04-10.csv.gz";

// --- A minimal ZIP writer (stored entries) for workbooks built in the tests. ---

std::uint32_t Crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void Put16(std::string* out, std::uint32_t value) {
  out->push_back(static_cast<char>(value & 0xFF));
  out->push_back(static_cast<char>((value >> 8) & 0xFF));
}

void Put32(std::string* out, std::uint32_t value) {
  Put16(out, value & 0xFFFF);
  Put16(out, value >> 16);
}

std::string Zip(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out;
  std::string directory;
  for (const auto& [name, data] : files) {
    const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = Crc32(data);
    const auto size = static_cast<std::uint32_t>(data.size());
    Put32(&out, 0x04034b50);  // local file header
    Put16(&out, 20);
    Put16(&out, 0);  // flags
    Put16(&out, 0);  // stored
    Put32(&out, 0);  // time, date
    Put32(&out, crc);
    Put32(&out, size);
    Put32(&out, size);
    Put16(&out, static_cast<std::uint32_t>(name.size()));
    Put16(&out, 0);
    out += name;
    out += data;
    Put32(&directory, 0x02014b50);  // central directory header
    Put16(&directory, 20);
    Put16(&directory, 20);
    Put16(&directory, 0);
    Put16(&directory, 0);
    Put32(&directory, 0);
    Put32(&directory, crc);
    Put32(&directory, size);
    Put32(&directory, size);
    Put16(&directory, static_cast<std::uint32_t>(name.size()));
    Put32(&directory, 0);  // extra and comment lengths
    Put32(&directory, 0);  // disk number, internal attributes
    Put32(&directory, 0);  // external attributes
    Put32(&directory, offset);
    directory += name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  Put32(&out, 0x06054b50);  // end of central directory
  Put32(&out, 0);
  Put16(&out, static_cast<std::uint32_t>(files.size()));
  Put16(&out, static_cast<std::uint32_t>(files.size()));
  Put32(&out, static_cast<std::uint32_t>(directory.size()));
  Put32(&out, directory_offset);
  Put16(&out, 0);
  return out;
}

constexpr char kMain[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRel[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A workbook of one sheet (its <sheetData> content given), with shared strings and styles where
// the cell format 1 is the date format "dd/MM/yyyy". The sheet is named as the second relationship
// and stored under a non-default name, so the reader must follow the relationships.
std::string Workbook(const std::string& sheet_data, const std::string& shared_strings,
                     const std::string& workbook_pr = "") {
  const std::string sheet = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") +
                            "<worksheet xmlns=\"" + kMain + "\"><sheetData>" + sheet_data +
                            "</sheetData></worksheet>";
  const std::string workbook = std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel +
                               "\">" + workbook_pr +
                               "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId7\"/>"
                               "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId1\"/></sheets>"
                               "</workbook>";
  const std::string rels =
      std::string(
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          "relationships\">") +
      "<Relationship Id=\"rId1\" Type=\"" + kRel +
      "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId7\" Type=\"" +
      kRel + "/worksheet\" Target=\"/xl/worksheets/data.xml\"/>" +
      "<Relationship Id=\"rId3\" Type=\"" + kRel +
      "/sharedStrings\" Target=\"sharedStrings.xml\"/>" + "<Relationship Id=\"rId4\" Type=\"" +
      kRel + "/styles\" Target=\"styles.xml\"/>" + "</Relationships>";
  const std::string styles = std::string("<styleSheet xmlns=\"") + kMain +
                             "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" "
                             "formatCode=\"dd/MM/yyyy\"/></numFmts><cellStyleXfs count=\"1\"><xf "
                             "numFmtId=\"14\"/></cellStyleXfs><cellXfs count=\"2\"><xf "
                             "numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
  const std::string sst = std::string("<sst xmlns=\"") + kMain + "\">" + shared_strings + "</sst>";
  return Zip({{"[Content_Types].xml", "<Types/>"},
              {"_rels/.rels",
               std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
                           "2006/relationships\"><Relationship Id=\"rId1\" Type=\"") +
                   kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
              {"xl/workbook.xml", workbook},
              {"xl/_rels/workbook.xml.rels", rels},
              {"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + std::string(kMain) +
                                               "\"><sheetData><row r=\"1\"><c r=\"A1\" "
                                               "t=\"inlineStr\"><is><t>wrong sheet</t></is></c>"
                                               "</row></sheetData></worksheet>"},
              {"xl/worksheets/data.xml", sheet},
              {"xl/sharedStrings.xml", sst},
              {"xl/styles.xml", styles}});
}

std::string WrittenEntries(const std::vector<EntityEntry>& entries) {
  std::ostringstream out;
  WriteEntityList(entries, out);
  return out.str();
}

const EntityEntry* FindId(const ImportedList& list, const std::string& id) {
  auto it = std::find_if(list.entries.begin(), list.entries.end(),
                         [&](const EntityEntry& entry) { return entry.id == id; });
  return it == list.entries.end() ? nullptr : &*it;
}

ImportOptions Ofsi() {
  ImportOptions options;
  options.format = "ofsi";
  return options;
}

// The real list, imported once per test binary (both files).
struct Imported {
  ImportedList list;
  ImportStats stats;
};

const Imported& ImportCorpus(const char* file) {
  static std::map<std::string, Imported> cache;
  auto it = cache.find(file);
  if (it != cache.end()) return it->second;
  Imported imported;
  Result<ImportInput> input = ReadImportInput(kOfsiDir / file);
  EXPECT_TRUE(input.ok()) << input.status().message();
  if (input.ok()) {
    Result<ImportedList> list = ImportList({*input}, Ofsi(), &imported.stats);
    EXPECT_TRUE(list.ok()) << list.status().message();
    if (list.ok()) imported.list = std::move(list).value();
  }
  return cache.emplace(file, std::move(imported)).first->second;
}

// --- The real list. ---

// Figures counted independently of the importer, with Python's csv module on the CSV export:
// 18,796 data rows (after the "Last Updated" row and the header), 4,686 distinct Group IDs, and
// the Group Type of each group's rows (never mixed within a group): 3,662 Individual, 1,009 Entity,
// 15 Ship. They match SOURCES.txt.
TEST(ImportOfsi, CountsEntriesByTypeAsTheSourceHasThem) {
  for (const char* file : {kCsvFile, kXlsxFile}) {
    SCOPED_TRACE(file);
    const Imported& imported = ImportCorpus(file);
    EXPECT_EQ(imported.stats.rows, 18796);
    EXPECT_EQ(imported.stats.entries, 4686);
    std::map<std::string, int> by_type;
    for (const EntityEntry& entry : imported.list.entries) ++by_type[entry.type];
    EXPECT_EQ(by_type["individual"], 3662);
    EXPECT_EQ(by_type["entity"], 1009);
    EXPECT_EQ(by_type["vessel"], 15);
    EXPECT_EQ(by_type.size(), 3u);
    // Alias totals after ImportList's deduplication, as this importer gives them (a Python count
    // of distinct case- and punctuation-folded names per group gives 10,496 and 640: the
    // importer's normalisation differs slightly and it splits trailing "(ACRONYM)"s off).
    // Aliases that are a country's name ("UKRAINE") are dropped as nobody's name: 3 and 1.
    EXPECT_EQ(imported.stats.aliases, 10537);
    EXPECT_EQ(imported.stats.weak_aliases, 637);
    EXPECT_EQ(imported.list.metadata.published, "2025-04-10");
    EXPECT_EQ(imported.list.metadata.title,
              "UK OFSI Consolidated List of Financial Sanctions Targets");
    EXPECT_EQ(imported.list.metadata.publisher,
              "HM Treasury, Office of Financial Sanctions Implementation (OFSI)");
  }
}

TEST(ImportOfsi, XlsxAndCsvGiveTheSameEntries) {
  const Imported& csv = ImportCorpus(kCsvFile);
  const Imported& xlsx = ImportCorpus(kXlsxFile);
  ASSERT_FALSE(csv.list.entries.empty());
  EXPECT_EQ(WrittenEntries(xlsx.list.entries), WrittenEntries(csv.list.entries));
  EXPECT_EQ(xlsx.list.metadata.published, csv.list.metadata.published);
}

TEST(ImportOfsi, ImportIsDeterministic) {
  Result<ImportInput> input = ReadImportInput(kOfsiDir / kXlsxFile);
  ASSERT_TRUE(input.ok()) << input.status().message();
  std::string written[2];
  for (std::string& bytes : written) {
    Result<ImportedList> list = ImportList({*input}, Ofsi());
    ASSERT_TRUE(list.ok()) << list.status().message();
    std::ostringstream out;
    WriteEntityList(list->metadata, list->entries, out);
    bytes = out.str();
  }
  EXPECT_EQ(written[0], written[1]);
  EXPECT_GT(written[0].size(), 1000000u);
}

TEST(ImportOfsi, SberbankHasItsLatinAndCyrillicNames) {
  const EntityEntry* entry = FindId(ImportCorpus(kXlsxFile).list, "15076");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->name, "PJSC SBERBANK (PUBLIC JOINT-STOCK COMPANY SBERBANK)");
  EXPECT_THAT(entry->aliases, ElementsAre("ПАО Сбербанк", "PJSC SBERBANK OF RUSSIA", "SBERBANK",
                                          "SBERBANK OF RUSSIA"));
  EXPECT_THAT(entry->weak_aliases, IsEmpty());
  EXPECT_EQ(entry->type, "entity");
  EXPECT_EQ(entry->country, "RU");
  EXPECT_EQ(entry->list, "UK OFSI Consolidated List");
  EXPECT_EQ(entry->reference, "RUS0256; Russia");
  EXPECT_EQ(entry->address, "19 Vavilova St., Moscow, 117997, Russia");
  EXPECT_EQ(entry->start_date, "2022-04-06");
  EXPECT_EQ(entry->notes, "regime: Russia");
  EXPECT_EQ(entry->category, "Russia");
}

// Group 16789 has only "Primary name variation" rows: its first row names it.
TEST(ImportOfsi, ChineseScriptNameIsAnAlias) {
  const EntityEntry* entry = FindId(ImportCorpus(kCsvFile).list, "16789");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->name, "PREMERA (H.K.) INTERNATIONAL CO, LIMITED");
  EXPECT_THAT(entry->aliases, ElementsAre("普萊米樂(香港)國際貿易有限公司"));
  EXPECT_EQ(entry->country, "CN");
  EXPECT_EQ(entry->reference, "RUS2427; Russia");
}

TEST(ImportOfsi, ArabicScriptNameIsAnAlias) {
  const EntityEntry* entry = FindId(ImportCorpus(kCsvFile).list, "13191");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->name, "ABD AL-KHALIQ AL-HOUTHI");
  EXPECT_EQ(entry->type, "individual");
  EXPECT_THAT(entry->aliases, ::testing::Contains("عبدالخالق الحوثي"));
}

// Ahmed Khalfan GHAILANI: forenames before the family name; every name row is repeated once per
// date of birth in the source, and each name is kept once; low-quality names are weak.
TEST(ImportOfsi, IndividualWithLowQualityAliases) {
  const EntityEntry* entry = FindId(ImportCorpus(kCsvFile).list, "6925");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->name, "AHMED KHALFAN GHAILANI");
  EXPECT_EQ(entry->type, "individual");
  EXPECT_THAT(
      entry->aliases,
      ElementsAre("Abu Bakr AHMAD", "Abubakar AHMED", "Abubakar Khalfan AHMED", "Abubakar K. AHMED",
                  "Abubakary K. AHMED", "Ahmed Khalfan AHMED", "Ahmed Khalfan ALI",
                  "Haythem AL-KINI", "Abubakary Khalfan Ahmed GHAILANI", "Ahmed GHAILANI",
                  "Ahmad Khalafan GHILANI", "Mahafudh Abubakar Ahmed Abdallah HUSSEIN",
                  "Ahmed KHALFAN", "Shariff Omar MOHAMMED"));
  EXPECT_THAT(entry->weak_aliases, ElementsAre("Ahmed A", "AHMED THE TANZANIAN", "Ahmad AL TANZANI",
                                               "Abu BAKR", "FOOPIE", "FUPI", "Abu KHABAR"));
  EXPECT_EQ(entry->country, "US");
  EXPECT_EQ(entry->start_date, "2001-10-12");
}

// A low-quality row's Cyrillic name is the same nickname in another script ("Север", "north"):
// weak like its Latin form. Strong rows' Cyrillic names are strong.
TEST(ImportOfsi, NonLatinNameOfALowQualityRowIsWeak) {
  const EntityEntry* entry = FindId(ImportCorpus(kCsvFile).list, "13301");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->name, "TARKHAN ISMAILOVICH GAZIEV");
  EXPECT_THAT(entry->aliases, ::testing::Contains("Тархан Исмаилович Газиев"));
  EXPECT_THAT(entry->weak_aliases, ::testing::Contains("Север"));
  EXPECT_THAT(entry->weak_aliases, ::testing::Contains("SEVER"));
  EXPECT_THAT(entry->aliases, ::testing::Not(::testing::Contains("Север")));
  EXPECT_EQ(entry->country, "SY|IQ");
}

// "ЛУКАШЕНКО, Александр Григорьевич" is kept and also written forenames first; two "Primary
// name" rows (two spellings) give the name and an alias; two regimes.
TEST(ImportOfsi, CyrillicSurnameFirstAlsoGivesForenamesFirst) {
  const EntityEntry* entry = FindId(ImportCorpus(kCsvFile).list, "13918");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->name, "Alexander Ryhorovich LUKASHENKO");
  EXPECT_THAT(entry->aliases, ::testing::Contains("ЛУКАШЕНКО, Александр Григорьевич"));
  EXPECT_THAT(entry->aliases, ::testing::Contains("Александр Григорьевич ЛУКАШЕНКО"));
  EXPECT_THAT(entry->aliases, ::testing::Contains("Alexander Grigorievich LUKASHENKO"));
  EXPECT_EQ(entry->reference, "BEL0045; Belarus; Global Human Rights");
  EXPECT_EQ(entry->category, "Belarus; Global Human Rights");
  EXPECT_EQ(entry->start_date, "2020-09-29");
}

TEST(ImportOfsi, ShipIsAVessel) {
  const ImportedList& list = ImportCorpus(kCsvFile).list;
  const auto ships = std::count_if(list.entries.begin(), list.entries.end(),
                                   [](const EntityEntry& entry) { return entry.type == "vessel"; });
  EXPECT_EQ(ships, 15);
}

// --- Small inputs. ---

constexpr char kHeader[] =
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,DOB,Address 1,"
    "Post/Zip Code,Country,Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,"
    "Group ID\n";

Result<ImportedList> ImportCsvText(const std::string& text) {
  return ImportList({MakeImportInput("conlist.csv", text)}, Ofsi());
}

TEST(ImportOfsi, SmallCsvBuildsOneEntryPerGroup) {
  const std::string text =
      std::string("Last Updated,10/04/2025\n") + kHeader +
      "DOE,John,Q,,,,Mr,\"ДОУ, Джон\",01/01/1970,1 Main St,12345,Russia,"
      "\"(UK Sanctions List Ref):RUS0001. (UK Statement of Reasons):Long text.\",Individual,"
      "Primary name,,Russia,05/06/2022,7\n"
      "DOE,Johnny,,,,,,,,,,,\"(UK Sanctions List Ref):RUS0001.\",Individual,AKA,Low quality,"
      "Russia,05/06/2022,7\n"
      "ACME TRADING (ACT),,,,,,,АКМЕ,,,,Unknownland,,Entity,Primary name,,Syria,01/02/2020,8\n";
  Result<ImportedList> list = ImportCsvText(text);
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->entries.size(), 2u);
  const EntityEntry& acme = list->entries[0];
  EXPECT_EQ(acme.name, "ACME TRADING");
  EXPECT_THAT(acme.aliases, ElementsAre("ACT", "АКМЕ"));
  EXPECT_EQ(acme.country, "");  // an unknown country name is skipped
  EXPECT_EQ(acme.address, "Unknownland");
  EXPECT_EQ(acme.type, "entity");
  const EntityEntry& doe = list->entries[1];
  EXPECT_EQ(doe.id, "7");
  EXPECT_EQ(doe.name, "John Q DOE");
  EXPECT_THAT(doe.aliases, ElementsAre("ДОУ, Джон", "Джон ДОУ"));
  EXPECT_THAT(doe.weak_aliases, ElementsAre("Johnny DOE"));
  EXPECT_EQ(doe.reference, "RUS0001; Russia");
  EXPECT_EQ(doe.notes, "regime: Russia");
  EXPECT_EQ(doe.country, "RU");
  EXPECT_EQ(doe.address, "1 Main St, 12345, Russia");
  EXPECT_EQ(doe.start_date, "2022-06-05");
  EXPECT_EQ(list->metadata.published, "2025-04-10");
}

TEST(ImportOfsi, MissingGroupIdColumnIsAnError) {
  Result<ImportedList> list =
      ImportCsvText("Last Updated,10/04/2025\nName 6,Group Type\nACME,Entity\n");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(list.status().message(), HasSubstr("conlist.csv:2: missing column 'Group ID'"));
}

TEST(ImportOfsi, RowWithoutGroupIdIsAnError) {
  Result<ImportedList> list =
      ImportCsvText(std::string("Last Updated,10/04/2025\n") + kHeader +
                    "ACME,,,,,,,,,,,,,Entity,Primary name,,Syria,01/02/2020,8\n"
                    "OTHER,,,,,,,,,,,,,Entity,Primary name,,Syria,01/02/2020,\n");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), ErrorCode::kParseError);
  EXPECT_THAT(list.status().message(), HasSubstr("conlist.csv:4: row without a Group ID"));
}

TEST(ImportOfsi, BadDatesAreErrors) {
  Result<ImportedList> listed =
      ImportCsvText(std::string("Last Updated,10/04/2025\n") + kHeader +
                    "ACME,,,,,,,,,,,,,Entity,Primary name,,Syria,01/02/2020,8\n"
                    "ACME,,,,,,,,,,,,,Entity,Primary name,,Syria,31/13/2020,8\n");
  ASSERT_FALSE(listed.ok());
  EXPECT_THAT(listed.status().message(),
              HasSubstr("conlist.csv:4: 'Listed On' is not a date (DD/MM/YYYY): '31/13/2020'"));
  Result<ImportedList> updated = ImportCsvText(std::string("Last Updated,April\n") + kHeader);
  ASSERT_FALSE(updated.ok());
  EXPECT_THAT(updated.status().message(), HasSubstr("conlist.csv:1: 'Last Updated' is not a date"));
}

TEST(ImportOfsi, ExactlyOneInputFile) {
  Result<ImportedList> list =
      ImportList({MakeImportInput("a.csv", "x"), MakeImportInput("b.csv", "y")}, Ofsi());
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr("expected one input file"));
}

// A workbook storing dates as serials (with and without a date format) and names as shared,
// rich-text and inline strings gives the entries its CSV export gives.
TEST(ImportOfsi, XlsxDateSerialsGiveTheCsvDates) {
  const std::string csv = std::string("Last Updated,10/04/2025\n") +
                          "Name 6,Name 1,Alias Type,Regime,Listed On,Group ID,Group Type\n"
                          "DOE,John,Primary name,Russia,05/06/2022,7,Individual\n"
                          "DOE,Jon,AKA,Russia,05/06/2022,7,Individual\n";
  const std::string xlsx = Workbook(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>45757</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>Name 1</t>"
      "</is></c><c r=\"C2\" t=\"inlineStr\"><is><t>Alias Type</t></is></c><c r=\"D2\" "
      "t=\"inlineStr\"><is><t>Regime</t></is></c><c r=\"E2\" t=\"inlineStr\"><is><t>Listed On</t>"
      "</is></c><c r=\"F2\" t=\"inlineStr\"><is><t>Group ID</t></is></c><c r=\"G2\" "
      "t=\"inlineStr\"><is><t>Group Type</t></is></c></row>"
      "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>2</v></c><c r=\"B4\" t=\"s\"><v>3</v></c>"
      "<c r=\"C4\" t=\"inlineStr\"><is><t>Primary name</t></is></c><c r=\"D4\" t=\"str\">"
      "<f>\"Russia\"</f><v>Russia</v></c><c r=\"E4\" s=\"1\"><v>44717</v></c><c r=\"F4\"><v>7</v>"
      "</c><c r=\"G4\" t=\"inlineStr\"><is><t>Individual</t></is></c></row>"
      "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>2</v></c><c r=\"B5\" t=\"inlineStr\"><is><t>Jon</t></is>"
      "</c><c r=\"C5\" t=\"inlineStr\"><is><t>AKA</t></is></c><c r=\"D5\" t=\"inlineStr\"><is>"
      "<t>Russia</t></is></c><c r=\"E5\"><v>44717</v></c><c r=\"F5\"><v>7</v></c><c r=\"G5\" "
      "t=\"inlineStr\"><is><t>Individual</t></is></c></row>",
      "<si><t>Last Updated</t></si><si><r><t>Name</t></r><r><rPr><b/></rPr><t xml:space="
      "\"preserve\"> 6</t></r></si><si><t>DOE</t></si><si><t>John</t><rPh><t>jon</t></rPh></si>");
  Result<ImportedList> from_csv = ImportList({MakeImportInput("c.csv", csv)}, Ofsi());
  Result<ImportedList> from_xlsx = ImportList({MakeImportInput("c.xlsx", xlsx)}, Ofsi());
  ASSERT_TRUE(from_csv.ok()) << from_csv.status().message();
  ASSERT_TRUE(from_xlsx.ok()) << from_xlsx.status().message();
  EXPECT_EQ(WrittenEntries(from_xlsx->entries), WrittenEntries(from_csv->entries));
  EXPECT_EQ(from_xlsx->metadata.published, "2025-04-10");
  ASSERT_EQ(from_xlsx->entries.size(), 1u);
  EXPECT_EQ(from_xlsx->entries[0].start_date, "2022-06-05");
  EXPECT_EQ(from_xlsx->entries[0].line, 4);  // the sheet's row number
}

// --- The XLSX reader. ---

TEST(XlsxSheet, ReadsCellsAtTheirColumns) {
  const std::string xlsx = Workbook(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>in</t>"
      "<t>line</t></is></c><c r=\"AB1\"><v>1.5</v></c></row>"
      "<row r=\"3\"><c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c><c r=\"D3\" s=\"1\" t=\"d\">"
      "<v>2025-04-10T00:00:00</v></c><c r=\"E3\" t=\"s\"/></row>",
      "<si><r><t>rich </t></r><r><t>text</t></r><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>");
  Result<internal::XlsxRows> rows = internal::ReadFirstXlsxSheet(xlsx, "book.xlsx");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 3u);
  ASSERT_EQ((*rows)[0].size(), 28u);
  EXPECT_EQ((*rows)[0][0], "rich text");
  EXPECT_EQ((*rows)[0][1], "");
  EXPECT_EQ((*rows)[0][2], "inline");
  EXPECT_EQ((*rows)[0][27], "1.5");
  EXPECT_THAT((*rows)[1], IsEmpty());
  EXPECT_THAT((*rows)[2], ElementsAre("TRUE", "#N/A", "", "10/04/2025"));
}

TEST(XlsxSheet, DateSerialsBecomeDayMonthYear) {
  EXPECT_EQ(internal::XlsxSerialToDate("45757"), "10/04/2025");
  EXPECT_EQ(internal::XlsxSerialToDate("45757.75"), "10/04/2025");
  EXPECT_EQ(internal::XlsxSerialToDate("61"), "01/03/1900");
  EXPECT_EQ(internal::XlsxSerialToDate("2958465"), "31/12/9999");
  EXPECT_EQ(internal::XlsxSerialToDate("44295", /*date1904=*/true), "10/04/2025");
  EXPECT_EQ(internal::XlsxSerialToDate("0"), "");
  EXPECT_EQ(internal::XlsxSerialToDate("10/04/2025"), "");
  EXPECT_EQ(internal::XlsxSerialToDate(""), "");
  // The 1904 date system, stated by the workbook, applies to date-formatted cells.
  const std::string xlsx = Workbook("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44295</v></c></row>", "",
                                    "<workbookPr date1904=\"1\"/>");
  Result<internal::XlsxRows> rows = internal::ReadFirstXlsxSheet(xlsx, "book.xlsx");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_THAT((*rows)[0], ElementsAre("10/04/2025"));
}

TEST(XlsxSheet, RefusesAPartOverTheSizeLimit) {
  const std::string xlsx = Workbook("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", "");
  internal::XlsxLimits limits;
  limits.max_part_bytes = 100;
  Result<internal::XlsxRows> rows = internal::ReadFirstXlsxSheet(xlsx, "big.xlsx", limits);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(rows.status().message(), HasSubstr("big.xlsx: "));
  EXPECT_THAT(rows.status().message(), HasSubstr("100-byte limit"));
}

TEST(XlsxSheet, RefusesTooManyCells) {
  // One cell far down and right stands for millions of empty ones.
  const std::string xlsx =
      Workbook("<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>", "");
  internal::XlsxLimits limits;
  limits.max_cells = 1000000;
  Result<internal::XlsxRows> rows = internal::ReadFirstXlsxSheet(xlsx, "wide.xlsx", limits);
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("wide.xlsx: xl/worksheets/data.xml: more than"));
  const std::string beyond = Workbook("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", "");
  rows = internal::ReadFirstXlsxSheet(beyond, "beyond.xlsx");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("cell reference 'XFE1'"));
}

TEST(XlsxSheet, RefusesADoctype) {
  // An internal entity in a DTD: the start of a "billion laughs" file.
  const std::string sst = std::string("<!DOCTYPE sst [<!ENTITY x \"boom\">]><sst xmlns=\"") +
                          kMain + "\"><si><t>&x;</t></si></sst>";
  const std::string hostile =
      Zip({{"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMain +
                                   "\"><sheets><sheet name=\"a\"/></sheets></workbook>"},
           {"xl/sharedStrings.xml", sst},
           {"xl/worksheets/sheet1.xml", "<worksheet/>"}});
  Result<internal::XlsxRows> rows = internal::ReadFirstXlsxSheet(hostile, "evil.xlsx");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("evil.xlsx: xl/sharedStrings.xml: has a DOCTYPE"));
}

TEST(XlsxSheet, ErrorsNameTheFile) {
  Result<internal::XlsxRows> rows = internal::ReadFirstXlsxSheet("PK\x03\x04junk", "bad.xlsx");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("bad.xlsx: not a readable XLSX workbook"));
  rows = internal::ReadFirstXlsxSheet(Zip({{"word/document.xml", "<w/>"}}), "doc.xlsx");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("doc.xlsx: not an XLSX workbook"));
  rows = internal::ReadFirstXlsxSheet(
      Workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>", ""), "short.xlsx");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("cell A1 refers to shared string '5' of 0"));
  rows = internal::ReadFirstXlsxSheet(Workbook("<row r=\"1\"><c r=\"A1\"><v>1</v></row>", ""),
                                      "broken.xlsx");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), ErrorCode::kParseError);
  EXPECT_THAT(rows.status().message(), HasSubstr("broken.xlsx: xl/worksheets/data.xml: "));
}

}  // namespace
}  // namespace trustscreen::lists
