#include "services/access/use_case.h"
#include "services/selection/scoring_service.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "analytics/selection/bulk_scores.h"
#include "analytics/engine/columns.h"
#include "common/csv.h"
#include "domain/reference/offence_scoring.h"
#include "storage/people/event_repository.h"
#include "storage/reference/offence_category_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

int32_t DayOf(Date date) { return static_cast<int32_t>(date.time_since_epoch().count()); }

std::string Joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += (text.empty() ? "" : "\n") + line;
  return text;
}

Status ValidateConfig(const ScoringConfig& config) {
  if (config.keep_runs < 1) return Status::Invalid("keep_runs", "must be at least 1");
  RETURN_IF_ERROR(config.rfg.Validate());
  for (const NominationRule& rule : config.rules) RETURN_IF_ERROR(rule.Validate());
  return Status::Ok();
}

std::string FigureNote(std::string_view what, const std::optional<int64_t>& value, FigureStatus status,
                       std::string_view unit) {
  if (!value) return fmt::format("no published {}", what);
  return fmt::format("{} {}{}{}", what, unit, *value, status == FigureStatus::kCheck ? " (unverified)" : "");
}

}  // namespace

Result<ScoreRun> ScoringService::ScoreDatabase(const Actor& actor, Date as_of, const ScoringConfig& config) {
  RETURN_IF_ERROR(ValidateConfig(config));
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kRunScoring, ObjectKind::kScoreRun, ""));
  const Timestamp started = clock_.Now();
  PersonColumns people;
  EventColumns events;
  std::vector<bool> in_cohort;
  std::optional<CategoryColumns> categories;
  RETURN_IF_ERROR(database_.Read(Workload::kBulk, [&](Transaction& transaction) -> Status {
    // The database's categories are authoritative for the acquisitive flags (a local definition survives
    // upgrades) unless the configuration lists them; gravity, weights and costs come from the reference table,
    // with the configuration's gravity.
    ASSIGN_OR_RETURN(OffenceCategoryCatalogue catalogue, transaction.Get<OffenceCategoryRepository>().Load());
    ASSIGN_OR_RETURN(categories, CategoryColumns::From(CategoriesFor(config, catalogue), ScoringTableFor(config)));
    RETURN_IF_ERROR(transaction.Get<ScoreRepository>().ForEachPerson(
        [&](PersonId id, std::optional<Date> birth, std::string_view gender) {
          people.Append(id, birth ? DayOf(*birth) : kUnknownDay, gender.empty() ? 'U' : gender[0]);
        }));
    ASSIGN_OR_RETURN(PersonIdIndex index, PersonIdIndex::Build(people.id));
    events.blocks.resize(1);
    Status bad_row;
    RETURN_IF_ERROR(transaction.Get<ScoreRepository>().ForEachEvent(
        [&](PersonId person_id, Date date, std::string_view kind, std::string_view category) {
          const int64_t row = index.Find(person_id);
          const int kind_code = EventKindIndex().Find(kind);
          if (row < 0 || kind_code < 0) {
            bad_row = Status::Internal(fmt::format("event of person {} with kind '{}' cannot be scored", person_id,
                                                   kind));
            return;
          }
          events.blocks[0].Append(static_cast<uint32_t>(row), DayOf(date), static_cast<uint8_t>(kind_code),
                                  category.empty() ? kNoCategory : categories->Find(category));
        }));
    RETURN_IF_ERROR(bad_row);
    in_cohort.assign(people.size(), false);
    ASSIGN_OR_RETURN(std::vector<PersonId> cohort, transaction.Get<ScoreRepository>().CurrentCohort());
    for (PersonId id : cohort) {
      const int64_t row = index.Find(id);
      if (row >= 0) in_cohort[static_cast<size_t>(row)] = true;
    }
    return Status::Ok();
  }));

  const BulkScores scores = ScoreEveryone(events, people, *categories, config.rfg, as_of, AnalyticsThreads());
  const RfgScale scale(config.rfg);
  const int32_t as_of_day = DayOf(as_of);
  std::vector<StoredScore> stored;
  stored.reserve(scores.ranked.size());
  int64_t candidates = 0;
  for (const ScoredPerson& scored : scores.ranked) {
    const PersonTotals& t = scored.totals;
    const int64_t d = as_of_day - t.latest_day;
    NominationFacts facts{.n = t.n, .acquisitive_n = t.acquisitive_n, .rfg_key = scored.key,
                          .in_cohort = in_cohort[scored.row]};
    const int32_t birth = people.birth_day[scored.row];
    if (birth != kUnknownDay) facts.age = AgeOn(Date(std::chrono::days(birth)), as_of);
    std::vector<RuleReason> fired;
    for (const FiredRule& rule : EvaluateNominationRules(config.rules, facts, scale)) {
      fired.push_back({rule.name, rule.reason});
    }
    if (!fired.empty()) ++candidates;
    const std::vector<std::string> reasons = FigureFlagReasons(t.flags);
    stored.push_back({.person_id = people.id[scored.row],
                      .rank_position = static_cast<int64_t>(stored.size()) + 1,
                      .n = t.n,
                      .latest_event_date = Date(std::chrono::days(t.latest_day)),
                      .days_since_latest = d,
                      .max_gravity = t.max_gravity,
                      .rfg_key = scored.key,
                      .r_centis = scale.RecencyCentis(d),
                      .f_centis = scale.FrequencyCentis(t.n),
                      .g_centis = scale.GravityCentis(t.max_gravity),
                      .rfg_centis = scale.RfgCentis(scored.key),
                      .harm = t.harm,
                      .cost = t.cost,
                      .acquisitive_n = t.acquisitive_n,
                      .provisional = !reasons.empty(),
                      .provisional_reasons = Joined(reasons),
                      .fired = std::move(fired)});
  }
  ScoreRun run{.as_of = as_of,
               .started_at = started,
               .finished_at = clock_.Now(),
               .parameters = ScoringConfigJson(config),
               .people = static_cast<int64_t>(people.size()),
               .events = static_cast<int64_t>(events.size()),
               .people_scored = static_cast<int64_t>(stored.size()),
               .candidates = candidates,
               .run_by = actor.username};
  RETURN_IF_ERROR(database_.Write(Workload::kBulk, [&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(run.id, transaction.Get<ScoreRepository>().SaveRun(run, stored, config.keep_runs));
    return audit_.Append(transaction, actor,
                         {ActionCode(Action::kRunScoring), ObjectKind::kScoreRun, std::to_string(run.id), AuditOutcome::kSuccess,
                          fmt::format("as of {}: {} people scored, {} candidates", FormatIsoDate(as_of),
                                      run.people_scored, run.candidates)});
  }));
  return run;
}

