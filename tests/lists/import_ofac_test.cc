// The ofac converter (import_ofac.cc) on OFAC's legacy CSV files of the corpus and on small
// in-memory inputs.
//
// The figures for the corpus files were counted independently of the converter with Python's csv
// module (the trailing 0x1A byte dropped): SDN_Type per row of the primary file, rows of the
// alias/address/comment files and whether their ent_num is in the primary file, and the alias
// candidates (every alt.csv name, its trailing "(ACRONYM)" split off as a second name unless the
// acronym is a legal form such as "(LLC)", the "Given SURNAME" form of an individual's
// "SURNAME, Given" names, and the quoted names after "a.k.a."/"f.k.a." in Remarks with the
// comments file's continuation appended). ImportList writes every candidate or drops it as a
// repeat of an earlier name or a filler, so aliases + weak aliases + dropped = candidates.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "csv.h"
#include "trustscreen/lists/import.h"
#include "trustscreen/lists/name_pattern.h"

namespace trustscreen::lists {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;

const std::filesystem::path kLists = std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "lists";

std::vector<ImportInput> Read(const std::vector<std::string>& names) {
  std::vector<ImportInput> inputs;
  for (const std::string& name : names) {
    Result<ImportInput> input = ReadImportInput(kLists / name);
    EXPECT_TRUE(input.ok()) << input.status().message();
    if (input.ok()) inputs.push_back(std::move(input).value());
  }
  return inputs;
}

std::vector<ImportInput> Sdn2021() {
  return Read({"ofac/sdn.csv", "ofac/alt.csv", "ofac/add.csv", "ofac/sdn_comments.csv"});
}

std::vector<ImportInput> Consolidated() {
  return Read(
      {"ofac/cons_prim.csv", "ofac/cons_alt.csv", "ofac/cons_add.csv", "ofac/cons_comments.csv"});
}

ImportOptions Ofac() {
  ImportOptions options;
  options.format = "ofac";
  options.published = "2021-07-07";
  return options;
}

const EntityEntry* Find(const ImportedList& list, const std::string& id) {
  for (const EntityEntry& entry : list.entries) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

std::map<std::string, int> CountTypes(const ImportedList& list) {
  std::map<std::string, int> types;
  for (const EntityEntry& entry : list.entries) ++types[entry.type];
  return types;
}

std::string Metadata(const ImportedList& list, const std::string& key) {
  for (const auto& [name, value] : list.metadata.other) {
    if (name == key) return value;
  }
  return "";
}

std::string Written(const ImportedList& list) {
  std::ostringstream out;
  WriteEntityList(list.metadata, list.entries, out);
  return out.str();
}

TEST(ImportOfac, SdnEntriesByTypeEqualThePrimaryFile) {
  ImportStats stats;
  Result<ImportedList> list = ImportList(Sdn2021(), Ofac(), &stats);
  ASSERT_TRUE(list.ok()) << list.status().message();
  // sdn.csv of July 2021: 8976 rows; SDN_Type individual 4620, -0- 3673, vessel 406, aircraft 277.
  EXPECT_EQ(stats.entries, 8976);
  EXPECT_EQ(CountTypes(*list),
            (std::map<std::string, int>{
                {"aircraft", 277}, {"entity", 3673}, {"individual", 4620}, {"vessel", 406}}));
  // 8976 + 11910 alt.csv + 13837 add.csv + 5 sdn_comments.csv rows.
  EXPECT_EQ(stats.rows, 34728);
  EXPECT_EQ(stats.merged_rows, 0);
  EXPECT_EQ(list->metadata.title, "OFAC Specially Designated Nationals (SDN) List");
  EXPECT_EQ(list->metadata.publisher,
            "US Department of the Treasury, Office of Foreign Assets Control (OFAC)");
  EXPECT_EQ(list->metadata.format, "ofac");
  EXPECT_EQ(Metadata(*list, "skipped_rows"), "");  // every row belongs to an entry of sdn.csv
}

TEST(ImportOfac, AliasTotalsEqualTheCandidatesLessTheDroppedRepeats) {
  ImportStats stats;
  Result<ImportedList> list = ImportList(Sdn2021(), Ofac(), &stats);
  ASSERT_TRUE(list.ok()) << list.status().message();
  // Candidates: 22786 strong (alt.csv's 11910 rows: 11523 aka, 369 fka, 18 nka; natural-order
  // forms; acronym splits) and 2919 weak (Remarks aliases and their natural-order forms).
  EXPECT_EQ(stats.aliases + stats.weak_aliases + stats.dropped_aliases, 22786 + 2919);
  // How many repeats are dropped depends on the shared name keys (NormalizeName) and on stray
  // quotes removed ("'BNC'"): the totals above are the invariant.
  EXPECT_EQ(stats.aliases, 22133);  // one alias is a country name, dropped
  EXPECT_EQ(stats.weak_aliases, 2872);
  EXPECT_EQ(stats.dropped_aliases, 700);
}

TEST(ImportOfac, EveryAltRowIsANameOfItsEntry) {
  Result<ImportedList> list = ImportList(Sdn2021(), Ofac());
  ASSERT_TRUE(list.ok()) << list.status().message();
  std::map<std::string, std::set<std::string>> names;  // ent_num -> normalised names
  for (const EntityEntry& entry : list->entries) {
    std::set<std::string>& keys = names[entry.id];
    keys.insert(NormalizeName(entry.name));
    for (const std::string& alias : entry.aliases) keys.insert(NormalizeName(alias));
    for (const std::string& alias : entry.weak_aliases) keys.insert(NormalizeName(alias));
  }
  const ImportInput alt = Read({"ofac/alt.csv"})[0];
  std::string text = alt.bytes;
  text.pop_back();  // the 0x1A end-of-file byte
  Result<std::vector<CsvRecord>> rows = ReadCsv(text, "alt.csv");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 11910u);
  int missing = 0;
  for (const CsvRecord& row : *rows) {
    // "ISLAMIC JIHAD UNION (IJU)" is written as two aliases.
    std::vector<std::string> expected = {row.fields[3]};
    std::string bare;
    std::string acronym;
    if (SplitTrailingAcronym(row.fields[3], &bare, &acronym)) expected = {bare, acronym};
    for (const std::string& name : expected) {
      if (IsFillerName(name) || names[row.fields[0]].count(NormalizeName(name)) > 0) continue;
      ADD_FAILURE() << "alt.csv:" << row.line << ": " << name << " not a name of entry "
                    << row.fields[0];
      ++missing;
    }
    if (missing >= 5) break;
  }
}

TEST(ImportOfac, BancoNacionalDeCubaHasItsAliasAndItsWeakAcronym) {
  Result<ImportedList> list = ImportList(Sdn2021(), Ofac());
  ASSERT_TRUE(list.ok()) << list.status().message();
  const EntityEntry* bank = Find(*list, "306");
  ASSERT_NE(bank, nullptr);
  EXPECT_EQ(bank->name, "BANCO NACIONAL DE CUBA");
  EXPECT_EQ(bank->type, "entity");
  EXPECT_THAT(bank->aliases, ElementsAre("NATIONAL BANK OF CUBA"));
  // Remarks "a.k.a. 'BNC'.": OFAC's CSV files carry weak AKAs in Remarks.
  EXPECT_THAT(bank->weak_aliases, ElementsAre("BNC"));
  EXPECT_EQ(bank->category, "CUBA");
  EXPECT_EQ(bank->reference, "OFAC program: CUBA");
  EXPECT_EQ(bank->list, "OFAC Specially Designated Nationals (SDN) List");
  EXPECT_EQ(bank->country, "CH|ES|JP|PA");
  EXPECT_THAT(bank->address, HasSubstr("Zweierstrasse 35, Zurich CH-8022, Switzerland; "));
  EXPECT_EQ(bank->notes, "");  // the Remarks were only the weak alias
}

TEST(ImportOfac, RussianEntityKeepsItsFormerNamesAndPrograms) {
  Result<ImportedList> list = ImportList(Sdn2021(), Ofac());
  ASSERT_TRUE(list.ok()) << list.status().message();
  const EntityEntry* ira = Find(*list, "23943");
  ASSERT_NE(ira, nullptr);
  EXPECT_EQ(ira->name, "INTERNET RESEARCH AGENCY LLC");
  EXPECT_THAT(
      ira->aliases,
      ElementsAre("MEDIASINTEZ LLC", "GLAVSET LLC", "MIXINFO LLC", "AZIMUT LLC", "NOVINFO LLC",
                  "GLAVSET, OOO", "MEDIASINTEZ, OOO", "NOVINFO, OOO", "LAKHTA INTERNET RESEARCH"));
  EXPECT_EQ(ira->country, "RU");
  EXPECT_EQ(ira->category, "CYBER2; ELECTION-EO13848");  // OFAC writes "CYBER2] [ELECTION-…"
  EXPECT_EQ(ira->reference, "OFAC programs: CYBER2; ELECTION-EO13848");
}

TEST(ImportOfac, IndividualGetsTheNaturalOrderOfEachNameAndNoPersonalIdentifiers) {
  Result<ImportedList> list = ImportList(Sdn2021(), Ofac());
  ASSERT_TRUE(list.ok()) << list.status().message();
  const EntityEntry* person = Find(*list, "12300");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->name, "CIFUENTES VILLA, Jorge Milton");
  EXPECT_EQ(person->type, "individual");
  EXPECT_THAT(person->aliases,
              ElementsAre("Jorge Milton CIFUENTES VILLA", "LOPEZ SALAZAR, Elkin de Jesus",
                          "Elkin de Jesus LOPEZ SALAZAR", "OSUNA VILLARREAL, Sergio",
                          "Sergio OSUNA VILLARREAL"));
  EXPECT_EQ(person->country, "CO|MX");
  // The Remarks (1000 characters and a continuation) start with DOB, POB, Cedula, Passport and
  // tax numbers; the notes keep the links, in at most ~300 characters.
  EXPECT_THAT(person->notes, HasSubstr("Linked To: BIO FORESTAL S.A.S."));
  for (const char* personal : {"DOB", "POB", "Passport", "Cedula", "R.F.C.", "C.U.R.P."}) {
    EXPECT_THAT(person->notes, Not(HasSubstr(personal)));
  }
  EXPECT_LE(person->notes.size(), 305u);
  // A surname ending in a parenthesis that is no acronym stays whole in the natural order.
  const EntityEntry* angulo = Find(*list, "4277");
  ASSERT_NE(angulo, nullptr);
  EXPECT_THAT(angulo->aliases, ElementsAre("Jose Francisco ANGULO OROBIO (SEGUNDO)"));
}

