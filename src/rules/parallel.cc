#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace trustscreen::rules::internal {
namespace {

thread_local int tl_thread_limit = 0;  // 0: none

}  // namespace

ScopedThreadLimit::ScopedThreadLimit(int threads) : previous_(tl_thread_limit) {
  tl_thread_limit = std::max(threads, 0);
}

ScopedThreadLimit::~ScopedThreadLimit() { tl_thread_limit = previous_; }

void ParallelFor(std::size_t count, const std::function<void(std::size_t)>& fn) {
  constexpr std::size_t kPerThread = 64;  // below this, a thread costs more than it saves
  const int limit = tl_thread_limit;
  std::size_t threads = std::min<std::size_t>(
      {std::max(1u, std::thread::hardware_concurrency()), 8, count / kPerThread + 1});
  if (limit > 0) threads = std::min<std::size_t>(threads, static_cast<std::size_t>(limit));
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

}  // namespace trustscreen::rules::internal
