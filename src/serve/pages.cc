#include "pages.h"

#include <set>
#include <sstream>
#include <utility>

#include "trustscreen/core/exit_codes.h"
#include "trustscreen/core/text_escape.h"

namespace trustscreen::serve {
namespace {

std::string Escape(std::string_view text) { return HtmlEscape(text); }

// Styles the app's own pages and what it adds to report pages (banner, review forms).
constexpr char kAppStyle[] = R"css(
.ts-app{font:15px/1.45 system-ui,sans-serif;background:#1f2937;color:#f9fafb;padding:.5rem 1rem;
display:flex;gap:1.25rem;align-items:center;flex-wrap:wrap}
.ts-app a{color:#f9fafb;font-weight:600}
.ts-app .ts-brand{font-weight:700;margin-right:auto}
.ts-run{font:15px/1.45 system-ui,sans-serif;background:#f3f4f6;border-bottom:1px solid #d1d5db;
padding:.6rem 1rem}
.ts-run p{margin:.25rem 0}
.ts-verdict{font-weight:700;font-size:1.2em}
.ts-verdict.ts-v-clear{color:#166534}.ts-verdict.ts-v-review{color:#9a3412}
.ts-verdict.ts-v-incomplete{color:#991b1b}
.ts-notice{background:#ecfdf5;border:1px solid #10b981;padding:.4rem .6rem;border-radius:4px}
.ts-error{background:#fef2f2;border:1px solid #ef4444;padding:.4rem .6rem;border-radius:4px}
.ts-inline{display:inline}
table.findings th:last-child{width:15rem}
.ts-review{margin-top:.4rem;font:13px/1.35 system-ui,sans-serif}
.ts-review form{display:grid;gap:.25rem;max-width:22rem}
.ts-review input,.ts-review select{font:inherit;width:100%;box-sizing:border-box}
.ts-pending{background:#fffbeb;border:1px solid #f59e0b;padding:.25rem .4rem;border-radius:4px}
)css";

constexpr char kPageStyle[] = R"css(
body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#111827}
main{padding:1rem 1.25rem;max-width:75rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #e5e7eb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f9fafb}
td.num{text-align:right}
fieldset{border:1px solid #d1d5db;border-radius:6px;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:700}
.hint{color:#4b5563;font-size:.9rem}
code{font-size:.9em}
)css";

std::string Nav() {
  return "<nav class=\"ts-app\" aria-label=\"trustscreen\"><span class=\"ts-brand\">trustscreen "
         "review</span><a href=\"/\">Screen documents</a><a href=\"/history\">History</a></nav>\n";
}

std::string CsrfField(const FormContext& form) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(form.csrf) + "\">";
}

std::string RunLink(std::int64_t id) {
  const std::string number = std::to_string(id);
  return "<a href=\"/runs/" + number + "\">#" + number + "</a>";
}

// "2026-12-05T09:40:28Z" as "2026-12-05 09:40:28 UTC".
std::string Time(const std::string& timestamp) {
  std::string shown = timestamp;
  if (shown.size() == 20 && shown[10] == 'T' && shown.back() == 'Z') {
    shown[10] = ' ';
    shown.back() = ' ';
    shown += "UTC";
  }
  return Escape(shown);
}

std::string VerdictClass(const RunRecord& run) {
  if (run.state != RunState::kFinished) return "";
  if (run.counts.exit_code == kExitClean) return "ts-v-clear";
  if (run.counts.exit_code == kExitFindings) return "ts-v-review";
  return "ts-v-incomplete";
}

std::string DownloadLinks(const RunRecord& run) {
  if (run.state != RunState::kFinished) return "";
  std::string html;
  for (const ReportFormat& format : ReportFormats()) {
    if (!html.empty()) html += " · ";
    html += "<a href=\"/runs/" + std::to_string(run.id) + "/download/" + std::string(format.name) +
            "\" download>" + std::string(format.file) + "</a>";
  }
  return html;
}

std::string ChangesText(const RunRecord& run) {
  if (run.state != RunState::kFinished || run.counts.previous_run == 0) return "";
  return "<a href=\"/runs/" + std::to_string(run.id) + "/diff\">+" +
         std::to_string(run.counts.new_findings) + " new, " +
         std::to_string(run.counts.resolved_findings) + " resolved since #" +
         std::to_string(run.counts.previous_run) + "</a>";
}

std::string RunsTable(const std::vector<RunRecord>& runs, bool with_downloads) {
  if (runs.empty()) return "<p>No runs yet.</p>\n";
  std::string html =
      "<table class=\"ts-runs\"><thead><tr><th>Run</th><th>Started</th><th>Finished</th>"
      "<th>Screened</th><th class=\"num\">Documents</th><th class=\"num\">Findings</th>"
      "<th class=\"num\">Cleared</th><th class=\"num\">Escalated</th><th>Verdict</th><th "
      "class=\"num\">Exit</th>"
      "<th>Since previous run</th>";
  if (with_downloads) html += "<th>Downloads</th>";
  html += "</tr></thead><tbody>\n";
  for (const RunRecord& run : runs) {
    const bool finished = run.state == RunState::kFinished;
    html += "<tr data-run=\"" + std::to_string(run.id) + "\"><td>" + RunLink(run.id) + "</td><td>" +
            Time(run.started.empty() ? run.created : run.started) + "</td><td>" +
            Time(run.finished) + "</td><td>" + Escape(run.source) + ": " + Escape(run.label) +
            "</td><td class=\"num\">" + (finished ? std::to_string(run.counts.documents) : "") +
            "</td><td class=\"num\">" + (finished ? std::to_string(run.counts.findings) : "") +
            "</td><td class=\"num\">" + (finished ? std::to_string(run.counts.waived) : "") +
            "</td><td class=\"num\">" + (finished ? std::to_string(run.counts.escalated) : "") +
            "</td><td><span class=\"ts-verdict " + VerdictClass(run) + "\">" +
            Escape(VerdictText(run)) + "</span></td><td class=\"num\">" +
            (finished ? std::to_string(run.counts.exit_code) : "") + "</td><td>" +
            ChangesText(run) + "</td>";
    if (with_downloads) html += "<td>" + DownloadLinks(run) + "</td>";
    html += "</tr>\n";
  }
  return html + "</tbody></table>\n";
}

std::string Mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

bool SameDecision(const AppliedWaiver& applied, const review::Waiver& waiver) {
  return applied.decision == waiver.decision && applied.reviewer == waiver.reviewer &&
         applied.date == waiver.date && applied.reason == waiver.reason;
}

// The latest decision recorded in the waivers file for a finding, when this run has not applied
// it (it was recorded after the run).
std::string PendingDecision(const Finding& finding,
                            const std::map<std::string, review::Waiver>& decisions) {
  const auto found = decisions.find(finding.fingerprint);
  if (found == decisions.end()) return "";
  const review::Waiver& waiver = found->second;
  if (finding.waiver && SameDecision(*finding.waiver, waiver)) return "";
  for (const AppliedWaiver& note : finding.notes) {
    if (SameDecision(note, waiver)) return "";
  }
  return "<p class=\"ts-pending\">Recorded: " + std::string(ToString(waiver.decision)) + " by " +
         Escape(waiver.reviewer) + " on " + Escape(waiver.date) + " (" + Escape(waiver.reason) +
         "). Re-screen to apply it.</p>";
}

std::string ReviewForm(std::int64_t run_id, const Finding& finding, const FormContext& form) {
  std::string html =
      "<form class=\"ts-decision\" method=\"post\" action=\"/runs/" + std::to_string(run_id) +
      "/review\" data-fingerprint=\"" + Escape(finding.fingerprint) + "\">" + CsrfField(form) +
      "<input type=\"hidden\" name=\"fingerprint\" value=\"" + Escape(finding.fingerprint) + "\">";
  html +=
      "<label>Decision <select name=\"decision\">"
      "<option value=\"cleared\">Cleared: no further action</option>"
      "<option value=\"escalated\">Escalated to export control / security</option>"
      "<option value=\"note\">Note only</option></select></label>"
      "<label>Reason or note <input name=\"reason\" required maxlength=\"" +
      std::to_string(kMaxReasonBytes) +
      "\"></label>"
      "<label>Reviewer <input name=\"reviewer\" required autocomplete=\"name\" maxlength=\"" +
      std::to_string(kMaxReviewerBytes) + "\" value=\"" + Escape(form.reviewer) +
      "\"></label><button type=\"submit\">Record decision</button></form>";
  return html;
}

std::string FindingControls(std::int64_t run_id, const Finding& finding, const FormContext& form,
                            const std::map<std::string, review::Waiver>& decisions) {
  if (finding.fingerprint.empty()) {
    return "<div class=\"ts-review\"><p class=\"hint\">No fingerprint: this finding cannot be "
           "recorded in the waivers file.</p></div>";
  }
  // The finding's review status and notes in this run, for whoever reads the page's structure.
  std::string html = "<div class=\"ts-review\" data-fingerprint=\"" + Escape(finding.fingerprint) +
                     "\" data-status=\"" + std::string(ToString(finding.review_status)) +
                     "\" data-notes=\"" + std::to_string(finding.notes.size()) + "\">" +
                     PendingDecision(finding, decisions);
  if (finding.review_status == ReviewStatus::kWaived) {
    html += "<details><summary>Change the decision</summary>" + ReviewForm(run_id, finding, form) +
            "</details>";
  } else {
    html += ReviewForm(run_id, finding, form);
  }
  return html + "</div>";
}

std::string RunBanner(const RunRecord& run, const FormContext& form,
                      const std::string& waivers_path, std::string_view notice) {
  std::string html = Nav() + "<section class=\"ts-run\" aria-label=\"run\">";
  html += "<p><span class=\"ts-verdict " + VerdictClass(run) + "\" id=\"ts-verdict\">Run #" +
          std::to_string(run.id) + ": " + Escape(VerdictText(run)) + "</span></p>";
  if (!notice.empty()) {
    html += "<p class=\"ts-notice\" role=\"status\">" + Escape(notice) + "</p>";
  }
  html += "<p>" + Escape(run.source) + ": " + Escape(run.label) + " · finished " +
          Time(run.finished) + "</p>";
  html += "<p>Download: " + DownloadLinks(run) + "</p>";
  if (run.counts.previous_run != 0) html += "<p>Changes: " + ChangesText(run) + "</p>";
  html += "<form class=\"ts-inline\" method=\"post\" action=\"/runs/" + std::to_string(run.id) +
          "/rescreen\">" + CsrfField(form) +
          "<button type=\"submit\" id=\"ts-rescreen\">Re-screen with the recorded "
          "decisions</button></form> <span class=\"hint\">Decisions are written to <code>" +
          Escape(waivers_path) +
          "</code>, which <code>trustscreen scan --waivers</code> reads.</span>";
  return html + "</section>\n";
}

std::string FindingsList(std::string_view title, const std::vector<review::ReportFinding>& items) {
  std::string html = "<h2>" + std::string(title) + " (" + std::to_string(items.size()) + ")</h2>\n";
  if (items.empty()) return html + "<p>None.</p>\n";
  html +=
      "<table><thead><tr><th>Document</th><th>Page</th><th>Clause</th><th>Rule</th>"
      "<th>Severity</th><th>Matched</th><th>Status</th></tr></thead><tbody>\n";
  for (const review::ReportFinding& finding : items) {
    html += "<tr><td>" + Escape(finding.document) + "</td><td class=\"num\">" +
            std::to_string(finding.page) + "</td><td>" + Escape(finding.clause_ref) + "</td><td>" +
            Escape(finding.rule_id) + "</td><td>" + std::string(ToString(finding.severity)) +
            "</td><td>" + Escape(finding.matched_text) + "</td><td>" + Escape(finding.status) +
            "</td></tr>\n";
  }
  return html + "</tbody></table>\n";
}

}  // namespace

const std::vector<ReportFormat>& ReportFormats() {
  static const std::vector<ReportFormat> kFormats = {
      {"jsonl", "findings.jsonl", "application/x-ndjson; charset=utf-8"},
      {"html", "report.html", "text/html; charset=utf-8"},
      {"csv", "flagged-clauses.csv", "text/csv; charset=utf-8"},
      {"sarif", "findings.sarif", "application/sarif+json"},
  };
  return kFormats;
}

std::string VerdictText(const RunRecord& run) {
  switch (run.state) {
    case RunState::kQueued:
      return "queued";
    case RunState::kRunning:
      return "screening…";
    case RunState::kFailed:
      return "failed: " + run.error;
    case RunState::kFinished:
      break;
  }
  const RunCounts& counts = run.counts;
  std::string text;
  if (!counts.complete) {
    text = "Interrupted: not every document was screened";
  } else if (counts.exit_code == kExitNotFullyScreened) {
    text = "Not fully screened: " + std::to_string(counts.not_fully_screened) +
           " document(s) could not be read completely";
  } else if (counts.exit_code == kExitFindings) {
    text = std::to_string(counts.open_findings) + " finding(s) to review";
  } else if (counts.exit_code == kExitClean) {
    text = counts.findings == 0 ? "Clear: no findings" : "Clear: nothing open to review";
  } else {
    text = "Error: the reports could not be written";
  }
  if (counts.exit_code == kExitNotFullyScreened && counts.open_findings > 0) {
    text += "; " + std::to_string(counts.open_findings) + " finding(s) to review";
  }
  if (counts.waived > 0 || counts.escalated > 0) {
    text += " (" + std::to_string(counts.waived) + " cleared, " + std::to_string(counts.escalated) +
            " escalated)";
  }
  return text;
}

std::string LayoutPage(std::string_view title, std::string_view body_html, int refresh_seconds) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"referrer\" content=\"same-origin\">\n";
  if (refresh_seconds > 0) {
    html += "<meta http-equiv=\"refresh\" content=\"" + std::to_string(refresh_seconds) + "\">\n";
  }
  html += "<title>" + Escape(title) + " · trustscreen</title>\n<style>" + std::string(kPageStyle) +
          kAppStyle + "</style>\n</head>\n<body>\n" + Nav() + "<main>\n<h1>" + Escape(title) +
          "</h1>\n" + std::string(body_html) + "</main>\n</body>\n</html>\n";
  return html;
}

std::string HomePage(const std::vector<RunRecord>& runs, const FormContext& form,
                     const UploadLimits& limits, std::string_view error) {
  std::string body;
  if (!error.empty()) body += "<p class=\"ts-error\" role=\"alert\">" + Escape(error) + "</p>\n";
  body +=
      "<fieldset><legend>Upload documents</legend>"
      "<form method=\"post\" action=\"/scan/upload\" enctype=\"multipart/form-data\" "
      "id=\"ts-upload\">" +
      CsrfField(form) +
      "<p><input type=\"file\" name=\"files\" multiple required id=\"ts-files\"></p>"
      "<p class=\"hint\">One or many files, or an archive of them (PDF, Word, OpenDocument, "
      "Excel, CSV, PowerPoint, e-mail, scanned images, HTML, XML, RTF, text; ZIP, tar, 7z, "
      "gzip). At most " +
      Mib(limits.max_file_bytes) + " per file and " + Mib(limits.max_total_bytes) +
      " per upload.</p><button type=\"submit\">Screen the uploaded documents</button></form>"
      "</fieldset>\n";
  body +=
      "<fieldset><legend>Screen a folder on this machine</legend>"
      "<form method=\"post\" action=\"/scan/folder\" id=\"ts-folder\">" +
      CsrfField(form) +
      "<p><label>Folder <input name=\"folder\" required size=\"60\" "
      "placeholder=\"/srv/agreements/2026\"></label></p>"
      "<p class=\"hint\">The folder is read in place, with everything below it.</p>"
      "<button type=\"submit\">Screen the folder</button></form></fieldset>\n";
  body += "<h2>Recent runs</h2>\n" + RunsTable(runs, false);
  return LayoutPage("Screen documents", body);
}

std::string PendingRunPage(const RunRecord& run, int queued_before) {
  std::string body = "<p class=\"ts-verdict\" id=\"ts-status\" data-state=\"" +
                     std::string(ToString(run.state)) + "\">";
  if (run.state == RunState::kQueued) {
    body += "Queued";
    if (queued_before > 0) body += " behind " + std::to_string(queued_before) + " run(s)";
  } else {
    body += "Screening…";
  }
  body += "</p>\n<p>" + Escape(run.source) + ": " + Escape(run.label) +
          "</p>\n<p class=\"hint\">This page refreshes itself until the run has finished.</p>\n";
  return LayoutPage("Run #" + std::to_string(run.id), body, 2);
}

std::string FailedRunPage(const RunRecord& run, const FormContext& form) {
  std::string body =
      "<p class=\"ts-error\" id=\"ts-status\" data-state=\"failed\">The run failed: " +
      Escape(run.error) + "</p>\n<p>" + Escape(run.source) + ": " + Escape(run.label) + "</p>\n";
  body += "<form method=\"post\" action=\"/runs/" + std::to_string(run.id) + "/rescreen\">" +
          CsrfField(form) + "<button type=\"submit\">Try again</button></form>\n";
  return LayoutPage("Run #" + std::to_string(run.id), body);
}

std::string_view NoticeText(std::string_view name) {
  if (name == "recorded") {
    return "Decision recorded in the waivers file. Re-screen to see it applied in the report.";
  }
  return "";
}

Result<std::string> RenderRunPage(const RunRecord& run, const report::ParsedReport& report,
                                  const FormContext& form,
                                  const std::map<std::string, review::Waiver>& decisions,
                                  const std::string& waivers_path, std::string_view notice) {
  if (!report.summary) return ParseError("the run's report has no summary");
  report::HtmlOptions options;
  options.banner_html = RunBanner(run, form, waivers_path, notice);
  options.extra_style = kAppStyle;
  options.allow_forms = true;
  options.finding_controls = [&](const Document&, const Finding& finding) {
    return FindingControls(run.id, finding, form, decisions);
  };
  std::ostringstream out;
  std::unique_ptr<report::ReportWriter> writer = report::MakeHtmlWriter(out, std::move(options));
  if (Status status = writer->WriteHeader(report.header); !status.ok()) return status;
  for (const DocumentResult& document : report.documents) {
    if (Status status = writer->WriteDocument(document); !status.ok()) return status;
  }
  if (Status status = writer->WriteSummary(*report.summary); !status.ok()) return status;
  return std::move(out).str();
}

std::string HistoryPage(const std::vector<RunRecord>& runs) {
  return LayoutPage("History",
                    "<p class=\"hint\">Every run, most recent first. “Since previous "
                    "run” compares with the last run over the same documents.</p>\n" +
                        RunsTable(runs, true));
}

std::string DiffPage(const RunRecord& run, const RunRecord& previous,
                     const review::LoadedReport& old_report, const review::ReportDiff& diff) {
  std::string body = "<p>Run " + RunLink(run.id) + " (" + Time(run.finished) + ") against run " +
                     RunLink(previous.id) + " (" + Time(previous.finished) + "), both over " +
                     Escape(run.source) + ": " + Escape(run.label) + ".</p>\n";
  body += "<p id=\"ts-diff-counts\">" + std::to_string(diff.added.size()) + " new, " +
          std::to_string(diff.resolved.size()) + " resolved, " +
          std::to_string(diff.unchanged.size()) + " unchanged, " +
          std::to_string(diff.unverified.size()) + " unverified finding(s).</p>\n";
  // Unchanged findings whose review status changed (a decision applied, a waiver expired).
  std::map<std::pair<std::string, std::string>, std::string> old_status;
  for (const review::ReportFinding& finding : old_report.findings) {
    old_status.emplace(std::make_pair(finding.document, finding.fingerprint), finding.status);
  }
  std::vector<review::ReportFinding> status_changed;
  for (const review::ReportFinding& finding : diff.unchanged) {
    const auto found = old_status.find({finding.document, finding.fingerprint});
    if (found != old_status.end() && found->second != finding.status) {
      review::ReportFinding changed = finding;
      changed.status = found->second + " → " + finding.status;
      status_changed.push_back(std::move(changed));
    }
  }
  body += FindingsList("New findings", diff.added);
  body += FindingsList("Resolved findings", diff.resolved);
  body += FindingsList("Review status changed", status_changed);
  body += FindingsList("Not verified (document not fully screened now)", diff.unverified);
  body += "<h2>Document changes (" + std::to_string(diff.documents.size()) + ")</h2>\n";
  if (diff.documents.empty()) {
    body += "<p>None.</p>\n";
  } else {
    body +=
        "<table><thead><tr><th>Document</th><th>Before</th><th>Now</th><th>Content</th>"
        "</tr></thead><tbody>\n";
    for (const review::DocumentChange& change : diff.documents) {
      body += "<tr><td>" + Escape(change.path) + "</td><td>" + Escape(change.old_status) +
              "</td><td>" + Escape(change.new_status) + "</td><td>" +
              (change.content_changed ? "changed" : "") + "</td></tr>\n";
    }
    body += "</tbody></table>\n";
  }
  return LayoutPage("Changes in run #" + std::to_string(run.id), body);
}

std::string MessagePage(std::string_view title, std::string_view message) {
  return LayoutPage(title, "<p>" + Escape(message) + "</p>\n");
}

}  // namespace trustscreen::serve