TEST(ImportOfac, WeakAliasesComeFromRemarksAndTheirContinuation) {
  Result<ImportedList> list = ImportList(Sdn2021(), Ofac());
  ASSERT_TRUE(list.ok()) << list.status().message();
  // sdn.csv cuts entry 28263's Remarks at 1000 characters inside "a.k.a. 'snowsjo";
  // sdn_comments.csv goes on with "hn'; Linked To: LAZARUS GROUP.".
  const EntityEntry* tian = Find(*list, "28263");
  ASSERT_NE(tian, nullptr);
  EXPECT_THAT(tian->weak_aliases, ElementsAre("tianyinyin0404", "snowsjohn"));
  EXPECT_THAT(tian->notes, HasSubstr("Linked To: LAZARUS GROUP."));
  // Quoted names hold apostrophes; doubled and stray quotes are OFAC typos.
  const EntityEntry* ghailani = Find(*list, "6925");
  ASSERT_NE(ghailani, nullptr);
  EXPECT_THAT(ghailani->weak_aliases,
              IsSupersetOf({"AHMED, A.", "A. AHMED", "FOOPIE", "FUPI", "AHMED THE TANZANIAN"}));
  const EntityEntry* marzook = Find(*list, "3754");
  ASSERT_NE(marzook, nullptr);
  EXPECT_THAT(marzook->weak_aliases, ElementsAre("ABU-'UMAR"));
  const EntityEntry* molina = Find(*list, "8162");
  ASSERT_NE(molina, nullptr);
  EXPECT_THAT(molina->weak_aliases,
              ElementsAre("ARTURO GUEVARA", "EL PATRON", "JORGE MEDINA", "NEGRO ACACIO"));
}

