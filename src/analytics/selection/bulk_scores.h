// Scores everyone at once on the columnar tables: RFG, harm and cost per person, and the counts the nomination
// rules use. Pure computation: the tables and the "as of" day come in, the ranked totals go out.
//
// Two passes, both on every core: the first scans the event columns and sends each qualifying event to a bucket
// of 16,384 people; the second adds up each bucket in a table small enough to stay in the core's cache, so the
// random per-person updates never miss to memory.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/engine/columns.h"
#include "analytics/selection/rfg.h"

namespace openiom {

struct PersonTotals {
  int32_t n = 0;              // qualifying events in the window
  int32_t latest_day = INT32_MIN;  // day number of the latest of them (valid when n > 0)
  int32_t acquisitive_n = 0;  // those in acquisitive categories
  uint8_t max_gravity = 0;    // 1-4 (0 when n == 0); an event without a category counts as gravity 1
  uint8_t flags = 0;          // FigureFlag bits: why harm, cost or gravity is provisional
  int64_t harm = 0;
  int64_t cost = 0;
};

struct ScoredPerson {
  uint32_t row = 0;  // in PersonColumns
  int64_t key = 0;   // RfgScale key
  PersonTotals totals;
};

struct BulkScores {
  // Everyone with n >= 1, by RFG key descending, then person id ascending.
  std::vector<ScoredPerson> ranked;
};

// `threads` <= 1 runs on the calling thread.
BulkScores ScoreEveryone(const EventColumns& events, const PersonColumns& people, const CategoryColumns& categories,
                         const RfgParameters& parameters, Date as_of, int threads);

// The number of worker threads to use: the machine's cores, at most 8.
int AnalyticsThreads();

}  // namespace openiom
