// Partner screening over the shipped rules (rules/partners/): organisations of the sanctions and
// restricted-party lists named in agreement, MoU and e-mail sentences, in Latin, Cyrillic and
// Chinese script, with other legal forms, split over lines, in capitals and in quoted replies; the
// context short names need; possible affiliates; merged hits of several lists; ASPI categories;
// near misses; and the real non-sanctioned names of the yente validation sets.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "csv.h"
#include "match_test_util.h"
#include "trustscreen/match/matcher.h"

namespace trustscreen::match {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kOfsi[] = "partner-uk-ofsi-sanctions";
constexpr char kSdn[] = "partner-us-ofac-sdn";
constexpr char kNonSdn[] = "partner-us-ofac-non-sdn";
constexpr char kAspi[] = "partner-china-defence-universities";
constexpr char kElUniversities[] = "partner-entity-list-universities";

// The findings of partner rules in `text`.
std::vector<Finding> PartnerFindings(std::string_view text) {
  std::vector<Finding> partner;
  for (Finding& finding : testing::Match(testing::ShippedRules(), text)) {
    if (finding.family == RuleFamily::kPartner) partner.push_back(std::move(finding));
  }
  return partner;
}

std::string Describe(const std::vector<Finding>& findings) {
  std::string lines;
  for (const std::string& line : testing::Describe(findings)) lines += "\n  " + line;
  return lines.empty() ? " (none)" : lines;
}

// What one partner finding must show.
struct Hit {
  std::string rule_id;
  std::string listed_name;
  std::string_view match_kind;
  Severity severity;
  std::string matched;  // a part of the matched text
};

// Expects exactly one partner finding in `text`, as `hit` describes, and returns it (an empty
// finding after a failure).
Finding ExpectOneHit(std::string_view text, const Hit& hit) {
  const std::vector<Finding> found = PartnerFindings(text);
  if (found.size() != 1 || !found[0].entity) {
    ADD_FAILURE() << "in \"" << text << "\": expected one partner finding, got" << Describe(found);
    return {};
  }
  const Finding& finding = found[0];
  // Where several lists name the span, one finding keeps them all: the expected list's entry may
  // be the winner or named in also_listed_in (at the same severity the winner has).
  if (finding.rule_id == hit.rule_id) {
    EXPECT_EQ(finding.entity->listed_name, hit.listed_name) << text << Describe(found);
  } else {
    EXPECT_THAT(finding.entity->also_listed_in, Contains(HasSubstr(": " + hit.listed_name + " (")))
        << text << Describe(found);
  }
  EXPECT_EQ(finding.entity->match_kind, hit.match_kind) << text << Describe(found);
  EXPECT_EQ(ToString(finding.severity), ToString(hit.severity)) << text << Describe(found);
  EXPECT_THAT(finding.matched_text, HasSubstr(hit.matched)) << text;
  return finding;
}

void ExpectNoPartnerFinding(std::string_view text) {
  const std::vector<Finding> found = PartnerFindings(text);
  EXPECT_TRUE(found.empty()) << "in \"" << text << "\":" << Describe(found);
}

// --- Latin script, legal forms ---------------------------------------------------------------

TEST(PartnerScreening, FindsAnOfsiListedBankWithAnyLegalFormOrNone) {
  for (const char* text : {
           "Fees under this Agreement are paid into an account with Sberbank of Russia.",
           "The Supplier holds its account with PJSC Sberbank of Russia, Moscow.",
           "The Supplier holds its account with Sberbank of Russia PJSC, Moscow.",
           "Payments are routed through Public Joint Stock Company Sberbank of Russia.",
       }) {
    const Finding finding =
        ExpectOneHit(text, {kOfsi, "PJSC SBERBANK (PUBLIC JOINT-STOCK COMPANY SBERBANK)",
                            kMatchListedName, Severity::kCritical, "Sberbank of Russia"});
    if (!finding.entity) continue;
    EXPECT_EQ(finding.entity->list, "UK OFSI Consolidated List");
    EXPECT_EQ(finding.entity->category, "Russia");
    EXPECT_EQ(finding.entity->list_date, "2025-04-10");
    EXPECT_THAT(finding.entity->also_listed_in,
                Contains(HasSubstr("Specially Designated Nationals (SDN)")))
        << text;
  }
}

TEST(PartnerScreening, FindsOrganisationsWithTheirLegalFormMovedOrChanged) {
  ExpectOneHit("The licence agreement is concluded with JSC Kalashnikov Concern, Izhevsk.",
               {kOfsi, "JSC KALASHNIKOV CONCERN", kMatchListedName, Severity::kCritical,
                "Kalashnikov Concern"});
  ExpectOneHit("The licence agreement is concluded with Kalashnikov Concern JSC, Izhevsk.",
               {kOfsi, "JSC KALASHNIKOV CONCERN", kMatchListedName, Severity::kCritical,
                "Kalashnikov Concern"});
  ExpectOneHit("Payment shall be made through PJSC Bank Uralsib.",
               {kOfsi, "BANK URALSIB PJSC", kMatchListedName, Severity::kCritical, "Bank Uralsib"});
  ExpectOneHit("The sponsor, Gazprom Neft PJSC, will fund the chair.",
               {kOfsi, "GAZPROM NEFT", kMatchListedName, Severity::kCritical, "Gazprom Neft"});
  ExpectOneHit("The processors are supplied by AO Baikal Electronics.",
               {kOfsi, "BAIKAL ELECTRONICS JSC", kMatchListedName, Severity::kCritical,
                "Baikal Electronics"});
  ExpectOneHit(
      "Two engineers of AVIC Aircraft Co., Ltd. will visit the laboratory.",
      {kAspi, "AVIC Aircraft Co., Ltd.", kMatchListedName, Severity::kHigh, "AVIC Aircraft"});
}

// --- Other scripts ----------------------------------------------------------------------------

TEST(PartnerScreening, FindsOfsiNamesWrittenInCyrillic) {
  ExpectOneHit("Оплата по договору производится через ПАО Сбербанк.",
               {kOfsi, "PJSC SBERBANK (PUBLIC JOINT-STOCK COMPANY SBERBANK)", kMatchListedName,
                Severity::kCritical, "Сбербанк"});
  ExpectOneHit("Оплата по договору производится через ПАО «Сбербанк».",
               {kOfsi, "PJSC SBERBANK (PUBLIC JOINT-STOCK COMPANY SBERBANK)", kMatchListedName,
                Severity::kCritical, "Сбербанк"});
  ExpectOneHit("Лицензионный договор с Концерн Калашников подписан.",
               {kOfsi, "JSC KALASHNIKOV CONCERN", kMatchListedName, Severity::kCritical,
                "Концерн Калашников"});
  ExpectOneHit("Контракт с ООО ЦСТ на поставку беспилотников.",
               {kOfsi, "LLC CST", kMatchListedName, Severity::kCritical, "ЦСТ"});
  ExpectOneHit("Оплата через Московский кредитный банк.",
               {kOfsi, "CREDIT BANK OF MOSCOW", kMatchListedName, Severity::kCritical,
                "Московский кредитный банк"});
  ExpectOneHit("Радары поставляет Концерн ВКО «Алмаз-Антей».",
               {kOfsi, "ALMAZ-ANTEY AIR AND SPACE DEFENSE CORPORATION", kMatchListedName,
                Severity::kCritical, "Алмаз-Антей"});
}

TEST(PartnerScreening, FindsCyrillicListedNamesUnderTheirLatinRomanisation) {
  ExpectOneHit("The stipend is paid via Moskovsky Kreditny Bank in Russia.",
               {kOfsi, "CREDIT BANK OF MOSCOW", kMatchListedName, Severity::kCritical,
                "Moskovsky Kreditny Bank"});
  ExpectOneHit("The stipend is paid via Moskovskiy Kreditnyy Bank.",
               {kOfsi, "CREDIT BANK OF MOSCOW", kMatchListedName, Severity::kCritical,
                "Moskovskiy Kreditnyy Bank"});
  ExpectOneHit("The radar data come from Kontsern VKO Almaz-Antey.",
               {kOfsi, "ALMAZ-ANTEY AIR AND SPACE DEFENSE CORPORATION", kMatchListedName,
                Severity::kCritical, "Almaz-Antey"});
}

TEST(PartnerScreening, FindsChineseNamesAsWritten) {
  const Finding hit =
      ExpectOneHit("The MoU is signed with 哈尔滨工业大学 (Harbin) for a joint laboratory.",
                   {kElUniversities, "Harbin Institute of Technology", kMatchListedName,
                    Severity::kCritical, "哈尔滨工业大学"});
  if (hit.entity) {
    EXPECT_THAT(hit.entity->also_listed_in,
                Contains(HasSubstr("ASPI China Defence Universities Tracker")));
  }
  ExpectOneHit("本合作协议由哈尔滨工业大学与英国大学签署。",
               {kElUniversities, "Harbin Institute of Technology", kMatchListedName,
                Severity::kCritical, "哈尔滨工业大学"});
  const Finding caep = ExpectOneHit("本协议由中国工程物理研究院与英国大学签署。",
                                    {kAspi, "Chinese Academy of Engineering Physics",
                                     kMatchListedName, Severity::kHigh, "中国工程物理研究院"});
  if (caep.entity) {
    EXPECT_EQ(caep.entity->category, "Military");
  }
}

// --- Layout: line breaks, hyphenation, spaces, quotes, tables, capitals -------------------------

TEST(PartnerScreening, FindsNamesSplitAcrossLinesHyphenatedOrSpacedOut) {
  const Hit hit = {kElUniversities, "Harbin Institute of Technology", kMatchListedName,
                   Severity::kCritical, "Harbin"};
  ExpectOneHit("The visiting scholar comes from Harbin Institute of\nTechnology, China.", hit);
  ExpectOneHit("The visiting scholar comes from Harbin Insti-\ntute of Technology, China.", hit);
  ExpectOneHit("The visiting scholar comes from Harbin  Institute   of Technology.", hit);
  ExpectOneHit("Fees are paid into an account with Sberbank of\nRussia under clause 4.",
               {kOfsi, "PJSC SBERBANK (PUBLIC JOINT-STOCK COMPANY SBERBANK)", kMatchListedName,
                Severity::kCritical, "Sberbank of"});
}

TEST(PartnerScreening, FindsNamesInQuotedEmailRepliesTablesAndGuillemets) {
  ExpectOneHit(
      "On Monday you wrote:\n> Dear colleagues, we propose a joint laboratory with\n"
      "> Harbin Institute of Technology in the field of composites.",
      {kElUniversities, "Harbin Institute of Technology", kMatchListedName, Severity::kCritical,
       "Harbin Institute of"});
  ExpectOneHit("> Please route the payment via PJSC\n> Sberbank of Russia as agreed.",
               {kOfsi, "PJSC SBERBANK (PUBLIC JOINT-STOCK COMPANY SBERBANK)", kMatchListedName,
                Severity::kCritical, "Sberbank of Russia"});
  ExpectOneHit("| Partner | Harbin Institute of Technology | China |",
               {kElUniversities, "Harbin Institute of Technology", kMatchListedName,
                Severity::kCritical, "Harbin Institute of Technology"});
  ExpectOneHit("The partner is «Harbin Institute of Technology».",
               {kElUniversities, "Harbin Institute of Technology", kMatchListedName,
                Severity::kCritical, "Harbin Institute of Technology"});
}

TEST(PartnerScreening, FindsNamesWrittenInCapitals) {
  ExpectOneHit("THE PARTIES AGREE TO PAY THROUGH BANK MELLI IRAN.",
               {kSdn, "BANK MELLI IRAN", kMatchListedName, Severity::kHigh, "BANK MELLI IRAN"});
  const Finding komid =
      ExpectOneHit("KOREA MINING DEVELOPMENT TRADING CORPORATION SUPPLIED THE PARTS.",
                   {kOfsi, "KOREA MINING DEVELOPMENT TRADING CORPORATION", kMatchListedName,
                    Severity::kCritical, "KOREA MINING DEVELOPMENT TRADING"});
  if (komid.entity) {
    EXPECT_THAT(komid.entity->also_listed_in,
                Contains(HasSubstr("UN Security Council Consolidated List: KOREA MINING "
                                   "DEVELOPMENT TRADING CORPORATION (KPe.001)")));
  }
}

// --- Short names: one word after the legal form, acronyms, weak aliases --------------------------

TEST(PartnerScreening, OneWordLeftAfterTheLegalFormNeedsCountryContext) {
  ExpectOneHit(
      "The spare parts were supplied by ROSOBORONEXPORT OAO (Moscow, Russia).",
      {kSdn, "ROSOBORONEKSPORT OAO", kMatchListedName, Severity::kHigh, "ROSOBORONEXPORT"});
  ExpectOneHit(
      "The shipment was arranged by Rosoboronexport in Moscow, Russia.",
      {kSdn, "ROSOBORONEKSPORT OAO", kMatchListedName, Severity::kHigh, "Rosoboronexport"});
  ExpectNoPartnerFinding("The shipment was arranged by Rosoboronexport.");
  ExpectNoPartnerFinding("The shipment was arranged by ROSOBORONEXPORT.");
  // Only as written, capitalised or in capitals.
  ExpectNoPartnerFinding("The shipment was arranged by rosoboronexport in Russia.");
}

TEST(PartnerScreening, AcronymsOfSanctionedPartiesNeedTheirCountryOrFullName) {
  ExpectOneHit("Payments via BMI in Tehran, Iran, are excluded from the budget.",
               {kSdn, "BANK MELLI IRAN", kMatchListedName, Severity::kHigh, "BMI"});
  ExpectNoPartnerFinding("Payments via BMI are excluded from the budget.");
  ExpectOneHit("The KOMID network in North Korea supplied the parts.",
               {kOfsi, "KOREA MINING DEVELOPMENT TRADING CORPORATION", kMatchListedName,
                Severity::kCritical, "KOMID"});
  ExpectNoPartnerFinding("The KOMID network supplied the parts.");
  ExpectOneHit("The report names the Russian FSB as the end user.",
               {kSdn, "FEDERAL SECURITY SERVICE", kMatchListedName, Severity::kHigh, "FSB"});
  ExpectNoPartnerFinding(
      "The Financial Stability Board (FSB) published its report on bank resolution.");
  ExpectOneHit("The engines come from AECC in China.", {kAspi, "Aero Engine Corporation of China",
                                                        kMatchListedName, Severity::kHigh, "AECC"});
  ExpectNoPartnerFinding("The engines come from AECC.");
}

TEST(PartnerScreening, WeakAliasesNeedTheirCountry) {
  ExpectOneHit(
      "The plant of RT-AUTO in Russia supplies the trucks.",
      {kNonSdn, "AKTSIONERNOE OBSHCHESTVO RT-AVTO", kMatchWeakAlias, Severity::kMedium, "RT-AUTO"});
  ExpectNoPartnerFinding("The plant of RT-AUTO supplies the trucks.");
  ExpectOneHit("Invoices are issued by LLC BM PROJECT, Moscow, Russia.",
               {kNonSdn, "BM PROEKT, OOO", kMatchWeakAlias, Severity::kMedium, "BM PROJECT"});
}

// --- Possible affiliates, merged lists, ASPI categories -----------------------------------------

TEST(PartnerScreening, PossibleAffiliatesAreReportedOneBandBelowTheRule) {
  const Finding neft = ExpectOneHit(
      "The internship is sponsored by Gazprom Neft Marketing LLC in Russia.",
      {kOfsi, "GAZPROM NEFT", kMatchPossibleAffiliate, Severity::kHigh, "Gazprom Neft"});
  EXPECT_EQ(ToString(neft.base_severity), "critical");
  ExpectOneHit("Spare parts are bought from Kalashnikov Concern Trading LLC.",
               {kOfsi, "JSC KALASHNIKOV CONCERN", kMatchPossibleAffiliate, Severity::kHigh,
                "Kalashnikov Concern"});
}

// The rule's own example ("payments via Sberbank Asset Management LLC"): Sberbank is on the OFSI
// list (critical) and on OFAC's lists (high, medium); the affiliate belongs to the most severe.
TEST(PartnerScreening, AffiliateOfAnEntryOnSeveralListsIsReportedUnderTheMostSevereRule) {
  ExpectOneHit("The licence fees were paid to Sberbank Asset Management LLC on 1 May.",
               {kOfsi, "PJSC SBERBANK (PUBLIC JOINT-STOCK COMPANY SBERBANK)",
                kMatchPossibleAffiliate, Severity::kHigh, "Sberbank Asset Management"});
}

TEST(PartnerScreening, SeveralListsHittingOneNameGiveOneFinding) {
  const Finding kalashnikov =
      ExpectOneHit("A licence agreement with Kalashnikov Concern JSC is attached.",
                   {kOfsi, "JSC KALASHNIKOV CONCERN", kMatchListedName, Severity::kCritical,
                    "Kalashnikov Concern"});
  if (kalashnikov.entity) {
    EXPECT_THAT(kalashnikov.entity->also_listed_in,
                Contains(HasSubstr("Entity List (EL) - Bureau of Industry and Security")));
    EXPECT_THAT(kalashnikov.entity->also_listed_in,
                Contains(HasSubstr("Specially Designated Nationals (SDN)")));
  }
  const Finding hit =
      ExpectOneHit("A visiting researcher from Harbin Institute of Technology joins WP3.",
                   {kElUniversities, "Harbin Institute of Technology", kMatchListedName,
                    Severity::kCritical, "Harbin Institute of Technology"});
  if (hit.entity) {
    EXPECT_THAT(hit.entity->also_listed_in,
                Contains(HasSubstr("ASPI China Defence Universities Tracker")));
    EXPECT_THAT(hit.entity->also_listed_in,
                Contains(HasSubstr("Entity List (EL) - Bureau of Industry and Security")));
  }
}

TEST(PartnerScreening, AspiCategorySetsTheSeverity) {
  struct Case {
    const char* text;
    const char* listed_name;
    const char* category;
    Severity severity;
  };
  for (const Case& c : {
           Case{"A visiting researcher from Harbin Engineering University joins WP2.",
                "Harbin Engineering University", "Seven sons of national defence", Severity::kHigh},
           Case{"The Academy of Military Science sends two visitors.",
                "Academy of Military Science", "Military", Severity::kHigh},
           Case{"Our partner is China People's Police University in Beijing.",
                "China People's Police University", "Security", Severity::kHigh},
           Case{"Two engineers of AVIC Aircraft Co., Ltd. will visit the laboratory.",
                "AVIC Aircraft Co., Ltd.", "Defence industry conglomerate", Severity::kHigh},
           Case{"A visiting researcher from Nanjing University joins WP2.", "Nanjing University",
                "Civilian", Severity::kMedium},
       }) {
    const Finding finding =
        ExpectOneHit(c.text, {kAspi, c.listed_name, kMatchListedName, c.severity, ""});
    if (finding.entity) {
      EXPECT_EQ(finding.entity->category, c.category) << c.text;
    }
  }
}

// --- Merging picks the right entries ------------------------------------------------------------

// "AVIC AIRCRAFT CO., LTD." is a listed alias (ASPI, and OFAC non-SDN entry 32052): written with
// "Company Limited" it is the same listed name, not an affiliate of the less severe list.
TEST(PartnerScreening, ListedNameWithSpelledOutLegalFormIsNotAPossibleAffiliate) {
  ExpectOneHit(
      "Two engineers of AVIC Aircraft Company Limited will visit the laboratory.",
      {kAspi, "AVIC Aircraft Co., Ltd.", kMatchListedName, Severity::kHigh, "AVIC Aircraft"});
}

// OFAC lists "SBERBANK OF RUSSIA" as an alias of PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA
// (17018); JOINT STOCK COMPANY SBERBANK (18715) is its Ukrainian subsidiary.
TEST(PartnerScreening, MergedFindingNamesTheEntryThatListsTheNameAsWritten) {
  const Finding finding =
      ExpectOneHit("Fees under this Agreement are paid into an account with Sberbank of Russia.",
                   {kOfsi, "PJSC SBERBANK (PUBLIC JOINT-STOCK COMPANY SBERBANK)", kMatchListedName,
                    Severity::kCritical, "Sberbank of Russia"});
  if (finding.entity) {
    EXPECT_THAT(finding.entity->also_listed_in,
                Contains(HasSubstr("PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA (17018)")));
  }
}

TEST(PartnerScreening, AlsoListedInNamesOnlyEntriesOfTheSameOrganisation) {
  const Finding finding =
      ExpectOneHit("AERO ENGINE CORPORATION OF CHINA IS A SHAREHOLDER OF THE SUPPLIER.",
                   {kAspi, "Aero Engine Corporation of China", kMatchListedName, Severity::kHigh,
                    "AERO ENGINE CORPORATION OF CHINA"});
  if (finding.entity) {
    EXPECT_THAT(finding.entity->also_listed_in,
                Not(Contains(HasSubstr("Advanced Engineering Research Organization"))));
  }
}

// --- Near misses --------------------------------------------------------------------------------

TEST(PartnerScreening, NearMissesAreNotFindings) {
  for (const char* text : {
           "We have consulted Sberbankir Consulting on the budget.",
           "A visiting researcher from Harbin Normal University joins WP2.",
           "A visiting researcher from Tianjin University of Technology joins WP2.",
           "The grant is held at Beijing University of Technology.",
           "Northwestern University, Evanston, is the lead institution.",
           "The Financial Stability Board (FSB) published its report on bank resolution.",
           "The national bank will hold the escrow account.",
           "The national bank of the country holds the escrow account.",
           "The song was a hit single from 1998 in China.",
           "The HIT rate of the cache is reported monthly.",
           "The consortium studies the aero engine corporation market.",
           "Rosoboron exports were not discussed.",
           "The Ministry of Defence funds this UK project.",
           "The Ministry of National Defence of Greece funds the project.",
           "The foreign trade bank of our country handles the transfer.",
           "We reported progress to the steering committee.",
           "The concern was raised by the auditor.",
       }) {
    ExpectNoPartnerFinding(text);
  }
}

// "SAVING BANK" / "SAVINGS BANK" (OFAC SDN 17244, Syria) is made of generic words: it counts only
// with its country (the OFSI rule's own no_match example).
TEST(PartnerScreening, GenericBankNameNeedsItsCountry) {
  ExpectNoPartnerFinding("The grant is administered by the savings bank of the region.");
  ExpectNoPartnerFinding("We bank with the Savings Bank on the high street.");
}

// Ordinary words that equal a listed name once its legal form is dropped, or a romanised Cyrillic
// alias (ИНТЕГРАЛ, ВЕКТОР, Соболь, Авангард, THE PLANAR COMPANY): lower case and without the
// entry's country they are words, not partners.
TEST(PartnerScreening, OrdinaryLowerCaseWordsAreNotFindings) {
  for (const char* text : {
           "The Schedules form an integral part of this Agreement.",
           "A vector of parameters is estimated from the data.",
           "The project develops a planar waveguide for sensors.",
           "The avangard design of the building was praised.",
       }) {
    ExpectNoPartnerFinding(text);
  }
}

// Single words need the entry's country within 30 words or its full name (as Rosoboronexport and
// Gazprom do), also when the word is the romanisation of a Cyrillic alias.
TEST(PartnerScreening, RomanisedSingleWordNeedsCountryContext) {
  for (const char* text : {
           "The account is with Sberbank.",
           "Payment through Uralsib is accepted.",
           "Sensitivity analysis used Sobol indices and quasi-random sampling.",
           "The Polyus telescope is mentioned in the proposal.",
       }) {
    ExpectNoPartnerFinding(text);
  }
  ExpectNoPartnerFinding("Gazprom supplies gas to Germany.");  // passes: the reference behaviour
}

// "X of Y" guards universities ("Tianjin University of Technology"), not an acronym followed by
// its country.
TEST(PartnerScreening, AcronymFollowedByOfAndItsCountryIsFound) {
  ExpectOneHit("The FSB of Russia is named as the end user in the report.",
               {kSdn, "FEDERAL SECURITY SERVICE", kMatchListedName, Severity::kHigh, "FSB"});
}

// --- Data-driven: real names
// ----------------------------------------------------------------------

std::filesystem::path NameTests(const std::string& file) {
  return std::filesystem::path(TRUSTSCREEN_CORPUS_DIR) / "lists/name_tests" / file;
}

// The records of a CSV file (header first), '# key: value' lines before the header dropped.
std::vector<lists::CsvRecord> ReadRecords(const std::filesystem::path& path) {
  std::istringstream in(testing::ReadFile(path));
  std::string body;
  std::string line;
  bool header_seen = false;
  while (std::getline(in, line)) {
    if (!header_seen && line.rfind("#", 0) == 0) continue;
    header_seen = true;
    body += line + "\n";
  }
  Result<std::vector<lists::CsvRecord>> records = lists::ReadCsv(body, path.string());
  if (!records.ok()) {
    ADD_FAILURE() << records.status().message();
    return {};
  }
  return std::move(records).value();
}

std::string Sentence(const std::string& name) {
  return "The agreement is signed by " + name + " on behalf of the contractor.";
}

TEST(PartnerScreeningData, NoYenteNegativeNameIsAPartnerFinding) {
  std::vector<std::string> hits;
  std::size_t names = 0;
  for (const char* file :
       {"yente_validation_negatives_global.csv", "yente_validation_negatives_us.csv"}) {
    const std::vector<lists::CsvRecord> records = ReadRecords(NameTests(file));
    ASSERT_GT(records.size(), 1u) << file;
    ASSERT_EQ(records[0].fields[0], "full_name") << file;
    for (std::size_t i = 1; i < records.size(); ++i) {
      const std::string& name = records[i].fields[0];
      ++names;
      for (const std::string& text : {name, Sentence(name)}) {
        for (const Finding& finding : PartnerFindings(text)) {
          hits.push_back(std::string(file) + ": \"" + text + "\" -> " + finding.rule_id + " " +
                         (finding.entity ? finding.entity->listed_name : "") + " [" +
                         finding.matched_text + "]");
        }
      }
    }
  }
  EXPECT_EQ(names, 2000u);
  EXPECT_THAT(hits, IsEmpty());
}

std::string NormalisedName(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// True if a finding in `text` is the UN entry `id`, or names it in also_listed_in.
bool FindsUnEntry(const std::string& text, const std::string& id) {
  for (const Finding& finding : PartnerFindings(text)) {
    if (!finding.entity) continue;
    if (finding.entity->entry_id == id) return true;
    for (const std::string& also : finding.entity->also_listed_in) {
      if (also.find("UN Security Council Consolidated List") != std::string::npos &&
          also.find("(" + id + ")") != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

// The organisations of the shipped UN list, by their listed names, in a sentence without their
// country: measured 259 of 273 (94.9%); the misses are generic or one-word names that need their
// country (ADF, M23, MAKIN, SEPANIR, FOREIGN TRADE BANK, MINISTRY OF NATIONAL DEFENCE, ...).
TEST(PartnerScreeningData, FindsMostUnListedOrganisationsInASentence) {
  const std::vector<lists::CsvRecord> records =
      ReadRecords(std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) /
                  "rules/partners/lists/un-security-council-entities.csv");
  ASSERT_GT(records.size(), 1u);
  ASSERT_EQ(records[0].fields[0], "id");
  std::size_t organisations = 0;
  std::size_t found = 0;
  std::vector<std::string> missed;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const std::vector<std::string>& fields = records[i].fields;
    if (fields.size() < 10 || fields[9] != "entity") continue;
    ++organisations;
    if (FindsUnEntry(Sentence(fields[1]), fields[0])) {
      ++found;
    } else {
      missed.push_back(fields[0] + " " + fields[1]);
    }
  }
  ASSERT_GT(organisations, 250u);
  const double share = static_cast<double>(found) / static_cast<double>(organisations);
  ::testing::Test::RecordProperty("un_organisations", static_cast<int>(organisations));
  ::testing::Test::RecordProperty("un_organisations_found", static_cast<int>(found));
  EXPECT_GE(share, 0.92) << found << " of " << organisations << "; missed:\n"
                         << ::testing::PrintToString(missed);
}

// yente's UN positives, where they are organisations (rows whose name is a name or alias of an
// organisation on the shipped UN list). The file holds persons only (683 rows, every one with a
// birth date or place or a personal name), so there is nothing to measure: the test says so.
TEST(PartnerScreeningData, FindsTheOrganisationsAmongYenteUnPositives) {
  const std::vector<lists::CsvRecord> un =
      ReadRecords(std::filesystem::path(TRUSTSCREEN_SOURCE_DIR) /
                  "rules/partners/lists/un-security-council-entities.csv");
  std::set<std::string> normalised;
  for (std::size_t i = 1; i < un.size(); ++i) {
    const std::vector<std::string>& fields = un[i].fields;
    if (fields.size() < 10 || fields[9] != "entity") continue;
    std::vector<std::string> all = {fields[1]};
    std::stringstream aliases(fields[2]);
    for (std::string alias; std::getline(aliases, alias, '|');) all.push_back(alias);
    for (const std::string& name : all) normalised.insert(NormalisedName(name));
  }
  const std::vector<lists::CsvRecord> rows =
      ReadRecords(NameTests("yente_positives_un_untreated.csv"));
  ASSERT_GT(rows.size(), 600u);
  std::vector<std::string> organisations;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (normalised.count(NormalisedName(rows[i].fields[0])) > 0) {
      organisations.push_back(rows[i].fields[0]);
    }
  }
  if (organisations.empty()) {
    GTEST_SKIP() << "yente_positives_un_untreated.csv has no organisation rows (" << rows.size() - 1
                 << " persons)";
  }
  std::size_t found = 0;
  for (const std::string& name : organisations)
    found += PartnerFindings(Sentence(name)).empty() ? 0 : 1;
  EXPECT_GE(static_cast<double>(found) / static_cast<double>(organisations.size()), 0.9);
}

}  // namespace
}  // namespace trustscreen::match
