#include "trustscreen/report/report.h"

namespace trustscreen::report {

int RunSummary::ExitCode() const {
  if (!not_fully_screened.empty() || !complete) return 2;
  if (findings_at_or_above_fail_on > 0) return 1;
  return 0;
}

SummaryBuilder::SummaryBuilder(Severity fail_on) { summary_.fail_on = fail_on; }

void SummaryBuilder::Add(const DocumentResult& result) {
  const Document& document = result.document;
  ++summary_.documents;
  ++summary_.documents_by_status[document.status];
  if (!IsFullyScreened(document.status)) {
    summary_.not_fully_screened.push_back({document.path, document.status, document.reason});
  }
  for (const Finding& finding : result.findings) {
    ++summary_.findings;
    ++summary_.findings_by_family[finding.family][finding.severity];
    if (finding.review_status == ReviewStatus::kWaived) {
      ++summary_.findings_waived;
      continue;
    }
    if (finding.review_status == ReviewStatus::kReopened) ++summary_.findings_reopened;
    if (finding.severity >= summary_.fail_on) ++summary_.findings_at_or_above_fail_on;
  }
}

}  // namespace trustscreen::report
