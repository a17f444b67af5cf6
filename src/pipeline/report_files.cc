#include "report_files.h"

namespace trustscreen::pipeline {
namespace {

std::filesystem::path PartialPath(const std::filesystem::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".partial");
}

std::string UnfinishedPage(const std::string& started_at) {
  const std::string when = started_at.empty() ? "" : " (started " + started_at + ")";
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<title>trustscreen: run not finished</title></head><body>\n"
         "<h1>This report is not complete</h1>\n<p>The trustscreen run writing it" +
         when +
         " has not finished. If no run is in progress, it was stopped before the end: its "
         "findings.jsonl holds the documents screened so far and no summary record. Run it "
         "again (with --cache, finished documents are not read again).</p>\n</body></html>\n";
}

}  // namespace

ReportPaths ReportPathsIn(const std::filesystem::path& out_dir) {
  return {out_dir / "findings.jsonl", out_dir / "flagged-clauses.csv", out_dir / "findings.sarif",
          out_dir / "report.html"};
}

Result<std::unique_ptr<ReportFiles>> ReportFiles::Open(const std::filesystem::path& out_dir,
                                                       const report::CsvOptions& csv_options,
                                                       const std::string& started_at) {
  std::unique_ptr<ReportFiles> files(new ReportFiles());
  files->paths_ = ReportPathsIn(out_dir);
  const ReportPaths& paths = files->paths_;
  {
    std::ofstream placeholder(paths.html, std::ios::binary | std::ios::trunc);
    placeholder << UnfinishedPage(started_at);
    if (!placeholder) return IoError(paths.html.string() + ": cannot open for writing");
  }
  for (const std::filesystem::path& old : {paths.csv, paths.sarif}) {
    std::error_code error;
    std::filesystem::remove(old, error);
    if (error) return IoError(old.string() + ": cannot replace: " + error.message());
  }
  files->jsonl_.open(paths.jsonl, std::ios::binary | std::ios::trunc);
  if (!files->jsonl_) return IoError(paths.jsonl.string() + ": cannot open for writing");
  std::ofstream* streams[] = {&files->csv_, &files->sarif_, &files->html_};
  const std::filesystem::path* finals[] = {&paths.csv, &paths.sarif, &paths.html};
  for (int i = 0; i < 3; ++i) {
    files->partial_.push_back(PartialPath(*finals[i]));
    streams[i]->open(files->partial_.back(), std::ios::binary | std::ios::trunc);
    if (!*streams[i]) return IoError(files->partial_.back().string() + ": cannot open for writing");
  }
  files->writers_.push_back(report::MakeJsonlWriter(files->jsonl_));
  files->writers_.push_back(report::MakeCsvWriter(files->csv_, csv_options));
  files->writers_.push_back(report::MakeSarifWriter(files->sarif_));
  files->writers_.push_back(report::MakeHtmlWriter(files->html_));
  return files;
}

Status ReportFiles::Commit() {
  writers_.clear();
  std::ofstream* streams[] = {&jsonl_, &csv_, &sarif_, &html_};
  for (std::ofstream* stream : streams) {
    stream->close();
    if (!*stream) return IoError("cannot finish writing the reports");
  }
  const std::filesystem::path* finals[] = {&paths_.csv, &paths_.sarif, &paths_.html};
  for (int i = 0; i < 3; ++i) {
    std::error_code error;
    std::filesystem::rename(partial_[i], *finals[i], error);
    if (error) return IoError(finals[i]->string() + ": cannot write: " + error.message());
  }
  return Status::Ok();
}

}  // namespace trustscreen::pipeline
