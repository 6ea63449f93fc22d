// The one way analytics spreads work over cores: a parallel for over numbered tasks.
#pragma once

#include <cstddef>
#include <functional>

namespace openiom {

// Runs fn(task, worker) exactly once for every task in [0, count) and returns when all have finished.
// The calling thread is worker 0; up to threads - 1 more workers are started for the call, never more than there
// are tasks, so `worker` is in [0, max(1, min(threads, count))). threads <= 1 runs every task on the calling thread.
// Tasks are handed out in order, each to the next free worker; one worker runs its tasks one after another, so
// state indexed by `worker` (per-worker buffers) needs no lock, while state indexed by `task` is touched by one
// worker only.
// If fn throws, no further task is started, and once every worker has stopped the first exception is rethrown
// here. If the system cannot start a thread, the tasks run on the workers that did start.
void ParallelFor(size_t count, int threads, const std::function<void(size_t task, int worker)>& fn);

}  // namespace openiom
