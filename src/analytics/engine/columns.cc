#include "analytics/engine/columns.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace openiom {

SmallCodeIndex::SmallCodeIndex(const std::vector<std::string>& codes) {
  for (size_t i = 0; i < codes.size(); ++i) {
    Slot entry{.length = codes[i].size(), .code = static_cast<int>(i)};
    std::memcpy(entry.words, codes[i].data(), std::min<size_t>(codes[i].size(), 32));
    size_t slot = Hash(entry.words, entry.length);
    while (slots_[slot].code >= 0) slot = (slot + 1) & (kSlots - 1);
    slots_[slot] = entry;
  }
}

Result<CategoryColumns> CategoryColumns::From(const OffenceCategoryCatalogue& catalogue,
                                              const OffenceScoringTable& scoring) {
  std::vector<std::string> codes;
  for (const OffenceCategory& category : catalogue.categories()) {
    if (category.code.empty() || category.code.size() > 32) {
      return Status::InvalidArgument(
          fmt::format("offence category '{}': codes must be 1 to 32 characters to be scored", category.code));
    }
    codes.push_back(category.code);
  }
  if (codes.size() > 200) {
    return Status::InvalidArgument(fmt::format("{} offence categories: at most 200 can be scored", codes.size()));
  }
  CategoryColumns columns{.index = SmallCodeIndex(codes)};
  for (const OffenceCategory& category : catalogue.categories()) {
    const OffenceScoring* figures = scoring.Find(category.code);
    columns.code.push_back(category.code);
    columns.gravity.push_back(static_cast<uint8_t>(figures != nullptr ? figures->gravity : 1));
    columns.severity_weight.push_back(figures != nullptr ? figures->severity_weight.value_or(0) : 0);
    columns.unit_cost.push_back(figures != nullptr ? figures->unit_cost_gbp.value_or(0) : 0);
    columns.acquisitive.push_back(category.acquisitive ? 1 : 0);
    uint8_t flags = 0;
    const FigureStatus weight = figures != nullptr ? figures->severity_status : FigureStatus::kNone;
    const FigureStatus cost = figures != nullptr ? figures->unit_cost_status : FigureStatus::kNone;
    if (weight == FigureStatus::kNone) flags |= kNoSeverityWeight;
    if (weight == FigureStatus::kCheck) flags |= kUnverifiedSeverityWeight;
    if (cost == FigureStatus::kNone) flags |= kNoUnitCost;
    if (cost == FigureStatus::kCheck) flags |= kUnverifiedUnitCost;
    columns.figure_flags.push_back(flags);
  }
  return columns;
}

std::vector<std::string> FigureFlagReasons(uint8_t flags) {
  std::vector<std::string> reasons;
  if (flags & kNoSeverityWeight) reasons.push_back("harm: some events are in categories with no published severity weight (counted as 0)");
  if (flags & kUnverifiedSeverityWeight) reasons.push_back("harm: some severity weights are unverified");
  if (flags & kNoUnitCost) reasons.push_back("cost: some events are in categories with no published unit cost (counted as 0)");
  if (flags & kUnverifiedUnitCost) reasons.push_back("cost: some unit costs are unverified");
  if (flags & kNoOffenceCategory) reasons.push_back("gravity: some events have no offence category (taken as gravity 1)");
  return reasons;
}

const CategoryColumns& CategoryColumns::BuiltIn() {
  static const CategoryColumns kBuiltIn = [] {
    Result<CategoryColumns> columns = From(OffenceCategoryCatalogue::BuiltIn(), OffenceScoringTable::BuiltIn());
    if (!columns.ok()) DieOnBadResultAccess(columns.status());
    return *std::move(columns);
  }();
  return kBuiltIn;
}

const SmallCodeIndex& EventKindIndex() {
  static const SmallCodeIndex kIndex = [] {
    std::vector<std::string> codes;
    for (EventKind kind : kAllEventKinds) {
      codes.resize(std::max(codes.size(), static_cast<size_t>(kind) + 1));
      codes[static_cast<size_t>(kind)] = std::string(EventKindCode(kind));
    }
    return SmallCodeIndex(codes);
  }();
  return kIndex;
}

Result<PersonIdIndex> PersonIdIndex::Build(const std::vector<int64_t>& ids) {
  PersonIdIndex index;
  int64_t max_id = 0;
  bool non_negative = true;
  for (int64_t id : ids) {
    max_id = std::max(max_id, id);
    non_negative = non_negative && id >= 0;
  }
  if (!ids.empty() && ids.size() < (size_t{1} << 32)) {
    bool contiguous = true;
    for (size_t row = 1; row < ids.size() && contiguous; ++row) contiguous = ids[row] == ids[0] + static_cast<int64_t>(row);
    if (contiguous) {
      index.contiguous_ = true;
      index.first_ = ids[0];
      index.count_ = ids.size();
      return index;
    }
  }
  const auto duplicate = [](int64_t id) {
    return Status::InvalidArgument(fmt::format("person_id {} appears twice", id));
  };
  if (non_negative && static_cast<uint64_t>(max_id) <= 4 * ids.size() + 1024) {
    index.dense_.assign(static_cast<size_t>(max_id) + 1, 0);
    for (size_t row = 0; row < ids.size(); ++row) {
      if (index.dense_[ids[row]] != 0) return duplicate(ids[row]);
      index.dense_[ids[row]] = static_cast<uint32_t>(row + 1);
    }
    return index;
  }
  size_t slots = 16;
  while (slots < 2 * ids.size()) slots *= 2;
  index.mask_ = slots - 1;
  index.keys_.assign(slots, 0);
  index.rows_.assign(slots, 0);
  for (size_t row = 0; row < ids.size(); ++row) {
    size_t slot = Mix(ids[row]) & index.mask_;
    while (index.rows_[slot] != 0) {
      if (index.keys_[slot] == ids[row]) return duplicate(ids[row]);
      slot = (slot + 1) & index.mask_;
    }
    index.keys_[slot] = ids[row];
    index.rows_[slot] = static_cast<uint32_t>(row + 1);
  }
  return index;
}

std::optional<int32_t> ParseDayNumber(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return ParseDayNumberAt(text.data());
}

}  // namespace openiom
