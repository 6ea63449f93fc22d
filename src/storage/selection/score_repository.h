// Stored score runs, the scores of each run with their components and reasons, and cohort membership.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/people/person.h"

namespace openiom {

struct ScoreRun {
  int64_t id = 0;
  Date as_of{};
  Timestamp started_at{}, finished_at{};
  std::string parameters;  // JSON: the RFG parameters and nomination rules used
  int64_t people = 0, events = 0, people_scored = 0, candidates = 0;
  std::string run_by;
};

// A nomination rule that fired for a person, and why, in words.
struct RuleReason {
  std::string rule;
  std::string reason;
  bool operator==(const RuleReason&) const = default;
};

struct StoredScore {
  PersonId person_id = 0;
  int64_t rank_position = 0;  // 1 = highest RFG
  int64_t n = 0;
  Date latest_event_date{};
  int64_t days_since_latest = 0;
  int max_gravity = 0;
  int64_t rfg_key = 0;
  int64_t r_centis = 0, f_centis = 0, g_centis = 0, rfg_centis = 0;
  int64_t harm = 0, cost = 0, acquisitive_n = 0;
  bool provisional = false;
  std::string provisional_reasons;  // one per line
  std::vector<RuleReason> fired;    // the nomination rules that fired, in the configuration's order

  // The fired rules' names separated by ';' ("" when none fired), as the candidates CSV lists them.
  std::string RuleNames() const {
    std::string names;
    for (const RuleReason& rule : fired) names += (names.empty() ? "" : ";") + rule.rule;
    return names;
  }
  // "name: reason" per fired rule, one per line, for files and the terminal.
  std::string RuleReasons() const {
    std::string lines;
    for (const RuleReason& rule : fired) lines += (lines.empty() ? "" : "\n") + rule.rule + ": " + rule.reason;
    return lines;
  }
};

// A stored score with what the candidates list shows of the person.
struct ScoreListing {
  StoredScore score;
  std::string surname, forenames;
  std::optional<Date> date_of_birth;
  std::string gender, ethnicity, district;
};

struct ScoreFilter {
  bool candidates_only = true;  // only people for whom a rule fired
  std::string rule;             // only this rule (empty = any)
  std::string district;         // empty = any
  int64_t min_rfg_centis = 0;
  int64_t offset = 0, limit = 50;
};

class ScoreRepository {
 public:
  virtual ~ScoreRepository() = default;

  // Everything the scoring engine reads, streamed: people (id, date of birth, gender code) and events (person,
  // date, kind code, category code or empty).
  virtual Status ForEachPerson(const std::function<void(PersonId, std::optional<Date>, std::string_view)>& row) = 0;
  virtual Status ForEachEvent(
      const std::function<void(PersonId, Date, std::string_view, std::string_view)>& row) = 0;
  // People with a cohort membership that has not ended.
  virtual Result<std::vector<PersonId>> CurrentCohort() = 0;

  // Stores a run and its scores; deletes all but the latest `keep_runs` runs.
  virtual Result<int64_t> SaveRun(const ScoreRun& run, const std::vector<StoredScore>& scores, int keep_runs) = 0;
  virtual Result<std::optional<ScoreRun>> LatestRun() = 0;
  virtual Result<std::vector<ScoreListing>> List(int64_t run_id, const ScoreFilter& filter) = 0;
  virtual Result<int64_t> Count(int64_t run_id, const ScoreFilter& filter) = 0;
  virtual Result<std::optional<StoredScore>> Find(int64_t run_id, PersonId person_id) = 0;
};

}  // namespace openiom
