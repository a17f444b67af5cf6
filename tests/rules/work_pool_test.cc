// The compile's WorkPool: every item of a batch has run when Wait returns, whoever ran it; urgent
// batches go before those submitted earlier; under a thread limit of one the waiting thread runs
// everything itself.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "parallel.h"

namespace trustscreen::rules::internal {
namespace {

TEST(WorkPool, EveryItemHasRunWhenWaitReturns) {
  WorkPool pool;
  std::vector<std::atomic<int>> runs(5000);
  const auto batch = pool.Submit(runs.size(), [&](std::size_t i) { ++runs[i]; });
  pool.Wait(*batch);
  for (const std::atomic<int>& count : runs) ASSERT_EQ(count.load(), 1);
  const auto empty = pool.Submit(0, [](std::size_t) { FAIL(); });
  pool.Wait(*empty);
}

TEST(WorkPool, HelpersGoOnWithLaterBatchesWhileTheCallerWorksOnAnEarlierOne) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: no helpers";
  WorkPool pool;
  std::atomic<int> later_done{0};
  const auto first = pool.Submit(1, [](std::size_t) {});
  const auto later = pool.Submit(200, [&](std::size_t) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    ++later_done;
  });
  pool.Wait(*first);
  // The caller's serial step: meanwhile the helpers work through the later batch.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (later_done.load() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_GT(later_done.load(), 0);
  pool.Wait(*later);
  EXPECT_EQ(later_done.load(), 200);
}

TEST(WorkPool, AnUrgentBatchIsTakenBeforeEarlierOnes) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: no helpers";
  WorkPool pool;
  std::mutex mutex;
  std::vector<char> order;
  std::atomic<bool> release{false};
  // Keeps the helpers busy until both batches are queued.
  const auto blocker = pool.Submit(8, [&](std::size_t) {
    while (!release.load()) std::this_thread::yield();
  });
  const auto normal = pool.Submit(4, [&](std::size_t) {
    const std::lock_guard lock(mutex);
    order.push_back('n');
  });
  const auto urgent = pool.Submit(
      4,
      [&](std::size_t) {
        const std::lock_guard lock(mutex);
        order.push_back('u');
      },
      /*urgent=*/true);
  release = true;
  pool.Wait(*blocker);
  pool.Wait(*urgent);
  pool.Wait(*normal);
  ASSERT_EQ(order.size(), 8u);
  // A helper that finished its blocker item took an urgent item before any normal one.
  EXPECT_EQ(order.front(), 'u');
}

TEST(WorkPool, UnderALimitOfOneThreadTheCallerRunsEveryItem) {
  const ScopedThreadLimit one(1);
  WorkPool pool;
  std::set<std::thread::id> runners;
  const auto batch = pool.Submit(300, [&](std::size_t) {
    runners.insert(std::this_thread::get_id());  // no lock needed: one thread only
  });
  pool.Wait(*batch);
  EXPECT_EQ(runners, std::set<std::thread::id>{std::this_thread::get_id()});
}

}  // namespace
}  // namespace trustscreen::rules::internal
