#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

// RFC 4180 field: quoted when it holds a comma, quote or line break; formula starters neutralised.
std::string CsvField(std::string value) {
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string::npos) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string Join(const std::vector<std::string>& values, std::string_view separator) {
  std::string joined;
  for (const std::string& value : values) {
    if (!joined.empty()) joined += separator;
    joined += value;
  }
  return joined;
}

// Appends `value` once, keeping first-seen order.
void AddUnique(std::vector<std::string>& values, const std::string& value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

struct ClauseRow {
  std::string clause, title, section;
  std::vector<std::string> pages, families, rules, terms;
  Severity highest = Severity::kInfo;
  std::string excerpt;
};

class CsvWriter : public ReportWriter {
 public:
  CsvWriter(std::ostream& out, const CsvOptions& options) : out_(out), options_(options) {}

  Status WriteHeader(const RunHeader&) override {
    if (options_.excel_bom) out_ << "\xEF\xBB\xBF";
    WriteRow({"document", "pages", "clause", "title", "section", "families", "highest_severity",
              "rules", "matched_terms", "excerpt"});
    return Flush();
  }

  Status WriteDocument(const DocumentResult& result) override {
    // Findings come in document order, so one clause's findings are adjacent.
    std::vector<ClauseRow> rows;
    for (const Finding& finding : result.findings) {
      if (rows.empty() || rows.back().clause != finding.clause_ref) {
        rows.push_back({finding.clause_ref,
                        finding.clause_title,
                        finding.section,
                        {},
                        {},
                        {},
                        {},
                        finding.severity,
                        finding.snippet});
      }
      ClauseRow& row = rows.back();
      AddUnique(row.pages, std::to_string(finding.page));
      AddUnique(row.families, std::string(ToString(finding.family)));
      AddUnique(row.rules, finding.rule_id);
      AddUnique(row.terms, finding.matched_text);
      if (finding.severity > row.highest) {
        row.highest = finding.severity;
        row.excerpt = finding.snippet;
      }
    }
    for (const ClauseRow& row : rows) {
      WriteRow({result.document.path, Join(row.pages, ", "), row.clause, row.title, row.section,
                Join(row.families, "; "), std::string(ToString(row.highest)), Join(row.rules, "; "),
                Join(row.terms, "; "), row.excerpt});
    }
    return Flush();
  }

  Status WriteSummary(const RunSummary&) override { return Flush(); }

 private:
  void WriteRow(const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out_ << ',';
      out_ << CsvField(cells[i]);
    }
    out_ << "\r\n";
  }

  Status Flush() {
    out_.flush();
    if (!out_) return IoError("cannot write CSV report");
    return Status::Ok();
  }

  std::ostream& out_;
  CsvOptions options_;
};

}  // namespace

std::unique_ptr<ReportWriter> MakeCsvWriter(std::ostream& out, const CsvOptions& options) {
  return std::make_unique<CsvWriter>(out, options);
}

}  // namespace trustscreen::report
