#include "trustscreen/review/diff.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <utility>

#include "trustscreen/core/exit_codes.h"
#include "trustscreen/core/text_escape.h"
#include "trustscreen/report/report.h"

namespace trustscreen::review {
namespace {

using nlohmann::ordered_json;

// Sets `key` to the name as valid UTF-8, and `key`_bytes to its bytes when that differs.
void SetPath(ordered_json& record, const std::string& key, const std::string& path) {
  record[key] = DisplayUtf8(path);
  if (!IsValidUtf8(path)) record[key + "_bytes"] = Base64Encode(path);
}

using Key = std::pair<std::string, std::string>;  // document path, fingerprint

// HTML text of a name or other outside text; bytes that are not UTF-8 shown as "\xNN".
std::string Escape(std::string_view raw) { return HtmlEscape(DisplayUtf8(raw)); }

std::string Describe(const DocumentChange& change) {
  if (change.old_status.empty()) return "new document (" + change.new_status + ")";
  if (change.new_status.empty()) return "removed (was " + change.old_status + ")";
  std::string text;
  if (change.old_status != change.new_status) {
    text = change.old_status + " -> " + change.new_status;
  } else {
    text = change.new_status;
  }
  if (change.content_changed) text += ", content changed";
  return text;
}

ordered_json OrNull(const std::string& text) {
  return text.empty() ? ordered_json() : ordered_json(text);
}

ordered_json FindingJson(const ReportFinding& finding, std::string_view change) {
  ordered_json record = {{"record", "finding_change"}, {"change", change}};
  SetPath(record, "document", finding.document);
  record.update(ordered_json{{"fingerprint", finding.fingerprint},
                             {"short_id", ShortFingerprint(finding.fingerprint)},
                             {"id", finding.id},
                             {"rule_id", finding.rule_id},
                             {"title", finding.title},
                             {"severity", ToString(finding.severity)},
                             {"status", finding.status},
                             {"page", finding.page},
                             {"location", finding.location},
                             {"clause", finding.clause_ref},
                             {"matched_text", finding.matched_text},
                             {"snippet", finding.snippet}});
  return record;
}

void WriteFindingLine(const ReportFinding& finding, std::string_view mark, std::ostream& out) {
  out << "  " << mark << ' ' << ShortFingerprint(finding.fingerprint) << "  "
      << ToString(finding.severity) << "  " << TerminalSafe(finding.rule_id) << "  "
      << TerminalSafe(finding.document);
  if (!finding.clause_ref.empty()) out << " clause " << TerminalSafe(finding.clause_ref);
  if (finding.page > 0) out << " p." << finding.page;
  if (!finding.location.empty()) out << " " << TerminalSafe(finding.location);
  out << "  \"" << TerminalSafe(finding.matched_text) << "\"";
  if (finding.status != "open" && !finding.status.empty()) {
    out << "  [" << TerminalSafe(finding.status) << "]";
  }
  out << "\n";
}

void WriteFindingRows(const std::vector<ReportFinding>& findings, std::ostream& out) {
  out << "<table><thead><tr><th>ID</th><th>Severity</th><th>Rule</th><th>Document</th>"
         "<th>Clause</th><th>Page</th><th>Matched</th><th>Context</th><th>Status</th></tr>"
         "</thead><tbody>\n";
  for (const ReportFinding& finding : findings) {
    out << "<tr class=\"sev-" << ToString(finding.severity) << "\"><td><code>"
        << Escape(ShortFingerprint(finding.fingerprint)) << "</code></td><td>"
        << ToString(finding.severity) << "</td><td>" << Escape(finding.rule_id) << "<br><small>"
        << Escape(finding.title) << "</small></td><td>" << Escape(finding.document) << "</td><td>"
        << Escape(finding.clause_ref) << "</td><td>" << finding.page << "</td><td><mark>"
        << Escape(finding.matched_text) << "</mark></td><td>" << Escape(finding.snippet)
        << "</td><td>" << Escape(finding.status) << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

// The report as the diff lists it: each finding with its document's path and hash.
LoadedReport Flatten(const report::ParsedReport& parsed, std::string path) {
  LoadedReport report;
  report.path = std::move(path);
  report.rules_sha256 = parsed.header.rules_sha256;
  report.started_at = parsed.header.started_at;
  for (const DocumentResult& result : parsed.documents) {
    const Document& document = result.document;
    report.documents.push_back({document.path, document.sha256,
                                std::string(ToString(document.status)),
                                IsFullyScreened(document.status), document.reason});
    for (const Finding& finding : result.findings) {
      report.findings.push_back(
          {document.path, document.sha256, finding.fingerprint,
           report::FindingId(document.sha256, finding), finding.rule_id, finding.rule_title,
           finding.severity, std::string(ToString(finding.review_status)), finding.page,
           finding.clause_ref, finding.matched_text, finding.snippet, finding.location});
    }
  }
  return report;
}

}  // namespace

Result<LoadedReport> ReadJsonlReport(const std::filesystem::path& path) {
  Result<report::ParsedReport> parsed = report::ReadFinishedReport(path);
  if (!parsed.ok()) return parsed.status();
  for (const DocumentResult& result : parsed->documents) {
    for (const Finding& finding : result.findings) {
      if (finding.fingerprint.empty()) {
        return ParseError(path.string() + ": a finding in '" + DisplayUtf8(result.document.path) +
                          "' has no fingerprint (report written by a trustscreen before "
                          "fingerprints; run the scan again)");
      }
    }
  }
  return Flatten(*parsed, path.string());
}

ReportDiff DiffReports(const LoadedReport& old_report, const LoadedReport& new_report) {
  ReportDiff diff;
  std::map<std::string, const ReportDocument*> old_documents;
  std::map<std::string, const ReportDocument*> new_documents;
  for (const ReportDocument& document : old_report.documents) {
    old_documents.emplace(document.path, &document);
  }
  for (const ReportDocument& document : new_report.documents) {
    new_documents.emplace(document.path, &document);
  }

  for (const ReportDocument& document : new_report.documents) {
    const auto old = old_documents.find(document.path);
    DocumentChange change{document.path, "", document.status, document.reason, false};
    if (old == old_documents.end()) {
      if (!document.fully_screened) ++diff.newly_not_fully_screened;
      diff.documents.push_back(std::move(change));
      continue;
    }
    change.old_status = old->second->status;
    change.content_changed = old->second->sha256 != document.sha256;
    if (old->second->fully_screened && !document.fully_screened) ++diff.newly_not_fully_screened;
    if (change.old_status != change.new_status || change.content_changed) {
      diff.documents.push_back(std::move(change));
    }
  }
  for (const ReportDocument& document : old_report.documents) {
    if (new_documents.count(document.path) == 0) {
      diff.documents.push_back({document.path, document.status, "", "", false});
    }
  }

  // Multisets: a fingerprint seen twice in OLD and three times in NEW gives one new finding.
  std::map<Key, int> old_counts;
  for (const ReportFinding& finding : old_report.findings) {
    ++old_counts[{finding.document, finding.fingerprint}];
  }
  std::map<Key, int> new_counts;
  for (const ReportFinding& finding : new_report.findings) {
    int& remaining = old_counts[{finding.document, finding.fingerprint}];
    ++new_counts[{finding.document, finding.fingerprint}];
    if (remaining > 0) {
      --remaining;
      diff.unchanged.push_back(finding);
    } else {
      diff.added.push_back(finding);
    }
  }
  for (const ReportFinding& finding : old_report.findings) {
    int& remaining = new_counts[{finding.document, finding.fingerprint}];
    if (remaining > 0) {
      --remaining;
      continue;
    }
    const auto now = new_documents.find(finding.document);
    const bool screened = now != new_documents.end() && now->second->fully_screened;
    const bool removed = now == new_documents.end();
    // A removed document's findings are resolved; an unreadable one's are unknown.
    (screened || removed ? diff.resolved : diff.unverified).push_back(finding);
  }
  return diff;
}

int DiffExitCode(const ReportDiff& diff, Severity fail_on) {
  if (diff.newly_not_fully_screened > 0) return kExitNotFullyScreened;
  for (const ReportFinding& finding : diff.added) {
    if (finding.status != "waived" && finding.severity >= fail_on) return kExitFindings;
  }
  return kExitClean;
}

void WriteDiffText(const ReportDiff& diff, const LoadedReport& old_report,
                   const LoadedReport& new_report, std::ostream& out) {
  out << "trustscreen diff " << TerminalSafe(old_report.path) << " -> "
      << TerminalSafe(new_report.path) << "\n";
  out << "Findings: " << diff.added.size() << " new, " << diff.resolved.size() << " resolved, "
      << diff.unchanged.size() << " unchanged, " << diff.unverified.size()
      << " not rechecked (document not fully screened)\n";
  if (!diff.documents.empty()) {
    out << "\nDocuments changed (" << diff.documents.size() << "):\n";
    for (const DocumentChange& change : diff.documents) {
      out << "  " << TerminalSafe(change.path) << ": " << TerminalSafe(Describe(change));
      if (!change.new_reason.empty() && change.new_status != "ok") {
        out << " (" << TerminalSafe(change.new_reason) << ")";
      }
      out << "\n";
    }
  }
  if (!diff.added.empty()) {
    out << "\nNew since last run (" << diff.added.size() << "):\n";
    for (const ReportFinding& finding : diff.added) WriteFindingLine(finding, "+", out);
  }
  if (!diff.resolved.empty()) {
    out << "\nResolved (" << diff.resolved.size() << "):\n";
    for (const ReportFinding& finding : diff.resolved) WriteFindingLine(finding, "-", out);
  }
  if (!diff.unverified.empty()) {
    out << "\nNot rechecked: document not fully screened in the new run (" << diff.unverified.size()
        << "):\n";
    for (const ReportFinding& finding : diff.unverified) WriteFindingLine(finding, "?", out);
  }
}

void WriteDiffJsonl(const ReportDiff& diff, const LoadedReport& old_report,
                    const LoadedReport& new_report, std::ostream& out) {
  auto emit = [&](const ordered_json& record) {
    out << record.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << '\n';
  };
  emit({{"record", "diff"},
        {"old",
         {{"path", old_report.path},
          {"started_at", old_report.started_at},
          {"rules_sha256", old_report.rules_sha256}}},
        {"new",
         {{"path", new_report.path},
          {"started_at", new_report.started_at},
          {"rules_sha256", new_report.rules_sha256}}},
        {"new_findings", diff.added.size()},
        {"resolved_findings", diff.resolved.size()},
        {"unchanged_findings", diff.unchanged.size()},
        {"unverified_findings", diff.unverified.size()},
        {"documents_changed", diff.documents.size()},
        {"newly_not_fully_screened", diff.newly_not_fully_screened}});
  for (const DocumentChange& change : diff.documents) {
    ordered_json record = {{"record", "document_change"}};
    SetPath(record, "path", change.path);
    record.update(ordered_json{{"old_status", OrNull(change.old_status)},
                               {"new_status", OrNull(change.new_status)},
                               {"content_changed", change.content_changed},
                               {"reason", change.new_reason}});
    emit(record);
  }
  for (const ReportFinding& finding : diff.added) emit(FindingJson(finding, "new"));
  for (const ReportFinding& finding : diff.resolved) emit(FindingJson(finding, "resolved"));
  for (const ReportFinding& finding : diff.unverified) emit(FindingJson(finding, "unverified"));
  for (const ReportFinding& finding : diff.unchanged) emit(FindingJson(finding, "unchanged"));
}

void WriteDiffHtml(const ReportDiff& diff, const LoadedReport& old_report,
                   const LoadedReport& new_report, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n<title>trustscreen: new since last run</title>\n"
         "<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:"
         "collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:"
         "left;vertical-align:top}th{background:#f3f3f3}mark{background:#ffe08a}"
         ".sev-critical td:nth-child(2),.sev-high td:nth-child(2){color:#b00020;font-weight:bold}"
         "</style></head><body>\n";
  out << "<h1>New since last run</h1>\n<p>Old: <code>" << Escape(old_report.path) << "</code> "
      << Escape(old_report.started_at) << "<br>New: <code>" << Escape(new_report.path) << "</code> "
      << Escape(new_report.started_at) << "</p>\n";
  out << "<p><strong>" << diff.added.size() << "</strong> new, " << diff.resolved.size()
      << " resolved, " << diff.unchanged.size() << " unchanged, " << diff.unverified.size()
      << " not rechecked (document not fully screened)</p>\n";
  out << "<section id=\"documents\"><h2>Documents changed</h2>\n";
  if (diff.documents.empty()) {
    out << "<p>None.</p>\n";
  } else {
    out << "<table><thead><tr><th>Document</th><th>Change</th><th>Reason</th></tr></thead>"
           "<tbody>\n";
    for (const DocumentChange& change : diff.documents) {
      const bool warn = !change.new_status.empty() && change.new_status != "ok";
      out << "<tr><td>" << (warn ? "&#9888; " : "") << Escape(change.path) << "</td><td>"
          << Escape(Describe(change)) << "</td><td>" << Escape(change.new_reason) << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
  }
  out << "</section>\n<section id=\"new\"><h2>New findings</h2>\n";
  if (diff.added.empty()) {
    out << "<p>None.</p>\n";
  } else {
    WriteFindingRows(diff.added, out);
  }
  out << "</section>\n<section id=\"resolved\"><h2>Resolved findings</h2>\n";
  if (diff.resolved.empty()) {
    out << "<p>None.</p>\n";
  } else {
    WriteFindingRows(diff.resolved, out);
  }
  if (!diff.unverified.empty()) {
    out << "</section>\n<section id=\"unverified\"><h2>Not rechecked (document not fully "
           "screened)</h2>\n";
    WriteFindingRows(diff.unverified, out);
  }
  out << "</section>\n</body></html>\n";
}

}  // namespace trustscreen::review
