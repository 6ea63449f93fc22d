// Writes pseudonymised, realistically skewed persons.csv and events.csv for the "RFG scoring" analytics
// benchmark (bench/peers/), deterministically: the same arguments give byte-identical files on any platform.
// Only the standard library and integer or basic IEEE arithmetic (+ - * /) are used: no <random> distributions
// and no libm functions, whose results differ between standard libraries. Files are written through OpenIOM's
// OutputFile (common/output_file.h), which does no arithmetic on the data.
//
//   openiom_generate_analytics --persons N --events M --seed S --out-dir DIR [--as-of YYYY-MM-DD]
//
// persons.csv: person_id,date_of_birth,gender         person_id 1..N; ~1 % unknown (empty) date of birth
// events.csv:  event_id,person_id,event_date,kind,category,offence_date
//
// Shape of the data:
// - Who offends: person ranks get weight 1/(rank + r0)^2 with r0 = N/50 (a Zipf-like law, the same shape at
//   any N): the top 1 % of people have about a third of all events, the top 5 % about 70 %, and half of the
//   people have less than one event on average at M = 10 N. Ranks are shuffled onto person ids.
// - When: 10 years before the as-of date, more recent more likely (density falls linearly with age); 0.5 %
//   up to 180 days after the as-of date; 0.5 % on the window boundaries (as-of, as-of - 1, as-of - 364,
//   as-of - 365, as-of - 366).
// - What: kind arrest 45 %, charge 15 %, conviction 12 %, caution 5 %, drug_test, custody_start, release,
//   warrant, breach, asb_incident; offence categories (arrest, charge, conviction, caution only) follow
//   national volumes (shoplifting, violence, criminal damage, theft, drugs and public order common; homicide,
//   rape and death by driving rare), and each person has a usual category for half of their offences.
// - offence_date only for convictions (1 week to 18 months earlier) and cautions (up to 4 weeks earlier).
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/output_file.h"

namespace {

// --- Random numbers: splitmix64 to seed, xoshiro256** to draw. ---

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  // Independent streams for one seed: persons, shuffle and events each get their own, so persons.csv does not
  // depend on the number of events.
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t state = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (uint64_t& word : s_) word = SplitMix64(state);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1), 53 bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, bound), bound <= 2^32, without bias: the top 32 bits scaled, rejecting the few
  // draws that would make some results more likely than others.
  uint32_t Below(uint64_t bound) {
    const uint64_t limit = (uint64_t{1} << 32) - (uint64_t{1} << 32) % bound;
    for (;;) {
      const uint64_t draw = Next() >> 32;
      if (draw < limit) return static_cast<uint32_t>(draw % bound);
    }
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// --- Civil dates as days since 1970-01-01 (proleptic Gregorian). ---

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

bool IsLeap(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned DaysInMonth(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// Counts days in 400-year eras (146097 days each), with years starting on 1 March so that the leap day is
// the last day of its year.
int64_t DaysFromCivil(Civil date) {
  const int64_t year = date.month <= 2 ? int64_t{date.year} - 1 : int64_t{date.year};
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;                                       // 0..399
  const int64_t month_from_march = date.month > 2 ? date.month - 3 : date.month + 9;  // 0..11
  const int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;        // 0..365
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Civil CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;  // 0..146096
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // 0..365
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;                                        // 0..11
  const auto day = static_cast<unsigned>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), month, day};
}

std::optional<int64_t> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int part = 0; part < 3; ++part) {
    for (size_t i = starts[part]; i < starts[part] + lengths[part]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[part] = parts[part] * 10 + (text[i] - '0');
    }
  }
  if (parts[0] < 1900 || parts[1] < 1 || parts[1] > 12 || parts[2] < 1) return std::nullopt;
  if (static_cast<unsigned>(parts[2]) > DaysInMonth(parts[0], static_cast<unsigned>(parts[1]))) return std::nullopt;
  return DaysFromCivil({parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2])});
}

