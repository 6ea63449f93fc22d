#include "analytics/selection/fairness.h"

#include <map>

namespace openiom {

std::vector<GroupRates> CompareGroups(const std::vector<FairnessInput>& people) {
  std::map<std::string, GroupRates> groups;
  GroupRates all{.group = "All"};
  for (const FairnessInput& person : people) {
    GroupRates& group = groups[person.group];
    group.group = person.group;
    for (GroupRates* counts : {&group, &all}) {
      ++counts->scored;
      counts->candidates += person.candidate ? 1 : 0;
      counts->selected += person.selected ? 1 : 0;
    }
  }
  std::vector<GroupRates> rates;
  for (auto& [name, group] : groups) rates.push_back(group);
  rates.push_back(all);
  const auto rate = [](int64_t part, int64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
  };
  const double overall_candidates = rate(all.candidates, all.scored);
  const double overall_selected = rate(all.selected, all.scored);
  for (GroupRates& group : rates) {
    group.candidate_rate = rate(group.candidates, group.scored);
    group.selection_rate = rate(group.selected, group.scored);
    if (overall_candidates > 0) group.candidate_ratio = group.candidate_rate / overall_candidates;
    if (overall_selected > 0) group.selection_ratio = group.selection_rate / overall_selected;
    if (&group != &rates.back()) {
      group.candidate_flag = Disproportionate(group.candidates, group.scored, all.candidates, all.scored);
      group.selection_flag = Disproportionate(group.selected, group.scored, all.selected, all.scored);
    }
  }
  return rates;
}

bool Disproportionate(int64_t part, int64_t group, int64_t total_part, int64_t total, int64_t min_group) {
  if (group < min_group || total_part == 0 || total == 0) return false;
  // (part / group) / (total_part / total) >= 5/4  <=>  4 part total >= 5 group total_part; <= 4/5 likewise.
  // Counts of people: products stay far below 2^63 for populations under a few hundred million.
  const int64_t ours = part * total, overall = group * total_part;
  return 4 * ours >= 5 * overall || 5 * ours <= 4 * overall;
}

std::string AgeBand(std::optional<int> age) {
  if (!age || *age < 10) return "Not known";
  if (*age <= 17) return "10-17";
  if (*age <= 24) return "18-24";
  if (*age <= 34) return "25-34";
  if (*age <= 49) return "35-49";
  return "50 and over";
}

}  // namespace openiom
