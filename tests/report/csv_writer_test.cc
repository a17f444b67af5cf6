#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

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

// Excel keeps 32,767 characters of a cell: a clause with 5,000 different terms lists as many
// whole terms as fit, then says how many it leaves out.
TEST(CsvWriter, CutsALongListCellAtAWholeValueAndCountsTheRest) {
  std::vector<Finding> findings;
  for (int i = 0; i < 5000; ++i) {
    const std::string term = "SANCTIONED ENTITY NUMBER " + std::to_string(10000 + i);
    findings.push_back(InClause(
        MakeFinding("partner-x", RuleFamily::kPartner, Severity::kHigh, 40 * i, term), "99", ""));
  }
  const std::vector<std::string> lines =
      Lines(Write(MakeResult("list.xlsx", DocumentStatus::kOk, findings)));
  ASSERT_EQ(lines.size(), 2u);
  const std::string& row = lines[1];
  const std::size_t terms = row.find("SANCTIONED ENTITY NUMBER 10000; ");
  ASSERT_NE(terms, std::string::npos);
  const std::size_t end = row.find(',', terms);
  const std::string cell = row.substr(terms, end - terms);
  EXPECT_LE(cell.size(), 32'000u);
  const std::size_t more = cell.rfind("; ... and ");
  ASSERT_NE(more, std::string::npos) << cell.substr(cell.size() - 100);
  EXPECT_TRUE(cell.ends_with(" more (findings.jsonl)"));
  const int listed = static_cast<int>(std::count(cell.begin(), cell.begin() + more, ';')) + 1;
  EXPECT_EQ(cell.substr(more),
            "; ... and " + std::to_string(5000 - listed) + " more (findings.jsonl)");
  // The last listed term is whole.
  EXPECT_EQ(cell.substr(0, more).substr(cell.substr(0, more).rfind("; ") + 2),
            "SANCTIONED ENTITY NUMBER " + std::to_string(10000 + listed - 1));
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
