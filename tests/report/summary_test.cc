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

Finding Categorised(const std::string& rule, RuleFamily family, Severity severity,
                    const std::string& category) {
  Finding finding = MakeFinding(rule, family, severity, 0, "x");
  finding.rule_category = category;
  return finding;
}

TEST(DocumentTopics, OneTopicPerFamilyAndCategoryMostSevereFirst) {
  const std::vector<Finding> findings = {
      Categorised("a", RuleFamily::kSensitiveTech, Severity::kLow, "Computing Hardware"),
      Categorised("b", RuleFamily::kExportControl, Severity::kMedium, "licensing"),
      Categorised("c", RuleFamily::kSensitiveTech, Severity::kHigh, "Computing Hardware"),
      Categorised("d", RuleFamily::kSensitiveTech, Severity::kLow, "")};
  const std::vector<DocumentTopic> topics = TopicsOf(findings);
  ASSERT_EQ(topics.size(), 3u);
  EXPECT_EQ(topics[0].topic, "Computing Hardware");
  EXPECT_EQ(topics[0].severity, Severity::kHigh);
  EXPECT_EQ(topics[0].findings, 2);
  EXPECT_EQ(topics[1].topic, "licensing");
  EXPECT_EQ(topics[2].topic, findings[3].rule_title);  // no category: the rule's title
  EXPECT_EQ(TopicsLine(topics).substr(0, 28), "Computing Hardware (high, 2)");
}

TEST(DocumentTopics, WaivedFindingsDoNotCount) {
  Finding waived = Categorised("a", RuleFamily::kSensitiveTech, Severity::kHigh, "Quantum");
  waived.review_status = ReviewStatus::kWaived;
  EXPECT_TRUE(TopicsOf({waived}).empty());
}

TEST(RunSummary, CountsTheDocumentsOfEachTopic) {
  SummaryBuilder builder(Severity::kMedium);
  builder.Add(MakeResult(
      "a.pdf", DocumentStatus::kOk,
      {Categorised("a", RuleFamily::kSensitiveTech, Severity::kLow, "Quantum Technologies"),
       Categorised("a", RuleFamily::kSensitiveTech, Severity::kLow, "Quantum Technologies")}));
  builder.Add(MakeResult(
      "b.pdf", DocumentStatus::kOk,
      {Categorised("a", RuleFamily::kSensitiveTech, Severity::kMedium, "Quantum Technologies")}));
  const std::vector<DocumentTopic>& topics = builder.summary().topics;
  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics[0].documents, 2);
  EXPECT_EQ(topics[0].findings, 3);
  EXPECT_EQ(topics[0].severity, Severity::kMedium);
}

}  // namespace
}  // namespace trustscreen::report
