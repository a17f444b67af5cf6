// The report files of one scan or merge, committed together: no set of reports on disk ever
// contradicts itself, whether the run finishes, is killed, or cannot write (a full disk).
//
// findings.jsonl is written as the run goes (a record per document, flushed): its last record
// is the summary, and a file without one is from a run that did not finish. The other three
// formats are written to hidden ".partial" files; until they are in place report.html is a short
// page saying the run has not finished, and the CSV and SARIF of an earlier run in the same
// directory are removed at Open, never left beside a newer JSONL.
//
// The JSONL summary record is the commit point. Its writer comes last in writers(), and its
// WriteSummary first writes out, syncs and closes the three whole-file formats; only when all of
// them are on disk does it write the summary. Commit() then syncs the JSONL and renames the
// others into place. If any step fails — or the object is destroyed without Commit — the
// summary record is cut off again (or never written), the partial files are removed and
// report.html stays the "not finished" page: the set is unmistakably incomplete, and `diff` and
// `merge` treat it so. Errors name the file and the system's reason ("No space left on device").
//
// It is also the one path by which scan and merge write a run: WriteHeader, WriteDocument for
// each document in order, then Finish. The first write error stops all further writing (the run
// still screens and summarises, and Finish returns that error); with `reproducible`, what differs
// between runs over the same inputs (start and end time, timings, host, command line) is left out.
//
// Thread-safety: one thread (the pipeline's sink).
#ifndef TRUSTSCREEN_PIPELINE_REPORT_FILES_H_
#define TRUSTSCREEN_PIPELINE_REPORT_FILES_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "trustscreen/core/status.h"
#include "trustscreen/report/output_file.h"
#include "trustscreen/report/report.h"

namespace trustscreen::pipeline {

struct ReportPaths {
  std::filesystem::path jsonl;
  std::filesystem::path csv;
  std::filesystem::path sarif;
  std::filesystem::path html;
};

ReportPaths ReportPathsIn(const std::filesystem::path& out_dir);

struct ReportFilesOptions {
  bool excel_bom = false;     // flagged-clauses.csv with a UTF-8 byte-order mark
  bool reproducible = false;  // leave out times, timings, host and command line
  std::string started_at;     // shown by the placeholder page; may be empty
};

class ReportFiles {
 public:
  // Creates `out_dir` (and its parents), the files in it and one writer per format. Fails with
  // kIoError naming the directory or file and the cause.
  static Result<std::unique_ptr<ReportFiles>> Open(const std::filesystem::path& out_dir,
                                                   const ReportFilesOptions& options);

  // Removes what an uncommitted run left half-written (see the overview).
  ~ReportFiles();
  ReportFiles(const ReportFiles&) = delete;
  ReportFiles& operator=(const ReportFiles&) = delete;

  const ReportPaths& paths() const { return paths_; }

  // The run record, then each document in input order. Either may follow an earlier failure;
  // it then writes nothing.
  void WriteHeader(report::RunHeader header);
  void WriteDocument(DocumentResult& result);
  // Writes the summary record and commits every report. Returns the first error of the whole
  // run, "OUT_DIR: FILE: cannot write: CAUSE"; the reports are then left marked incomplete.
  Status Finish(report::RunSummary summary);

 private:
  class JsonlCommitWriter;
  ReportFiles() = default;

  // Calls `write` on every writer (CSV, SARIF, HTML, then JSONL) until one fails.
  template <typename Write>
  void WriteAll(const Write& write);
  // After every writer's WriteSummary succeeded: syncs the JSONL and moves the whole-file
  // formats into place.
  Status Commit();

  // Writes out and closes the CSV, SARIF and HTML partial files.
  Status FinishWholeFiles();
  // Leaves the incomplete set: no summary record, no partial or half-renamed files.
  void Abandon();

  std::filesystem::path out_dir_;
  bool reproducible_ = false;
  Status write_status_;  // the first write error
  ReportPaths paths_;
  std::unique_ptr<report::OutputFile> jsonl_;
  std::vector<std::unique_ptr<report::OutputFile>> whole_;  // csv, sarif, html (.partial)
  std::vector<const std::filesystem::path*> finals_;        // where each of whole_ goes
  std::vector<std::filesystem::path> renamed_;              // finals already in place
  std::uint64_t summary_offset_ = 0;                        // JSONL size before its summary record
  bool summary_written_ = false;
  bool committed_ = false;
  std::vector<std::unique_ptr<report::ReportWriter>> writers_;
};

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_REPORT_FILES_H_
