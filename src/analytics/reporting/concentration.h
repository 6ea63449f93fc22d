// How concentrated offending is: the share of all offences committed by the most prolific people.
// IOM starts from the observation that a few per cent of offenders commit a large share of crime.
#pragma once

#include <cstdint>
#include <span>

namespace openiom {

struct Concentration {
  int64_t people = 0;           // people counted (including those with no offences)
  int64_t offences = 0;         // total offences
  int64_t people_in_top = 0;    // ceil(top_fraction * people)
  int64_t offences_by_top = 0;  // offences by the people_in_top most prolific people
  double share = 0;             // offences_by_top / offences (0 when there are no offences)
};

// REQUIRES: 0 < top_fraction <= 1; counts are non-negative.
Concentration OffendingConcentration(std::span<const int64_t> offences_per_person, double top_fraction);

}  // namespace openiom
