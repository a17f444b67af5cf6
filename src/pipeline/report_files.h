// The report files of one scan, opened so that a run that never finishes cannot leave a report
// that looks complete.
//
// findings.jsonl is written as the run goes (a record per document, flushed): its last record
// is the summary, and a file without one is from a run that did not finish. The other three
// formats are written whole at the end, to hidden ".partial" files renamed into place by
// Commit(); until then report.html is a short page saying the run has not finished, and the CSV
// and SARIF of an earlier run in the same directory are removed, never left beside a newer
// JSONL.
#ifndef TRUSTSCREEN_PIPELINE_REPORT_FILES_H_
#define TRUSTSCREEN_PIPELINE_REPORT_FILES_H_

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "trustscreen/core/status.h"
#include "trustscreen/report/report.h"

namespace trustscreen::pipeline {

struct ReportPaths {
  std::filesystem::path jsonl;
  std::filesystem::path csv;
  std::filesystem::path sarif;
  std::filesystem::path html;
};

ReportPaths ReportPathsIn(const std::filesystem::path& out_dir);

class ReportFiles {
 public:
  // Creates the files in `out_dir` and one writer per format. `started_at` is shown by the
  // placeholder page (may be empty).
  static Result<std::unique_ptr<ReportFiles>> Open(const std::filesystem::path& out_dir,
                                                   const report::CsvOptions& csv_options,
                                                   const std::string& started_at);

  const ReportPaths& paths() const { return paths_; }
  std::vector<std::unique_ptr<report::ReportWriter>>& writers() { return writers_; }

  // Closes every file and moves the whole-file formats into place.
  Status Commit();

 private:
  ReportFiles() = default;

  ReportPaths paths_;
  std::vector<std::filesystem::path> partial_;  // csv, sarif, html while being written
  std::ofstream jsonl_;
  std::ofstream csv_;
  std::ofstream sarif_;
  std::ofstream html_;
  std::vector<std::unique_ptr<report::ReportWriter>> writers_;
};

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_REPORT_FILES_H_
