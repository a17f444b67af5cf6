// Run history: every screening run the app started, in SQLite (DATA/history.sqlite), so the
// history page, the diff since the previous run over the same inputs and the downloads survive a
// restart.
//
// Where it sits: the app's handlers create runs (queued); the scan queue marks them running and
// finished. A run's reports live in its own directory (RunRecord::out_dir), written by
// pipeline::RunScan; the history holds only the run's facts and counts.
// Thread-safety: every method may be called from any thread (one connection behind a mutex).
#ifndef TRUSTSCREEN_SERVE_RUN_HISTORY_H_
#define TRUSTSCREEN_SERVE_RUN_HISTORY_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trustscreen/core/status.h"

namespace trustscreen::serve {

enum class RunState { kQueued, kRunning, kFinished, kFailed };
std::string_view ToString(RunState state);  // "queued", "running", "finished", "failed"

// What a finished run found, and how it compares with the previous run over the same inputs.
struct RunCounts {
  int documents = 0;
  int not_fully_screened = 0;
  int findings = 0;
  int open_findings = 0;  // at or above the run's fail-on level and not waived
  int waived = 0;
  int escalated = 0;     // escalated decisions (counted in open_findings too)
  int exit_code = 0;     // the scan's exit code (core/exit_codes.h)
  bool complete = true;  // false: the run was interrupted (the server stopped)
  // Against `previous_run` (0: there is none): findings new and resolved since then.
  std::int64_t previous_run = 0;
  int new_findings = 0;
  int resolved_findings = 0;
};

struct RunRecord {
  std::int64_t id = 0;
  std::string created;   // UTC, ISO-8601
  std::string started;   // empty until running
  std::string finished;  // empty until finished or failed
  std::string source;    // "upload" or "folder"
  std::string label;     // what the user screened, for display: file names or the folder path
  std::vector<std::string> inputs;  // the scan's inputs (directories or files)
  std::filesystem::path out_dir;    // where the run's reports are
  RunState state = RunState::kQueued;
  std::string error;  // kFailed: why
  RunCounts counts;   // kFinished
};

class RunHistory {
 public:
  // Opens (creating when missing) the history database. kIoError when it cannot be opened or
  // its schema created.
  static Result<std::unique_ptr<RunHistory>> Open(const std::filesystem::path& path);
  ~RunHistory();
  RunHistory(const RunHistory&) = delete;
  RunHistory& operator=(const RunHistory&) = delete;

  // A new queued run; its reports go to `runs_dir`/<id>. Returns the id.
  Result<std::int64_t> CreateRun(const std::string& source, const std::string& label,
                                 const std::vector<std::string>& inputs,
                                 const std::filesystem::path& runs_dir);
  Status MarkRunning(std::int64_t id);
  Status MarkFinished(std::int64_t id, const RunCounts& counts);
  Status MarkFailed(std::int64_t id, const std::string& error);
  // Runs left queued or running by a server that stopped without finishing them become failed
  // with `reason`. Returns how many.
  Result<int> FailUnfinished(const std::string& reason);

  std::optional<RunRecord> Get(std::int64_t id) const;
  // The most recent runs first, at most `limit`.
  std::vector<RunRecord> List(int limit) const;
  // The latest finished run before `id` over exactly the same inputs, if any.
  std::optional<RunRecord> PreviousFinished(std::int64_t id) const;
  // Runs queued before `id` that have not started: its place in the queue.
  int QueuedBefore(std::int64_t id) const;

 private:
  struct Impl;
  explicit RunHistory(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace trustscreen::serve

#endif  // TRUSTSCREEN_SERVE_RUN_HISTORY_H_
