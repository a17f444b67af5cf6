#include <iomanip>

#include "clause_rows.h"
#include "trustscreen/core/text_escape.h"
#include "trustscreen/report/report.h"

namespace trustscreen::report {

void PrintTerminalSummary(std::ostream& out, const RunSummary& summary) {
  out << "trustscreen: " << summary.documents << " document(s)";
  if (summary.skipped_inputs > 0) out << ", " << summary.skipped_inputs << " input(s) skipped";
  out << ", " << summary.findings << " finding(s) in " << std::fixed << std::setprecision(2)
      << summary.wall_seconds << " s" << (summary.complete ? "" : "  [RUN INCOMPLETE]") << "\n";

  out << "\nDocuments by status:\n";
  for (const auto& [status, count] : summary.documents_by_status) {
    out << "  " << std::left << std::setw(14) << ToString(status) << std::right << std::setw(6)
        << count << "\n";
  }

  if (!summary.not_fully_screened.empty()) {
    out << "\nNot fully screened (" << summary.not_fully_screened.size() << "):\n";
    for (const UnscreenedDocument& document : summary.not_fully_screened) {
      out << "  " << TerminalSafe(document.path) << ": " << ToString(document.status);
      if (!document.reason.empty()) out << ": " << TerminalSafe(document.reason);
      out << "\n";
    }
  }

  out << "\nFindings by family and severity:\n";
  if (summary.findings_by_family.empty()) out << "  none\n";
  constexpr Severity kOrder[] = {Severity::kCritical, Severity::kHigh, Severity::kMedium,
                                 Severity::kLow, Severity::kInfo};
  for (const auto& [family, by_severity] : summary.findings_by_family) {
    out << "  " << std::left << std::setw(16) << ToString(family) << std::right;
    for (Severity severity : kOrder) {
      auto it = by_severity.find(severity);
      if (it != by_severity.end()) out << "  " << ToString(severity) << " " << it->second;
    }
    out << "\n";
  }

  if (summary.waivers || summary.findings_waived > 0) {
    out << "\nWaivers: " << summary.findings_waived << " finding(s) waived, "
        << summary.findings_reopened << " reopened (waiver expired)";
    if (summary.findings_escalated > 0) out << ", " << summary.findings_escalated << " escalated";
    if (summary.waivers) {
      out << "; " << summary.waivers->applied.size() << " waiver(s) applied, "
          << summary.waivers->expired.size() << " expired, " << summary.waivers->stale.size()
          << " stale";
    }
    out << "\n";
    if (summary.waivers) {
      for (const WaiverUse& use : summary.waivers->expired) {
        out << "  expired: " << TerminalSafe(use.id) << " (" << TerminalSafe(use.location)
            << ", expired " << use.expires << ")\n";
      }
      for (const WaiverUse& use : summary.waivers->stale) {
        out << "  stale:   " << TerminalSafe(use.id) << " (" << TerminalSafe(use.location)
            << ") matched no finding\n";
      }
    }
  }

  out << "\nExit " << summary.ExitCode() << ": " << ExitCodeMeaning(summary) << "\n";
}

}  // namespace trustscreen::report
