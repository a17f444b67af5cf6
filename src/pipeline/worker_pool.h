// The parent's side of isolated extraction (trustscreen/pipeline/isolation.h): a pool of worker
// processes shared by the pipeline's threads.
#ifndef TRUSTSCREEN_PIPELINE_WORKER_POOL_H_
#define TRUSTSCREEN_PIPELINE_WORKER_POOL_H_

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "trustscreen/core/document.h"
#include "trustscreen/core/status.h"
#include "trustscreen/extract/extract.h"
#include "trustscreen/pipeline/isolation.h"

namespace trustscreen::pipeline {

class WorkerPool {
 public:
  // `stop`, when given and set, makes running extractions end as not_screened.
  WorkerPool(IsolationOptions isolation, extract::ExtractOptions extract,
             const std::atomic<bool>* stop);
  ~WorkerPool();  // closes every worker's socket and waits for it to exit
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Extracts `path` in a worker process, from any thread. Whatever happens to the worker, the
  // answer is a Document for `path` whose status says what happened.
  Document Extract(const std::string& path);

  // Workers started so far (replacements included).
  int started() const { return started_.load(); }

 private:
  struct Process {
    pid_t pid = -1;
    int fd = -1;
    int documents = 0;
  };
  enum class Outcome { kAnswered, kNotSent, kDied, kTimeout, kTooMuchMemory, kStopped };

  Result<std::unique_ptr<Process>> Spawn();
  std::unique_ptr<Process> TakeIdle();
  void ReturnIdle(std::unique_ptr<Process> process);
  // Runs one request on `process`; on kAnswered `answer` holds the payload.
  Outcome Run(Process& process, const std::string& path, std::string& answer);
  // Kills (unless it already exited) and reaps the worker; its wait status.
  int Reap(Process& process, bool kill_first);
  Document Failed(const std::string& path, DocumentStatus status, std::string reason) const;

  const IsolationOptions isolation_;
  const extract::ExtractOptions extract_;
  const std::atomic<bool>* stop_;
  std::string options_payload_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Process>> idle_;
  std::atomic<int> started_{0};
};

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_WORKER_POOL_H_
