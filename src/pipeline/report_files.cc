#include "report_files.h"

#include <spdlog/spdlog.h>

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
         " has not finished. If no run is in progress, it was stopped before the end or could "
         "not write its reports (its error message says why, e.g. a full disk): its "
         "findings.jsonl holds the documents screened so far and no summary record. Run it "
         "again (with --cache, finished documents are not read again).</p>\n</body></html>\n";
}

}  // namespace

// The JSONL writer, gated: its summary record is written only once every other report is on
// disk, so that a summary always means "all four reports were written".
class ReportFiles::JsonlCommitWriter : public report::ReportWriter {
 public:
  explicit JsonlCommitWriter(ReportFiles& files)
      : files_(files), jsonl_(report::MakeJsonlWriter(files.jsonl_->stream())) {}

  Status WriteHeader(const report::RunHeader& header) override {
    return jsonl_->WriteHeader(header);
  }
  Status WriteDocument(const DocumentResult& result) override {
    return jsonl_->WriteDocument(result);
  }
  Status WriteSummary(const report::RunSummary& summary) override {
    if (Status status = files_.FinishWholeFiles(); !status.ok()) return status;
    files_.summary_offset_ = files_.jsonl_->size();
    files_.summary_written_ = true;
    return jsonl_->WriteSummary(summary);
  }

 private:
  ReportFiles& files_;
  std::unique_ptr<report::ReportWriter> jsonl_;
};

ReportPaths ReportPathsIn(const std::filesystem::path& out_dir) {
  return {out_dir / "findings.jsonl", out_dir / "flagged-clauses.csv", out_dir / "findings.sarif",
          out_dir / "report.html"};
}

Result<std::unique_ptr<ReportFiles>> ReportFiles::Open(const std::filesystem::path& out_dir,
                                                       const ReportFilesOptions& options) {
  std::error_code created;
  std::filesystem::create_directories(out_dir, created);
  if (created) {
    return IoError(out_dir.string() + ": cannot create output directory: " + created.message());
  }
  std::unique_ptr<ReportFiles> files(new ReportFiles());
  files->out_dir_ = out_dir;
  files->reproducible_ = options.reproducible;
  files->paths_ = ReportPathsIn(out_dir);
  const ReportPaths& paths = files->paths_;
  {
    Result<std::unique_ptr<report::OutputFile>> placeholder =
        report::OutputFile::Create(paths.html);
    if (!placeholder.ok()) return placeholder.status();
    (*placeholder)->stream() << UnfinishedPage(options.started_at);
    if (Status status = (*placeholder)->Close(); !status.ok()) return status;
  }
  for (const std::filesystem::path& old : {paths.csv, paths.sarif}) {
    std::error_code error;
    std::filesystem::remove(old, error);
    if (error) return IoError(old.string() + ": cannot replace: " + error.message());
  }
  Result<std::unique_ptr<report::OutputFile>> jsonl = report::OutputFile::Create(paths.jsonl);
  if (!jsonl.ok()) return jsonl.status();
  files->jsonl_ = std::move(jsonl).value();
  for (const std::filesystem::path* final_path : {&paths.csv, &paths.sarif, &paths.html}) {
    Result<std::unique_ptr<report::OutputFile>> partial =
        report::OutputFile::Create(PartialPath(*final_path));
    if (!partial.ok()) return partial.status();  // the destructor removes the others
    files->whole_.push_back(std::move(partial).value());
    files->finals_.push_back(final_path);
  }
  files->writers_.push_back(
      report::MakeCsvWriter(files->whole_[0]->stream(), {.excel_bom = options.excel_bom}));
  files->writers_.push_back(report::MakeSarifWriter(files->whole_[1]->stream()));
  files->writers_.push_back(report::MakeHtmlWriter(files->whole_[2]->stream()));
  files->writers_.push_back(std::make_unique<JsonlCommitWriter>(*files));
  return files;
}

ReportFiles::~ReportFiles() {
  if (!committed_) Abandon();
}

template <typename Write>
void ReportFiles::WriteAll(const Write& write) {
  for (const std::unique_ptr<report::ReportWriter>& writer : writers_) {
    if (write_status_.ok()) write_status_ = write(*writer);
  }
}

void ReportFiles::WriteHeader(report::RunHeader header) {
  if (reproducible_) {
    header.started_at.clear();
    header.host.clear();
    header.command_line.clear();
  }
  WriteAll([&](report::ReportWriter& writer) { return writer.WriteHeader(header); });
}

void ReportFiles::WriteDocument(DocumentResult& result) {
  if (reproducible_) result.extract_seconds = result.match_seconds = 0;
  WriteAll([&](report::ReportWriter& writer) { return writer.WriteDocument(result); });
}

Status ReportFiles::Finish(report::RunSummary summary) {
  if (reproducible_) {
    summary.finished_at.clear();
    summary.wall_seconds = 0;
  }
  WriteAll([&](report::ReportWriter& writer) { return writer.WriteSummary(summary); });
  if (write_status_.ok()) write_status_ = Commit();
  if (!write_status_.ok()) return IoError(out_dir_.string() + ": " + write_status_.message());
  return Status::Ok();
}

Status ReportFiles::FinishWholeFiles() {
  for (std::size_t i = 0; i < whole_.size(); ++i) {
    if (Status status = whole_[i]->Close(); !status.ok()) {
      return IoError(finals_[i]->string() + ": cannot write" +
                     report::WriteFailureCause(whole_[i]->stream()));
    }
  }
  return Status::Ok();
}

Status ReportFiles::Commit() {
  Status status = summary_written_ ? jsonl_->Close()
                                   : IoError(paths_.jsonl.string() + ": the run has no summary");
  for (std::size_t i = 0; i < whole_.size() && status.ok(); ++i) {
    std::error_code error;
    std::filesystem::rename(whole_[i]->path(), *finals_[i], error);
    if (error) {
      status = IoError(finals_[i]->string() + ": cannot write: " + error.message());
    } else {
      renamed_.push_back(*finals_[i]);
    }
  }
  if (!status.ok()) {
    Abandon();
    return status;
  }
  writers_.clear();
  committed_ = true;
  return Status::Ok();
}

void ReportFiles::Abandon() {
  writers_.clear();
  if (jsonl_ && summary_written_) {
    // Take the summary record back: a JSONL without one says the run did not finish.
    if (Status status = jsonl_->TruncateTo(summary_offset_); !status.ok()) {
      spdlog::error("{}", status.message());
    }
    summary_written_ = false;
  }
  for (const std::filesystem::path& path : renamed_) {
    // report.html is renamed last, so the page in place is still the placeholder.
    std::error_code error;
    std::filesystem::remove(path, error);
  }
  renamed_.clear();
  for (const std::unique_ptr<report::OutputFile>& file : whole_) {
    (void)file->Close();
    std::error_code error;
    std::filesystem::remove(file->path(), error);
  }
}

}  // namespace trustscreen::pipeline
