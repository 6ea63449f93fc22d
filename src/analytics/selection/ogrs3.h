// OGRS3, the Offender Group Reconviction Scale version 3 (Howard, Francis, Soothill & Humphreys 2009, MoJ
// Research Summary 7/09), as in reference-data.md section 5: the probability of proven reoffending within one
// and two years from age, sex, criminal-history length and current offence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace openiom {

enum class Ogrs3Band { kLow, kMedium, kHigh, kVeryHigh };
std::string_view Ogrs3BandLabel(Ogrs3Band band);  // "Low", "Medium", "High", "Very high"
// Bands on the two-year percentage: Low 0-49, Medium 50-74, High 75-89, Very high 90+.
Ogrs3Band Ogrs3BandFor(int two_year_percent);

// value × 10^scale_first rounded half up (away from zero at exactly half) to `places` decimals, returned as a
// whole number of 10^-places: exactly what Java's BigDecimal(value).movePointRight(scale_first).setScale(places,
// HALF_UP) gives, i.e. on the double's exact binary value. |value| × 10^(scale_first + places) must be below 2^62.
int64_t RoundHalfUpExact(double value, int places, int scale_first);
// RoundHalfUpExact(value, 5, 0) as the nearest double: the Ministry of Justice's roundTo5Decimals.
double RoundToFiveDecimals(double value);

struct Ogrs3Inputs {
  Date date_of_birth{};
  char sex = 'M';              // 'M' or 'F'
  Date conviction_date{};      // the current conviction
  Date follow_up_start{};      // release from custody, or the conviction date for a community sentence
  int sanctions = 1;           // S, including the current one
  int age_at_first_sanction = 0;
  double offence_parameter = 0;  // for the current offence's OGRS3 offence group
};

struct Ogrs3Result {
  int age_at_conviction = 0;
  int age_at_follow_up = 0;
  double age_gender_parameter = 0;
  double copas_rate = 0;              // ln(S / span), rounded half up to five decimals
  double linear_predictor = 0;  // x
  double one_year_probability = 0;    // unrounded logistic
  double two_year_probability = 0;
  // As the Ministry of Justice computes them: the probability rounded half up to five decimals, then that
  // decimal's percentage rounded half up to a whole number, clamped to 1-99.
  int one_year_percent = 0;
  int two_year_percent = 0;
  Ogrs3Band band = Ogrs3Band::kLow;
  bool provisional = false;
  std::vector<std::string> reasons;  // why provisional (e.g. a parameter whose sign is unverified)
};

// InvalidArgument naming the input when it cannot be scored: sex not M/F, fewer than 1 sanction, age under 10
// at follow-up, first sanction after the current conviction, or 10 + age at conviction - age at first <= 0.
Result<Ogrs3Result> ScoreOgrs3(const Ogrs3Inputs& inputs);

}  // namespace openiom
