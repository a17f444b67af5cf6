#include <string>
#include <vector>

#include "clause_rows.h"
#include "trustscreen/core/text_escape.h"
#include "trustscreen/report/output_file.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {
namespace {

// RFC 4180 field: quoted when it holds a comma, quote or line break; formula starters neutralised.
std::string CsvField(std::string_view cell) {
  // Cells are UTF-8 (a file name that is not shows its odd bytes as \xNN).
  std::string value = DisplayUtf8(cell);
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

class CsvWriter : public ReportWriter {
 public:
  CsvWriter(std::ostream& out, const CsvOptions& options) : out_(out), options_(options) {}

  Status WriteHeader(const RunHeader&) override {
    if (options_.excel_bom) out_ << "\xEF\xBB\xBF";
    WriteRow({"document", "pages", "locations", "clause", "title", "section", "families",
              "highest_severity", "rules", "matched_terms", "excerpt", "fingerprints",
              "review_status"});
    return Flush();
  }

  Status WriteDocument(const DocumentResult& result) override {
    for (const ClauseRow& row : FlaggedClauses(result)) {
      WriteRow({result.document.path, Join(row.pages, ", "), Join(row.locations, ", "), row.clause,
                row.title, row.section, Join(row.families, "; "),
                std::string(ToString(row.highest)), Join(row.rules, "; "), Join(row.terms, "; "),
                row.excerpt, Join(row.fingerprints, "; "), Join(row.statuses, "; ")});
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
    if (!out_) return IoError("cannot write CSV report" + WriteFailureCause(out_));
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
