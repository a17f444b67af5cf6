#include "scan_queue.h"

#include <spdlog/spdlog.h>

#include <string>
#include <system_error>
#include <utility>

#include "trustscreen/pipeline/scan.h"
#include "trustscreen/review/diff.h"

namespace trustscreen::serve {
namespace {

constexpr char kStoppedReason[] = "the server stopped before the run started";

// Findings new and resolved since `previous`; the counts stay 0 when a report cannot be read.
void CompareWithPrevious(const RunHistory& history, std::int64_t run_id,
                         const std::filesystem::path& jsonl, RunCounts& counts) {
  const std::optional<RunRecord> previous = history.PreviousFinished(run_id);
  if (!previous) return;
  Result<review::LoadedReport> old_report =
      review::ReadJsonlReport(previous->out_dir / "findings.jsonl");
  Result<review::LoadedReport> new_report = review::ReadJsonlReport(jsonl);
  if (!old_report.ok() || !new_report.ok()) return;
  const review::ReportDiff diff = review::DiffReports(*old_report, *new_report);
  counts.previous_run = previous->id;
  counts.new_findings = static_cast<int>(diff.added.size());
  counts.resolved_findings = static_cast<int>(diff.resolved.size());
}

}  // namespace

ScanQueue::ScanQueue(RunHistory& history, ScanSettings settings)
    : history_(history), settings_(std::move(settings)), thread_([this] { Loop(); }) {}

ScanQueue::~ScanQueue() { Stop(); }

void ScanQueue::Enqueue(std::int64_t run_id) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    queue_.push_back(run_id);
  }
  wake_.notify_one();
}

void ScanQueue::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_scan_ = true;
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  for (std::int64_t id : queue_) {
    if (Status status = history_.MarkFailed(id, kStoppedReason); !status.ok()) {
      spdlog::error("{}", status.message());
    }
  }
  queue_.clear();
}

void ScanQueue::Loop() {
  for (;;) {
    std::int64_t run_id = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      run_id = queue_.front();
      queue_.pop_front();
    }
    Run(run_id);
  }
}

void ScanQueue::Run(std::int64_t run_id) {
  const std::optional<RunRecord> run = history_.Get(run_id);
  if (!run) return;
  if (Status status = history_.MarkRunning(run_id); !status.ok()) {
    spdlog::error("{}", status.message());
  }
  pipeline::ScanOptions options;
  options.inputs = run->inputs;
  options.rule_paths = settings_.rule_paths;
  options.out_dir = run->out_dir;
  options.threads = settings_.threads;
  options.cache_path = settings_.cache_path;
  options.isolation = settings_.isolation;
  options.stop = &stop_scan_;
  options.progress = pipeline::ScanOptions::Progress::kNever;
  options.command_line = "trustscreen serve (run " + std::to_string(run_id) + ")";
  std::error_code error;
  // One folder (an upload's, or one named on the home page): its documents are reported by their
  // names inside it, not by the data directory's generated path.
  if (run->inputs.size() == 1 && std::filesystem::is_directory(run->inputs[0], error)) {
    options.report_paths_relative_to = run->inputs[0];
  }
  if (std::filesystem::exists(settings_.waivers_path, error)) {
    options.waivers_path = settings_.waivers_path;
  }

  Result<pipeline::ScanOutcome> outcome = pipeline::RunScan(options);
  if (!outcome.ok()) {
    if (Status status = history_.MarkFailed(run_id, outcome.status().message()); !status.ok()) {
      spdlog::error("{}", status.message());
    }
    return;
  }
  const report::RunSummary& summary = outcome->summary;
  RunCounts counts;
  counts.documents = summary.documents;
  counts.not_fully_screened = static_cast<int>(summary.not_fully_screened.size());
  counts.findings = summary.findings;
  counts.open_findings = summary.findings_at_or_above_fail_on;
  counts.waived = summary.findings_waived;
  counts.escalated = summary.findings_escalated;
  counts.exit_code = summary.ExitCode();
  counts.complete = summary.complete;
  CompareWithPrevious(history_, run_id, outcome->jsonl_path, counts);
  if (Status status = history_.MarkFinished(run_id, counts); !status.ok()) {
    spdlog::error("{}", status.message());
  }
}

}  // namespace trustscreen::serve
