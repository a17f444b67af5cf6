// Pages of the review app: server-rendered HTML, no script of the app's own, every string that
// comes from a document, a file name, a form or the history escaped (HtmlEscape). A run's report
// page is report.html itself (report::MakeHtmlWriter) with the app's banner, style and a review
// form in each finding's review cell.
//
// Where it sits: src/serve/app.cc gathers the data and sends what these return; they do no I/O
// but RenderRunPage's in-memory writer.
// Thread-safety: pure functions.
#ifndef TRUSTSCREEN_SERVE_PAGES_H_
#define TRUSTSCREEN_SERVE_PAGES_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "decisions.h"
#include "run_history.h"
#include "trustscreen/core/status.h"
#include "trustscreen/report/report.h"
#include "trustscreen/review/diff.h"
#include "trustscreen/review/waivers.h"
#include "upload_store.h"

namespace trustscreen::serve {

// The report formats a run offers for download: the name in the URL
// (/runs/ID/download/NAME), the file in the run's directory and its media type.
struct ReportFormat {
  std::string_view name;
  std::string_view file;
  std::string_view media_type;
};
const std::vector<ReportFormat>& ReportFormats();

// What every page with forms needs.
struct FormContext {
  std::string csrf;      // the session's CSRF token
  std::string reviewer;  // remembered reviewer name (may be empty)
};

// The run's verdict in a few words ("2 findings to review", "Not fully screened: …").
std::string VerdictText(const RunRecord& run);

// A whole page of the app around `body_html`; `refresh_seconds` > 0 adds a meta refresh.
std::string LayoutPage(std::string_view title, std::string_view body_html, int refresh_seconds = 0);

// Home: upload and folder forms, then the latest runs. `error` (plain text) is shown above the
// forms when not empty.
std::string HomePage(const std::vector<RunRecord>& runs, const FormContext& form,
                     const UploadLimits& limits, std::string_view error);

// A run that is queued (behind `queued_before` others) or running: refreshes itself.
std::string PendingRunPage(const RunRecord& run, int queued_before);

// A run that failed to start or to write its reports.
std::string FailedRunPage(const RunRecord& run, const FormContext& form);

// Notices the run page can show after a redirect (?notice=NAME); anything else shows nothing.
std::string_view NoticeText(std::string_view name);

// The report of a finished run as report.html shows it, with the app's banner (navigation, the
// verdict, downloads, re-screen, the changes since the previous run, `notice`) and a review form
// for each finding; `decisions` (by fingerprint, from the waivers file) are shown beside findings
// this run has not applied them to. Fails when the report cannot be rendered.
Result<std::string> RenderRunPage(const RunRecord& run, const report::ParsedReport& report,
                                  const FormContext& form,
                                  const std::map<std::string, review::Waiver>& decisions,
                                  const std::string& waivers_path, std::string_view notice);

// Every run, most recent first: when, what, counts, verdict, changes since the previous run over
// the same inputs, downloads.
std::string HistoryPage(const std::vector<RunRecord>& runs);

// What changed between `previous` and `run` (same inputs).
std::string DiffPage(const RunRecord& run, const RunRecord& previous,
                     const review::LoadedReport& old_report, const review::ReportDiff& diff);

// A short page with a title and a plain-text message (errors, refusals).
std::string MessagePage(std::string_view title, std::string_view message);

}  // namespace trustscreen::serve

#endif  // TRUSTSCREEN_SERVE_PAGES_H_
