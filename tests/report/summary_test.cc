#include <gtest/gtest.h>

#include <sstream>

#include "report_fixtures.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

TEST(RunSummary, CleanRunExitsZero) {
  SummaryBuilder builder(Severity::kMedium);
  builder.Add(MakeResult("a.pdf", DocumentStatus::kOk));
  EXPECT_EQ(builder.summary().ExitCode(), 0);
}

TEST(RunSummary, FindingsBelowThresholdDoNotFailTheRun) {
  SummaryBuilder builder(Severity::kMedium);
  builder.Add(MakeResult("a.pdf", DocumentStatus::kOk,
                         {MakeFinding("b", RuleFamily::kExportControl, Severity::kLow, 0, "x")}));
  EXPECT_EQ(builder.summary().findings, 1);
  EXPECT_EQ(builder.summary().findings_at_or_above_fail_on, 0);
  EXPECT_EQ(builder.summary().ExitCode(), 0);
}

TEST(RunSummary, FindingAtThresholdExitsOne) {
  SummaryBuilder builder(Severity::kHigh);
  builder.Add(MakeResult("a.pdf", DocumentStatus::kOk,
                         {MakeFinding("p", RuleFamily::kPartner, Severity::kHigh, 0, "x")}));
  EXPECT_EQ(builder.summary().ExitCode(), 1);
}

TEST(RunSummary, UnscreenedDocumentWinsOverFindings) {
  SummaryBuilder builder(Severity::kInfo);
  builder.Add(MakeResult("a.pdf", DocumentStatus::kOk,
                         {MakeFinding("p", RuleFamily::kPartner, Severity::kHigh, 0, "x")}));
  builder.Add(MakeResult("b.pdf", DocumentStatus::kEncrypted));
  EXPECT_EQ(builder.summary().ExitCode(), 2);
  ASSERT_EQ(builder.summary().not_fully_screened.size(), 1u);
  EXPECT_EQ(builder.summary().not_fully_screened[0].path, "b.pdf");
}

TEST(RunSummary, IncompleteRunExitsTwo) {
  SummaryBuilder builder(Severity::kMedium);
  builder.mutable_summary().complete = false;
  EXPECT_EQ(builder.summary().ExitCode(), 2);
}

TEST(TerminalSummary, ListsStatusesUnscreenedDocumentsAndFindings) {
  SummaryBuilder builder(Severity::kMedium);
  builder.Add(
      MakeResult("a.pdf", DocumentStatus::kOk,
                 {MakeFinding("p", RuleFamily::kPartner, Severity::kCritical, 0, "x"),
                  MakeFinding("t", RuleFamily::kSensitiveTech, Severity::kMedium, 5, "y")}));
  builder.Add(MakeResult("locked.pdf", DocumentStatus::kEncrypted));
  std::ostringstream out;
  PrintTerminalSummary(out, builder.summary());
  const std::string text = out.str();
  EXPECT_NE(text.find("2 document(s)"), std::string::npos) << text;
  EXPECT_NE(text.find("encrypted"), std::string::npos) << text;
  EXPECT_NE(text.find("locked.pdf: encrypted: reason for locked.pdf"), std::string::npos) << text;
  EXPECT_NE(text.find("partner"), std::string::npos) << text;
  EXPECT_NE(text.find("critical 1"), std::string::npos) << text;
  EXPECT_NE(text.find("sensitive-tech"), std::string::npos) << text;
  EXPECT_NE(text.find("Exit 2"), std::string::npos) << text;
}

}  // namespace
}  // namespace trustscreen::report
