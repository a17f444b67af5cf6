#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "report_fixtures.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

using nlohmann::json;

std::vector<json> ParseLines(const std::string& text) {
  std::vector<json> records;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) records.push_back(json::parse(line));
  return records;
}

TEST(JsonlWriter, WritesHeaderDocumentFindingAndSummaryRecordsInOrder) {
  std::ostringstream out;
  auto writer = MakeJsonlWriter(out);
  RunHeader header;
  header.tool_version = "0.1.0";
  header.rules_sha256 = "abc";
  header.rule_count = 3;
  header.rule_files = {{"rules/x.yaml", "def", 3, -1, "", ""}};
  header.inputs = {"samples"};
  header.options.threads = 2;
  header.skipped = {{"samples/~$a.docx", "Office lock file"}};
  ASSERT_TRUE(writer->WriteHeader(header).ok());

  DocumentResult result = MakeResult(
      "a.pdf", DocumentStatus::kPartial,
      {MakeFinding("ec-ear99", RuleFamily::kExportControl, Severity::kHigh, 5, "EAR99")});
  ASSERT_TRUE(writer->WriteDocument(result).ok());
  SummaryBuilder summary(Severity::kMedium);
  summary.Add(result);
  ASSERT_TRUE(writer->WriteSummary(summary.summary()).ok());

  std::vector<json> records = ParseLines(out.str());
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0]["record"], "run");
  EXPECT_EQ(records[0]["schema_version"], kSchemaVersion);
  EXPECT_EQ(records[0]["rules"]["files"][0]["path"], "rules/x.yaml");
  EXPECT_EQ(records[0]["options"]["threads"], "2");
  EXPECT_EQ(records[0]["skipped"][0]["reason"], "Office lock file");

  EXPECT_EQ(records[1]["record"], "document");
  EXPECT_EQ(records[1]["status"], "partial");
  EXPECT_EQ(records[1]["fully_screened"], false);
  EXPECT_EQ(records[1]["reason"], "reason for a.pdf");
  EXPECT_EQ(records[1]["pages"], 2);
  EXPECT_EQ(records[1]["pages_needing_ocr"], json::array({2}));
  EXPECT_EQ(records[1]["findings"], 1);

  EXPECT_EQ(records[2]["record"], "finding");
  EXPECT_EQ(records[2]["document"], "a.pdf");
  EXPECT_EQ(records[2]["rule_id"], "ec-ear99");
  EXPECT_EQ(records[2]["family"], "export-control");
  EXPECT_EQ(records[2]["severity"], "high");
  EXPECT_EQ(records[2]["page"], 2);
  EXPECT_EQ(records[2]["begin"], 5);
  EXPECT_EQ(records[2]["end"], 10);
  EXPECT_EQ(records[2]["matched_text"], "EAR99");
  EXPECT_EQ(records[2]["id"], FindingId(result.document.sha256, result.findings[0]));

  EXPECT_EQ(records[3]["record"], "summary");
  EXPECT_EQ(records[3]["documents"], 1);
  EXPECT_EQ(records[3]["documents_by_status"]["partial"], 1);
  EXPECT_EQ(records[3]["findings_by_family"]["export-control"]["high"], 1);
  EXPECT_EQ(records[3]["exit_code"], 2);
}

// Matched text that is not UTF-8 is replaced (U+FFFD); a file name is kept exactly: shown with
// its odd bytes as \xNN, and its bytes in path_bytes / document_bytes.
TEST(JsonlWriter, InvalidUtf8IsNotFatalAndFileNamesKeepTheirBytes) {
  std::ostringstream out;
  auto writer = MakeJsonlWriter(out);
  DocumentResult result =
      MakeResult("bad\xff-name.pdf", DocumentStatus::kOk,
                 {MakeFinding("r", RuleFamily::kPartner, Severity::kLow, 0, "caf\xc3")});
  ASSERT_TRUE(writer->WriteDocument(result).ok());
  std::vector<json> records = ParseLines(out.str());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["path"], "bad\\xff-name.pdf");
  EXPECT_EQ(records[0]["path_bytes"], "YmFk/y1uYW1lLnBkZg==");
  EXPECT_EQ(records[1]["document"], "bad\\xff-name.pdf");
  EXPECT_EQ(records[1]["document_bytes"], "YmFk/y1uYW1lLnBkZg==");
  EXPECT_EQ(records[1]["matched_text"], "caf\xef\xbf\xbd");
}

TEST(JsonlWriter, DocumentRecordCarriesTheTextOfEachFlaggedClause) {
  std::ostringstream out;
  auto writer = MakeJsonlWriter(out);
  DocumentResult result = MakeResult(
      "a.pdf", DocumentStatus::kOk,
      {MakeFinding("ec-ear99", RuleFamily::kExportControl, Severity::kHigh, 15, "EAR99")});
  result.findings[0].clause_ref = "9.2";
  result.clauses = {{"9.2", "Export Control", {2}, 11, 30, true, "9.2 The EAR99 item."}};
  ASSERT_TRUE(writer->WriteDocument(result).ok());
  std::vector<json> records = ParseLines(out.str());
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["clauses"],
            json::parse(R"([{"ref":"9.2","title":"Export Control","pages":[2],"begin":11,)"
                        R"("end":30,"truncated":true,"text":"9.2 The EAR99 item."}])"));

  std::ostringstream clean;
  ASSERT_TRUE(MakeJsonlWriter(clean)->WriteDocument(MakeResult("b.pdf", DocumentStatus::kOk)).ok());
  EXPECT_EQ(ParseLines(clean.str())[0]["clauses"], json::array());
}

TEST(FindingId, IsStableAndDependsOnDocumentRuleAndPosition) {
  Finding a = MakeFinding("r1", RuleFamily::kPartner, Severity::kHigh, 10, "x");
  Finding b = a;
  b.begin = 11;
  b.end = 12;
  Finding c = a;
  c.rule_id = "r2";
  EXPECT_EQ(FindingId("doc", a), FindingId("doc", a));
  EXPECT_EQ(FindingId("doc", a).size(), 16u);
  EXPECT_NE(FindingId("doc", a), FindingId("doc", b));
  EXPECT_NE(FindingId("doc", a), FindingId("doc", c));
  EXPECT_NE(FindingId("doc", a), FindingId("other", a));
}

}  // namespace
}  // namespace trustscreen::report