Result<std::optional<ScoreRun>> ScoringService::LatestRun(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kRunScoring, ObjectKind::kScoreRun, ""));
  std::optional<ScoreRun> run;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(run, transaction.Get<ScoreRepository>().LatestRun());
    return Status::Ok();
  }));
  return run;
}

Result<CandidatesPage> ScoringService::Candidates(const Actor& actor, const ScoreFilter& filter) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kViewCandidates, ObjectKind::kScoreRun, ""));
  if (filter.limit < 1 || filter.limit > 10000 || filter.offset < 0) {
    return Status::InvalidArgument("limit must be 1 to 10000 and offset not negative");
  }
  return ReadCandidates(actor, filter, false);
}

Result<CandidatesPage> ScoringService::ExportCandidates(const Actor& actor, ScoreFilter filter) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kViewCandidates, ObjectKind::kScoreRun, ""));
  filter.offset = 0;
  filter.limit = std::numeric_limits<int32_t>::max();
  return ReadCandidates(actor, filter, true);
}

Result<CandidatesPage> ScoringService::ReadCandidates(const Actor& actor, const ScoreFilter& filter, bool all) {
  if (!filter.rule.empty()) {
    NominationRule probe{.name = filter.rule, .explanation = "-", .min_events = 1};
    if (!probe.Validate().ok()) return Status::Invalid("rule", "'" + filter.rule + "' is not a rule name");
  }
  CandidatesPage page;
  RETURN_IF_ERROR(database_.Write([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(page.run, transaction.Get<ScoreRepository>().LatestRun());
    if (!page.run) return Status::Ok();
    ASSIGN_OR_RETURN(page.rows, transaction.Get<ScoreRepository>().List(page.run->id, filter));
    ASSIGN_OR_RETURN(page.total, transaction.Get<ScoreRepository>().Count(page.run->id, filter));
    return audit_.Append(
        transaction, actor,
        {ActionCode(Action::kViewCandidates), ObjectKind::kScoreRun, std::to_string(page.run->id), AuditOutcome::kSuccess,
         fmt::format("{}{} {} of {} from {}{}{}", all ? "CSV export of " : "",
                     filter.candidates_only ? "candidates" : "scores", page.rows.size(), page.total, filter.offset,
                     filter.rule.empty() ? "" : "; rule " + filter.rule,
                     filter.district.empty() ? "" : "; district " + filter.district)});
  }));
  return page;
}

