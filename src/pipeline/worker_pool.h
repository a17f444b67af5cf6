// The parent's side of isolated extraction (trustscreen/pipeline/isolation.h): a pool of worker
// processes shared by the pipeline's threads.
#ifndef TRUSTSCREEN_PIPELINE_WORKER_POOL_H_
#define TRUSTSCREEN_PIPELINE_WORKER_POOL_H_

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "pdf_parts_reader.h"
#include "trustscreen/core/document.h"
#include "trustscreen/core/status.h"
#include "trustscreen/extract/extract.h"
#include "trustscreen/extract/pdf_split.h"
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

  // extract::ExtractFileOrSplit in a worker: a Document as Extract gives, or the plan for a PDF
  // with more than `split_above` pages to read.
  extract::FileOrSplit ExtractOrSplit(const std::string& path, int split_above);

  // A part of a PDF read in pieces (extract/pdf_split.h), or the Document saying what happened to
  // the worker reading it.
  PartAnswer LayOut(const std::string& path, int first, int last);
  PartAnswer OcrPage(const std::string& path, int page);

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
  // The worker's answer frame to one request, or the Document saying why there is none.
  struct Answer {
    char type = 0;
    std::string payload;
    std::optional<Document> failure;
  };
  Answer Exchange(const std::string& path, char type, const std::string& payload);
  // Runs one request on `process`; on kAnswered `answer` holds the answer frame.
  Outcome Run(Process& process, char type, const std::string& payload, Answer& answer);
  // Kills (unless it already exited) and reaps the worker; its wait status.
  int Reap(Process& process, bool kill_first);
  Document Failed(const std::string& path, DocumentStatus status, std::string reason) const;
  Document DecodeDocumentAnswer(const std::string& path, const Answer& answer) const;
  PartAnswer Part(const std::string& path, char type, int first, int last);

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
