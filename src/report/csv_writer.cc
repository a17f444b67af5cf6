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

// Excel keeps at most 32,767 characters of a cell. A clause holding thousands of findings (a
// sanctions list's own spreadsheet: 86,530, in one "clause") would give cells of megabytes, cut
// by Excel where it may be mid-name: a list cell stops short of the limit at a whole value and
// says how many values it leaves out; findings.jsonl has them all.
constexpr std::size_t kMaxListCellBytes = 32'000;

std::string JoinCapped(const std::vector<std::string>& values, std::string_view separator) {
  // Room kept for the closing "; ... and N more (findings.jsonl)" (fewer than 64 bytes).
  constexpr std::size_t kMoreBytes = 64;
  std::string joined;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const bool last = i + 1 == values.size();
    const std::size_t added = (i > 0 ? separator.size() : 0) + values[i].size();
    if (joined.size() + added + (last ? 0 : kMoreBytes) > kMaxListCellBytes) {
      return joined + (i > 0 ? std::string(separator) : "") + "... and " +
             std::to_string(values.size() - i) + " more (findings.jsonl)";
    }
    if (i > 0) joined += separator;
    joined += values[i];
  }
  return joined;
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
      WriteRow({result.document.path, JoinCapped(row.pages, ", "), JoinCapped(row.locations, ", "),
                row.clause, row.title, row.section, JoinCapped(row.families, "; "),
                std::string(ToString(row.highest)), JoinCapped(row.rules, "; "),
                JoinCapped(row.terms, "; "), row.excerpt, JoinCapped(row.fingerprints, "; "),
                JoinCapped(row.statuses, "; ")});
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
