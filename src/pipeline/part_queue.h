// Parts of documents read in parts (pdf_parts_reader.h) waiting for a thread. The thread that
// splits a document reads its parts too; every other thread reads waiting parts before it begins
// another file (Help). A document begun earlier is then done before later files take the threads:
// the pages of a scanned PDF in the middle of a run are read by every thread, instead of by the
// thread that began it while the others go on through the files after it.
#ifndef TRUSTSCREEN_PIPELINE_PART_QUEUE_H_
#define TRUSTSCREEN_PIPELINE_PART_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

namespace trustscreen::pipeline {

class PartQueue {
 public:
  // Runs every job, on this thread or on threads that Help meanwhile, and returns when all are
  // done; meanwhile this thread also runs waiting jobs of other documents, oldest first. An
  // exception from a job is rethrown here once all are done.
  void RunAll(std::vector<std::function<void()>> jobs);

  // Runs waiting jobs, oldest first, until none waits (returns at once if none does).
  void Help();

 private:
  struct Batch {
    std::size_t left = 0;  // jobs not yet done
    std::exception_ptr error;
  };
  struct Job {
    std::function<void()> run;
    Batch* batch = nullptr;  // lives in RunAll, which waits for all of its jobs
  };

  // Runs the oldest waiting job with `lock` released; false if none waits.
  bool RunOne(std::unique_lock<std::mutex>& lock);

  std::mutex mutex_;
  std::condition_variable changed_;  // a job was added or done
  std::deque<Job> waiting_;
};

}  // namespace trustscreen::pipeline

#endif  // TRUSTSCREEN_PIPELINE_PART_QUEUE_H_
