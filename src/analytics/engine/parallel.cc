#include "analytics/engine/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace openiom {

void ParallelFor(size_t count, int threads, const std::function<void(size_t task, int worker)>& fn) {
  const size_t workers = std::min(static_cast<size_t>(std::max(threads, 1)), std::max<size_t>(count, 1));
  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto work = [&](int worker) {
    try {
      for (size_t task = next++; task < count; task = next++) fn(task, worker);
    } catch (...) {
      next = count;  // the others finish the task they are on and take no more
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> started;
  started.reserve(workers - 1);
  for (size_t worker = 1; worker < workers; ++worker) {
    try {
      started.emplace_back(work, static_cast<int>(worker));
    } catch (const std::system_error&) {  // out of threads: the ones running take every task between them
      break;
    }
  }
  work(0);
  for (std::thread& thread : started) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace openiom
