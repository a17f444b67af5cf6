// Scan queue: runs the app's screening runs one at a time on a background thread, through the
// batch pipeline (pipeline::RunScan) with the app's rules, waivers file and cache, so the app and
// `trustscreen scan --waivers` screen alike and requests stay responsive meanwhile.
//
// Where it sits: handlers create a run in the RunHistory and Enqueue its id; the queue marks it
// running, runs it into the run's own directory, then marks it finished with its counts and the
// findings new and resolved since the previous run over the same inputs (review::DiffReports), or
// failed with the reason.
// Thread-safety: Enqueue and Stop may be called from any thread.
#ifndef TRUSTSCREEN_SERVE_SCAN_QUEUE_H_
#define TRUSTSCREEN_SERVE_SCAN_QUEUE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "run_history.h"
#include "trustscreen/pipeline/isolation.h"

namespace trustscreen::serve {

// What every run of the app shares.
struct ScanSettings {
  std::vector<std::filesystem::path> rule_paths;
  // Read at the start of each run when it exists (the app appends decisions to it).
  std::filesystem::path waivers_path;
  std::filesystem::path cache_path;  // empty: no cache
  pipeline::IsolationOptions isolation;
  int threads = 0;  // 0: all cores
};

class ScanQueue {
 public:
  // Starts the background thread. `history` must outlive the queue.
  ScanQueue(RunHistory& history, ScanSettings settings);
  // Stop().
  ~ScanQueue();
  ScanQueue(const ScanQueue&) = delete;
  ScanQueue& operator=(const ScanQueue&) = delete;

  // Queues a run created in the history. Ignored after Stop.
  void Enqueue(std::int64_t run_id);

  // Stops the running scan (its reports are written and marked incomplete, the run recorded as
  // finished with complete = false), marks the runs still queued failed, and joins the thread.
  void Stop();

 private:
  void Loop();
  void Run(std::int64_t run_id);

  RunHistory& history_;
  const ScanSettings settings_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::int64_t> queue_;
  bool stopping_ = false;
  std::atomic<bool> stop_scan_{false};
  std::thread thread_;
};

}  // namespace trustscreen::serve

#endif  // TRUSTSCREEN_SERVE_SCAN_QUEUE_H_
