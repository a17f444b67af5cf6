// The demo: samples/ screened with the shipped rules finds exactly what samples/README.md says.
#include <gtest/gtest.h>

#include <algorithm>

#include "e2e/run_cli.h"
#include "temp_dir.h"

namespace trustscreen::testing {
namespace {

const std::filesystem::path kSourceDir = TRUSTSCREEN_SOURCE_DIR;

struct Expected {
  std::string term;  // contained in the finding's matched text, compared without case
  std::string family;
  std::vector<int> pages;  // one entry per expected occurrence
};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Pages of the findings of `family` whose matched text contains `term`.
std::vector<int> PagesOf(const std::vector<nlohmann::json>& findings, const Expected& expected) {
  std::vector<int> pages;
  for (const auto& finding : findings) {
    if (finding["family"] == expected.family &&
        Lower(finding["matched_text"]).find(Lower(expected.term)) != std::string::npos) {
      pages.push_back(finding["page"]);
    }
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

const std::vector<Expected> kAgreementPdf = {
    {"Harbin Institute of Technology", "partner", {1, 5, 5}},
    {"hypersonic", "sensitive-tech", {1, 1, 2}},
    {"unmanned aerial vehicle", "sensitive-tech", {1, 1, 2}},
    {"flight control laws", "sensitive-tech", {1, 2}},
    {"comply with all applicable export control laws", "export-control", {4}},
    {"9A012", "export-control", {4}},
    {"ML10", "export-control", {4}},
    {"EAR99", "export-control", {4}},
    {"deemed export", "export-control", {4}},
    {"military end use", "export-control", {4}},
    {"Commerce Control List", "export-control", {4}},
};

const std::vector<Expected> kProposalPdf = {
    {"Beihang University", "partner", {1, 1, 1, 2, 2, 2}},
    {"quantum key distribution", "sensitive-tech", {1, 1, 1, 2, 3, 3, 3}},
    {"International Traffic in Arms Regulations", "export-control", {2}},
};

class Samples : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    run_ = new CliRun(RunTrustscreen("scan " + Quote(kSourceDir / "samples") +
                                     " --exclude README.md --rules " + Quote(kSourceDir / "rules") +
                                     " --out " + Quote(dir_->path() / "out")));
    report_ = new JsonlReport(ReadJsonl(dir_->path() / "out" / "findings.jsonl"));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete run_;
    delete dir_;
  }

  void ExpectExactly(const std::string& file, const std::vector<Expected>& expected,
                     bool single_page = false) {
    const std::vector<nlohmann::json> findings = report_->FindingsIn(file);
    std::size_t total = 0;
    for (const Expected& term : expected) {
      std::vector<int> pages = term.pages;
      if (single_page) std::fill(pages.begin(), pages.end(), 1);
      EXPECT_EQ(PagesOf(findings, term), pages) << file << ": " << term.term;
      total += pages.size();
    }
    // Nothing beyond what samples/README.md lists.
    EXPECT_EQ(findings.size(), total) << file;
    for (const auto& finding : findings) {
      EXPECT_FALSE(finding["rule_id"].get<std::string>().empty());
      EXPECT_FALSE(finding["snippet"].get<std::string>().empty());
    }
  }

  static TempDir* dir_;
  static CliRun* run_;
  static JsonlReport* report_;
};

TempDir* Samples::dir_ = nullptr;
CliRun* Samples::run_ = nullptr;
JsonlReport* Samples::report_ = nullptr;

TEST_F(Samples, DemoExitsTwoBecauseTwoSamplesCannotBeScreened) {
  EXPECT_EQ(run_->exit_code, 2) << run_->output;
  EXPECT_NE(run_->output.find("Findings by family and severity"), std::string::npos);
}

TEST_F(Samples, ThePartnerInTheBudgetWorkbookIsLocatedBySheetAndCell) {
  const std::vector<nlohmann::json> findings = report_->FindingsIn("partner-budget.xlsx");
  ASSERT_EQ(findings.size(), 1u) << run_->output;
  EXPECT_EQ(findings[0]["matched_text"], "Harbin Institute of Technology");
  EXPECT_EQ(findings[0]["family"], "partner");
  EXPECT_EQ(findings[0]["location"], "Partners!A3");
  EXPECT_EQ(findings[0]["page"], 2);
}

TEST_F(Samples, TheDraftAttachedToTheEmailIsScreenedAsAMemberWithTheDocxFindings) {
  const nlohmann::json* attachment = report_->Document("draft-agreement.docx");
  ASSERT_NE(attachment, nullptr);
  EXPECT_NE((*attachment)["path"].get<std::string>().find("draft-thread.eml!/draft-agreement.docx"),
            std::string::npos);
  EXPECT_EQ(report_->FindingsIn("draft-agreement.docx").size(),
            report_->FindingsIn("collaboration-agreement.docx").size());
}

TEST_F(Samples, EverySampleHasItsStatus) {
  const std::map<std::string, std::string> expected = {
      {"collaboration-agreement.pdf", "ok"},
      {"collaboration-agreement.docx", "ok"},
      {"grant-proposal.pdf", "ok"},
      {"clean-teaching-exchange.txt", "ok"},
      {"encrypted-agreement.pdf", "encrypted"},
      {"scanned-signature-page.pdf", "needs_ocr"},
      {"partner-budget.xlsx", "ok"},
      {"draft-thread.eml", "ok"},
      {"draft-agreement.docx", "ok"},  // draft-thread.eml!/draft-agreement.docx
  };
  ASSERT_EQ(report_->documents.size(), expected.size()) << run_->output;
  for (const auto& [name, status] : expected) {
    const nlohmann::json* document = report_->Document(name);
    ASSERT_NE(document, nullptr) << name;
    EXPECT_EQ((*document)["status"], status) << name << ": " << (*document)["reason"];
    EXPECT_EQ((*document)["sha256"].get<std::string>().size(), 64u) << name;
  }
  ASSERT_EQ(report_->run["skipped"].size(), 1u);
  EXPECT_EQ(report_->run["skipped"][0]["reason"], "excluded by --exclude 'README.md'");
}

TEST_F(Samples, AgreementPdfFindingsAreOnTheRightPages) {
  ExpectExactly("collaboration-agreement.pdf", kAgreementPdf);
}

TEST_F(Samples, AgreementDocxHasTheSameFindingsIncludingTheTableCell) {
  ExpectExactly("collaboration-agreement.docx", kAgreementPdf, /*single_page=*/true);
}

TEST_F(Samples, ProposalFindsTheEntityListPartnerAndTheTechnology) {
  ExpectExactly("grant-proposal.pdf", kProposalPdf);
}

TEST_F(Samples, CleanDocumentHasNoFindings) {
  EXPECT_TRUE(report_->FindingsIn("clean-teaching-exchange.txt").empty());
}

TEST_F(Samples, UnscreenableDocumentsHaveNoFindingsAndAreNotClean) {
  for (const char* name : {"encrypted-agreement.pdf", "scanned-signature-page.pdf"}) {
    EXPECT_TRUE(report_->FindingsIn(name).empty()) << name;
    EXPECT_EQ((*report_->Document(name))["fully_screened"], false) << name;
  }
}

TEST_F(Samples, FindingsCarryTheirClauseReferenceAndTitle) {
  struct Placed {
    std::string file, term, ref, title;
  };
  const std::vector<Placed> expected = {
      {"collaboration-agreement.pdf", "9A012", "9.2(a)", "Export Control"},
      {"collaboration-agreement.pdf", "EAR99", "9.2(b)", "Export Control"},
      {"collaboration-agreement.pdf", "military end use", "9.3", "Export Control"},
      {"collaboration-agreement.docx", "9A012", "9.2(a)", "Export Control"},
      {"grant-proposal.pdf", "International Traffic in Arms Regulations", "5",
       "Research Environment and Responsible Research"},
  };
  for (const Placed& placed : expected) {
    bool found = false;
    for (const auto& finding : report_->FindingsIn(placed.file)) {
      if (finding["matched_text"].get<std::string>().find(placed.term) == std::string::npos) {
        continue;
      }
      found = true;
      EXPECT_EQ(finding["clause"]["ref"], placed.ref) << placed.file << ": " << placed.term;
      EXPECT_EQ(finding["clause"]["title"], placed.title) << placed.file << ": " << placed.term;
    }
    EXPECT_TRUE(found) << placed.file << ": " << placed.term;
  }
}

TEST_F(Samples, FindingsInTheReferencesSectionAreLoweredAndMarked) {
  int in_references = 0;
  for (const auto& finding : report_->FindingsIn("grant-proposal.pdf")) {
    if (!finding["clause"]["in_references"].get<bool>()) continue;
    ++in_references;
    EXPECT_EQ(finding["page"], 3);
    EXPECT_NE(finding["severity"], finding["base_severity"]);
  }
  EXPECT_EQ(in_references, 3);
}

TEST_F(Samples, CsvHasOneRowPerFlaggedClause) {
  std::ifstream in(dir_->path() / "out" / "flagged-clauses.csv");
  const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(csv.rfind("document,pages,locations,clause,title,", 0), 0u) << csv.substr(0, 200);
  EXPECT_NE(csv.find("collaboration-agreement.pdf,4,,9.2(a),Export Control,9 Export Control,"
                     "export-control,critical"),
            std::string::npos)
      << csv;
}

TEST_F(Samples, ReportCoversAllThreeFamilies) {
  for (const char* family : {"sensitive-tech", "export-control", "partner"}) {
    EXPECT_TRUE(report_->summary["findings_by_family"].contains(family)) << family;
  }
}

// Screens samples/ twice, on one thread into dir/one and on two threads into dir/two.
std::pair<CliRun, CliRun> ScreenSamplesOnOneAndTwoThreads(const TempDir& dir,
                                                          const std::string& flags) {
  const std::string base = "scan " + Quote(kSourceDir / "samples") + " --rules " +
                           Quote(kSourceDir / "rules") + " " + flags + " --threads ";
  return {RunTrustscreen(base + "1 --out " + Quote(dir.path() / "one")),
          RunTrustscreen(base + "2 --out " + Quote(dir.path() / "two"))};
}

TEST(SamplesThreads, OneAndTwoThreadsWriteTheSameReport) {
  TempDir dir;
  const auto [one, two] = ScreenSamplesOnOneAndTwoThreads(dir, "");
  EXPECT_EQ(one.exit_code, two.exit_code);
  const std::string a = ComparableJsonl(dir.path() / "one" / "findings.jsonl");
  const std::string b = ComparableJsonl(dir.path() / "two" / "findings.jsonl");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
}

TEST(SamplesReproducible, ReproducibleRunsWriteByteIdenticalReports) {
  TempDir dir;
  const auto [one, two] = ScreenSamplesOnOneAndTwoThreads(dir, "--reproducible");
  EXPECT_EQ(one.exit_code, 2) << one.output;
  EXPECT_EQ(two.exit_code, 2) << two.output;
  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  for (const char* name :
       {"findings.jsonl", "flagged-clauses.csv", "findings.sarif", "report.html"}) {
    const std::string a = read(dir.path() / "one" / name);
    EXPECT_FALSE(a.empty()) << name;
    // The options record the thread count, which legitimately differs; everything else must not.
    std::string b = read(dir.path() / "two" / name);
    for (const auto& [two, one] :
         {std::pair<std::string, std::string>{"\"threads\":\"2\"", "\"threads\":\"1\""},
          {"<th>threads</th><td><code>2</code>", "<th>threads</th><td><code>1</code>"}}) {
      if (const auto at = b.find(two); at != std::string::npos) b.replace(at, two.size(), one);
    }
    EXPECT_EQ(a, b) << name;
  }
  EXPECT_EQ(read(dir.path() / "one" / "findings.jsonl").find("started_at\":\"2"),
            std::string::npos);
}

}  // namespace
}  // namespace trustscreen::testing
