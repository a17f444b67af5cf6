// Scan: the batch run. Inputs -> parallel extract+match -> ordered report records.
//
// Where it sits: the top of the library; the CLI turns flags into ScanOptions and calls RunScan.
// The run uses a oneTBB parallel_pipeline: a serial in-order source (the walked inputs), a
// parallel middle (extract, then match, per document) and a serial in-order sink (the report
// writers), so output order and content do not depend on the thread count. One document's
// failure becomes its status; only configuration problems (rules, output directory) fail the run.
#ifndef TRUSTSCREEN_PIPELINE_SCAN_H_
#define TRUSTSCREEN_PIPELINE_SCAN_H_

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trustscreen/cache/cache.h"
#include "trustscreen/core/finding.h"
#include "trustscreen/core/status.h"
#include "trustscreen/extract/extract.h"
#include "trustscreen/pipeline/isolation.h"
#include "trustscreen/pipeline/shard.h"
#include "trustscreen/pipeline/walk.h"
#include "trustscreen/report/report.h"
#include "trustscreen/rules/rule_set.h"

namespace trustscreen::pipeline {

struct ScanOptions {
  std::vector<std::string> inputs;                // files and directories, in the user's order
  std::vector<std::filesystem::path> rule_paths;  // rule directories or files
  std::filesystem::path out_dir = "out";
  int threads = 0;           // 0 = all hardware threads
  int pdf_range_pages = 16;  // ScreenOptions::pdf_range_pages
  Severity fail_on = Severity::kMedium;
  WalkOptions walk;
  extract::ExtractOptions extract;
  std::string command_line;  // recorded in the run header
  bool excel_csv = false;    // write the CSV with a UTF-8 byte-order mark for Excel
  // Leave out what differs between runs over the same inputs (start/end time, wall and per-
  // document timings, host, command line), so reports are byte-identical and can be diffed.
  bool reproducible = false;
  // SQLite file of extracted texts and match results (created when missing); empty: no cache.
  // See trustscreen/cache/cache.h for what is keyed by what.
  std::filesystem::path cache_path;
  // Screen only the walked files of this shard (trustscreen/pipeline/shard.h); the header's
  // options then hold "shard": "K/N". Every document's input_index is its position in the full
  // walked list either way, so `merge` can put the shards back in single-run order.
  std::optional<ShardSpec> shard;
  // Waivers file (trustscreen/review/waivers.h); empty: none. Loaded before any document is read:
  // a malformed file fails the run with kInvalidArgument "FILE:LINE: …".
  std::filesystem::path waivers_path;
  // Report the documents under this directory by their path relative to it ("a.docx",
  // "sub/b.zip!/c.pdf") instead of as walked: the review app's upload folders, whose generated
  // names mean nothing to a reviewer. Empty: paths as walked. The run header's inputs are kept.
  std::filesystem::path report_paths_relative_to;
  // The date waiver expiry and list ages are judged against (YYYY-MM-DD); empty: today, UTC.
  std::string today;
  // Warn (stderr and the report header) about entity lists published more than this many days
  // before `today`; negative: never.
  int max_list_age_days = 90;
  // Worker processes for extraction (isolation.h); no worker_executable: in this process.
  IsolationOptions isolation;
  // Set (e.g. from a SIGINT/SIGTERM handler) to stop the run: documents not yet finished become
  // not_screened, the reports are written and marked incomplete.
  const std::atomic<bool>* stop = nullptr;
  // Progress line on stderr: kAuto when stderr is a terminal.
  enum class Progress { kAuto, kAlways, kNever };
  Progress progress = Progress::kAuto;
};

// How the documents of a run with a cache were screened (DocumentResult::cache), archive members
// counted as documents.
struct CacheCounts {
  int results = 0;  // taken whole from the cache: neither extracted nor matched
  int text = 0;     // matched again from the cached text (the rules changed)
  int miss = 0;     // extracted and matched
};

struct ScanOutcome {
  report::RunHeader header;
  report::RunSummary summary;
  std::filesystem::path jsonl_path;
  std::filesystem::path csv_path;
  std::filesystem::path sarif_path;
  std::filesystem::path html_path;
  bool cache_used = false;
  CacheCounts cache;
  // The run's rules (compiled if a document needed them), for a caller that would rather leave
  // them to the end of the process than free them now: freeing the shipped rules takes ~50 ms.
  std::shared_ptr<rules::LazyRuleSet> rules;
};

struct ScreenOptions {
  extract::ExtractOptions extract;
  int threads = 0;  // 0 = all hardware threads
  IsolationOptions isolation;
  cache::Cache* cache = nullptr;
  // When set, files not yet finished become not_screened (running extractions are stopped).
  const std::atomic<bool>* stop = nullptr;
  // Called from the worker threads when a file's work starts and ends (index into `files`).
  std::function<void(std::size_t, const std::string&)> on_start;
  std::function<void(std::size_t, const std::vector<DocumentResult>&)> on_finish;
  // With more than one thread, a PDF with more than twice this many pages to read, begun when
  // the files not yet begun are too few to keep the other threads busy meanwhile (its size more
  // than their bytes per other thread), is read in
  // ranges of this many pages (longer ranges when that would make more than two per thread),
  // and its pages that need OCR one by one, by whichever threads (and worker processes) are free;
  // the document is put together in page order and is the same as one read whole
  // (extract/pdf_split.h). 0: every document is read whole.
  int pdf_range_pages = 16;
};

// Screens each file of `files` in order on `threads` threads, calling `sink` once per document
// in input order, from one thread at a time. An archive gives one call for itself and then one
// per member, depth first; each result's input_index is its file's index in `files` (members
// share their archive's). Exceptions inside one document's work become its
// `crashed` status. With a `cache`, each file's results are looked up by its SHA-256 first (and
// stored when new); every result's `cache` field then says where it came from. Cache errors are
// logged and the run goes on without them.
// The rules are compiled when the first document needs matching (never, when every result comes
// from the cache); if they cannot be, each document that needed them is `crashed`.
void ScreenFiles(const std::vector<std::string>& files, const rules::LazyRuleSet& rules,
                 const ScreenOptions& options, const std::function<void(DocumentResult&&)>& sink);
// The same with compiled rules.
void ScreenFiles(const std::vector<std::string>& files, const rules::CompiledRuleSet& rules,
                 const ScreenOptions& options, const std::function<void(DocumentResult&&)>& sink);
// The same, extracting in this process.
void ScreenFiles(const std::vector<std::string>& files, const rules::CompiledRuleSet& rules,
                 const extract::ExtractOptions& extract_options, int threads,
                 const std::function<void(DocumentResult&&)>& sink, cache::Cache* cache = nullptr);

// The whole run: loads rules, walks inputs, screens, writes out_dir/findings.jsonl,
// out_dir/flagged-clauses.csv, out_dir/findings.sarif and out_dir/report.html. Fails with
// kInvalidArgument for configuration errors (bad rules, no inputs) and kIoError when the report
// cannot be written (or the cache cannot be opened); otherwise the outcome's summary holds the exit
// code.
Result<ScanOutcome> RunScan(const ScanOptions& options);

// The version string of this build ("0.1.0").
std::string ToolVersion();
// A build identifier ("0.1.0+g<commit>").
std::string BuildId();

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_SCAN_H_
