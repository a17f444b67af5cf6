#include "part_queue.h"

#include <tbb/task_group.h>

#include <utility>

namespace trustscreen::pipeline {

bool PartQueue::RunOne(std::unique_lock<std::mutex>& lock) {
  if (waiting_.empty()) return false;
  Job job = std::move(waiting_.front());
  waiting_.pop_front();
  lock.unlock();
  std::exception_ptr error;
  try {
    job.run();
  } catch (...) {
    error = std::current_exception();
  }
  lock.lock();
  if (error && !job.batch->error) job.batch->error = error;
  --job.batch->left;
  changed_.notify_all();
  return true;
}

void PartQueue::RunAll(std::vector<std::function<void()>> jobs) {
  const std::size_t count = jobs.size();
  Batch batch;
  batch.left = count;
  std::unique_lock lock(mutex_);
  for (std::function<void()>& run : jobs) waiting_.push_back({std::move(run), &batch});
  changed_.notify_all();  // owners waiting for their last parts may take these meanwhile
  lock.unlock();
  // A task per job for the arena's idle threads (which begin no file, so never Help): each runs
  // the oldest waiting job, if any is left. This thread runs those not stolen.
  tbb::task_group idle_threads;
  for (std::size_t i = 0; i < count; ++i) {
    idle_threads.run([this] {
      std::unique_lock task_lock(mutex_);
      RunOne(task_lock);
    });
  }
  idle_threads.wait();
  lock.lock();
  // Waits only when no job waits and some of this batch's are still running on threads that
  // Help: for at most one part.
  while (batch.left > 0) {
    if (!RunOne(lock)) changed_.wait(lock);
  }
  if (batch.error) std::rethrow_exception(batch.error);
}

void PartQueue::Help() {
  std::unique_lock lock(mutex_);
  while (RunOne(lock)) {
  }
}

}  // namespace trustscreen::pipeline
