#include "trustscreen/text/clauses.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace trustscreen::text {
namespace {

// The clause holding the first occurrence of `needle`.
const Clause& ClauseOf(const std::string& text, const std::vector<Clause>& clauses,
                       std::string_view needle) {
  const std::size_t offset = text.find(needle);
  EXPECT_NE(offset, std::string::npos) << needle;
  const Clause* clause = ClauseAt(clauses, offset);
  EXPECT_NE(clause, nullptr) << needle;
  static const Clause kNone;
  return clause != nullptr ? *clause : kNone;
}

const std::string kAgreement =
    "RESEARCH COLLABORATION AGREEMENT\n"
    "between University of Wessex and Harbin Institute of Technology\n"
    "Recitals\n"
    "(A) The Parties wish to collaborate.\n"
    "(B) The Project concerns hypersonic flight.\n"
    "1. Definitions\n"
    "1.1 \"Project\" means the research described in Schedule 1.\n"
    "9. Export Control\n"
    "9.1 Each Party shall comply with all applicable export control laws.\n"
    "9.2 The Parties acknowledge that:\n"
    "(a) items rated ECCN 9A012 need a licence;\n"
    "(b) technology classified EAR99 is subject to deemed export rules;\n"
    "(i) first point under (b);\n"
    "(ii) second point;\n"
    "(c) nothing else.\n"
    "\f"
    "12. Term\n"
    "12.3 This Agreement ends in 2027.\n"
    "Schedule 2: Work Plan\n"
    "1. Wind tunnel testing\n"
    "1.2 Unmanned aerial vehicle trials.\n";

TEST(SegmentClauses, GivesNumberedClauseRefsWithSubClauses) {
  const std::vector<Clause> clauses = SegmentClauses(kAgreement);
  const Clause& eccn = ClauseOf(kAgreement, clauses, "9A012");
  EXPECT_EQ(eccn.ref, "9.2(a)");
  EXPECT_EQ(eccn.title, "Export Control");
  EXPECT_EQ(eccn.section, "9 Export Control");
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "EAR99").ref, "9.2(b)");
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "first point").ref, "9.2(b)(i)");
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "second point").ref, "9.2(b)(ii)");
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "nothing else").ref, "9.2(c)");
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "comply").ref, "9.1");
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "ends in").ref, "12.3");
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "ends in").title, "Term");
}

TEST(SegmentClauses, PreambleRecitalsAndSchedules) {
  const std::vector<Clause> clauses = SegmentClauses(kAgreement);
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "Harbin").ref, "Preamble");
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "hypersonic").ref, "Recitals (B)");
  EXPECT_EQ(ClauseOf(kAgreement, clauses, "hypersonic").section, "Recitals");
  const Clause& trials = ClauseOf(kAgreement, clauses, "Unmanned");
  EXPECT_EQ(trials.ref, "Schedule 2, 1.2");
  EXPECT_EQ(trials.title, "Wind tunnel testing");
  EXPECT_EQ(trials.section, "Schedule 2 Work Plan");
}

TEST(SegmentClauses, ClausesAreOrderedAndDoNotOverlap) {
  const std::vector<Clause> clauses = SegmentClauses(kAgreement);
  ASSERT_FALSE(clauses.empty());
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    EXPECT_LT(clauses[i].begin, clauses[i].end) << clauses[i].ref;
    if (i > 0) {
      EXPECT_EQ(clauses[i - 1].end, clauses[i].begin);
    }
  }
  EXPECT_EQ(clauses.back().end, kAgreement.size());
}

TEST(SegmentClauses, ArticlesAndSectionsKeepTheirWord) {
  const std::string text =
      "ARTICLE IV\nCONFIDENTIALITY\nThe parties agree.\nSection 3.2 Export Licences\n"
      "No ITAR data.\nClause 7 Publication\nResults may be published.\n";
  const std::vector<Clause> clauses = SegmentClauses(text);
  EXPECT_EQ(ClauseOf(text, clauses, "The parties").ref, "Article IV");
  EXPECT_EQ(ClauseOf(text, clauses, "ITAR").ref, "Section 3.2");
  EXPECT_EQ(ClauseOf(text, clauses, "ITAR").title, "Export Licences");
  EXPECT_EQ(ClauseOf(text, clauses, "published").ref, "Clause 7");
}