// The same month and day `years` earlier; 29 February becomes 28 February in a common year.
int64_t YearsBefore(int64_t days, int years) {
  Civil date = CivilFromDays(days);
  date.year -= years;
  if (date.day > DaysInMonth(date.year, date.month)) date.day = DaysInMonth(date.year, date.month);
  return DaysFromCivil(date);
}

// --- Output. ---

class Writer {
 public:
  explicit Writer(std::FILE* file) : file_(file) { buffer_.reserve(kFlushAt + 4096); }
  ~Writer() = default;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void Text(std::string_view text) { buffer_.append(text); }
  void Char(char c) { buffer_.push_back(c); }
  void Unsigned(uint64_t value) {
    char digits[20];
    int length = 0;
    do {
      digits[length++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (length > 0) buffer_.push_back(digits[--length]);
  }
  void Date(int64_t days) {
    const Civil date = CivilFromDays(days);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", date.year, date.month, date.day);
    buffer_.append(text);
  }
  // Ends a line and writes the buffer out when it is full; false on a write error.
  bool EndLine() {
    buffer_.push_back('\n');
    return buffer_.size() < kFlushAt || Flush();
  }
  bool Flush() {
    const bool ok = std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size();
    buffer_.clear();
    return ok;
  }

 private:
  static constexpr size_t kFlushAt = size_t{1} << 20;
  std::FILE* file_;
  std::string buffer_;
};

// Formatted dates for a range of days, so that the events loop does not format each date again.
class DateTable {
 public:
  DateTable(int64_t first, int64_t last) : first_(first), text_(static_cast<size_t>(last - first + 1) * 10, '0') {
    for (int64_t day = first; day <= last; ++day) {
      const Civil date = CivilFromDays(day);
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", date.year, date.month, date.day);
      std::memcpy(&text_[static_cast<size_t>(day - first) * 10], buffer, 10);
    }
  }
  std::string_view operator[](int64_t day) const { return {&text_[static_cast<size_t>(day - first_) * 10], 10}; }

 private:
  int64_t first_;
  std::string text_;
};

// --- The data's vocabulary and frequencies. ---

struct Weighted {
  const char* name;
  uint32_t weight;
};

// Kinds of event, per 1000.
constexpr Weighted kKinds[] = {
    {"arrest", 450},       {"charge", 150}, {"conviction", 120}, {"caution", 50}, {"drug_test", 50},
    {"custody_start", 40}, {"release", 40}, {"warrant", 30},     {"breach", 40},  {"asb_incident", 30},
};
constexpr int kArrest = 0, kCharge = 1, kConviction = 2, kCaution = 3;

// Offence categories (data/reference/offence_scoring.csv), per 100,000 offences: roughly national recorded
// crime volumes, arrest-weighted (shoplifting and violence high, fraud low).
constexpr Weighted kCategories[] = {
    {"homicide", 20},
    {"death_serious_injury_driving", 30},
    {"violence_with_injury", 11000},
    {"violence_without_injury", 14000},
    {"stalking_harassment", 3500},
    {"rape", 250},
    {"other_sexual", 900},
    {"robbery_personal", 1200},
    {"robbery_business", 250},
    {"burglary_residential", 3000},
    {"burglary_business", 1800},
    {"theft_of_vehicle", 1500},
    {"theft_from_vehicle", 2500},
    {"vehicle_interference", 500},
    {"theft_from_person", 1200},
    {"bicycle_theft", 1300},
    {"shoplifting", 16000},
    {"handling_stolen_goods", 1000},
    {"other_theft", 8000},
    {"arson", 500},
    {"criminal_damage", 9000},
    {"drug_trafficking", 1800},
    {"drug_possession", 7500},
    {"possession_of_weapons", 1800},
    {"public_order", 6000},
    {"misc_against_society", 1000},
    {"fraud", 1800},
    {"motoring", 1500},
    {"other", 1150},
};
constexpr size_t kCategoryCount = std::size(kCategories);

template <size_t Count>
constexpr uint32_t TotalWeight(const Weighted (&items)[Count]) {
  uint32_t total = 0;
  for (const Weighted& item : items) total += item.weight;
  return total;
}
static_assert(TotalWeight(kKinds) == 1000);
static_assert(TotalWeight(kCategories) == 100000);
static_assert(kCategoryCount == 29);

template <size_t Count>
size_t Pick(Rng& rng, const Weighted (&items)[Count], uint32_t total) {
  uint32_t draw = rng.Below(total);
  for (size_t i = 0; i < Count; ++i) {
    if (draw < items[i].weight) return i;
    draw -= items[i].weight;
  }
  return Count - 1;
}

bool IsRareGrave(size_t category) {
  const std::string_view name = kCategories[category].name;
  return name == "homicide" || name == "death_serious_injury_driving" || name == "rape";
}

// Relative weight of each year of age from 14 (index 0) to 85 at the as-of date: an offender age curve that
// rises to a peak at 18-25 and falls slowly; about 0.6 % are over 70.
uint32_t AgeWeight(int age) {
  if (age < 18) return 40 + static_cast<uint32_t>(age - 14) * 15;
  if (age <= 25) return 100;
  if (age <= 35) return 100 - static_cast<uint32_t>(age - 25) * 4;
  if (age <= 50) return 60 - static_cast<uint32_t>(age - 35) * 3;
  if (age <= 70) return 15 - static_cast<uint32_t>(age - 50) * 13 / 20;
  return 1;
}

struct Options {
  uint64_t persons = 0;
  uint64_t events = 0;
  uint64_t seed = 0;
  std::string out_dir;
  int64_t as_of = 0;
};

bool ParseCount(const char* text, uint64_t& value) {
  if (*text < '0' || *text > '9') return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtoull(text, &end, 10);
  return errno == 0 && *end == '\0';
}

std::optional<Options> ParseOptions(int argc, char** argv) {
  Options options;
  options.as_of = *ParseIsoDate("2026-11-30");
  bool have_persons = false, have_events = false, have_seed = false;
  for (int i = 1; i < argc; i += 2) {
    if (i + 1 >= argc) return std::nullopt;
    const std::string_view name = argv[i];
    const char* value = argv[i + 1];
    if (name == "--persons") {
      have_persons = ParseCount(value, options.persons) && options.persons >= 1 && options.persons <= 0xffffffffULL;
      if (!have_persons) return std::nullopt;
    } else if (name == "--events") {
      have_events = ParseCount(value, options.events);
      if (!have_events) return std::nullopt;
    } else if (name == "--seed") {
      have_seed = ParseCount(value, options.seed);
      if (!have_seed) return std::nullopt;
    } else if (name == "--out-dir") {
      options.out_dir = value;
    } else if (name == "--as-of") {
      const std::optional<int64_t> as_of = ParseIsoDate(value);
      if (!as_of) return std::nullopt;
      options.as_of = *as_of;
    } else {
      return std::nullopt;
    }
  }
  if (!have_persons || !have_events || !have_seed || options.out_dir.empty()) return std::nullopt;
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  const auto usage = [&](std::FILE* to) {
    std::fprintf(to,
                 "usage: %s --persons N --events M --seed S --out-dir DIR [--as-of YYYY-MM-DD]\n"
                 "  writes DIR/persons.csv and DIR/events.csv (as-of date defaults to 2026-11-30)\n",
                 argc > 0 ? argv[0] : "openiom_generate_analytics");
  };
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
      usage(stdout);
      return 0;
    }
  }
  const std::optional<Options> parsed = ParseOptions(argc, argv);
  if (!parsed) {
    usage(stderr);
    return 2;
  }
  const Options& options = *parsed;
  const int64_t as_of = options.as_of;
  const uint64_t persons = options.persons;
  std::error_code dir_error;
  std::filesystem::create_directories(options.out_dir, dir_error);
  if (dir_error) {
    std::fprintf(stderr, "cannot create %s: %s\n", options.out_dir.c_str(), dir_error.message().c_str());
    return 1;
  }
  const std::filesystem::path dir(options.out_dir);

