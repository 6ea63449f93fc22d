#include "services/cases/level_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/strings.h"
#include "services/access/use_case.h"
#include "services/audit/audit_trail.h"
#include "services/cases/level_config.h"
#include "services/cases/field_problems.h"
#include "services/cases/show_person.h"
#include "storage/cases/case_repository.h"
#include "storage/cases/level_repository.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"

namespace openiom {

namespace {

constexpr std::string_view kLevelRulesName = "levels";

Result<LevelConfig> LevelRulesIn(Transaction& transaction) {
  ASSIGN_OR_RETURN(const std::optional<std::string> stored,
                   transaction.Get<CaseRepository>().RuleParameters(std::string(kLevelRulesName)));
  if (!stored) return LevelConfig{};
  Result<LevelConfig> config = ParseLevelConfig(*stored);
  if (!config.ok()) return Status::Internal("the stored level rules do not parse: " + config.status().message());
  return config;
}

// Everything SuggestLevel reads about one person.
Result<LevelFacts> LoadLevelFacts(Transaction& transaction, PersonId person_id) {
  LevelFacts facts;
  LevelRepository& levels = transaction.Get<LevelRepository>();
  ASSIGN_OR_RETURN(facts.changes, levels.ChangesFor(person_id));
  ASSIGN_OR_RETURN(facts.decisions, levels.DecisionsFor(person_id));
  ASSIGN_OR_RETURN(facts.events, transaction.Get<EventRepository>().ListForPerson(person_id));
  ASSIGN_OR_RETURN(facts.contacts, transaction.Get<CaseRepository>().ContactsFor(person_id));
  return facts;
}

// A YYYY-MM-DD day as typed into `out`, today when empty and `today_if_empty`; a problem on `field` otherwise.
void ReadDay(std::string_view text, std::string_view field, Date today, bool today_if_empty, std::optional<Date>& out,
             FieldProblems& problems) {
  text = Trim(text);
  if (text.empty()) {
    if (today_if_empty) out = today;
    return;
  }
  if (const Result<Date> day = ParseIsoDate(text); day.ok()) {
    out = *day;
  } else {
    problems.push_back({std::string(field), "must be a real date"});
  }
}

template <typename E>
void ReadCode(std::string_view text, std::string_view field, std::string_view message, E& out,
              FieldProblems& problems) {
  if (const std::optional<E> value = Parse<E>(text)) {
    out = *value;
  } else {
    problems.push_back({std::string(field), std::string(message)});
  }
}

std::string ReasonsText(const LevelSuggestion& suggestion) {
  std::vector<std::string> texts;
  for (const LevelReason& reason : suggestion.reasons) texts.push_back(reason.text);
  return Join(texts, "; ");
}

}  // namespace

Result<LevelSummary> ReadLevelSummary(Transaction& transaction, PersonId person_id, Date today) {
  LevelSummary summary;
  ASSIGN_OR_RETURN(const LevelFacts facts, LoadLevelFacts(transaction, person_id));
  ASSIGN_OR_RETURN(const LevelConfig config, LevelRulesIn(transaction));
  LevelRepository& levels = transaction.Get<LevelRepository>();
  ASSIGN_OR_RETURN(const std::vector<SchemeMembership> schemes, levels.SchemesFor(person_id));
  for (const SchemeMembership& scheme : schemes) {
    if (SchemeCurrent(scheme, today)) summary.current_schemes.push_back(scheme);
  }
  ASSIGN_OR_RETURN(const std::vector<StatutoryStatus> statuses, levels.StatusesFor(person_id));
  summary.status = StatusOn(statuses, today);
  summary.level = LevelOn(facts.changes, today);
  summary.suggestion = SuggestLevel(facts, config, today);
  return summary;
}

Result<LevelView> LevelService::Level(const Actor& actor, PersonId person_id) {
  LevelView view{.today = clock_.Today()};
  RETURN_IF_ERROR(Audited(
      database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, person_id, {NoSuchPerson()}),
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(view.person, transaction.Get<PersonRepository>().Get(person_id));
        ASSIGN_OR_RETURN(const LevelFacts facts, LoadLevelFacts(transaction, person_id));
        ASSIGN_OR_RETURN(const LevelConfig config, LevelRulesIn(transaction));
        LevelRepository& levels = transaction.Get<LevelRepository>();
        view.history = facts.changes;
        view.decisions = facts.decisions;
        view.level = LevelOn(facts.changes, view.today);
        view.suggestion = SuggestLevel(facts, config, view.today);
        view.open_warrant = HasOpenWarrant(facts.events);
        ASSIGN_OR_RETURN(view.schemes, levels.SchemesFor(person_id));
        ASSIGN_OR_RETURN(view.statuses, levels.StatusesFor(person_id));
        view.status = StatusOn(view.statuses, view.today);
        entry.detail = fmt::format("level: {}{}; {}", view.level ? CodeOf(view.level->level) : "none",
                                   view.suggestion ? fmt::format(", suggested {}", CodeOf(view.suggestion->to)) : "",
                                   entry.basis);
        return Status::Ok();
      }));
  return view;
}

