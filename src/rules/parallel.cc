#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <utility>
#include <vector>

namespace trustscreen::rules::internal {
namespace {

thread_local int tl_thread_limit = 0;  // 0: none

// The most threads a loop may use under `limit` (0: none): the machine's, up to 8.
std::size_t MaxThreads(int limit) {
  std::size_t threads = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), 8);
  if (limit > 0) threads = std::min<std::size_t>(threads, static_cast<std::size_t>(limit));
  return threads;
}

}  // namespace

ScopedThreadLimit::ScopedThreadLimit(int threads) : previous_(tl_thread_limit) {
  tl_thread_limit = std::max(threads, 0);
}

ScopedThreadLimit::~ScopedThreadLimit() { tl_thread_limit = previous_; }

void ParallelFor(std::size_t count, const std::function<void(std::size_t)>& fn) {
  const int limit = tl_thread_limit;
  constexpr std::size_t kPerThread = 64;  // below this, a thread costs more than it saves
  const std::size_t threads = std::min(MaxThreads(limit), count / kPerThread + 1);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    const ScopedThreadLimit nested(limit);  // loops nested in fn keep the limit
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) fn(i);
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
}

class WorkPool::Batch {
 public:
  Batch(std::size_t count, std::function<void(std::size_t)> fn)
      : count_(count), fn_(std::move(fn)) {}

 private:
  friend class WorkPool;
  const std::size_t count_;
  const std::function<void(std::size_t)> fn_;
  std::size_t taken_ = 0;  // guarded by the pool's mutex, as done_
  std::size_t done_ = 0;
};

WorkPool::WorkPool() {
  const int limit = tl_thread_limit;
  const std::size_t threads = MaxThreads(limit);
  for (std::size_t t = 1; t < threads; ++t) {
    helpers_.emplace_back([this, limit] {
      const ScopedThreadLimit nested(limit);
      Help();
    });
  }
}

WorkPool::~WorkPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& helper : helpers_) helper.join();
}

std::shared_ptr<WorkPool::Batch> WorkPool::Submit(std::size_t count,
                                                  std::function<void(std::size_t)> fn,
                                                  bool urgent) {
  auto batch = std::make_shared<Batch>(count, std::move(fn));
  if (count == 0) return batch;
  {
    const std::lock_guard lock(mutex_);
    if (urgent) {
      queue_.push_front(batch);
    } else {
      queue_.push_back(batch);
    }
  }
  changed_.notify_all();
  return batch;
}

std::size_t WorkPool::Take(std::deque<std::shared_ptr<Batch>>::iterator at) {
  Batch& batch = **at;
  const std::size_t item = batch.taken_++;
  if (batch.taken_ == batch.count_) queue_.erase(at);
  return item;
}

void WorkPool::Run(Batch& batch, std::size_t item, std::unique_lock<std::mutex>& lock) {
  lock.unlock();
  batch.fn_(item);
  lock.lock();
  if (++batch.done_ == batch.count_) changed_.notify_all();
}

void WorkPool::Help() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    const std::shared_ptr<Batch> batch = queue_.front();  // kept alive while its item runs
    Run(*batch, Take(queue_.begin()), lock);
  }
}

void WorkPool::Wait(Batch& batch) {
  std::unique_lock lock(mutex_);
  while (batch.taken_ < batch.count_) {
    const auto at =
        std::find_if(queue_.begin(), queue_.end(),
                     [&](const std::shared_ptr<Batch>& b) { return b.get() == &batch; });
    Run(batch, Take(at), lock);
  }
  changed_.wait(lock, [&] { return batch.done_ == batch.count_; });
}

}  // namespace trustscreen::rules::internal