TEST(ImportOfac, ConsolidatedNonSdnSetImports) {
  ImportStats stats;
  Result<ImportedList> list = ImportList(Consolidated(), Ofac(), &stats);
  ASSERT_TRUE(list.ok()) << list.status().message();
  // cons_prim.csv of Dec 2025: 442 rows; individual 79, -0- 363. cons_alt.csv 1073 rows (932 aka,
  // 141 fka), cons_add.csv 574, cons_comments.csv 10. Candidates: 1240 strong and 74 weak.
  EXPECT_EQ(CountTypes(*list), (std::map<std::string, int>{{"entity", 363}, {"individual", 79}}));
  EXPECT_EQ(stats.rows, 442 + 1073 + 574 + 10);
  EXPECT_EQ(stats.aliases + stats.weak_aliases + stats.dropped_aliases, 1240 + 74);
  EXPECT_EQ(list->metadata.title, "OFAC Consolidated (non-SDN) List");
  const EntityEntry* sberbank = Find(*list, "17018");
  ASSERT_NE(sberbank, nullptr);
  EXPECT_EQ(sberbank->name, "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA");
  EXPECT_EQ(sberbank->list, "OFAC Consolidated (non-SDN) List");
  EXPECT_THAT(sberbank->aliases, IsSupersetOf({"SBERBANK OF RUSSIA", "PJSC SBERBANK"}));
  // Both weak aliases are in cons_comments.csv, past the 1000 characters of cons_prim.csv.
  EXPECT_THAT(sberbank->weak_aliases, ElementsAre("SBERBANK INDIA", "SBERBANK MUMBAI"));
  EXPECT_EQ(sberbank->country.substr(0, 3), "RU|");
  EXPECT_EQ(sberbank->category, "UKRAINE-EO13662; RUSSIA-EO14024");
}

