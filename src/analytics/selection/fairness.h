// The fairness check: are some groups proposed or selected for the cohort more often than others? For each
// group of a dimension (gender, age band, ethnicity, district): how many were scored, how many the rules
// proposed and how many the panel selected, their rates, and each rate as a ratio to the whole scored
// population's rate (1.00 = proportionate; 1.25 or 0.80 and beyond deserve a look).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openiom {

struct FairnessInput {
  std::string group;
  bool candidate = false;
  bool selected = false;
};

struct GroupRates {
  std::string group;
  int64_t scored = 0, candidates = 0, selected = 0;
  double candidate_rate = 0, selection_rate = 0;  // of the group's scored people
  std::optional<double> candidate_ratio;          // candidate_rate / overall rate; nullopt when the overall is 0
  std::optional<double> selection_ratio;
  bool candidate_flag = false, selection_flag = false;  // Disproportionate(), for groups other than "All"
};

// Whether a group's rate part/group is at least 1.25 times, or at most 0.80 times, the overall rate
// total_part/total, compared exactly in integers; false for groups of fewer than `min_group` people (they vary
// too much by chance) or when the overall rate is 0.
bool Disproportionate(int64_t part, int64_t group, int64_t total_part, int64_t total, int64_t min_group = 20);

// Groups in name order, then a final "All" row (whose ratios are 1 when defined).
std::vector<GroupRates> CompareGroups(const std::vector<FairnessInput>& people);

// "10-17", "18-24", "25-34", "35-49", "50 and over", or "Not known" (also for ages under 10).
std::string AgeBand(std::optional<int> age);

}  // namespace openiom