Result<ScoringConfig> ScoringService::LatestConfig() {
  std::optional<ScoreRun> run;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(run, transaction.Get<ScoreRepository>().LatestRun());
    return Status::Ok();
  }));
  if (!run) return ScoringConfig{};
  return ParseScoringConfig(run->parameters);
}

Result<ScoreExplanation> ScoringService::Explain(const Actor& actor, PersonId person_id, const ScoringConfig& config) {
  RETURN_IF_ERROR(ValidateConfig(config));
  ScoreExplanation explanation;
  std::vector<Event> history;
  RETURN_IF_ERROR(Audited(
      database_, audit_, UseCase::OnPerson(actor, Action::kViewCandidates, person_id, {NoSuchPerson()}),
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(explanation.person, transaction.Get<PersonRepository>().Get(person_id));
        ASSIGN_OR_RETURN(history, transaction.Get<EventRepository>().ListForPerson(person_id));
        ASSIGN_OR_RETURN(explanation.run, transaction.Get<ScoreRepository>().LatestRun());
        if (explanation.run) {
          ASSIGN_OR_RETURN(explanation.stored, transaction.Get<ScoreRepository>().Find(explanation.run->id, person_id));
        }
        entry.detail = "score explanation";
        return Status::Ok();
      }));

  explanation.has_open_warrant = HasOpenWarrant(history);
  explanation.as_of = explanation.run ? explanation.run->as_of : clock_.Today();
  explanation.config = config;
  if (explanation.run) {
    Result<ScoringConfig> used = ParseScoringConfig(explanation.run->parameters);
    if (!used.ok()) return used.status().WithContext(fmt::format("score run {}'s parameters", explanation.run->id));
    explanation.config = *std::move(used);
  }
  std::vector<ScoredEvent> scored_events;
  for (const Event& event : history) {
    scored_events.push_back({event.id, event.event_date, event.kind, event.offence_category});
  }
  const OffenceScoringTable table = ScoringTableFor(explanation.config);
  explanation.rfg = ScoreRfg(scored_events, explanation.as_of, explanation.config.rfg, table);
  const std::set<EventId> counted(explanation.rfg.events.begin(), explanation.rfg.events.end());
  std::set<std::string> categories;
  for (const ScoredEvent& event : scored_events) {
    if (!counted.contains(event.id)) continue;
    explanation.events.push_back(event);
    if (!event.category.empty()) categories.insert(event.category);
  }
  for (const std::string& code : categories) {
    const OffenceScoring* figures = table.Find(code);
    if (figures == nullptr) continue;
    explanation.category_notes.push_back(
        fmt::format("{}: gravity {}; {}; {}", code, figures->gravity,
                    FigureNote("severity weight", figures->severity_weight, figures->severity_status, ""),
                    FigureNote("unit cost", figures->unit_cost_gbp, figures->unit_cost_status, "£")));
  }
  Result<Ogrs3Result> ogrs3 = Ogrs3FromHistory(explanation.person, history, table);
  if (ogrs3.ok()) {
    explanation.ogrs3 = *ogrs3;
  } else {
    explanation.ogrs3_unavailable = ogrs3.status().message();
  }
  return explanation;
}

