#include "analytics/selection/bulk_scores.h"

#include <algorithm>
#include <numeric>
#include <thread>

#include "analytics/engine/parallel.h"

namespace openiom {
namespace {

constexpr int kBucketBits = 14;  // 16,384 people x 32 bytes = 512 KiB of totals per bucket

struct Qualifying {
  uint32_t person;
  int32_t day;
  uint8_t category;
};

}  // namespace

int AnalyticsThreads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(cores, 1u, 8u));
}

BulkScores ScoreEveryone(const EventColumns& events, const PersonColumns& people, const CategoryColumns& categories,
                         const RfgParameters& parameters, Date as_of, int threads) {
  const int32_t last_day = static_cast<int32_t>(as_of.time_since_epoch().count());
  const int32_t first_day = last_day - parameters.window_days + 1;
  const uint32_t span = static_cast<uint32_t>(last_day - first_day);
  const uint32_t qualifying_kinds = parameters.qualifying_kinds;
  const size_t bucket_count = (people.size() >> kBucketBits) + 1;
  threads = std::max(1, threads);

  // Pass 1: qualifying events into per-worker buckets.
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
  std::vector<std::vector<std::vector<Qualifying>>> buckets(static_cast<size_t>(threads),
                                                            std::vector<std::vector<Qualifying>>(bucket_count));
  ParallelFor(tasks.size(), threads, [&](size_t t, int worker) {
    const Task& task = tasks[t];
    const uint32_t* person = task.block->person.data();
    const int32_t* day = task.block->day.data();
    const uint8_t* kind = task.block->kind.data();
    const uint8_t* category = task.block->category.data();
    std::vector<std::vector<Qualifying>>& mine = buckets[static_cast<size_t>(worker)];
    for (size_t i = task.begin; i < task.end; ++i) {
      // One unsigned comparison tests first_day <= day <= last_day.
      if (static_cast<uint32_t>(day[i] - first_day) > span || (qualifying_kinds >> kind[i] & 1u) == 0) continue;
      mine[person[i] >> kBucketBits].push_back({person[i], day[i], category[i]});
    }
  });

  // Pass 2: add up each bucket in a cache-sized table and keep the people with n >= 1, in row order.
  const RfgScale scale(parameters);
  std::vector<std::vector<ScoredPerson>> scored(bucket_count);
  std::vector<std::vector<PersonTotals>> tables(static_cast<size_t>(threads),
                                                std::vector<PersonTotals>(size_t{1} << kBucketBits));
  ParallelFor(bucket_count, threads, [&](size_t bucket, int worker) {
    std::vector<PersonTotals>& table = tables[static_cast<size_t>(worker)];
    const uint32_t base = static_cast<uint32_t>(bucket << kBucketBits);
    const uint32_t size = static_cast<uint32_t>(std::min<size_t>(people.size() - base, size_t{1} << kBucketBits));
    std::fill(table.begin(), table.begin() + size, PersonTotals{});
    for (int w = 0; w < threads; ++w) {
      for (const Qualifying& event : buckets[static_cast<size_t>(w)][bucket]) {
        PersonTotals& t = table[event.person - base];
        const uint8_t c = event.category;
        ++t.n;
        t.latest_day = std::max(t.latest_day, event.day);
        if (c == kNoCategory) {
          t.max_gravity = std::max<uint8_t>(t.max_gravity, 1);
          t.flags |= kNoOffenceCategory;
        } else {
          t.flags |= categories.figure_flags[c];
          t.max_gravity = std::max(t.max_gravity, categories.gravity[c]);
          t.harm += categories.severity_weight[c];
          t.cost += categories.unit_cost[c];
          t.acquisitive_n += categories.acquisitive[c];
        }
      }
    }
    std::vector<ScoredPerson>& out = scored[bucket];
    for (uint32_t i = 0; i < size; ++i) {
      const PersonTotals& t = table[i];
      if (t.n > 0) out.push_back({base + i, scale.Key(t.n, last_day - t.latest_day, t.max_gravity), t});
    }
  });

  // Rank by key descending, then person id ascending. When rows are in id order, a counting sort over the key
  // (a few thousand values) visiting rows in order does it in linear time.
  BulkScores scores;
  size_t total = 0;
  for (const std::vector<ScoredPerson>& bucket : scored) total += bucket.size();
  scores.ranked.resize(total);
  const int64_t max_key = scale.max_key();
  if (people.ids_ascending && max_key <= (int64_t{1} << 22)) {
    std::vector<uint32_t> starts(static_cast<size_t>(max_key) + 2, 0);
    for (const std::vector<ScoredPerson>& bucket : scored) {
      for (const ScoredPerson& person : bucket) ++starts[static_cast<size_t>(max_key - person.key) + 1];
    }
    std::partial_sum(starts.begin(), starts.end(), starts.begin());
    for (const std::vector<ScoredPerson>& bucket : scored) {
      for (const ScoredPerson& person : bucket) scores.ranked[starts[static_cast<size_t>(max_key - person.key)]++] = person;
    }
  } else {
    size_t at = 0;
    for (const std::vector<ScoredPerson>& bucket : scored) {
      std::copy(bucket.begin(), bucket.end(), scores.ranked.begin() + static_cast<std::ptrdiff_t>(at));
      at += bucket.size();
    }
    std::sort(scores.ranked.begin(), scores.ranked.end(), [&](const ScoredPerson& a, const ScoredPerson& b) {
      return a.key != b.key ? a.key > b.key : people.id[a.row] < people.id[b.row];
    });
  }
  return scores;
}

}  // namespace openiom