  // Persons: date of birth and gender, and each person's usual offence category (not written).
  std::vector<uint8_t> usual_category(persons);
  {
    openiom::Result<openiom::OutputFile> out = openiom::OutputFile::Create((dir / "persons.csv").string());
    if (!out.ok()) {
      std::fprintf(stderr, "%s\n", out.status().message().c_str());
      return 1;
    }
    uint32_t age_total = 0;
    for (int age = 14; age <= 85; ++age) age_total += AgeWeight(age);
    const Civil as_of_civil = CivilFromDays(as_of);
    Rng rng(options.seed, 1);
    Writer writer(out->file());
    writer.Text("person_id,date_of_birth,gender\n");
    bool ok = true;
    for (uint64_t id = 1; id <= persons; ++id) {
      writer.Unsigned(id);
      writer.Char(',');
      const uint32_t kind = rng.Below(1000);
      if (kind < 10) {
        // Unknown date of birth.
      } else if (kind < 14) {
        // Birthdays on the edge of 18 at the as-of date: exactly 18 today, 18 yesterday, 18 tomorrow.
        const int64_t offsets[] = {0, -1, 1};
        writer.Date(YearsBefore(as_of + offsets[rng.Below(3)], 18));
      } else if (kind < 15) {
        // Born on 29 February, aged about 15 to 40.
        int year = as_of_civil.year - 15 - static_cast<int>(rng.Below(25));
        while (!IsLeap(year)) --year;
        writer.Date(DaysFromCivil({year, 2, 29}));
      } else {
        uint32_t draw = rng.Below(age_total);
        int age = 14;
        while (draw >= AgeWeight(age)) draw -= AgeWeight(age++);
        // Average Gregorian year of 365.2425 days, then a day within the year of age.
        const int64_t days_old = static_cast<int64_t>(age) * 3652425 / 10000 + rng.Below(365);
        writer.Date(as_of - days_old);
      }
      const uint32_t gender = rng.Below(1000);
      writer.Text(gender < 800 ? ",M" : gender < 990 ? ",F" : gender < 995 ? ",X" : ",U");
      size_t usual = Pick(rng, kCategories, 100000);
      while (IsRareGrave(usual)) usual = Pick(rng, kCategories, 100000);
      usual_category[id - 1] = static_cast<uint8_t>(usual);
      ok = writer.EndLine() && ok;
    }
    const openiom::Status committed = writer.Flush() && ok ? out->Commit() : openiom::Status::Unavailable("");
    if (!committed.ok()) {
      std::fprintf(stderr, "cannot write %s\n", (dir / "persons.csv").c_str());
      return 1;
    }
  }

