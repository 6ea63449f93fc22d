#include "analytics/reporting/concentration.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <vector>

namespace openiom {

Concentration OffendingConcentration(std::span<const int64_t> offences_per_person, double top_fraction) {
  Concentration result;
  result.people = static_cast<int64_t>(offences_per_person.size());
  result.offences = std::accumulate(offences_per_person.begin(), offences_per_person.end(), int64_t{0});
  result.people_in_top = static_cast<int64_t>(std::ceil(top_fraction * static_cast<double>(result.people) - 1e-9));
  if (result.people_in_top == 0 || result.offences == 0) return result;
  std::vector<int64_t> counts(offences_per_person.begin(), offences_per_person.end());
  std::nth_element(counts.begin(), counts.begin() + (result.people_in_top - 1), counts.end(), std::greater<>());
  result.offences_by_top = std::accumulate(counts.begin(), counts.begin() + result.people_in_top, int64_t{0});
  result.share = static_cast<double>(result.offences_by_top) / static_cast<double>(result.offences);
  return result;
}

}  // namespace openiom
