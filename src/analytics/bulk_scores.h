// Scores everyone at once on the columnar tables: RFG, harm and cost per person, and the counts the nomination
// rules use. Both cores share the events; each thread adds into its own per-person totals, which are then
// merged. Pure computation: the tables and the "as of" day come in, the totals go out.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/columns.h"
#include "analytics/rfg.h"

namespace openiom {

struct PersonTotals {
  int32_t n = 0;              // qualifying events in the window
  int32_t latest_day = 0;     // day number of the latest of them (valid when n > 0)
  int32_t acquisitive_n = 0;  // those in acquisitive categories
  uint8_t max_gravity = 0;    // 1-4 (0 when n == 0); an event without a category counts as gravity 1
  int64_t harm = 0;
  int64_t cost = 0;
};

struct BulkScores {
  std::vector<PersonTotals> totals;  // one per row of PersonColumns
  std::vector<uint32_t> ranked;      // rows with n >= 1, by RFG key descending, then person id ascending
};

// `threads` <= 1 runs on the calling thread.
BulkScores ScoreEveryone(const EventColumns& events, const PersonColumns& people, const CategoryColumns& categories,
                         const RfgParameters& parameters, Date as_of, int threads);

// The number of worker threads to use: the machine's cores, at most 8.
int AnalyticsThreads();

}  // namespace openiom
