// Reports: run header, per-document records, findings and the run summary, in every format.
//
// Where it sits: the serial sink at the end of the pipeline. Records arrive in input order, one
// DocumentResult at a time, so writers stream and never hold the whole run. JSONL is the canonical
// record (docs/report-format.md); other formats are views of the same records.
//
// Thread-safety: a writer or SummaryBuilder is used by one thread at a time (the pipeline's sink).
#ifndef TRUSTSCREEN_REPORT_REPORT_H_
#define TRUSTSCREEN_REPORT_REPORT_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"

namespace trustscreen::report {

// Version of the JSONL record layout; bumped on any incompatible change.
inline constexpr int kSchemaVersion = 1;

struct RuleFileRecord {
  std::string path;
  std::string sha256;
  int rule_count = 0;
  int entries = -1;        // entity-list CSVs (rule_count 0): the number of listed entries; else -1
  std::string list_title;  // entity-list CSVs: the list's title, if the file states it
  std::string list_published;  // entity-list CSVs: its publication date (YYYY-MM-DD), or empty
};

// The waivers file a run applied (scan --waivers), for the run manifest.
struct WaiversFileRecord {
  std::string path;
  std::string sha256;
  int entries = 0;
};

// One waiver of the waivers file in the run summary: how many findings it matched.
struct WaiverUse {
  std::string id;        // AppliedWaiver::id
  std::string location;  // "waivers.yaml:12"
  int findings = 0;
  std::string expires;  // empty: does not expire
};

// What became of the waivers of a run: in force and matched (applied), expired and matched (their
// findings reopened), matching nothing at all (stale: the clause changed or is gone).
struct WaiverSummary {
  std::vector<WaiverUse> applied;
  std::vector<WaiverUse> expired;
  std::vector<WaiverUse> stale;
};

// An input the walk passed over on purpose (Office lock files, hidden files, symlink loops).
struct SkippedInput {
  std::string path;
  std::string reason;
};

// The options a run was made with, as its header records them (findings.jsonl `options`: an
// object of strings, in the order of ToPairs).
struct RunOptions {
  int threads = 0;
  Severity fail_on = Severity::kMedium;
  bool include_hidden = false;
  std::vector<std::string> exclude;  // --exclude globs, recorded joined by spaces
  bool excel_csv = false;
  bool reproducible = false;
  // The extraction options the run records (extract::ForEachOption, by their header names) and
  // any option this version does not know, as name and shown value, in order.
  std::vector<std::pair<std::string, std::string>> extraction;
  bool in_process = false;  // extraction in the scanning process, not in worker processes
  double timeout_seconds = 0;
  std::uint64_t worker_memory_mib = 0;
  int max_list_age_days = 0;
  std::string cache;  // the cache file; empty: no cache
  std::string shard;  // "K/N"; empty: the run was not sharded