Result<int64_t> LevelService::SetLevel(const Actor& actor, PersonId person_id, const LevelChangeInput& input,
                                       std::optional<Person>* shown) {
  const Date today = clock_.Today();
  LevelChange change{.person_id = person_id, .reason = std::string(Trim(input.reason)),
                     .changed_by = actor.username, .changed_at = clock_.Now()};
  FieldProblems parse_problems;
  ReadCode(input.level, "level", "Select the level", change.level, parse_problems);
  std::optional<Date> on;
  ReadDay(input.on, "on", today, true, on, parse_problems);
  if (on) change.on = *on;
  int64_t id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kSetLevel, person_id, {NoSuchPerson()});
  const Status status = Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
    ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
    if (shown != nullptr) *shown = person;
    LevelRepository& levels = transaction.Get<LevelRepository>();
    ASSIGN_OR_RETURN(const std::vector<LevelChange> existing, levels.ChangesFor(person_id));
    FieldProblems problems = parse_problems;
    AddUnlessNamed(problems, LevelChangeProblems(change, existing, today));
    if (!problems.empty()) return Status::Invalid(std::move(problems), "the level is not valid");
    ASSIGN_OR_RETURN(id, levels.AddChange(change));
    entry.detail = fmt::format("level {}: {} from {}", id, CodeOf(change.level), FormatIsoDate(change.on));
    return Status::Ok();
  });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Status LevelService::Decide(const Actor& actor, PersonId person_id, const LevelDecisionInput& input,
                            std::optional<Person>* shown) {
  const Date today = clock_.Today();
  LevelDecision decision{.person_id = person_id, .decided_on = today, .reason = std::string(Trim(input.reason)),
                         .decided_by = actor.username};
  FieldProblems parse_problems;
  ReadCode(input.decision, "decision", "Select accept or dismiss", decision.decision, parse_problems);
  if (decision.reason.size() < kMinLevelReason) {
    parse_problems.push_back({"reason", fmt::format("must say why, in at least {} characters", kMinLevelReason)});
  } else if (decision.reason.size() > kMaxLevelReason) {
    parse_problems.push_back({"reason", fmt::format("must be {} characters or fewer", kMaxLevelReason)});
  }
  const UseCase use_case = UseCase::OnPerson(actor, Action::kSetLevel, person_id, {NoSuchPerson()});
  const Status status = Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
    ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
    if (shown != nullptr) *shown = person;
    ASSIGN_OR_RETURN(const LevelFacts facts, LoadLevelFacts(transaction, person_id));
    ASSIGN_OR_RETURN(const LevelConfig config, LevelRulesIn(transaction));
    const std::optional<LevelSuggestion> suggestion = SuggestLevel(facts, config, today);
    if (!suggestion) return Status::FailedPrecondition("there is no suggestion to move this person's level now");
    if (input.direction != CodeOf(suggestion->direction) || input.to != CodeOf(suggestion->to)) {
      return Status::Stale("the suggestion has changed since it was shown: reload and check");
    }
    if (!parse_problems.empty()) return Status::Invalid(parse_problems, "the answer is not valid");
    decision.direction = suggestion->direction;
    decision.from = suggestion->from;
    decision.to = suggestion->to;
    decision.facts_through = suggestion->facts_through;
    LevelRepository& levels = transaction.Get<LevelRepository>();
    ASSIGN_OR_RETURN(const int64_t id, levels.AddDecision(decision));
    entry.detail = fmt::format("level suggestion {} ({} to {}): {}", CodeOf(decision.decision),
                               CodeOf(decision.direction), CodeOf(decision.to), id);
    if (decision.decision == LevelDecisionKind::kAccepted) {
      ASSIGN_OR_RETURN(const int64_t change_id,
                       levels.AddChange({.person_id = person_id, .level = suggestion->to, .on = today,
                                         .reason = fmt::format("{} (suggested: {})", decision.reason,
                                                               ReasonsText(*suggestion)),
                                         .changed_by = actor.username, .changed_at = clock_.Now()}));
      entry.detail += fmt::format(", level {}", change_id);
    }
    return Status::Ok();
  });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  return status;
}

