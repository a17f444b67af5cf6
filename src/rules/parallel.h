// Parallel loops for compiling rule sets (internal to rules/): each pattern's RE2 and leads, and
// each list entry's names, are independent of the others', and working them out is most of the
// time it takes to load the rules; filing them into the indexes is serial, in rule order.
#ifndef TRUSTSCREEN_RULES_PARALLEL_H_
#define TRUSTSCREEN_RULES_PARALLEL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace trustscreen::rules::internal {

// Calls fn(i) once for every i in [0, count), on up to 8 threads (the calling thread among them;
// one thread for small counts), and no more than the ScopedThreadLimit in force on the calling
// thread allows. fn must be safe to call concurrently for different i; it must not throw.
void ParallelFor(std::size_t count, const std::function<void(std::size_t)>& fn);

// Helper threads for a compile whose serial steps can overlap the parallel work of later ones:
// filing one entity list's names in order while the names of the lists after it are tokenised.
// Batches of independent items are submitted ahead; the helpers take the items of the first batch
// that has any left, urgent batches before the others; Wait(batch) runs the batch's items that no
// helper has taken on the calling thread, then waits for the rest. As many helpers as
// ParallelFor would use threads, less the calling one: none under ScopedThreadLimit(1), where
// Wait runs every item itself. Items must be safe to run concurrently; they must not throw.
class WorkPool {
 public:
  class Batch;

  WorkPool();
  ~WorkPool();  // waits for the items taken, joins the helpers (items not taken are dropped)
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // fn(i) for every i in [0, count), from now on; the batch is for Wait.
  std::shared_ptr<Batch> Submit(std::size_t count, std::function<void(std::size_t)> fn,
                                bool urgent = false);
  // Returns once every item of `batch` has run, running the items not yet taken itself.
  void Wait(Batch& batch);

 private:
  void Help();
  // Takes an item of the batch at queue_[at] (lock held); the batch leaves the queue with its
  // last item.
  std::size_t Take(std::deque<std::shared_ptr<Batch>>::iterator at);
  void Run(Batch& batch, std::size_t item, std::unique_lock<std::mutex>& lock);

  std::mutex mutex_;
  std::condition_variable changed_;           // a batch was submitted or an item done
  std::deque<std::shared_ptr<Batch>> queue_;  // batches with items not yet taken
  bool stopping_ = false;
  std::vector<std::thread> helpers_;
};

// While it lives, ParallelFor calls on this thread (and the loops nested in them) use at most
// `threads` threads; 0: no limit beyond ParallelFor's own. `trustscreen scan --threads 1`
// compiles its rules on one thread.
class ScopedThreadLimit {
 public:
  explicit ScopedThreadLimit(int threads);
  ~ScopedThreadLimit();
  ScopedThreadLimit(const ScopedThreadLimit&) = delete;
  ScopedThreadLimit& operator=(const ScopedThreadLimit&) = delete;

 private:
  int previous_;
};

}  // namespace trustscreen::rules::internal

#endif  // TRUSTSCREEN_RULES_PARALLEL_H_