  // Name and text of each option, as the report lists them.
  std::vector<std::pair<std::string, std::string>> ToPairs() const;
  // The inverse of ToPairs; an option missing keeps its default. Fails with kParseError naming
  // an option whose value does not parse.
  static Result<RunOptions> FromPairs(
      const std::vector<std::pair<std::string, std::string>>& pairs);
};

struct RunHeader {
  std::string tool_version;
  std::string build_id;
  std::string started_at;  // UTC, ISO-8601
  std::string host;
  std::string command_line;
  std::string extractor_version;
  std::string rules_sha256;
  int rule_count = 0;
  std::vector<RuleFileRecord> rule_files;
  std::vector<std::string> inputs;  // as named on the command line
  RunOptions options;
  std::vector<SkippedInput> skipped;
  std::optional<WaiversFileRecord> waivers;  // set when the run applied a waivers file
  // Warnings about the run's inputs that do not stop it: lists older than --max-list-age.
  std::vector<std::string> warnings;
};

// What kind of risk a document carries: one topic per family and rule category (a technology
// area such as "Computing Hardware", an export-control topic, a list) of its findings that are
// not waived, with the highest severity among them and how many there are.
struct DocumentTopic {
  RuleFamily family = RuleFamily::kSensitiveTech;
  std::string topic;  // the rules' category, or the rule title for a rule without one
  Severity severity = Severity::kInfo;
  int findings = 0;
  int documents = 1;  // in RunSummary::topics: how many documents have the topic
};

// The topics of `findings`, most severe first, then by family and topic name.
std::vector<DocumentTopic> TopicsOf(const std::vector<Finding>& findings);

// "Computing Hardware (high, 3)", joined with "; ".
std::string TopicsLine(const std::vector<DocumentTopic>& topics);

struct UnscreenedDocument {
  std::string path;
  DocumentStatus status = DocumentStatus::kOk;
  std::string reason;
};

struct RunSummary {
  int documents = 0;
  std::map<DocumentStatus, int> documents_by_status;
  std::vector<UnscreenedDocument> not_fully_screened;  // in input order
  int findings = 0;
  std::map<RuleFamily, std::map<Severity, int>> findings_by_family;
  // Across documents: each topic with its highest severity, findings and the number of documents
  // that have it, most severe first (TopicsOf's order).
  std::vector<DocumentTopic> topics;
  Severity fail_on = Severity::kMedium;
  int findings_at_or_above_fail_on = 0;  // open or reopened: waived findings do not count
  int findings_waived = 0;               // review_status waived (counted in findings too)
  int findings_reopened = 0;             // review_status reopened: their waiver expired
  int findings_escalated = 0;            // review_status escalated (counted as open too)
  std::optional<WaiverSummary> waivers;  // set when the run applied a waivers file
  int skipped_inputs = 0;
  bool complete = true;  // false when the run was interrupted or an output failed
  std::string finished_at;
  double wall_seconds = 0;

  // 0 clean, 1 findings at/above fail_on, 2 some document not fully screened (wins over 1).
  int ExitCode() const;
};

// Accumulates the summary as documents arrive.
class SummaryBuilder {
 public:
  explicit SummaryBuilder(Severity fail_on);
  void Add(const DocumentResult& result);
  const RunSummary& summary() const { return summary_; }
  RunSummary& mutable_summary() { return summary_; }

 private:
  RunSummary summary_;
};

// One report format. Calls come in order: WriteHeader, WriteDocument per input, WriteSummary.
class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  virtual Status WriteHeader(const RunHeader& header) = 0;
  virtual Status WriteDocument(const DocumentResult& result) = 0;
  virtual Status WriteSummary(const RunSummary& summary) = 0;
};

// JSONL: one JSON object per line, each with a "record" field (run, document, finding, summary).
// `out` must outlive the writer; every record is flushed whole.
std::unique_ptr<ReportWriter> MakeJsonlWriter(std::ostream& out);

struct CsvOptions {
  // Start with a UTF-8 byte-order mark so Excel opens the file as UTF-8 (not the ANSI code page).
  bool excel_bom = false;
};

// CSV for spreadsheets (RFC 4180, CRLF line ends): one row per flagged clause, i.e. the findings
// of one document grouped by clause in document order, with columns document, pages, clause,
// title, section, families, highest_severity, rules, matched_terms, excerpt, fingerprints (short
// ids of the clause's findings), review_status (open/waived/reopened). A cell that starts
// with = + - @ (or a tab/CR) is prefixed with an apostrophe so spreadsheets never run it as a
// formula (CSV injection). `out` must outlive the writer.
std::unique_ptr<ReportWriter> MakeCsvWriter(std::ostream& out, const CsvOptions& options);

// SARIF 2.1.0 for code-scanning tools: one run; each document is an artifact (with its SHA-256);
// each finding a result whose region holds the byte offset and length in the extracted text and
// whose properties hold page, clause and family. Documents not fully screened become
// tool-execution notifications, so a consumer cannot mistake them for clean. Written whole at
// WriteSummary (findings are kept until then). `out` must outlive the writer.
std::unique_ptr<ReportWriter> MakeSarifWriter(std::ostream& out);

