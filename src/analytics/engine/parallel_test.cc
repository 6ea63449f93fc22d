#include "analytics/engine/parallel.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(ParallelFor, RunsEveryTaskExactlyOnceOnWorkersInRange) {
  for (const int threads : {1, 2, 7}) {
    for (const size_t count : {size_t{0}, size_t{1}, size_t{5}, size_t{1000}}) {
      const size_t workers = std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(threads), count));
      const std::unique_ptr<std::atomic<int>[]> runs(new std::atomic<int>[count]());
      // A worker found already busy would mean two threads share one worker index.
      const std::unique_ptr<std::atomic<bool>[]> busy(new std::atomic<bool>[workers]());
      std::atomic<int> out_of_range{0};
      std::atomic<int> overlapping{0};
      ParallelFor(count, threads, [&](size_t task, int worker) {
        if (worker < 0 || static_cast<size_t>(worker) >= workers || task >= count) {
          ++out_of_range;
          return;
        }
        if (busy[static_cast<size_t>(worker)].exchange(true)) ++overlapping;
        ++runs[task];
        busy[static_cast<size_t>(worker)] = false;
      });
      EXPECT_EQ(out_of_range, 0) << threads << " threads, " << count << " tasks";
      EXPECT_EQ(overlapping, 0) << threads << " threads, " << count << " tasks";
      for (size_t task = 0; task < count; ++task) {
        EXPECT_EQ(runs[task], 1) << "task " << task << " of " << count << " on " << threads << " threads";
      }
    }
  }
}

TEST(ParallelFor, NoThreadsOrNegativeRunsOnTheCallingThread) {
  for (const int threads : {0, -3, 1}) {
    const std::thread::id caller = std::this_thread::get_id();
    std::vector<int> order;
    ParallelFor(4, threads, [&](size_t task, int worker) {
      EXPECT_EQ(worker, 0);
      EXPECT_EQ(std::this_thread::get_id(), caller);
      order.push_back(static_cast<int>(task));
    });
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3})) << threads;
  }
}

TEST(ParallelFor, WorkerZeroIsTheCallingThread) {
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> zero_elsewhere{0};
  ParallelFor(1000, 7, [&](size_t, int worker) {
    if (worker == 0 && std::this_thread::get_id() != caller) ++zero_elsewhere;
  });
  EXPECT_EQ(zero_elsewhere, 0);
}

TEST(ParallelFor, RethrowsWhatATaskThrowsAfterEveryWorkerStops) {
  for (const int threads : {1, 2, 7}) {
    std::atomic<int> running{0};
    std::atomic<int> finished{0};
    try {
      ParallelFor(1000, threads, [&](size_t task, int) {
        ++running;
        if (task == 3) {
          --running;
          throw std::runtime_error("task 3 failed");
        }
        ++finished;
        --running;
      });
      ADD_FAILURE() << "no exception on " << threads << " threads";
    } catch (const std::runtime_error& error) {
      EXPECT_STREQ(error.what(), "task 3 failed");
    }
    EXPECT_EQ(running, 0) << "a task was still running when ParallelFor returned, on " << threads << " threads";
    // On one worker the order is fixed: tasks 0, 1 and 2 ran, and none after the failure.
    if (threads == 1) {
      EXPECT_EQ(finished, 3);
    }
  }
}

}  // namespace
}  // namespace openiom
