// The progress line of a scan on stderr: documents done of total, pages per second, ETA and the
// file that has been taking longest so far.
//
// On a terminal the line is redrawn in place twice a second; elsewhere (a log file, a Slurm
// job's output, when asked for with --progress always) a plain line is written every ten
// seconds. Thread-safe: Started/Finished are called from the pipeline's threads.
#ifndef TRUSTSCREEN_PIPELINE_PROGRESS_H_
#define TRUSTSCREEN_PIPELINE_PROGRESS_H_

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "trustscreen/core/finding.h"

namespace trustscreen::pipeline {

class ProgressLine {
 public:
  // `out` is stderr in the CLI; `redraw` true for a terminal.
  ProgressLine(std::size_t total, std::FILE* out, bool redraw);
  ~ProgressLine();  // stops the drawing thread and clears the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void Started(std::size_t index, const std::string& path);
  void Finished(std::size_t index, const std::vector<DocumentResult>& results);
  // Clears a redrawn line so that a log message can be printed on a line of its own.
  void Clear();

  // The text of the line now (no control characters); for tests and the drawing thread.
  std::string Text() const;

 private:
  struct Running {
    std::string path;
    std::chrono::steady_clock::time_point since;
  };
  void Draw();
  void Loop();

  const std::size_t total_;
  std::FILE* out_;
  const bool redraw_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::size_t done_ = 0;
  std::size_t pages_ = 0;
  std::map<std::size_t, Running> running_;
  std::thread thread_;
};

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_PROGRESS_H_
