// Diff: what changed between two runs, from their JSONL reports ("what is new since last night").
//
// Where it sits: beside the pipeline, on finished reports only (`trustscreen diff OLD NEW`); it
// never reads documents. Findings are matched by (document path, fingerprint) — see
// fingerprint.h — counting repeats, so a finding is "unchanged" when its clause still holds the
// same words, wherever the clause moved, and "new" when its clause was edited.
//
// Thread-safety: pure functions over plain values.
#ifndef TRUSTSCREEN_REVIEW_DIFF_H_
#define TRUSTSCREEN_REVIEW_DIFF_H_

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"

namespace trustscreen::review {

// The parts of a `finding` record a diff needs.
struct ReportFinding {
  std::string document;
  std::string document_sha256;
  std::string fingerprint;
  std::string id;  // the record's `id`
  std::string rule_id;
  std::string title;
  Severity severity = Severity::kInfo;
  std::string status;  // "open", "waived", "reopened"
  int page = 0;
  std::string clause_ref;
  std::string matched_text;
  std::string snippet;
  std::string location = {};  // "Partners!B12", "slide 3"; empty for most documents
};

// The parts of a `document` record a diff needs.
struct ReportDocument {
  std::string path;
  std::string sha256;
  std::string status;  // "ok", "encrypted", …
  bool fully_screened = false;
  std::string reason;
};

struct LoadedReport {
  std::string path;
  std::string rules_sha256;
  std::string started_at;
  std::vector<ReportDocument> documents;  // in report order
  std::vector<ReportFinding> findings;    // in report order
};

// Reads a findings.jsonl report. Fails (kParseError "FILE:LINE: …", kNotFound, kIoError) on a
// line that is not JSON, a record without its required fields, a finding without a fingerprint
// (reports of trustscreen 0.1.0 from before fingerprints lack them), a file without a run record,
// or an incomplete report: one without a summary record (its run was killed or could not write its
// reports), or with records after it. A run that was interrupted cleanly has a summary ("complete":
// false) and every input recorded, those not screened as such: it is read.
Result<LoadedReport> ReadJsonlReport(const std::filesystem::path& path);

// A document whose status changed, appeared or disappeared between the runs. An empty status
// means the document is not in that run.
struct DocumentChange {
  std::string path;
  std::string old_status;
  std::string new_status;
  std::string new_reason;
  bool content_changed = false;  // both runs have it, with different SHA-256
};

struct ReportDiff {
  std::vector<ReportFinding> added;      // in NEW only (in NEW's order)
  std::vector<ReportFinding> resolved;   // in OLD only, and its document was fully screened in NEW
  std::vector<ReportFinding> unchanged;  // in both (NEW's record)
  // In OLD only, but its document is not fully screened in NEW (unreadable, encrypted, gone…):
  // whether it is still there is unknown.
  std::vector<ReportFinding> unverified;
  // Documents whose status or content changed, new and removed documents, in NEW's order then
  // the removed ones in OLD's order. Unchanged documents are not listed.
  std::vector<DocumentChange> documents;
  // Documents fully screened in OLD (or new) that NEW could not fully screen.
  int newly_not_fully_screened = 0;
};

ReportDiff DiffReports(const LoadedReport& old_report, const LoadedReport& new_report);

// 2 when a document is newly not fully screened, else 1 when an added finding that is not waived
// is at or above `fail_on`, else 0 (the scan's exit-code scale).
int DiffExitCode(const ReportDiff& diff, Severity fail_on);

// Human-readable text: counts, then the document changes and each new, resolved and unverified
// finding on one line (unchanged ones are only counted).
void WriteDiffText(const ReportDiff& diff, const LoadedReport& old_report,
                   const LoadedReport& new_report, std::ostream& out);

// JSONL: a `diff` record (the two reports and the counts), one `document_change` record per
// changed document, then one `finding_change` record per finding, with "change": "new" |
// "resolved" | "unverified" | "unchanged". docs/report-format.md describes the fields.
void WriteDiffJsonl(const ReportDiff& diff, const LoadedReport& old_report,
                    const LoadedReport& new_report, std::ostream& out);

// A self-contained HTML page "New since last run": document changes, new findings, then resolved
// and unverified ones. All report text is escaped; no script, no network.
void WriteDiffHtml(const ReportDiff& diff, const LoadedReport& old_report,
                   const LoadedReport& new_report, std::ostream& out);

}  // namespace trustscreen::review

#endif  // TRUSTSCREEN_REVIEW_DIFF_H_