TEST(ImportOfac, OlderSdnWithNewerAliasAndAddressFilesSkipsRowsOfUnknownEntries) {
  ImportStats stats;
  Result<ImportedList> list =
      ImportList(Read({"ofac/sdn.csv", "ofac_2025-02/alt.csv", "ofac_2025-02/add.csv",
                       "ofac_2025-02/sdn_comments.csv"}),
                 Ofac(), &stats);
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(stats.entries, 8976);
  // Feb 2025 files: alt.csv 19486 rows, 7959 of entries not in the 2021 sdn.csv; add.csv 22641,
  // 10524; sdn_comments.csv 21, 15 of unknown entries and 2 (27307, 31212) continuing a Remarks
  // that the 2021 sdn.csv does not cut at 1000 characters.
  EXPECT_EQ(stats.rows, 8976 + 19486 + 22641 + 21);
  EXPECT_EQ(Metadata(*list, "skipped_rows"),
            "18500 (add.csv 10524, alt.csv 7959, sdn_comments.csv 17): entry not in sdn.csv, or "
            "a continuation of a Remarks that is not cut at 1000 characters");
  EXPECT_EQ(stats.aliases + stats.weak_aliases + stats.dropped_aliases, 22249 + 2919);
  // A 2025 continuation is not glued to the 486-character 2021 Remarks of LAZARUS GROUP.
  const EntityEntry* lazarus = Find(*list, "27307");
  ASSERT_NE(lazarus, nullptr);
  EXPECT_THAT(lazarus->weak_aliases,
              ElementsAre("HIDDEN COBRA", "OFFICE 91", "GUARDIANS OF PEACE",
                          "THE NEW ROMANTIC CYBER ARMY TEAM", "WHOIS HACKING TEAM", "RED DOT",
                          "TEMP.HERMIT", "GROUP 77", "ZINC", "APT-C-26", "APPLEWORM"));
  EXPECT_THAT(Written(*list), HasSubstr("# skipped_rows: 18500 "));
}

TEST(ImportOfac, SameInputsGiveTheSameBytes) {
  Result<ImportedList> first = ImportList(Sdn2021(), Ofac());
  Result<ImportedList> second = ImportList(Sdn2021(), Ofac());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(Written(*first), Written(*second));
}

// Small inputs in OFAC's dialect: "-0- " nulls, CR LF, the 0x1A end-of-file byte.
const std::string kPrimary =
    "10,\"ACME TRADING (ATC)\",-0- ,\"IRAN] [SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
    "\"Website acme.example; a.k.a. 'ACME'.\"\r\n"
    "20,\"DOE, John, Jr.\",\"individual\",\"SDGT\",\"Director\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
    "\"DOB 01 Jan 1970; POB Nowhere; Passport X123 (Iran); nationality Iran; a.k.a. 'JJ DOE'.\""
    "\r\n\x1A";
const std::string kAlt =
    "10,1,\"fka\",\"ACME OLD NAME\",-0- \r\n20,2,\"aka\",\"ROE, Richard\",-0- \r\n"
    "99,3,\"aka\",\"NOBODY\",-0- \r\n\x1A";
const std::string kAdd =
    "10,1,\"1 Main St\",\"Tehran\",\"Iran\",-0- \r\n"
    "10,2,-0- ,-0- ,\"Region: Gaza\",-0- \r\n\x1A";

