#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "report_fixtures.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

TEST(SarifWriter, DocumentsAreArtifactsFindingsResultsAndUnscreenedDocumentsNotifications) {
  std::ostringstream out;
  auto writer = MakeSarifWriter(out);
  RunHeader header;
  header.tool_version = "0.1.0";
  ASSERT_TRUE(writer->WriteHeader(header).ok());
  Finding finding = MakeFinding("ec-eccn", RuleFamily::kExportControl, Severity::kHigh, 7, "9A012");
  finding.clause_ref = "9.2(a)";
  SummaryBuilder summary(Severity::kMedium);
  for (const DocumentResult& result : {MakeResult("a.pdf", DocumentStatus::kOk, {finding, finding}),
                                       MakeResult("locked.pdf", DocumentStatus::kEncrypted)}) {
    ASSERT_TRUE(writer->WriteDocument(result).ok());
    summary.Add(result);
  }
  EXPECT_TRUE(out.str().empty()) << "SARIF is one document, written at the end";
  ASSERT_TRUE(writer->WriteSummary(summary.summary()).ok());

  const nlohmann::json sarif = nlohmann::json::parse(out.str());
  EXPECT_EQ(sarif["version"], "2.1.0");
  const nlohmann::json& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "trustscreen");
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), 1u);
  ASSERT_EQ(run["artifacts"].size(), 2u);
  EXPECT_EQ(run["artifacts"][1]["properties"]["status"], "encrypted");
  ASSERT_EQ(run["results"].size(), 2u);
  const nlohmann::json& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "ec-eccn");
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["charOffset"], 7);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["charLength"], 5);
  EXPECT_EQ(result["properties"]["clause"], "9.2(a)");
  const nlohmann::json& notifications = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notifications.size(), 1u);
  EXPECT_NE(notifications[0]["message"]["text"].get<std::string>().find("locked.pdf"),
            std::string::npos);
  EXPECT_EQ(run["invocations"][0]["exitCode"], 2);
}

}  // namespace
}  // namespace trustscreen::report
