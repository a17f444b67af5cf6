#include "trustscreen/review/diff.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "review_fixtures.h"
#include "temp_dir.h"

namespace trustscreen::review {
namespace {

using trustscreen::testing::TempDir;
using namespace trustscreen::review::testing;

// Two nightly runs over the same three agreements: between them a.txt had clause 2.1 edited,
// b.txt was left alone and c.pdf was overwritten with bytes that are no PDF.
class DiffBetweenRuns : public ::testing::Test {
 protected:
  void SetUp() override {
    a_ = dir_.Write("docs/a.txt", Agreement()).string();
    b_ = dir_.Write("docs/b.txt", Agreement()).string();
    c_ = dir_.Write("docs/c.txt", Agreement()).string();
    Result<pipeline::ScanOutcome> first = Scan(dir_, {a_, b_, c_}, "monday");
    ASSERT_TRUE(first.ok()) << first.status().ToString();

    dir_.Write("docs/a.txt",
               Agreement("", "Equipment under ECCN 3A001 may be exported to any country."));
    std::filesystem::remove(c_);
    c_ = dir_.Write("docs/c.pdf", "%PDF-1.7\n\x01\x02 this is not a PDF body \xff\xfe").string();
    // c.txt is gone and c.pdf is new and cannot be read.
    Result<pipeline::ScanOutcome> second = Scan(dir_, {a_, b_, c_}, "tuesday");
    ASSERT_TRUE(second.ok()) << second.status().ToString();

    Result<LoadedReport> old_report = ReadJsonlReport(first->jsonl_path);
    Result<LoadedReport> new_report = ReadJsonlReport(second->jsonl_path);
    ASSERT_TRUE(old_report.ok()) << old_report.status().ToString();
    ASSERT_TRUE(new_report.ok()) << new_report.status().ToString();
    old_ = *old_report;
    new_ = *new_report;
  }

  TempDir dir_;
  std::string a_, b_, c_;
  LoadedReport old_, new_;
};

TEST_F(DiffBetweenRuns, EditedClauseGivesOneNewAndOneResolvedFinding) {
  const ReportDiff diff = DiffReports(old_, new_);
  ASSERT_EQ(diff.added.size(), 1u);
  EXPECT_EQ(diff.added[0].document, a_);
  EXPECT_EQ(diff.added[0].rule_id, "test-eccn");
  // c.txt is no longer an input: its two findings are resolved with it; a.txt's old 2.1 too.
  ASSERT_EQ(diff.resolved.size(), 3u);
  EXPECT_EQ(diff.resolved[0].document, a_);
  EXPECT_EQ(diff.resolved[0].rule_id, "test-eccn");
  // a.txt's clause 2.2 and both of b.txt's findings are unchanged.
  EXPECT_EQ(diff.unchanged.size(), 3u);
  EXPECT_EQ(DiffExitCode(diff, Severity::kMedium), 2);  // c.pdf is not fully screened
}

TEST_F(DiffBetweenRuns, ReportsDocumentStatusChanges) {
  const ReportDiff diff = DiffReports(old_, new_);
  ASSERT_EQ(diff.documents.size(), 3u);
  EXPECT_EQ(diff.documents[0].path, a_);
  EXPECT_EQ(diff.documents[0].old_status, "ok");
  EXPECT_EQ(diff.documents[0].new_status, "ok");
  EXPECT_TRUE(diff.documents[0].content_changed);
  EXPECT_EQ(diff.documents[1].path, c_);
  EXPECT_EQ(diff.documents[1].old_status, "");
  EXPECT_EQ(diff.documents[1].new_status, "corrupt");
  EXPECT_EQ(diff.documents[2].old_status, "ok");
  EXPECT_EQ(diff.documents[2].new_status, "");  // c.txt removed
  EXPECT_EQ(diff.newly_not_fully_screened, 1);

  std::ostringstream text;
  WriteDiffText(diff, old_, new_, text);
  EXPECT_NE(text.str().find("1 new, 3 resolved, 3 unchanged"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find(c_ + ": new document (corrupt)"), std::string::npos) << text.str();

  std::ostringstream jsonl;
  WriteDiffJsonl(diff, old_, new_, jsonl);
  std::istringstream lines(jsonl.str());
  std::string line;
  std::getline(lines, line);
  const nlohmann::json head = nlohmann::json::parse(line);
  EXPECT_EQ(head["record"], "diff");
  EXPECT_EQ(head["new_findings"], 1);
  int changes = 0;
  while (std::getline(lines, line)) {
    if (nlohmann::json::parse(line)["record"] == "document_change") ++changes;
  }
  EXPECT_EQ(changes, 3);

  std::ostringstream html;
  WriteDiffHtml(diff, old_, new_, html);
  EXPECT_NE(html.str().find("New since last run"), std::string::npos);
  EXPECT_NE(html.str().find("may be exported"), std::string::npos);
}

TEST(DiffReports, FindingsOfADocumentThatBecameUnreadableAreNotResolved) {
  TempDir dir;
  // The same path holds text on Monday and a damaged PDF on Tuesday.
  const std::string a = dir.Write("docs/a.txt", Agreement()).string();
  Result<pipeline::ScanOutcome> first = Scan(dir, {a}, "monday");
  ASSERT_TRUE(first.ok());
  dir.Write("docs/a.txt", "%PDF-1.7\n\x01\x02 damaged \xff");
  Result<pipeline::ScanOutcome> second = Scan(dir, {a}, "tuesday");
  ASSERT_TRUE(second.ok());
  const ReportDiff diff =
      DiffReports(*ReadJsonlReport(first->jsonl_path), *ReadJsonlReport(second->jsonl_path));
  EXPECT_TRUE(diff.resolved.empty());
  EXPECT_EQ(diff.unverified.size(), 2u);
  ASSERT_EQ(diff.documents.size(), 1u);
  EXPECT_NE(diff.documents[0].old_status, diff.documents[0].new_status);
  EXPECT_EQ(diff.documents[0].new_status, "corrupt");
  EXPECT_EQ(DiffExitCode(diff, Severity::kMedium), 2);
}

TEST(ReadJsonlReport, RejectsWhatIsNotAReport) {
  TempDir dir;
  const auto path = dir.Write("x.jsonl", "{\"record\":\"run\"}\nnot json\n");
  Result<LoadedReport> report = ReadJsonlReport(path);
  ASSERT_FALSE(report.ok());
  // The file and line of the first bad record: this run record lacks the report's fields.
  EXPECT_EQ(report.status().message().rfind(path.string() + ":1: run record: missing field", 0), 0u)
      << report.status().message();
  EXPECT_FALSE(ReadJsonlReport(dir.path() / "missing.jsonl").ok());
}

// A report cut before its summary (a killed run, or one that could not write its reports) may stop
// anywhere: diffing it would call the findings it lacks resolved.
TEST(ReadJsonlReport, RefusesAReportWithoutItsSummary) {
  TempDir dir;
  const std::string a = dir.Write("docs/a.txt", Agreement()).string();
  Result<pipeline::ScanOutcome> run = Scan(dir, {a}, "out");
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  std::ifstream in(run->jsonl_path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.erase(text.rfind("{\"record\":\"summary\""));
  const auto cut = dir.Write("cut.jsonl", text);
  Result<LoadedReport> report = ReadJsonlReport(cut);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("incomplete report: no summary record"),
            std::string::npos)
      << report.status().message();
  EXPECT_TRUE(ReadJsonlReport(run->jsonl_path).ok());
}

}  // namespace
}  // namespace trustscreen::review