TEST(ImportOfac, FilesAreToldApartByTheirShapeInAnyOrder) {
  ImportStats stats;
  Result<ImportedList> list =
      ImportList({MakeImportInput("b.csv", kAdd), MakeImportInput("a.csv", kAlt),
                  MakeImportInput("c.csv", kPrimary)},
                 Ofac(), &stats);
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->entries.size(), 2u);
  const EntityEntry& acme = list->entries[0];
  EXPECT_EQ(acme.name, "ACME TRADING (ATC)");
  EXPECT_EQ(acme.type, "entity");
  EXPECT_THAT(acme.aliases, ElementsAre("ACME TRADING", "ATC", "ACME OLD NAME"));
  EXPECT_THAT(acme.weak_aliases, ElementsAre("ACME"));
  EXPECT_EQ(acme.category, "IRAN; SDGT");
  EXPECT_EQ(acme.country, "IR|PS");
  EXPECT_EQ(acme.address, "1 Main St, Tehran, Iran; Region: Gaza");
  EXPECT_EQ(acme.notes, "Website acme.example");
  const EntityEntry& doe = list->entries[1];
  EXPECT_EQ(doe.name, "DOE, John, Jr.");
  EXPECT_THAT(doe.aliases, ElementsAre("John DOE Jr.", "ROE, Richard", "Richard ROE"));
  EXPECT_THAT(doe.weak_aliases, ElementsAre("JJ DOE"));
  EXPECT_EQ(doe.notes, "title: Director; nationality Iran");
  EXPECT_EQ(Metadata(*list, "skipped_rows"),
            "1 (a.csv 1): entry not in c.csv, or a continuation of a Remarks that is not cut at "
            "1000 characters");
  EXPECT_EQ(stats.rows, 2 + 3 + 2);
}

TEST(ImportOfac, RefusesInputWithoutAPrimaryFile) {
  Result<ImportedList> list = ImportList({MakeImportInput("alt.csv", kAlt)}, Ofac());
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr("no primary file among alt.csv"));
  EXPECT_THAT(list.status().message(), HasSubstr("sdn.csv or cons_prim.csv"));
}

TEST(ImportOfac, RefusesTwoFilesOfOneKind) {
  Result<ImportedList> list = ImportList(
      {MakeImportInput("sdn.csv", kPrimary), MakeImportInput("sdn2.csv", kPrimary)}, Ofac());
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr("sdn.csv and sdn2.csv are both primary"));
}

TEST(ImportOfac, NamesTheLineOfAMalformedRow) {
  Result<ImportedList> short_row =
      ImportList({MakeImportInput("sdn.csv", kPrimary),
                  MakeImportInput("alt.csv", "10,1,\"aka\",\"X\",-0- \r\n20,2,\"aka\",\"Y\"\r\n")},
                 Ofac());
  ASSERT_FALSE(short_row.ok());
  EXPECT_EQ(short_row.status().message(),
            "alt.csv:2: 4 fields, expected 5 as in the rest of this alias (alt.csv) file");
  Result<ImportedList> bad_number =
      ImportList({MakeImportInput(
                     "sdn.csv", "x1,\"A\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n")},
                 Ofac());
  ASSERT_FALSE(bad_number.ok());
  EXPECT_EQ(bad_number.status().message(), "sdn.csv:1: ent_num 'x1' is not a number");
  Result<ImportedList> unknown = ImportList({MakeImportInput("x.csv", "1,2,3\r\n")}, Ofac());
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("x.csv:1: 3 fields, which is no OFAC"));
  Result<ImportedList> bad_type = ImportList(
      {MakeImportInput("sdn.csv",
                       "1,\"A\",\"ship\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n")},
      Ofac());
  ASSERT_FALSE(bad_type.ok());
  EXPECT_THAT(bad_type.status().message(), HasSubstr("sdn.csv:1: SDN_Type 'ship'"));
}

TEST(ImportOfac, RequiresThePublicationDate) {
  ImportOptions options = Ofac();
  options.published.clear();
  Result<ImportedList> list = ImportList({MakeImportInput("sdn.csv", kPrimary)}, options);
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(list.status().message(), HasSubstr("--published"));
}

TEST(ImportOfac, AppendsAContinuationOnlyToARemarksCutAtTheLimit) {
  const std::string cut(1000, 'x');
  const std::string primary =
      "1,\"A\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"" + cut.substr(0, 990) +
      "; a.k.a. 'BE\"\r\n2,\"B\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"short\"\r\n";
  const std::string comments = "1,\"TA'.\"\r\n2,\"tail of another version\"\r\n";
  Result<ImportedList> list =
      ImportList({MakeImportInput("c.csv", comments), MakeImportInput("p.csv", primary)}, Ofac());
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_THAT(list->entries[0].weak_aliases, ElementsAre("BETA"));
  EXPECT_EQ(list->entries[1].notes, "short");
  EXPECT_THAT(Metadata(*list, "skipped_rows"), HasSubstr("1 (c.csv 1)"));
}

}  // namespace
}  // namespace trustscreen::lists
