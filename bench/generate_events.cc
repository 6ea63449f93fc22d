// Writes a valid events CSV (docs/formats/events.md) of any size, deterministically for a seed, for import
// benchmarks. People get valid PNC IDs; offending is skewed (a few people have many rows).
//
//   openiom_generate_events --rows 1000000 --people 200000 --seed 1 > events.csv
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "common/date.h"
#include "domain/people/identifier.h"

namespace {

uint64_t Next(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double Uniform(uint64_t& state) { return static_cast<double>(Next(state) >> 11) * 0x1.0p-53; }

constexpr const char* kCategories[] = {"shoplifting",     "violence_without_injury", "violence_with_injury",
                                       "burglary_residential", "criminal_damage", "drug_possession",
                                       "public_order",    "other_theft",             "theft_from_vehicle",
                                       "fraud"};
constexpr const char* kKinds[] = {"arrest", "arrest", "arrest", "charge", "conviction", "caution"};

void PrintUsage(std::FILE* to, const char* program) {
  std::fprintf(to,
               "usage: %s [--rows N] [--people N] [--seed S]\n"
               "  writes an events CSV of N rows (default 1000000) for N people (default 200000) to standard output\n",
               program);
}

// A whole decimal number, or nullopt.
std::optional<long long> ParseWhole(const char* text) {
  if (*text < '0' || *text > '9') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text, &end, 10);
  if (errno != 0 || *end != '\0') return std::nullopt;
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  const char* program = argc > 0 ? argv[0] : "openiom_generate_events";
  long long rows = 1'000'000, people = 200'000;
  uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    // --help anywhere answers before anything is written: without it, a lone --help used to be ignored and a
    // million rows written.
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      PrintUsage(stdout, program);
      return 0;
    }
  }
  for (int i = 1; i < argc; i += 2) {
    const std::optional<long long> value = i + 1 < argc ? ParseWhole(argv[i + 1]) : std::nullopt;
    if (value && *value >= 1 && !std::strcmp(argv[i], "--rows")) {
      rows = *value;
    } else if (value && *value >= 1 && !std::strcmp(argv[i], "--people")) {
      people = *value;
    } else if (value && !std::strcmp(argv[i], "--seed")) {
      seed = static_cast<uint64_t>(*value);
    } else {
      PrintUsage(stderr, program);
      return 1;
    }
  }
  const openiom::Date as_of = *openiom::ParseIsoDate("2026-01-01");
  std::string out = "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,"
                    "offence_date,outcome,latitude,longitude,lsoa_code\n";
  uint64_t state = seed;
  for (long long row = 0; row < rows; ++row) {
    // Skewed: squaring a uniform draw sends most rows to low-numbered (prolific) people.
    const double draw = Uniform(state);
    const long long person = static_cast<long long>(draw * draw * static_cast<double>(people));
    uint64_t person_state = seed * 1000003 + static_cast<uint64_t>(person);
    const int birth_offset = 18 * 365 + static_cast<int>(Next(person_state) % (40 * 365));
    const openiom::Date birth = as_of - std::chrono::days{birth_offset};
    const int pnc_year = 2000 + static_cast<int>(Next(person_state) % 25);
    const long long serial = static_cast<long long>(person % 9'999'999) + 1;
    const std::string pnc = fmt::format("{}/{:07d}{}", pnc_year, serial,
                                        openiom::PoliceCheckLetter((pnc_year % 100) * 10'000'000LL + serial));
    const char* kind = kKinds[Next(state) % 6];
    const char* category = kCategories[Next(state) % 10];
    const openiom::Date event_date = as_of - std::chrono::days{static_cast<int>(Next(state) % 1095)};
    out += fmt::format("S{},{},Benchmark{},Person{},{},{},{},{},{},,{},{:.5f},{:.5f},E01012{:03d}\n", row, pnc,
                       person % 1000, person, openiom::FormatIsoDate(birth), (person % 7 == 0) ? "F" : "M", kind,
                       openiom::FormatIsoDate(event_date), category, "charged", 54.5 + Uniform(state) * 0.2,
                       -1.4 + Uniform(state) * 0.4, Next(state) % 400);
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
