#include "analytics/selection/ogrs3.h"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace openiom {
namespace {

__extension__ typedef unsigned __int128 Uint128;  // GCC and Clang; wide enough for 2^53 x 10^7

struct AgeGenderRow {
  int from_age;
  double male;
  double female;
  bool female_sign_unverified;
};

// reference-data.md section 5; rows apply from `from_age` up to the next row's age. The female 10-15 values are
// the Ministry of Justice's (positive); other published implementations give them negative, so they are marked.
constexpr AgeGenderRow kAgeGender[] = {
    {10, 0, 0.785, true},          {12, 0.08392, 0.61385, true}, {14, 0.07578, 0.66952, true},
    {16, -0.0616, -0.9592, false}, {18, -0.6251, -0.8975, false}, {21, -1.0515, -1.0285, false},
    {25, -1.1667, -1.0528, false}, {30, -1.326, -1.1291, false},  {35, -1.368, -1.4219, false},
    {40, -1.4997, -1.5247, false}, {50, -2.0253, -2.4498, false},
};

// The Ministry of Justice's implementation writes the logistic as e^z / (1 + e^z); the same form here keeps the
// last bit of the probability, and so the rare input at a rounding edge, identical.
double Logistic(double x) {
  const double e = std::exp(x);
  return e / (1.0 + e);
}

int Percent(double probability) {
  const int64_t percent = RoundHalfUpExact(RoundToFiveDecimals(probability), 0, 2);
  return percent < 1 ? 1 : (percent > 99 ? 99 : static_cast<int>(percent));
}

}  // namespace

int64_t RoundHalfUpExact(double value, int places, int scale_first) {
  // value = mantissa * 2^exponent exactly; value * 10^(scale_first + places + 1) is then computed without
  // rounding in 128-bit integers, so the digit after the last kept one is the true one (as BigDecimal(double)
  // sees it), not one disturbed by a floating-point multiplication.
  const bool negative = std::signbit(value);
  int exponent = 0;
  const double fraction = std::frexp(std::fabs(value), &exponent);
  const auto mantissa = static_cast<Uint128>(std::ldexp(fraction, 53));
  exponent -= 53;
  Uint128 scaled = mantissa;
  for (int i = 0; i < scale_first + places + 1; ++i) scaled *= 10;
  if (exponent >= 0) {
    scaled <<= exponent;
  } else {
    scaled = -exponent >= 128 ? 0 : scaled >> -exponent;
  }
  const auto kept = static_cast<int64_t>(scaled / 10) + (scaled % 10 >= 5 ? 1 : 0);
  return negative ? -kept : kept;
}

double RoundToFiveDecimals(double value) {
  // The nearest double to the rounded decimal, as BigDecimal.toDouble gives.
  return static_cast<double>(RoundHalfUpExact(value, 5, 0)) / 100000.0;
}

std::string_view Ogrs3BandLabel(Ogrs3Band band) {
  switch (band) {
    case Ogrs3Band::kLow: return "Low";
    case Ogrs3Band::kMedium: return "Medium";
    case Ogrs3Band::kHigh: return "High";
    case Ogrs3Band::kVeryHigh: return "Very high";
  }
  return "Low";
}

Ogrs3Band Ogrs3BandFor(int two_year_percent) {
  if (two_year_percent >= 90) return Ogrs3Band::kVeryHigh;
  if (two_year_percent >= 75) return Ogrs3Band::kHigh;
  if (two_year_percent >= 50) return Ogrs3Band::kMedium;
  return Ogrs3Band::kLow;
}

Result<Ogrs3Result> ScoreOgrs3(const Ogrs3Inputs& in) {
  if (in.sex != 'M' && in.sex != 'F') {
    return Status::Invalid("sex", "OGRS3 has parameters for male and female only");
  }
  if (in.sanctions < 1) return Status::Invalid("sanctions", "must be at least 1 (the current one)");
  if (in.follow_up_start < in.conviction_date) {
    return Status::Invalid("follow_up_start", "must not be before the conviction date");
  }
  Ogrs3Result result;
  result.age_at_conviction = AgeOn(in.date_of_birth, in.conviction_date);
  result.age_at_follow_up = AgeOn(in.date_of_birth, in.follow_up_start);
  if (result.age_at_follow_up < 10) {
    return Status::InvalidArgument(
        fmt::format("date_of_birth: age {} at the start of follow-up is under 10", result.age_at_follow_up));
  }
  if (in.age_at_first_sanction > result.age_at_conviction) {
    return Status::Invalid("age_at_first_sanction", fmt::format("{} is after the age at conviction ({})",
                                               in.age_at_first_sanction, result.age_at_conviction));
  }
  const int span = 10 + result.age_at_conviction - in.age_at_first_sanction;
  if (span <= 0) return Status::Invalid("age_at_first_sanction", "the Copas rate is undefined");

  const AgeGenderRow* row = &kAgeGender[0];
  for (const AgeGenderRow& candidate : kAgeGender) {
    if (result.age_at_follow_up >= candidate.from_age) row = &candidate;
  }
  result.age_gender_parameter = in.sex == 'M' ? row->male : row->female;
  if (in.sex == 'F' && row->female_sign_unverified) {
    result.reasons.push_back(fmt::format(
        "the female age parameter for age {} has the Ministry of Justice's sign, which other published "
        "implementations reverse (unverified)",
        result.age_at_follow_up));
  }
  // Rounded to five decimals, as the Ministry of Justice's implementation does before multiplying.
  result.copas_rate = RoundToFiveDecimals(std::log(static_cast<double>(in.sanctions) / span));
  result.linear_predictor = result.age_gender_parameter + (in.sanctions == 1 ? 0.12614 : 0.46306) +
                            1.25112 * result.copas_rate + in.offence_parameter;
  result.one_year_probability = Logistic(result.linear_predictor + 1.40256);
  result.two_year_probability = Logistic(result.linear_predictor + 2.1217);
  result.one_year_percent = Percent(result.one_year_probability);
  result.two_year_percent = Percent(result.two_year_probability);
  result.band = Ogrs3BandFor(result.two_year_percent);
  result.provisional = !result.reasons.empty();
  return result;
}

}  // namespace openiom
