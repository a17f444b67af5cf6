#include "review_commands.h"

#include <cctype>
#include <fstream>
#include <set>

#include "trustscreen/core/clock.h"
#include "trustscreen/core/exit_codes.h"
#include "trustscreen/review/diff.h"
#include "trustscreen/review/waivers.h"

namespace trustscreen::cli {
namespace {

constexpr std::size_t kMinIdLength = 8;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

int RunWaive(const WaiveOptions& options, std::ostream& out, std::ostream& err) {
  if (options.reason.empty() || options.reviewer.empty()) {
    err << "trustscreen waive: --reason and --reviewer are required\n";
    return kExitError;
  }
  if (!options.expires.empty() && !review::IsIsoDate(options.expires)) {
    err << "trustscreen waive: --expires '" << options.expires << "' is not a date (YYYY-MM-DD)\n";
    return kExitError;
  }
  const std::string date = options.date.empty() ? UtcDate() : options.date;
  if (!review::IsIsoDate(date)) {
    err << "trustscreen waive: --date '" << date << "' is not a date (YYYY-MM-DD)\n";
    return kExitError;
  }
  const std::string id = Lower(options.finding_id);
  if (id.size() < kMinIdLength) {
    err << "trustscreen waive: finding id '" << options.finding_id
        << "' is too short (give at least " << kMinIdLength << " hex digits)\n";
    return kExitError;
  }
  Result<review::LoadedReport> report = review::ReadJsonlReport(options.report_path);
  if (!report.ok()) {
    err << "trustscreen waive: " << report.status().message() << "\n";
    return kExitError;
  }

  const review::ReportFinding* found = nullptr;
  std::set<std::string> candidates;  // distinct fingerprints (or scopes) the id matches
  for (const review::ReportFinding& finding : report->findings) {
    if (finding.fingerprint.rfind(id, 0) != 0 && finding.id != id) continue;
    const std::string key =
        options.scope ? finding.rule_id + '\0' + finding.document_sha256 + '\0' + finding.clause_ref
                      : finding.fingerprint;
    if (candidates.insert(key).second && found == nullptr) found = &finding;
  }
  if (found == nullptr) {
    err << "trustscreen waive: " << options.report_path.string() << ": no finding with id '"
        << options.finding_id << "'\n";
    return kExitError;
  }
  if (candidates.size() > 1) {
    err << "trustscreen waive: '" << options.finding_id << "' matches " << candidates.size()
        << " different findings in " << options.report_path.string()
        << "; give more digits of the fingerprint\n";
    return kExitError;
  }

  review::Waiver waiver;
  waiver.rule_id = found->rule_id;
  waiver.document = found->document;
  waiver.matched_text = found->matched_text;
  waiver.decision = options.decision;
  waiver.reviewer = options.reviewer;
  waiver.date = date;
  waiver.reason = options.reason;
  waiver.reference = options.reference;
  waiver.expires = options.expires;
  if (options.scope) {
    if (found->document_sha256.size() != 64) {
      err << "trustscreen waive: the finding's document has no SHA-256 in the report; a scope "
             "waiver needs one\n";
      return kExitError;
    }
    waiver.scoped = true;
    waiver.document_sha256 = found->document_sha256;
    waiver.clause_ref = found->clause_ref;
  } else {
    waiver.fingerprint = found->fingerprint;
  }
  if (Status status = review::AppendWaiver(options.waivers_path, waiver); !status.ok()) {
    err << "trustscreen waive: " << status.message() << "\n";
    return kExitError;
  }
  static constexpr std::string_view kDone[] = {"Waived ", "Escalated ", "Noted "};
  out << kDone[static_cast<int>(options.decision)]
      << (options.scope ? "rule " + found->rule_id + " in clause '" + found->clause_ref + "' of " +
                              found->document
                        : ShortFingerprint(found->fingerprint) + " (" + found->rule_id + ", " +
                              found->document + ", \"" + found->matched_text + "\")")
      << " in " << options.waivers_path.string() << "\n";
  if (!options.expires.empty() && options.expires < UtcDate()) {
    err << "trustscreen waive: warning: the waiver expired on " << options.expires
        << "; the finding stays open\n";
  }
  return 0;
}

int RunDiff(const DiffOptions& options, std::ostream& out, std::ostream& err) {
  Result<review::LoadedReport> old_report = review::ReadJsonlReport(options.old_report);
  if (!old_report.ok()) {
    err << "trustscreen diff: " << old_report.status().message() << "\n";
    return kExitError;
  }
  Result<review::LoadedReport> new_report = review::ReadJsonlReport(options.new_report);
  if (!new_report.ok()) {
    err << "trustscreen diff: " << new_report.status().message() << "\n";
    return kExitError;
  }
  const review::ReportDiff diff = review::DiffReports(*old_report, *new_report);
  if (options.format == "jsonl") {
    review::WriteDiffJsonl(diff, *old_report, *new_report, out);
  } else {
    review::WriteDiffText(diff, *old_report, *new_report, out);
  }
  if (!options.html.empty()) {
    std::ofstream html(options.html, std::ios::binary | std::ios::trunc);
    if (html) review::WriteDiffHtml(diff, *old_report, *new_report, html);
    html.flush();
    if (!html) {
      err << "trustscreen diff: " << options.html.string() << ": cannot write\n";
      return kExitError;
    }
  }
  return review::DiffExitCode(diff, options.fail_on);
}

}  // namespace trustscreen::cli
