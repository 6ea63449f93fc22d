#include "analytics/bulk_scores.h"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <thread>

namespace openiom {
namespace {

// Adds events [begin, end) of `block` that qualify into `totals` (indexed by person row).
void Accumulate(const EventBlock& block, size_t begin, size_t end, const CategoryColumns& categories,
                uint32_t qualifying_kinds, int32_t first_day, int32_t last_day, PersonTotals* totals) {
  const uint32_t* person = block.person.data();
  const int32_t* day = block.day.data();
  const uint8_t* kind = block.kind.data();
  const uint8_t* category = block.category.data();
  const uint32_t span = static_cast<uint32_t>(last_day - first_day);
  for (size_t i = begin; i < end; ++i) {
    // One unsigned comparison tests first_day <= day <= last_day.
    if (static_cast<uint32_t>(day[i] - first_day) > span) continue;
    if ((qualifying_kinds >> kind[i] & 1u) == 0) continue;
    PersonTotals& t = totals[person[i]];
    const uint8_t c = category[i];
    ++t.n;
    t.latest_day = std::max(t.latest_day, day[i]);
    t.max_gravity = std::max<uint8_t>(t.max_gravity, c == kNoCategory ? 1 : categories.gravity[c]);
    if (c != kNoCategory) {
      t.harm += categories.severity_weight[c];
      t.cost += categories.unit_cost[c];
      t.acquisitive_n += categories.acquisitive[c];
    }
  }
}

void Merge(PersonTotals& into, const PersonTotals& from) {
  if (from.n == 0) return;
  if (into.n == 0) {
    into = from;
    return;
  }
  into.n += from.n;
  into.latest_day = std::max(into.latest_day, from.latest_day);
  into.acquisitive_n += from.acquisitive_n;
  into.max_gravity = std::max(into.max_gravity, from.max_gravity);
  into.harm += from.harm;
  into.cost += from.cost;
}

// Runs fn(task) for tasks 0..count-1 on `threads` threads, handing tasks out in order.
template <typename Fn>
void ForEachTask(size_t count, int threads, Fn fn) {
  if (threads <= 1 || count <= 1) {
    for (size_t task = 0; task < count; ++task) fn(task, 0);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int worker = 0; worker < threads; ++worker) {
    workers.emplace_back([&, worker] {
      for (size_t task = next++; task < count; task = next++) fn(task, worker);
    });
  }
  for (std::thread& thread : workers) thread.join();
}

}  // namespace

int AnalyticsThreads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(cores, 1u, 8u));
}

BulkScores ScoreEveryone(const EventColumns& events, const PersonColumns& people, const CategoryColumns& categories,
                         const RfgParameters& parameters, Date as_of, int threads) {
  const int32_t last_day = static_cast<int32_t>(as_of.time_since_epoch().count());
  const int32_t first_day = last_day - parameters.window_days + 1;
  const size_t people_count = people.size();
  BulkScores scores;

  // Split the events into tasks of about a million so both threads stay busy; each thread adds into its own
  // totals, merged afterwards.
  struct Task {
    const EventBlock* block;
    size_t begin, end;
  };
  std::vector<Task> tasks;
  constexpr size_t kTaskEvents = size_t{1} << 20;
  for (const EventBlock& block : events.blocks) {
    for (size_t begin = 0; begin < block.size(); begin += kTaskEvents) {
      tasks.push_back({&block, begin, std::min(block.size(), begin + kTaskEvents)});
    }
  }
  threads = std::max(1, std::min<int>(threads, static_cast<int>(tasks.size())));
  std::vector<std::vector<PersonTotals>> partial(threads);
  ForEachTask(static_cast<size_t>(threads), threads,
              [&](size_t t, int) { partial[t].assign(people_count, PersonTotals{}); });
  ForEachTask(tasks.size(), threads, [&](size_t t, int worker) {
    Accumulate(*tasks[t].block, tasks[t].begin, tasks[t].end, categories, parameters.qualifying_kinds, first_day,
               last_day, partial[worker].data());
  });
  scores.totals = std::move(partial[0]);
  if (threads > 1) {
    const size_t chunk = (people_count + threads - 1) / threads;
    ForEachTask(static_cast<size_t>(threads), threads, [&](size_t part, int) {
      const size_t begin = part * chunk, end = std::min(people_count, begin + chunk);
      for (int t = 1; t < threads; ++t) {
        for (size_t row = begin; row < end; ++row) Merge(scores.totals[row], partial[t][row]);
      }
    });
  }

  // Rank by key descending, then person id ascending: a counting sort over the key (a few thousand values)
  // visiting people in id order keeps ties in id order.
  const RfgScale scale(parameters);
  std::vector<uint32_t> by_id;
  if (!people.ids_ascending) {
    by_id.resize(people_count);
    std::iota(by_id.begin(), by_id.end(), 0u);
    std::sort(by_id.begin(), by_id.end(), [&](uint32_t a, uint32_t b) { return people.id[a] < people.id[b]; });
  }
  const auto row_at = [&](size_t i) { return by_id.empty() ? static_cast<uint32_t>(i) : by_id[i]; };
  const auto key_of = [&](const PersonTotals& t) {
    return scale.Key(t.n, last_day - t.latest_day, t.max_gravity);
  };
  const int64_t max_key = scale.max_key();
  if (max_key <= (int64_t{1} << 22)) {
    std::vector<uint32_t> starts(static_cast<size_t>(max_key) + 2, 0);
    size_t ranked = 0;
    for (size_t row = 0; row < people_count; ++row) {
      if (scores.totals[row].n > 0) {
        ++starts[max_key - key_of(scores.totals[row]) + 1];
        ++ranked;
      }
    }
    std::partial_sum(starts.begin(), starts.end(), starts.begin());
    scores.ranked.resize(ranked);
    for (size_t i = 0; i < people_count; ++i) {
      const uint32_t row = row_at(i);
      if (scores.totals[row].n > 0) scores.ranked[starts[max_key - key_of(scores.totals[row])]++] = row;
    }
  } else {
    for (size_t i = 0; i < people_count; ++i) {
      if (scores.totals[row_at(i)].n > 0) scores.ranked.push_back(row_at(i));
    }
    std::stable_sort(scores.ranked.begin(), scores.ranked.end(), [&](uint32_t a, uint32_t b) {
      return key_of(scores.totals[a]) > key_of(scores.totals[b]);
    });
  }
  return scores;
}

}  // namespace openiom