TEST(SegmentClauses, QuantitiesAndYearsAreNotClauseNumbers) {
  const std::string text =
      "1. Payment\n2019 was the first year.\n3 months after signature the fee is due.\n"
      "1.1 The fee is payable.\n";
  const std::vector<Clause> clauses = SegmentClauses(text);
  EXPECT_EQ(ClauseOf(text, clauses, "first year").ref, "1");
  EXPECT_EQ(ClauseOf(text, clauses, "months after").ref, "1");
  EXPECT_EQ(ClauseOf(text, clauses, "payable").ref, "1.1");
}

TEST(SegmentClauses, TableOfContentsListingSchedulesLeavesTheMainClausesOutOfTheLastSchedule) {
  // As in CUAD contracts: the contents list the clauses, then the schedules; the main clauses
  // follow, and the schedules themselves come last.
  const std::string text =
      "SOFTWARE LICENSE AGREEMENT\nTable of Contents\n1.0 DEFINITIONS\n2.0 LICENSE\n"
      "17.0 EXPORT LAWS\n18.0 WARRANTIES\nSCHEDULE A\nSCHEDULE G\n1\n4\n17\n"
      "PRODUCT LICENSE SCHEDULE TEMPLATE\nRECOVERY\n"
      "1.0 DEFINITIONS\n1.1 All defined terms have the meanings given here.\n"
      "17.0 EXPORT LAWS\n17.1 Export of Software. The Software is subject to the EAR.\n"
      "SCHEDULE G\nRECOVERY\n1.0 DEFINITIONS\n1.1 Recovery means the plan set out here.\n";
  const std::vector<Clause> clauses = SegmentClauses(text);
  const Clause& ear = ClauseOf(text, clauses, "subject to the EAR");
  EXPECT_EQ(ear.ref, "17.1");
  EXPECT_EQ(ear.title, "Export of Software");
  EXPECT_EQ(ear.section, "17.0 EXPORT LAWS");
  EXPECT_EQ(ClauseOf(text, clauses, "All defined terms").ref, "1.1");
  // The schedule itself still numbers its own clauses.
  EXPECT_EQ(ClauseOf(text, clauses, "Recovery means").ref, "Schedule G, 1.1");
}

TEST(SegmentClauses, PointZeroNumbersATopLevelClause) {
  const std::string text = "17.0 EXPORT LAWS\n17.1 Export of Software. Subject to the EAR.\n";
  const std::vector<Clause> clauses = SegmentClauses(text);
  EXPECT_EQ(ClauseOf(text, clauses, "EXPORT LAWS").depth, 1);
  EXPECT_EQ(ClauseOf(text, clauses, "EXPORT LAWS").section, "17.0 EXPORT LAWS");
  EXPECT_EQ(ClauseOf(text, clauses, "Subject to").ref, "17.1");
  EXPECT_EQ(ClauseOf(text, clauses, "Subject to").depth, 2);
}

TEST(SegmentClauses, ReferencesSectionIsMarked) {
  const std::string text =
      "1. Summary\nWe study quantum key distribution.\n6. References\n[1] Smith, quantum key "
      "distribution, 2020.\n";
  const std::vector<Clause> clauses = SegmentClauses(text);
  EXPECT_FALSE(ClauseOf(text, clauses, "We study").references);
  EXPECT_TRUE(ClauseOf(text, clauses, "Smith").references);
  const std::string proposal = "Case for Support\nText.\nBibliography\n[1] Ref.\n";
  const std::vector<Clause> sections = SegmentClauses(proposal);
  EXPECT_EQ(ClauseOf(proposal, sections, "Text.").section, "Case for Support");
  EXPECT_TRUE(ClauseOf(proposal, sections, "[1] Ref").references);
}

TEST(SegmentClauses, ProposalSectionsAndWorkPackages) {
  const std::string proposal =
      "Project Summary\nWe build a quantum repeater.\n"
      "Work Package 1: Quantum Memories\nDevelop the memory.\n"
      "WP2 \xE2\x80\x93 Field Trials\nDeploy with the partner.\n"
      "Collaborators\nBeihang University.\n"
      "References Cited\n[1] Smith, quantum repeaters.\n";
  const std::vector<Clause> clauses = SegmentClauses(proposal);
  EXPECT_EQ(ClauseOf(proposal, clauses, "We build").section, "Project Summary");
  const Clause& memory = ClauseOf(proposal, clauses, "Develop the memory");
  EXPECT_EQ(memory.ref, "Work Package 1");
  EXPECT_EQ(memory.title, "Quantum Memories");
  EXPECT_EQ(memory.section, "Work Package 1 Quantum Memories");
  EXPECT_EQ(ClauseOf(proposal, clauses, "Deploy").ref, "Work Package 2");
  EXPECT_EQ(ClauseOf(proposal, clauses, "Deploy").title, "Field Trials");
  EXPECT_EQ(ClauseOf(proposal, clauses, "Beihang").section, "Collaborators");
  EXPECT_FALSE(ClauseOf(proposal, clauses, "Beihang").references);
  EXPECT_TRUE(ClauseOf(proposal, clauses, "[1] Smith").references);
}

