// The columnar analytics engine's tables: people and events as struct-of-arrays, with categories and kinds as
// one-byte codes, people as 32-bit indexes and dates as day numbers. No strings and no heap allocation per
// event; tens of millions of events fit in about 10 bytes each. Built from the database (services) or straight
// from pseudonymised CSV files (columnar_csv.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/event.h"
#include "domain/offence_scoring.h"
#include "domain/reference_data.h"

namespace openiom {

inline constexpr int32_t kUnknownDay = INT32_MIN;
inline constexpr uint8_t kNoCategory = 255;

// Finds one of a few dozen short codes in a few nanoseconds (open addressing on length and end characters).
class SmallCodeIndex {
 public:
  // REQUIRES: fewer than 200 distinct codes, none longer than 48 bytes.
  explicit SmallCodeIndex(const std::vector<std::string>& codes);
  // The code's position in the constructor's list, or -1.
  int Find(std::string_view code) const {
    if (code.empty() || code.size() > 48) return -1;
    for (size_t slot = Hash(code);; slot = (slot + 1) & (kSlots - 1)) {
      const int16_t entry = slots_[slot];
      if (entry < 0) return -1;
      if (codes_[entry] == code) return entry;
    }
  }

 private:
  static constexpr size_t kSlots = 512;
  static size_t Hash(std::string_view code) {
    const auto byte = [&](size_t i) { return static_cast<size_t>(static_cast<unsigned char>(code[i])); };
    const size_t n = code.size();
    return (n * 131 + byte(0) * 31 + byte(n / 2) * 17 + byte(n - 1) * 7 + (n > 1 ? byte(n - 2) : 0) * 3) &
           (kSlots - 1);
  }
  std::vector<std::string> codes_;
  int16_t slots_[kSlots];
};

// Offence categories as one-byte codes with the figures the scores need.
struct CategoryColumns {
  std::vector<std::string> code;
  std::vector<uint8_t> gravity;
  std::vector<int64_t> severity_weight;  // 0 when there is no published figure
  std::vector<int64_t> unit_cost;        // 0 when there is no published figure
  std::vector<uint8_t> acquisitive;
  SmallCodeIndex index;

  static CategoryColumns From(const OffenceCategoryCatalogue& catalogue, const OffenceScoringTable& scoring);
  // The category's one-byte code, or kNoCategory.
  uint8_t Find(std::string_view category) const {
    const int found = index.Find(category);
    return found < 0 ? kNoCategory : static_cast<uint8_t>(found);
  }
};

// Event kinds as one-byte codes (the EventKind's value).
const SmallCodeIndex& EventKindIndex();

struct PersonColumns {
  std::vector<int64_t> id;
  std::vector<int32_t> birth_day;  // day number, or kUnknownDay
  std::vector<char> gender;        // 'M', 'F', 'X' or 'U'
  bool ids_ascending = true;       // whether id[] is in ascending order

  size_t size() const { return id.size(); }
  void Append(int64_t person_id, int32_t birth, char sex) {
    if (!id.empty() && person_id <= id.back()) ids_ascending = false;
    id.push_back(person_id);
    birth_day.push_back(birth);
    gender.push_back(sex);
  }
};

// Maps a person id to its row in PersonColumns: a direct array when ids are dense, a hash table otherwise.
class PersonIdIndex {
 public:
  // Fails with InvalidArgument naming the first id that appears twice (as "person_id N appears twice").
  static Result<PersonIdIndex> Build(const std::vector<int64_t>& ids);
  // The row, or -1.
  int64_t Find(int64_t id) const {
    if (!dense_.empty()) {
      return id >= 0 && static_cast<uint64_t>(id) < dense_.size() ? static_cast<int64_t>(dense_[id]) - 1 : -1;
    }
    if (keys_.empty()) return -1;
    for (size_t slot = Mix(id) & mask_;; slot = (slot + 1) & mask_) {
      if (rows_[slot] == 0) return -1;
      if (keys_[slot] == id) return static_cast<int64_t>(rows_[slot]) - 1;
    }
  }

 private:
  static size_t Mix(int64_t id) {
    uint64_t x = static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(x ^ (x >> 29));
  }
  std::vector<uint32_t> dense_;  // id -> row + 1 (0 = absent)
  std::vector<int64_t> keys_;
  std::vector<uint32_t> rows_;   // row + 1 (0 = empty slot)
  size_t mask_ = 0;
};

// One block of events, as one loader thread or one database page produced them.
struct EventBlock {
  std::vector<uint32_t> person;  // row in PersonColumns
  std::vector<int32_t> day;      // event date, day number
  std::vector<uint8_t> kind;     // EventKind
  std::vector<uint8_t> category; // CategoryColumns code, or kNoCategory

  size_t size() const { return day.size(); }
  void Reserve(size_t n) {
    person.reserve(n);
    day.reserve(n);
    kind.reserve(n);
    category.reserve(n);
  }
  void Append(uint32_t p, int32_t d, uint8_t k, uint8_t c) {
    person.push_back(p);
    day.push_back(d);
    kind.push_back(k);
    category.push_back(c);
  }
};

struct EventColumns {
  std::vector<EventBlock> blocks;
  size_t size() const {
    size_t total = 0;
    for (const EventBlock& block : blocks) total += block.size();
    return total;
  }
};

// Day number (days since 1970-01-01) of a valid civil date.
constexpr int32_t DayNumber(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

// Parses exactly "YYYY-MM-DD" (a real date, years 1800-9999) into a day number; nullopt otherwise.
std::optional<int32_t> ParseDayNumber(std::string_view text);

}  // namespace openiom
