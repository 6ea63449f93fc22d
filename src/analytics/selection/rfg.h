// Recency, frequency and gravity (RFG): how recently, how often and how seriously a person has been arrested.
//
// As of day T, with window W days and qualifying event kinds (default: arrests in the last 365 days):
//   n = qualifying events in (T - W, T];  d = days from the latest of them to T;
//   R = 100 (1 - d/W);  F = 100 min(n, cap)/cap;  G = 100 (max gravity - 1)/3;
//   RFG = wR R + wF F + wG G, with the weights in whole per cent summing to 100 (default 30/40/30).
// A person with no qualifying event in the window scores 0. RFG is a ratio of integers, so ranking uses the
// exact integer key (proportional to RFG) and never compares floating-point numbers; see docs/scoring.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/people/event.h"
#include "domain/reference/offence_scoring.h"

namespace openiom {

constexpr uint32_t EventKindBit(EventKind kind) { return 1u << static_cast<int>(kind); }

struct RfgParameters {
  int window_days = 365;
  int frequency_cap = 10;
  int weight_recency = 30;    // per cent
  int weight_frequency = 40;  // per cent
  int weight_gravity = 30;    // per cent
  uint32_t qualifying_kinds = EventKindBit(EventKind::kArrest);

  // InvalidArgument naming the parameter when out of range (window 1-3650 days, cap 1-100, weights 0-100
  // summing to 100, at least one qualifying kind).
  Status Validate() const;
  bool Qualifies(EventKind kind) const { return (qualifying_kinds & EventKindBit(kind)) != 0; }
};

// The integer arithmetic behind RFG for one set of parameters: an exact ranking key and the components in
// hundredths, rounded half up, as printed.
class RfgScale {
 public:
  // REQUIRES: parameters.Validate().ok()
  explicit RfgScale(const RfgParameters& parameters);

  // Exact key proportional to RFG (for the defaults, key = 3 (365 - d) + 146 min(n, 10) + 365 (g - 1), which is
  // RFG x 36.5). REQUIRES: n >= 1, 0 <= d < W, 1 <= g <= 4.
  int64_t Key(int64_t n, int64_t d, int gravity) const {
    return a_ * (window_ - d) + b_ * (n < cap_ ? n : cap_) + c_ * (gravity - 1);
  }
  int64_t max_key() const { return Key(cap_, 0, 4); }

  int64_t RfgCentis(int64_t key) const { return RoundedRatio(100 * key * divisor_, denominator_); }
  int64_t RecencyCentis(int64_t d) const { return RoundedRatio(10000 * (window_ - d), window_); }
  int64_t FrequencyCentis(int64_t n) const { return RoundedRatio(10000 * (n < cap_ ? n : cap_), cap_); }
  int64_t GravityCentis(int gravity) const { return RoundedRatio(10000 * (gravity - 1), 3); }
  // Whether the exact RFG for `key` is at least `centis` hundredths (no rounding: 59.999 is not 60).
  bool AtLeast(int64_t key, int64_t centis) const { return 100 * key * divisor_ >= centis * denominator_; }
  double Rfg(int64_t key) const { return static_cast<double>(key * divisor_) / static_cast<double>(denominator_); }

 private:
  static int64_t RoundedRatio(int64_t numerator, int64_t denominator) {
    return (2 * numerator + denominator) / (2 * denominator);
  }
  int64_t window_, cap_, a_, b_, c_, divisor_, denominator_;
};

// "12.34" from hundredths.
std::string FormatCentis(int64_t centis);

// One event as the scores see it.
struct ScoredEvent {
  EventId id = 0;
  Date date{};
  EventKind kind = EventKind::kArrest;
  std::string category;  // empty when the event has none
};

struct RfgResult {
  int64_t n = 0;                        // qualifying events in the window
  std::optional<Date> latest;           // the latest of them
  int64_t days_since_latest = 0;        // d
  int max_gravity = 0;                  // 0 when n == 0
  int64_t key = 0;                      // 0 when n == 0
  int64_t r_centis = 0, f_centis = 0, g_centis = 0, rfg_centis = 0;
  int64_t harm = 0;  // sum of severity weights over the same events (missing weights count 0)
  int64_t cost = 0;  // sum of Home Office unit costs over the same events (missing costs count 0)
  std::vector<EventId> events;          // the qualifying events, in date order
  bool provisional = false;
  std::vector<std::string> reasons;     // why the result is provisional; empty otherwise
};

// Scores one person's events. Pure: no I/O, the "as of" day is an argument.
RfgResult ScoreRfg(const std::vector<ScoredEvent>& events, Date as_of, const RfgParameters& parameters,
                   const OffenceScoringTable& table);

}  // namespace openiom