  // Which person has which rank of prolificness: a shuffle of the ids.
  std::vector<uint32_t> person_by_rank(persons);
  {
    for (uint64_t i = 0; i < persons; ++i) person_by_rank[i] = static_cast<uint32_t>(i + 1);
    Rng rng(options.seed, 2);
    for (uint64_t i = persons - 1; i > 0; --i) std::swap(person_by_rank[i], person_by_rank[rng.Below(i + 1)]);
  }

  // Events.
  uint64_t arrests = 0, after_as_of = 0;
  {
    openiom::Result<openiom::OutputFile> out = openiom::OutputFile::Create((dir / "events.csv").string());
    if (!out.ok()) {
      std::fprintf(stderr, "%s\n", out.status().message().c_str());
      return 1;
    }
    constexpr int64_t kHistoryDays = 3653, kFutureDays = 180, kMaxOffenceLag = 7 + 540;
    const DateTable dates(as_of - kHistoryDays - kMaxOffenceLag, as_of + kFutureDays);
    const int64_t boundary_days[] = {0, 1, 364, 365, 366};
    // Rank weight 1/(rank + r0)^2, drawn by inverting its cumulative distribution (continuous form):
    // rank = r0 (N + r0) / (N + r0 - u N) - r0 for u uniform in [0, 1).
    const double n = static_cast<double>(persons);
    const double r0 = n / 50 < 1 ? 1 : n / 50;
    const double numerator = r0 * (n + r0);
    const double n_plus_r0 = n + r0;
    Rng rng(options.seed, 3);
    Writer writer(out->file());
    writer.Text("event_id,person_id,event_date,kind,category,offence_date\n");
    bool ok = true;
    for (uint64_t id = 1; id <= options.events; ++id) {
      const double u = rng.Uniform();
      const double denominator = n_plus_r0 - u * n;
      const double rank_real = numerator / denominator - r0;
      uint64_t rank = rank_real <= 0 ? 0 : static_cast<uint64_t>(rank_real);
      if (rank >= persons) rank = persons - 1;
      const uint32_t person = person_by_rank[rank];

      const size_t kind = Pick(rng, kKinds, 1000);
      int64_t days_before;
      const uint32_t when = rng.Below(1000);
      if (when < 5) {
        days_before = -1 - static_cast<int64_t>(rng.Below(kFutureDays));
        ++after_as_of;
      } else if (when < 10) {
        days_before = boundary_days[rng.Below(std::size(boundary_days))];
      } else {
        // The smaller of two uniform draws: density falling linearly from today to ten years ago.
        const uint32_t a = rng.Below(kHistoryDays), b = rng.Below(kHistoryDays);
        days_before = a < b ? a : b;
      }
      const int64_t event_date = as_of - days_before;

      writer.Unsigned(id);
      writer.Char(',');
      writer.Unsigned(person);
      writer.Char(',');
      writer.Text(dates[event_date]);
      writer.Char(',');
      writer.Text(kKinds[kind].name);
      writer.Char(',');
      if (kind == kArrest || kind == kCharge || kind == kConviction || kind == kCaution) {
        const size_t category = rng.Below(2) == 0 ? usual_category[person - 1] : Pick(rng, kCategories, 100000);
        writer.Text(kCategories[category].name);
      }
      writer.Char(',');
      if (kind == kConviction) {
        const uint32_t a = rng.Below(540), b = rng.Below(540);
        writer.Text(dates[event_date - 7 - (a < b ? a : b)]);
      } else if (kind == kCaution) {
        writer.Text(dates[event_date - rng.Below(29)]);
      }
      if (kind == kArrest) ++arrests;
      ok = writer.EndLine() && ok;
    }
    const openiom::Status committed = writer.Flush() && ok ? out->Commit() : openiom::Status::Unavailable("");
    if (!committed.ok()) {
      std::fprintf(stderr, "cannot write %s\n", (dir / "events.csv").c_str());
      return 1;
    }
  }

  std::error_code size_error;
  const auto persons_bytes = std::filesystem::file_size(dir / "persons.csv", size_error);
  const auto events_bytes = std::filesystem::file_size(dir / "events.csv", size_error);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char as_of_text[16];
  {
    const Civil date = CivilFromDays(as_of);
    std::snprintf(as_of_text, sizeof as_of_text, "%04d-%02u-%02u", date.year, date.month, date.day);
  }
  std::printf("%llu persons (%.1f MB), %llu events (%.1f MB; %llu arrests, %llu after %s), seed %llu, in %s: %.2f s\n",
              static_cast<unsigned long long>(persons), static_cast<double>(persons_bytes) / 1e6,
              static_cast<unsigned long long>(options.events), static_cast<double>(events_bytes) / 1e6,
              static_cast<unsigned long long>(arrests), static_cast<unsigned long long>(after_as_of), as_of_text,
              static_cast<unsigned long long>(options.seed), options.out_dir.c_str(), seconds);
  return 0;
}
