// The columnar analytics engine's tables: people and events as struct-of-arrays, with categories and kinds as
// one-byte codes, people as 32-bit indexes and dates as day numbers. No strings and no heap allocation per
// event; tens of millions of events fit in about 10 bytes each. Built from the database (services) or straight
// from pseudonymised CSV files (columnar_csv.h).
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/people/event.h"
#include "domain/reference/offence_scoring.h"
#include "domain/reference/reference_data.h"

namespace openiom {

inline constexpr int32_t kUnknownDay = INT32_MIN;
inline constexpr uint8_t kNoCategory = 255;

// Finds one of a few dozen short codes (at most 32 bytes) in a few nanoseconds: codes are compared as four
// 64-bit words, found by open addressing on a hash of their length and first 16 bytes.
class SmallCodeIndex {
 public:
  // REQUIRES: fewer than 200 distinct codes, none longer than 32 bytes.
  explicit SmallCodeIndex(const std::vector<std::string>& codes);
  // The code's position in the constructor's list, or -1.
  int Find(std::string_view code) const {
    if (code.empty() || code.size() > 32) return -1;
    char padded[32] = {};
    std::memcpy(padded, code.data(), code.size());
    return FindPadded(padded, code.size());
  }
  // Find for a code at `text` of `length` bytes where 32 bytes from `text` may be read (the loaders' buffers
  // are padded): no copy.
  int FindPadded(const char* text, size_t length) const {
    if (length == 0 || length > 32) return -1;
    uint64_t words[4];
    std::memcpy(words, text, 32);
    for (size_t i = 0; i < 4; ++i) {
      const size_t valid = length > 8 * i ? length - 8 * i : 0;
      words[i] &= valid >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * valid)) - 1;
    }
    for (size_t slot = Hash(words, length);; slot = (slot + 1) & (kSlots - 1)) {
      const Slot& entry = slots_[slot];
      if (entry.code < 0) return -1;
      if (entry.length == length && entry.words[0] == words[0] && entry.words[1] == words[1] &&
          entry.words[2] == words[2] && entry.words[3] == words[3]) {
        return entry.code;
      }
    }
  }

 private:
  static constexpr size_t kSlots = 512;
  static size_t Hash(const uint64_t* words, size_t length) {
    const uint64_t mixed = (words[0] * 0x9E3779B97F4A7C15ull) ^ (words[1] * 0xC2B2AE3D27D4EB4Full) ^ length;
    return static_cast<size_t>(mixed >> 55) & (kSlots - 1);
  }
  struct Slot {
    uint64_t words[4] = {};
    size_t length = 0;
    int code = -1;
  };
  Slot slots_[kSlots];
};

// Why a total is provisional: bits set in PersonTotals::flags by the events that went into it.
enum FigureFlag : uint8_t {
  kNoSeverityWeight = 1,      // a category with no published severity weight (counted as 0 in harm)
  kUnverifiedSeverityWeight = 2,
  kNoUnitCost = 4,            // a category with no published unit cost (counted as 0 in cost)
  kUnverifiedUnitCost = 8,
  kNoOffenceCategory = 16,    // an event without a category (taken as gravity 1)
};
// One sentence per flag set, in the order above.
std::vector<std::string> FigureFlagReasons(uint8_t flags);

// Offence categories as one-byte codes with the figures the scores need.
struct CategoryColumns {
  std::vector<std::string> code;
  std::vector<uint8_t> gravity;
  std::vector<int64_t> severity_weight;  // 0 when there is no published figure
  std::vector<int64_t> unit_cost;        // 0 when there is no published figure
  std::vector<uint8_t> acquisitive;
  std::vector<uint8_t> figure_flags;  // FigureFlag bits for the category's weight and cost
  SmallCodeIndex index;

  // InvalidArgument when the catalogue cannot be coded in a byte (more than 200 categories, or a code longer
  // than 32 bytes): a local catalogue may differ from the built-in one.
  static Result<CategoryColumns> From(const OffenceCategoryCatalogue& catalogue, const OffenceScoringTable& scoring);
  // The built-in catalogue and figures.
  static const CategoryColumns& BuiltIn();
  // The category's one-byte code, or kNoCategory.
  uint8_t Find(std::string_view category) const {
    const int found = index.Find(category);
    return found < 0 ? kNoCategory : static_cast<uint8_t>(found);
  }
  // Find for text with 32 readable bytes (see SmallCodeIndex::FindPadded).
  uint8_t FindPadded(const char* text, size_t length) const {
    const int found = index.FindPadded(text, length);
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
    if (contiguous_) {
      // Ids first, first + 1, ... in row order (the usual pseudonymised extract): no memory to look up.
      const uint64_t row = static_cast<uint64_t>(id - first_);
      return row < count_ ? static_cast<int64_t>(row) : -1;
    }
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
  bool contiguous_ = false;
  int64_t first_ = 0;
  uint64_t count_ = 0;
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
  [[gnu::always_inline]] void Append(uint32_t p, int32_t d, uint8_t k, uint8_t c) {
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

// Parses exactly "YYYY-MM-DD" (a real date, years 1800-9999) into a day number; nullopt otherwise. Inline and
// table-driven: the loaders call it for every event.
std::optional<int32_t> ParseDayNumber(std::string_view text);

namespace internal {
// Day number of 1 January for years 1800-2199, and of the first of each month in a common year.
struct DayTables {
  int32_t year_start[400];
  int16_t month_start[13];
  constexpr DayTables() : year_start(), month_start() {
    for (int y = 0; y < 400; ++y) year_start[y] = DayNumber(1800 + y, 1, 1);
    constexpr int16_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    month_start[1] = 0;
    for (int m = 1; m < 12; ++m) month_start[m + 1] = static_cast<int16_t>(month_start[m] + kDays[m - 1]);
  }
};
inline constexpr DayTables kDayTables{};
}  // namespace internal

// ParseDayNumber for a pointer to at least 10 readable bytes.
[[gnu::always_inline]] inline std::optional<int32_t> ParseDayNumberAt(const char* t) {
  const auto digit = [&](int i) { return static_cast<unsigned>(static_cast<unsigned char>(t[i]) - '0'); };
  const unsigned d0 = digit(0), d1 = digit(1), d2 = digit(2), d3 = digit(3), m0 = digit(5), m1 = digit(6),
                 a0 = digit(8), a1 = digit(9);
  if (d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || m0 > 9 || m1 > 9 || a0 > 9 || a1 > 9 || t[4] != '-' || t[7] != '-') {
    return std::nullopt;
  }
  const int year = static_cast<int>(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
  const unsigned month = m0 * 10 + m1, day = a0 * 10 + a1;
  if (year < 1800 || month - 1 > 11 || day == 0) return std::nullopt;
  static constexpr uint8_t kMonthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kMonthDays[month - 1]) return std::nullopt;
  if (year >= 2199) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return std::nullopt;
    return DayNumber(year, month, day);
  }
  const int32_t* starts = internal::kDayTables.year_start + (year - 1800);
  const bool leap = starts[1] - starts[0] == 366;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  return starts[0] + internal::kDayTables.month_start[month] + (month > 2 && leap ? 1 : 0) +
         static_cast<int32_t>(day) - 1;
}

}  // namespace openiom
