#include <gtest/gtest.h>

#include <sstream>

#include "report_fixtures.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

Finding InClause(Finding finding, std::string ref, std::string title) {
  finding.clause_ref = std::move(ref);
  finding.clause_title = std::move(title);
  finding.section = "9 Export Control";
  return finding;
}

std::string Write(const DocumentResult& result, CsvOptions options = {}) {
  std::ostringstream out;
  auto writer = MakeCsvWriter(out, options);
  EXPECT_TRUE(writer->WriteHeader(RunHeader{}).ok());
  EXPECT_TRUE(writer->WriteDocument(result).ok());
  EXPECT_TRUE(writer->WriteSummary(RunSummary{}).ok());
  return out.str();
}

TEST(CsvWriter, WritesOneRowPerFlaggedClause) {
  DocumentResult result = MakeResult(
      "agreement.pdf", DocumentStatus::kOk,
      {InClause(MakeFinding("ec-eccn", RuleFamily::kExportControl, Severity::kHigh, 10, "9A012"),
                "9.2(a)", "Export Control"),
       InClause(MakeFinding("partner-x", RuleFamily::kPartner, Severity::kCritical, 20, "HIT"),
                "9.2(a)", "Export Control"),
       InClause(MakeFinding("ec-ear99", RuleFamily::kExportControl, Severity::kLow, 40, "EAR99"),
                "9.2(b)", "Export Control")});
  const std::vector<std::string> lines = Lines(Write(result));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(
      lines[0],
      "document,pages,locations,clause,title,section,families,highest_severity,rules,matched_terms,"
      "excerpt,fingerprints,review_status");
  EXPECT_EQ(lines[1],
            "agreement.pdf,2,,9.2(a),Export Control,9 Export Control,export-control; partner,"
            "critical,ec-eccn; partner-x,9A012; HIT,... HIT ...,,open");
  EXPECT_EQ(lines[2],
            "agreement.pdf,2,,9.2(b),Export Control,9 Export Control,export-control,low,ec-ear99,"
            "EAR99,... EAR99 ...,,open");
}

TEST(CsvWriter, QuotesFieldsAndNeutralisesFormulas) {
  Finding finding = MakeFinding("r", RuleFamily::kPartner, Severity::kHigh, 0, "=HYPERLINK(\"x\")");
  finding.snippet = "a, \"quoted\"\nline";
  DocumentResult result =
      MakeResult("@evil,name.pdf", DocumentStatus::kOk, {InClause(finding, "-1", "+title")});
  const std::string csv = Write(result);
  EXPECT_NE(csv.find("\"'@evil,name.pdf\""), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'-1,'+title,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"a, \"\"quoted\"\"\nline\""), std::string::npos) << csv;
}

TEST(CsvWriter, ExcelOptionStartsWithAByteOrderMark) {
  DocumentResult result = MakeResult("a.pdf", DocumentStatus::kOk);
  EXPECT_EQ(Write(result, {.excel_bom = true})
                .rfind("\xEF\xBB\xBF"
                       "document,",
                       0),
            0u);
  EXPECT_EQ(Write(result).rfind("document,", 0), 0u);
}

}  // namespace
}  // namespace trustscreen::report