TEST(SegmentClauses, WordsThatOnlyStartLikeAWorkPackageAreNot) {
  const std::string text = "1. Scope\nWPA2 encryption is used.\nWP12a is a part number.\n";
  const std::vector<Clause> clauses = SegmentClauses(text);
  EXPECT_EQ(ClauseOf(text, clauses, "WPA2").ref, "1");
  EXPECT_EQ(ClauseOf(text, clauses, "WP12a").ref, "1");
}

TEST(SegmentClauses, DocxNumberingLabelsSeparatedByTabs) {
  const std::string text = "12.\tExport Control\n12.3\tThe Parties shall:\n(b)\tobtain licences.\n";
  const std::vector<Clause> clauses = SegmentClauses(text);
  EXPECT_EQ(ClauseOf(text, clauses, "obtain").ref, "12.3(b)");
  EXPECT_EQ(ClauseOf(text, clauses, "obtain").title, "Export Control");
}

TEST(SegmentClauses, EmptyTextHasNoClauses) {
  EXPECT_TRUE(SegmentClauses("").empty());
  EXPECT_EQ(ClauseAt({}, 3), nullptr);
}

}  // namespace
TEST(DocumentClauses, ProseDocumentsAreSegmentedByTheirMarkers) {
  Document document;
  document.format = DocumentFormat::kPdf;
  document.text = kAgreement;
  const std::vector<Clause> clauses = DocumentClauses(document);
  const std::vector<Clause> segmented = SegmentClauses(kAgreement);
  ASSERT_EQ(clauses.size(), segmented.size());
  for (std::size_t i = 0; i < clauses.size(); ++i) EXPECT_EQ(clauses[i].ref, segmented[i].ref);
}

TEST(DocumentClauses, EverySpreadsheetRowIsAClauseNamedByItsRowAndSheet) {
  // Two sheets; the second starts at row 4 (rows 1-3 empty) and has a note on B4 after its rows.
  Document document;
  document.format = DocumentFormat::kOds;
  document.text = "1.2\tclause-like value\nSchedule 2\tfoo\f12\tbar\nnote text\n";
  const std::size_t second = document.text.find('\f') + 1;
  document.pages = {
      Page{.number = 1, .begin = 0, .end = second - 1, .label = "Budget"},
      Page{.number = 2, .begin = second, .end = document.text.size(), .label = "Staff"}};
  auto cell = [&](std::string_view text, const char* locator, TextPart part = TextPart::kTable) {
    const std::size_t begin = document.text.find(text);
    TextBlock block;
    block.begin = begin;
    block.end = begin + text.size();
    block.part = part;
    block.locator = locator;
    document.blocks.push_back(block);
  };
  cell("1.2", "A1");
  cell("clause-like value", "B1");
  cell("Schedule 2", "A2");
  cell("foo", "B2");
  cell("12", "A4");
  cell("bar", "B4");
  cell("note text", "B4", TextPart::kComment);
  const std::vector<Clause> clauses = DocumentClauses(document);
  ASSERT_EQ(clauses.size(), 4u);
  EXPECT_EQ(clauses[0].ref, "row 1");
  EXPECT_EQ(clauses[0].section, "Budget");
  EXPECT_EQ(clauses[1].ref, "row 2");
  EXPECT_EQ(clauses[2].ref, "row 4");
  EXPECT_EQ(clauses[2].section, "Staff");
  EXPECT_EQ(clauses[3].ref, "row 4");  // the note on B4
  for (const Clause& clause : clauses) EXPECT_EQ(clause.depth, 1);
  // A clause is its row's line: a match in "foo" is in row 2, not in row 1.
  EXPECT_EQ(ClauseAt(clauses, document.text.find("foo"))->ref, "row 2");
  EXPECT_EQ(ClauseAt(clauses, document.text.find("bar"))->section, "Staff");
}

}  // namespace trustscreen::text
