// Internal to the report module: what the CSV and HTML writers share — one document's findings
// grouped into flagged clauses, and the words for an exit code.
#ifndef TRUSTSCREEN_REPORT_CLAUSE_ROWS_H_
#define TRUSTSCREEN_REPORT_CLAUSE_ROWS_H_

#include <string>
#include <string_view>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {

// One flagged clause of a document: the findings of GroupFindingsByClause, summarised.
struct ClauseRow {
  FindingRange findings;  // indices into DocumentResult::findings
  std::string clause, title, section;
  // Distinct values in first-seen order.
  std::vector<std::string> pages, families, rules, terms;
  std::vector<std::string> locations;  // the findings' non-empty locations ("Partners!B12")
  // Short fingerprints of the clause's findings (distinct, first-seen order) and their review
  // statuses ("open", "waived", "reopened"; distinct).
  std::vector<std::string> fingerprints, statuses;
  Severity highest = Severity::kInfo;
  std::string excerpt;  // the snippet of the first most severe finding
  // The clause's text (DocumentResult::clauses), or nullptr when the result carries none.
  const ClauseExcerpt* text = nullptr;
};

// The flagged clauses of `result`, in document order. The rows point into `result`.
std::vector<ClauseRow> FlaggedClauses(const DocumentResult& result);

std::string Join(const std::vector<std::string>& values, std::string_view separator);

// What the run's exit code means, in one line ("some documents were not fully screened").
std::string ExitCodeMeaning(const RunSummary& summary);

}  // namespace trustscreen::report

#endif  // TRUSTSCREEN_REPORT_CLAUSE_ROWS_H_