std::string CandidatesCsv(const std::vector<ScoreListing>& rows) {
  std::ostringstream out;
  CsvWriter csv(out, CsvWriter::Mode::kSpreadsheetSafe);
  csv.WriteRecord({"rank", "person_id", "surname", "forenames", "district", "rules", "rfg", "r", "f", "g", "n",
                   "acquisitive_n", "last_event_date", "max_gravity", "harm", "cost", "provisional", "reasons"});
  for (const ScoreListing& row : rows) {
    const StoredScore& s = row.score;
    csv.WriteRecord({std::to_string(s.rank_position), std::to_string(s.person_id), row.surname, row.forenames,
                     row.district, s.RuleNames(), FormatCentis(s.rfg_centis), FormatCentis(s.r_centis),
                     FormatCentis(s.f_centis), FormatCentis(s.g_centis), std::to_string(s.n),
                     std::to_string(s.acquisitive_n), FormatIsoDate(s.latest_event_date),
                     std::to_string(s.max_gravity), std::to_string(s.harm), std::to_string(s.cost),
                     s.provisional ? "yes" : "no", s.RuleReasons()});
  }
  return out.str();
}

Result<Ogrs3Result> Ogrs3FromHistory(const Person& person, const std::vector<Event>& events,
                                     const OffenceScoringTable& table) {
  if (person.gender != Gender::kMale && person.gender != Gender::kFemale) {
    return Status::FailedPrecondition("OGRS3 needs the person's sex (male or female)");
  }
  if (!person.date_of_birth) return Status::FailedPrecondition("OGRS3 needs the date of birth");
  const Event* current = nullptr;
  for (const Event& event : events) {
    if (event.kind == EventKind::kConviction && (current == nullptr || event.event_date >= current->event_date)) {
      current = &event;
    }
  }
  if (current == nullptr) return Status::FailedPrecondition("OGRS3 needs a conviction; none is recorded");
  const OffenceScoring* figures =
      current->offence_category.empty() ? nullptr : table.Find(current->offence_category);
  if (figures == nullptr) {
    return Status::FailedPrecondition("OGRS3 needs the offence category of the latest conviction");
  }
  int sanctions = 0;
  Date first = current->event_date;
  for (const Event& event : events) {
    if ((event.kind == EventKind::kConviction || event.kind == EventKind::kCaution) &&
        event.event_date <= current->event_date) {
      ++sanctions;
      first = std::min(first, event.event_date);
    }
  }
  std::optional<Date> release;  // the first release on or after the conviction
  for (const Event& event : events) {
    if (event.kind == EventKind::kRelease && event.event_date >= current->event_date &&
        (!release || event.event_date < *release)) {
      release = event.event_date;
    }
  }
  const Date follow_up = release.value_or(current->event_date);
  Result<Ogrs3Result> result =
      ScoreOgrs3({.date_of_birth = *person.date_of_birth,
                  .sex = person.gender == Gender::kMale ? 'M' : 'F',
                  .conviction_date = current->event_date,
                  .follow_up_start = follow_up,
                  .sanctions = sanctions,
                  .age_at_first_sanction = AgeOn(*person.date_of_birth, first),
                  .offence_parameter = figures->ogrs3_parameter});
  if (result.ok() && figures->ogrs3_status != FigureStatus::kVerified) {
    result->reasons.push_back(fmt::format("the mapping of {} to the OGRS3 group '{}' is unverified", figures->code,
                                          figures->ogrs3_offence));
    result->provisional = true;
  }
  return result;
}

}  // namespace openiom