Result<int64_t> LevelService::AddScheme(const Actor& actor, PersonId person_id, const SchemeInput& input,
                                        std::optional<Person>* shown) {
  const Date today = clock_.Today();
  SchemeMembership scheme{.person_id = person_id, .reason = std::string(Trim(input.reason)),
                          .added_by = actor.username};
  FieldProblems parse_problems;
  ReadCode(input.scheme, "scheme", "Select the scheme", scheme.scheme, parse_problems);
  std::optional<Date> starts;
  ReadDay(input.starts_on, "starts_on", today, true, starts, parse_problems);
  if (starts) scheme.starts_on = *starts;
  ReadDay(input.ends_on, "ends_on", today, false, scheme.ends_on, parse_problems);
  if (scheme.reason.size() > kMaxLevelReason) {
    parse_problems.push_back({"reason", fmt::format("must be {} characters or fewer", kMaxLevelReason)});
  }
  int64_t id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordSchemes, person_id, {NoSuchPerson()});
  const Status status = Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
    ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
    if (shown != nullptr) *shown = person;
    LevelRepository& levels = transaction.Get<LevelRepository>();
    ASSIGN_OR_RETURN(const std::vector<SchemeMembership> existing, levels.SchemesFor(person_id));
    FieldProblems problems = parse_problems;
    AddUnlessNamed(problems, SchemeProblems(scheme, existing, today));
    if (!problems.empty()) return Status::Invalid(std::move(problems), "the scheme is not valid");
    ASSIGN_OR_RETURN(id, levels.AddScheme(scheme));
    entry.detail = fmt::format("scheme {}: {} from {}", id, CodeOf(scheme.scheme), FormatIsoDate(scheme.starts_on));
    return Status::Ok();
  });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Status LevelService::LeaveScheme(const Actor& actor, PersonId person_id, int64_t scheme_id, int expected_version) {
  const Date today = clock_.Today();
  return Audited(database_, audit_, UseCase::OnPerson(actor, Action::kRecordSchemes, person_id, {NoSuchPerson()}),
                 [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                   RETURN_IF_ERROR(transaction.Get<PersonRepository>().Get(person_id).status());
                   LevelRepository& levels = transaction.Get<LevelRepository>();
                   ASSIGN_OR_RETURN(const std::vector<SchemeMembership> schemes, levels.SchemesFor(person_id));
                   const auto found = std::find_if(schemes.begin(), schemes.end(),
                                                   [&](const SchemeMembership& s) { return s.id == scheme_id; });
                   if (found == schemes.end()) {
                     return Status::NotFound(fmt::format("scheme {} is not one of this person's", scheme_id));
                   }
                   if (found->version != expected_version) {
                     return Status::Stale("someone changed this scheme meanwhile: reload and check");
                   }
                   if (!SchemeCurrent(*found, today) && found->starts_on <= today) {
                     return Status::FailedPrecondition("they are no longer on this scheme");
                   }
                   SchemeMembership left = *found;
                   left.left_on = std::max(today, found->starts_on);
                   left.left_by = actor.username;
                   RETURN_IF_ERROR(levels.LeaveScheme(left));
                   entry.detail = fmt::format("scheme {} left on {}", scheme_id, FormatIsoDate(*left.left_on));
                   return Status::Ok();
                 });
}

Result<int64_t> LevelService::SetStatutoryStatus(const Actor& actor, PersonId person_id, const StatutoryInput& input,
                                                 std::optional<Person>* shown) {
  const Date today = clock_.Today();
  StatutoryStatus status_row{.person_id = person_id, .recorded_by = actor.username, .recorded_at = clock_.Now()};
  FieldProblems parse_problems;
  ReadCode(input.kind, "kind", "Select the statutory status", status_row.kind, parse_problems);
  std::optional<Date> starts;
  ReadDay(input.starts_on, "starts_on", today, true, starts, parse_problems);
  if (starts) status_row.starts_on = *starts;
  ReadDay(input.ends_on, "ends_on", today, false, status_row.ends_on, parse_problems);
  int64_t id = 0;
  const auto check = [&] {
    FieldProblems problems = parse_problems;
    AddUnlessNamed(problems, StatutoryProblems(status_row, today));
    return problems.empty() ? Status::Ok() : Status::Invalid(std::move(problems), "the statutory status is not valid");
  };
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordSchemes, person_id, {NoSuchPerson()});
  const Status status =
      Audited(database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = person;
        ASSIGN_OR_RETURN(id, transaction.Get<LevelRepository>().AddStatus(status_row));
        entry.detail = fmt::format("statutory status {}: {} from {}", id, CodeOf(status_row.kind),
                                   FormatIsoDate(status_row.starts_on));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Result<LevelConfig> LevelService::LevelRules() {
  LevelConfig config;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(config, LevelRulesIn(transaction));
    return Status::Ok();
  }));
  return config;
}

Status LevelService::SetLevelRules(const Actor& actor, const std::string& json) {
  return Audited(database_, audit_,
                 {.actor = actor, .action = Action::kManageReferenceData, .object = ObjectKind::kRuleSet,
                  .object_id = std::string(kLevelRulesName)},
                 [&]() -> Status { return ParseLevelConfig(json).status(); },
                 [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                   const std::string canonical = LevelConfigJson(*ParseLevelConfig(json));
                   RETURN_IF_ERROR(transaction.Get<CaseRepository>().SetRuleParameters(
                       std::string(kLevelRulesName), canonical, actor.username, clock_.Now()));
                   entry.detail = canonical;
                   return Status::Ok();
                 });
}

}  // namespace openiom
