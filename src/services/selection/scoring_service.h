// Finding the right people: scores everyone in the database with the columnar engine, stores each run with its
// components and reasons, lists the candidates the nomination rules propose, and explains one person's score
// event by event. Authorised and audited here, whichever entry point calls.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/selection/ogrs3.h"
#include "analytics/selection/rfg.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"
#include "services/audit/audit_trail.h"
#include "services/selection/scoring_config.h"
#include "storage/database.h"
#include "storage/selection/score_repository.h"

namespace openiom {

struct CandidatesPage {
  std::optional<ScoreRun> run;  // nullopt when nobody has run the scoring yet
  std::vector<ScoreListing> rows;
  int64_t total = 0;
};

// One person's score, explained: the stored result of the latest run and the same score recomputed from their
// events now, with the events that produced it and every provisional reason in full.
struct ScoreExplanation {
  Person person;
  bool has_open_warrant = false;
  std::optional<ScoreRun> run;
  std::optional<StoredScore> stored;  // from the latest run, if the person was scored in it
  ScoringConfig config;               // the latest run's configuration (the caller's when there is no run)
  Date as_of{};
  RfgResult rfg;                      // recomputed as of the run's day (or today with no run)
  std::vector<ScoredEvent> events;    // the events that count, in date order
  std::optional<Ogrs3Result> ogrs3;   // when the history allows it
  std::string ogrs3_unavailable;      // why not, otherwise
  std::vector<std::string> category_notes;  // figures used for the events' categories, with their status
};

class ScoringService {
 public:
  ScoringService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // Action::kRunScoring: scores everyone as of `as_of`, evaluates the nomination rules and stores the run.
  Result<ScoreRun> ScoreDatabase(const Actor& actor, Date as_of, const ScoringConfig& config);
  // Action::kViewCandidates: scored people of the latest run (candidates only unless the filter says otherwise).
  // InvalidArgument for a rule name that no rule could have.
  Result<CandidatesPage> Candidates(const Actor& actor, const ScoreFilter& filter);
  // Action::kViewCandidates: every row the filter matches (no page limit), audited once as an export.
  Result<CandidatesPage> ExportCandidates(const Actor& actor, ScoreFilter filter);
  // Action::kRunScoring: the latest run's summary (counts, no names), or nullopt before the first run. For analysts,
  // who run the scoring but never see who it proposes. Not audited: no personal data.
  Result<std::optional<ScoreRun>> LatestRun(const Actor& actor);
  // The configuration of the latest run (the defaults before the first), so a run started from the web keeps
  // the rules and parameters the area chose. No personal data: not audited.
  Result<ScoringConfig> LatestConfig();
  // Action::kViewCandidates on one person (audited as a view of their record). NotFound if there is no such person.
  // Recomputes with the latest run's configuration, so the explanation matches the stored score; `config` is
  // used only when nobody has been scored yet.
  Result<ScoreExplanation> Explain(const Actor& actor, PersonId person_id, const ScoringConfig& config);

 private:
  Result<CandidatesPage> ReadCandidates(const Actor& actor, const ScoreFilter& filter, bool all);

  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

// The candidates list as CSV for a spreadsheet (formula-like cells neutralised): rank, person_id, surname,
// forenames, district, rules, rfg, r, f, g, n, acquisitive_n, last_event_date, max_gravity, harm, cost,
// provisional, reasons.
std::string CandidatesCsv(const std::vector<ScoreListing>& rows);

// OGRS3 from a person's history: the latest conviction is the current one, sanctions are convictions and
// cautions up to it, follow-up starts at the first release after it (or at the conviction). The reason it
// cannot be computed otherwise (no conviction, unknown date of birth or sex, ...).
Result<Ogrs3Result> Ogrs3FromHistory(const Person& person, const std::vector<Event>& events,
                                     const OffenceScoringTable& table);

}  // namespace openiom