// A self-contained HTML page for reviewers (docs/report-format.md, "report.html"), verdict
// first: the exit code, the documents that need review ranked by highest severity with their
// open findings per family, the documents not fully screened and a chart of open findings by
// family and severity (waived findings shown as cleared, never as needing review); then filters,
// each document's flagged clauses (findings, entity cards, highlighted clause text; beyond the
// first documents kept in <template>s the script adds on demand), a coverage table of every
// document, and the run manifest and summary, collapsed. Keyboard navigation and a print
// stylesheet. Inline CSS and JavaScript only, a Content-Security-Policy that forbids every
// fetch; all document-derived text is HTML-escaped and never placed inside the script.
// Deterministic: the same records give the same bytes. Written whole at WriteSummary; until then
// it keeps coverage rows and sections in temporary files and only the top of the ranking and
// counts in memory (memory stays flat over long runs). `out` must outlive the writer.
//
// HtmlOptions let an application that serves the page (trustscreen serve) add its own controls;
// the defaults give the standalone file.
struct HtmlOptions {
  // The caller's HTML appended to each finding's review cell (review forms). The caller escapes
  // whatever it takes from the document or finding.
  std::function<std::string(const Document&, const Finding&)> finding_controls;
  // The caller's HTML placed first in <body> (the app's navigation).
  std::string banner_html;
  // CSS appended to the report's stylesheet (it is covered by the page's style hash).
  std::string extra_style;
  // Forms may submit to the page's own origin (form-action 'self' instead of 'none').
  bool allow_forms = false;
};
std::unique_ptr<ReportWriter> MakeHtmlWriter(std::ostream& out, HtmlOptions options = {});

// A JSONL report read back (ReadJsonlReport).
struct ParsedReport {
  RunHeader header;
  // In the order of the file. Each document's pages, blocks and text are what the record keeps:
  // `pages` pages numbered 1.. with needs_ocr set from pages_needing_ocr, one empty block per
  // text part named in `parts`, no text; findings, clause excerpts, cache use, timings and
  // input_index as written.
  std::vector<DocumentResult> documents;
  // Absent when the file has no summary record: the run did not finish (it was killed, or is
  // still running). summary->not_fully_screened is rebuilt from the documents.
  std::optional<RunSummary> summary;
  // The run did not finish and its last record was cut off (a last line without its newline
  // that does not parse, or a document whose finding records are not all there): it was left out.
  bool truncated = false;
};

// Reads a findings.jsonl written by MakeJsonlWriter: the exact inverse of the writer for every
// field a ReportWriter uses, so writing the result again gives the same bytes. Unknown fields
// are ignored (newer writers). Fails with kParseError on malformed JSON, a missing or mistyped
// field, unknown enum names, records out of order (run first, then documents each followed by
// its findings, then at most one summary), finding ids or counts that do not match; the message
// names `name` and the 1-based line ("shard-2/findings.jsonl:14: document record: missing field
// 'path'"). An empty stream is an error too.
Result<ParsedReport> ReadJsonlReport(std::istream& in, std::string_view name);

// The same from a file: kNotFound when it does not exist, kIoError when it cannot be read.
Result<ParsedReport> ReadJsonlReport(const std::filesystem::path& path);

// A report of a run that finished writing its reports, for comparing or looking findings up in:
// as ReadJsonlReport(path), but one without a summary record (the run was killed, or could not
// write its reports: its documents and findings may stop anywhere) fails with kParseError. A run
// interrupted cleanly has a summary ("complete": false) and every input recorded: it is read.
Result<ParsedReport> ReadFinishedReport(const std::filesystem::path& path);

// Deterministic id of a finding: derived from the document hash, rule id and offsets.
std::string FindingId(const std::string& document_sha256, const Finding& finding);

// The human summary printed at the end of a run: documents by status, the documents not fully
// screened with their reasons, findings by family and severity, and what the exit code means.
void PrintTerminalSummary(std::ostream& out, const RunSummary& summary);

}  // namespace trustscreen::report

#endif  // TRUSTSCREEN_REPORT_REPORT_H_
