// OGRS3, the Offender Group Reconviction Scale version 3 (Howard, Francis, Soothill & Humphreys 2009, MoJ
// Research Summary 7/09), as in reference-data.md section 5: the probability of proven reoffending within one
// and two years from age, sex, criminal-history length and current offence.
#pragma once

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
  double copas_rate = 0;
  double linear_predictor = 0;  // x
  double one_year_probability = 0;
  double two_year_probability = 0;
  int one_year_percent = 0;  // rounded half up, clamped to 1-99
  int two_year_percent = 0;
  Ogrs3Band band = Ogrs3Band::kLow;
  bool provisional = false;
  std::vector<std::string> reasons;  // why provisional (e.g. a parameter whose sign is unverified)
};

// InvalidArgument naming the input when it cannot be scored: sex not M/F, fewer than 1 sanction, age under 10
// at follow-up, first sanction after the current conviction, or 10 + age at conviction - age at first <= 0.
Result<Ogrs3Result> ScoreOgrs3(const Ogrs3Inputs& inputs);

}  // namespace openiom
