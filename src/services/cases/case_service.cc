#include "services/cases/case_service.h"

#include <algorithm>
#include <span>
#include <tuple>

#include <fmt/format.h>

#include "services/access/use_case.h"
#include "services/audit/audit_trail.h"
#include "services/cases/brag_config.h"
#include "services/cases/level_service.h"
#include "services/cases/show_person.h"
#include "services/cases/team_service.h"
#include "storage/cases/case_repository.h"
#include "storage/cases/custody_repository.h"
#include "storage/cases/enforcement_repository.h"
#include "storage/cases/level_repository.h"
#include "storage/cases/plan_repository.h"
#include "storage/cases/service_referral_repository.h"
#include "storage/cases/team_repository.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/selection/score_repository.h"
#include "storage/transaction.h"

namespace openiom {

namespace {

constexpr std::string_view kBragRulesName = "brag";

// Everything AssessBrag reads about one person, in the caller's transaction.
Result<BragFacts> LoadFacts(Transaction& transaction, PersonId person_id,
                            std::vector<CaseRepository::StoredOverride>* stored_overrides = nullptr) {
  BragFacts facts;
  CaseRepository& cases = transaction.Get<CaseRepository>();
  ASSIGN_OR_RETURN(facts.events, transaction.Get<EventRepository>().ListForPerson(person_id));
  ASSIGN_OR_RETURN(facts.contacts, cases.ContactsFor(person_id));
  ASSIGN_OR_RETURN(facts.assessments, cases.AssessmentsFor(person_id));
  ASSIGN_OR_RETURN(std::vector<CaseRepository::StoredOverride> overrides, cases.OverridesFor(person_id));
  for (const CaseRepository::StoredOverride& stored : overrides) facts.overrides.push_back(stored.override_);
  if (stored_overrides != nullptr) *stored_overrides = std::move(overrides);
  ScoreRepository& scores = transaction.Get<ScoreRepository>();
  ASSIGN_OR_RETURN(const std::optional<ScoreRun> run, scores.LatestRun());
  if (run) {
    ASSIGN_OR_RETURN(const std::optional<StoredScore> score, scores.Find(run->id, person_id));
    if (score) facts.rfg = RfgFact{static_cast<double>(score->rfg_centis) / 100.0, run->as_of};
  }
  return facts;
}

Result<BragConfig> RulesIn(Transaction& transaction) {
  ASSIGN_OR_RETURN(const std::optional<std::string> stored,
                   transaction.Get<CaseRepository>().RuleParameters(std::string(kBragRulesName)));
  if (!stored) return BragConfig{};
  Result<BragConfig> config = ParseBragConfig(*stored);
  if (!config.ok()) return Status::Internal("the stored BRAG rules do not parse: " + config.status().message());
  return config;
}

// The problems of a contact as typed, with the contact it describes in `contact` (kind, day, time, outcome...).
FieldProblems ParseContact(const ContactInput& input, Contact& contact) {
  FieldProblems problems;
  if (const std::optional<ContactKind> kind = Parse<ContactKind>(input.kind)) {
    contact.kind = *kind;
  } else {
    problems.push_back({"kind", "select the kind of contact"});
  }
  if (const Result<Date> on = ParseIsoDate(input.on); on.ok()) {
    contact.on = *on;
  } else {
    problems.push_back({"on", "must be a real date"});
  }
  contact.outcome.reset();
  if (!input.outcome.empty()) {
    if (const std::optional<ContactOutcome> outcome = Parse<ContactOutcome>(input.outcome)) {
      contact.outcome = *outcome;
    } else {
      problems.push_back({"outcome", "is not an outcome of a contact"});
    }
  }
  contact.time = input.time;
  contact.worker = input.worker;
  contact.notes = input.notes;
  if (contact.worker.size() > 200) problems.push_back({"worker", "must be at most 200 characters"});
  return problems;
}

// Every problem with a contact as typed: what cannot be read (ParseContact), then the rules' problems with the
// fields that could (ContactProblems), so that one post shows them all.
FieldProblems ContactInputProblems(const ContactInput& input, Contact& contact, Date today) {
  FieldProblems problems = ParseContact(input, contact);
  for (FieldProblem& problem : ContactProblems(contact, today)) {
    const bool unread = std::any_of(problems.begin(), problems.end(),
                                    [&](const FieldProblem& p) { return p.field == problem.field; });
    if (!unread) problems.push_back(std::move(problem));
  }
  return problems;
}

std::string ActorName(const Actor& actor) { return actor.username; }

}  // namespace

Result<BragAssessment> RateInTransaction(Transaction& transaction, PersonId person_id, Date day) {
  ASSIGN_OR_RETURN(const BragFacts facts, LoadFacts(transaction, person_id));
  ASSIGN_OR_RETURN(const BragConfig config, RulesIn(transaction));
  return AssessBrag(facts, config, day);
}

Result<BragConfig> CaseService::BragRules() {
  BragConfig config;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(config, RulesIn(transaction));
    return Status::Ok();
  }));
  return config;
}

Status CaseService::SetBragRules(const Actor& actor, const std::string& json) {
  return Audited(database_, audit_,
                 {.actor = actor, .action = Action::kManageReferenceData, .object = ObjectKind::kRuleSet,
                  .object_id = std::string(kBragRulesName)},
                 [&]() -> Status { return ParseBragConfig(json).status(); },
                 [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                   const std::string canonical = BragConfigJson(*ParseBragConfig(json));
                   RETURN_IF_ERROR(transaction.Get<CaseRepository>().SetRuleParameters(
                       std::string(kBragRulesName), canonical, ActorName(actor), clock_.Now()));
                   entry.detail = canonical;
                   return Status::Ok();
                 });
}

Result<BragView> CaseService::Brag(const Actor& actor, PersonId person_id, std::optional<Date> as_of) {
  const Date today = clock_.Today();
  const Date day = as_of.value_or(today);
  BragView view;
  RETURN_IF_ERROR(Audited(
      database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, person_id, {NoSuchPerson()}),
      [&]() -> Status {
        return day > today ? Status::Invalid("as_of", "cannot be after today: the rating is of facts known now")
                           : Status::Ok();
      },
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(view.person, transaction.Get<PersonRepository>().Get(person_id));
        ASSIGN_OR_RETURN(const BragFacts facts, LoadFacts(transaction, person_id));
        ASSIGN_OR_RETURN(const BragConfig config, RulesIn(transaction));
        view.rating = AssessBrag(facts, config, day);
        entry.detail = fmt::format("BRAG rating as of {}: {}; {}", FormatIsoDate(day), CodeOf(view.rating.Shown()),
                                   entry.basis);
        return Status::Ok();
      }));
  return view;
}

Result<CaseView> CaseService::Case(const Actor& actor, PersonId person_id) {
  const Date today = clock_.Today();
  CaseView view;
  RETURN_IF_ERROR(Audited(
      database_, audit_, UseCase::OnPerson(actor, Action::kViewPerson, person_id, {NoSuchPerson()}),
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(view.person, transaction.Get<PersonRepository>().Get(person_id));
        std::vector<CaseRepository::StoredOverride> stored;
        ASSIGN_OR_RETURN(const BragFacts facts, LoadFacts(transaction, person_id, &stored));
        ASSIGN_OR_RETURN(const BragConfig config, RulesIn(transaction));
        view.rating = AssessBrag(facts, config, today);
        view.history = BragHistory(facts, config, today - std::chrono::days(365), today);
        view.contacts = facts.contacts;
        view.compliance_28 = ComplianceOver(facts.contacts, today, 28);
        view.compliance_90 = ComplianceOver(facts.contacts, today, 90);
        view.next_appointment = NextAppointment(facts.contacts, today);
        view.assessments = facts.assessments;
        view.overrides = facts.overrides;
        for (const CaseRepository::StoredOverride& s : stored) view.override_versions[s.override_.id] = s.version;
        view.open_warrants = OpenWarrants(facts.events);
        view.open_recalls = OpenRecalls(facts.events);
        ASSIGN_OR_RETURN(view.enforcement, transaction.Get<EnforcementRepository>().ListForPerson(person_id));
        ASSIGN_OR_RETURN(const std::vector<StatutoryStatus> statuses,
                         transaction.Get<LevelRepository>().StatusesFor(person_id));
        view.enforcement_due = EnforcementDueOn(facts.contacts, view.enforcement, statuses, today);
        ASSIGN_OR_RETURN(LevelSummary level, ReadLevelSummary(transaction, person_id, today));
        view.level = level.level;
        view.schemes = std::move(level.current_schemes);
        view.statutory = level.status;
        view.level_suggestion = std::move(level.suggestion);
        ASSIGN_OR_RETURN(view.team, ReadTeam(transaction, person_id));
        // The events come oldest first, so the newest are at the end.
        for (auto event = facts.events.rbegin(); event != facts.events.rend(); ++event) {
          if (view.recent_events.size() == kCaseTimelineEvents) break;
          view.recent_events.push_back(*event);
        }
        PlanRepository& plans = transaction.Get<PlanRepository>();
        ASSIGN_OR_RETURN(view.plan_actions, plans.ActionsFor(person_id));
        ASSIGN_OR_RETURN(view.plan_review, plans.ReviewFor(person_id));
        ASSIGN_OR_RETURN(const std::vector<CustodyEpisode> episodes,
                         transaction.Get<CustodyRepository>().ListForPerson(person_id));
        if (!episodes.empty()) view.custody = episodes.front();  // newest first
        ASSIGN_OR_RETURN(const std::vector<ServiceReferral> referrals,
                         transaction.Get<ServiceReferralRepository>().ReferralsFor(person_id));
        for (const ServiceReferral& referral : referrals) {
          if (!IsFinished(referral.status)) view.open_referrals.push_back(referral);
        }
        entry.detail = fmt::format("case: BRAG {}; {}", CodeOf(view.rating.Shown()), entry.basis);
        return Status::Ok();
      }));
  return view;
}

Result<ContactId> CaseService::AddContact(const Actor& actor, PersonId person_id, const ContactInput& input,
                                          std::optional<Person>* shown) {
  Contact contact{.person_id = person_id, .agency_id = actor.agency_id, .agency = actor.agency_name,
                  .recorded_by = ActorName(actor), .recorded_at = clock_.Now()};
  ContactId id = 0;
  const auto check = [&] {
    const FieldProblems problems = ContactInputProblems(input, contact, clock_.Today());
    return problems.empty() ? Status::Ok() : Status::Invalid(problems, "the contact is not valid");
  };
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordContact, person_id, {NoSuchPerson()});
  const Status status =
      Audited(database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        RETURN_IF_ERROR(transaction.Get<PersonRepository>().Get(person_id).status());
        ASSIGN_OR_RETURN(id, transaction.Get<CaseRepository>().AddContact(contact));
        entry.detail = fmt::format("contact {}: {} on {}{}", id, CodeOf(contact.kind), FormatIsoDate(contact.on),
                                   contact.outcome ? ", " + std::string(CodeOf(*contact.outcome)) : std::string());
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Status CaseService::RecordOutcome(const Actor& actor, PersonId person_id, ContactId contact_id, int expected_version,
                                  const ContactInput& input, std::optional<Person>* shown) {
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordContact, person_id,
                                             {{StatusCode::kNotFound, "no such person or contact"}});
  const Status status = Audited(
      database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        CaseRepository& cases = transaction.Get<CaseRepository>();
        Result<Contact> found = cases.GetContact(contact_id);
        if (!found.ok() || found->person_id != person_id) {
          return Status::NotFound(fmt::format("person {} has no contact {}", person_id, contact_id));
        }
        Contact contact = *found;
        if (contact.version != expected_version) {
          return Status::Stale("someone changed this contact meanwhile: reload and check");
        }
        const FieldProblems problems = ContactInputProblems(input, contact, clock_.Today());
        if (!problems.empty()) return Status::Invalid(problems, "the contact is not valid");
        RETURN_IF_ERROR(cases.UpdateContact(contact));
        entry.detail = fmt::format("contact {}: outcome {}", contact_id,
                                   contact.outcome ? CodeOf(*contact.outcome) : std::string_view("none"));
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  return status;
}

Result<AssessmentId> CaseService::AddAssessment(const Actor& actor, PersonId person_id, const AssessmentInput& input,
                                                std::optional<Person>* shown) {
  Assessment assessment{.person_id = person_id, .assessor = ActorName(actor), .agency = actor.agency_name,
                        .recorded_at = clock_.Now()};
  FieldProblems parse_problems;
  if (const Result<Date> on = ParseIsoDate(input.assessed_on); on.ok()) {
    assessment.assessed_on = *on;
  } else {
    parse_problems.push_back({"assessed_on", "must be a real date"});
  }
  for (const auto& [code, level] : input.needs) {
    const std::optional<Pathway> pathway = Parse<Pathway>(code);
    if (!pathway) {
      parse_problems.push_back({code, "is not a pathway"});
      continue;
    }
    if (level.empty()) continue;  // not answered: AssessmentProblems says whether it had to be
    const std::optional<NeedLevel> need = Parse<NeedLevel>(level);
    if (!need) {
      parse_problems.push_back({code, "is not a level of need"});
      continue;
    }
    const auto notes = input.notes.find(code);
    assessment.needs.push_back({*pathway, *need, notes == input.notes.end() ? "" : notes->second});
  }
  // The form's order, whatever order the input came in.
  const std::span<const Pathway> form = FormPathways(assessment.form_version);
  std::sort(assessment.needs.begin(), assessment.needs.end(), [&](const PathwayNeed& a, const PathwayNeed& b) {
    return std::find(form.begin(), form.end(), a.pathway) < std::find(form.begin(), form.end(), b.pathway);
  });
  AssessmentId id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordAssessment, person_id, {NoSuchPerson()});
  const Status status = Audited(
      database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = person;
        // Which pathways are required depends on the person (the women's pathways), so the check reads them first.
        FieldProblems problems = parse_problems;
        if (problems.empty()) problems = AssessmentProblems(assessment, person.gender, clock_.Today());
        if (!problems.empty()) return Status::Invalid(std::move(problems), "the assessment is not complete");
        ASSIGN_OR_RETURN(id, transaction.Get<CaseRepository>().AddAssessment(assessment));
        entry.detail = fmt::format("assessment {} of {}: total {}, {} significant", id,
                                   FormatIsoDate(assessment.assessed_on), assessment.Total(),
                                   assessment.SignificantCount());
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

Result<int64_t> CaseService::RequestOverride(const Actor& actor, PersonId person_id, const OverrideInput& input,
                                             std::optional<Person>* shown) {
  const Date today = clock_.Today();
  BragOverride override_{.justification = input.justification, .starts_on = today, .requested_by = ActorName(actor)};
  const auto check = [&] {
    FieldProblems problems;
    if (const std::optional<BragRating> rating = Parse<BragRating>(input.rating)) {
      override_.rating = *rating;
    } else {
      problems.push_back({"rating", "select the rating"});
    }
    if (input.justification.size() < kMinOverrideJustification) {
      problems.push_back({"justification", fmt::format("must say why, in at least {} characters",
                                                       kMinOverrideJustification)});
    } else if (input.justification.size() > 4000) {
      problems.push_back({"justification", "must be at most 4000 characters"});
    }
    if (const Result<Date> expires = ParseIsoDate(input.expires_on); !expires.ok()) {
      problems.push_back({"expires_on", "must be a real date"});
    } else if (*expires <= today) {
      problems.push_back({"expires_on", "must be after today"});
    } else if (*expires > today + std::chrono::days(kMaxOverrideDays)) {
      problems.push_back({"expires_on", fmt::format("must be within {} days", kMaxOverrideDays)});
    } else {
      override_.expires_on = *expires;
    }
    return problems.empty() ? Status::Ok() : Status::Invalid(std::move(problems), "the override is not valid");
  };
  int64_t id = 0;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRequestOverride, person_id, {NoSuchPerson()});
  const Status status = Audited(
      database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        RETURN_IF_ERROR(transaction.Get<PersonRepository>().Get(person_id).status());
        // A manager's own request is their sign-off; the local operator is not a manager and cannot sign off.
        const bool signs_off = actor.HasRole(Role::kManager);
        if (signs_off) {
          override_.approved_by = ActorName(actor);
          override_.approved_at = clock_.Now();
        }
        ASSIGN_OR_RETURN(id, transaction.Get<CaseRepository>().AddOverride(person_id, override_, clock_.Now()));
        entry.detail = fmt::format("override {}: {} until {}{}", id, CodeOf(override_.rating),
                                   FormatIsoDate(override_.expires_on), signs_off ? ", signed off" : ", awaiting a manager");
        return Status::Ok();
      });
  ShowPersonAgain(database_, audit_, use_case, status, person_id, shown);
  RETURN_IF_ERROR(status);
  return id;
}

namespace {

const AuditedFailure kNoSuchOverride{StatusCode::kNotFound, "no such person or override"};

// The override `override_id` of `person_id` as stored, checked against the version the form showed.
Result<CaseRepository::StoredOverride> OverrideOf(Transaction& transaction, PersonId person_id, int64_t override_id,
                                                  int expected_version) {
  Result<CaseRepository::StoredOverride> stored = transaction.Get<CaseRepository>().GetOverride(override_id);
  if (!stored.ok() || stored->person_id != person_id) {
    return Status::NotFound(fmt::format("person {} has no BRAG override {}", person_id, override_id));
  }
  if (stored->version != expected_version) {
    return Status::Stale("someone changed this override meanwhile: reload and check");
  }
  return stored;
}

}  // namespace

Status CaseService::SignOffOverride(const Actor& actor, PersonId person_id, int64_t override_id, int expected_version) {
  const Date today = clock_.Today();
  return Audited(database_, audit_,
                 UseCase::OnPerson(actor, Action::kSignOffOverride, person_id, {kNoSuchOverride}),
                 [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                   ASSIGN_OR_RETURN(CaseRepository::StoredOverride stored,
                                    OverrideOf(transaction, person_id, override_id, expected_version));
                   BragOverride& o = stored.override_;
                   if (!o.approved_by.empty()) return Status::FailedPrecondition("this override is already signed off");
                   if (o.ended_on || o.expires_on <= today) {
                     return Status::FailedPrecondition("this override was withdrawn or has expired");
                   }
                   if (o.requested_by == ActorName(actor)) {
                     return Status::FailedPrecondition("another manager must sign off an override you asked for");
                   }
                   o.approved_by = ActorName(actor);
                   o.approved_at = clock_.Now();
                   RETURN_IF_ERROR(transaction.Get<CaseRepository>().UpdateOverride(o, stored.version, ""));
                   entry.detail = fmt::format("override {} signed off: {}", override_id, CodeOf(o.rating));
                   return Status::Ok();
                 });
}

Status CaseService::WithdrawOverride(const Actor& actor, PersonId person_id, int64_t override_id,
                                     int expected_version) {
  const Date today = clock_.Today();
  return Audited(database_, audit_,
                 UseCase::OnPerson(actor, Action::kRequestOverride, person_id, {kNoSuchOverride}),
                 [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                   ASSIGN_OR_RETURN(CaseRepository::StoredOverride stored,
                                    OverrideOf(transaction, person_id, override_id, expected_version));
                   BragOverride& o = stored.override_;
                   if (o.ended_on || o.expires_on <= today) {
                     return Status::FailedPrecondition("this override was already withdrawn or has expired");
                   }
                   // A signed-off override is a manager's decision: only a manager undoes it. A request awaiting
                   // sign-off may be withdrawn by anyone who may ask for one.
                   if (!o.approved_by.empty() && !actor.local_operator && !actor.HasRole(Role::kManager)) {
                     return Status::PermissionDenied(
                         "Withdrawing a signed-off BRAG override needs the manager role");
                   }
                   o.ended_on = today;
                   RETURN_IF_ERROR(
                       transaction.Get<CaseRepository>().UpdateOverride(o, stored.version, ActorName(actor)));
                   entry.detail = fmt::format("override {} withdrawn", override_id);
                   return Status::Ok();
                 });
}

namespace {

// The rows of `members`, each rated today, by rating then surname.
Result<std::vector<CaseloadRow>> RateMembers(Transaction& transaction, const std::vector<CohortMembership>& members,
                                             const BragConfig& config, Date today) {
  std::vector<CaseloadRow> rows;
  for (const CohortMembership& m : members) {
    ASSIGN_OR_RETURN(const BragFacts facts, LoadFacts(transaction, m.person_id));
    CaseloadRow row{.person_id = m.person_id, .surname = m.surname, .forenames = m.forenames, .district = m.district,
                    .scheme = std::string(CodeOf(m.scheme)), .strand = std::string(CodeOf(m.strand)),
                    .lead_professional = m.lead_professional, .lead_agency = m.lead_agency};
    row.rating = AssessBrag(facts, config, today);
    row.next_appointment = NextAppointment(facts.contacts, today);
    row.open_warrants = OpenWarrants(facts.events);
    row.open_recalls = OpenRecalls(facts.events);
    row.open_warrant = !row.open_warrants.empty();
    ASSIGN_OR_RETURN(const std::vector<PlanAction> actions, transaction.Get<PlanRepository>().ActionsFor(m.person_id));
    row.overdue_actions = CountOverdue(actions, today);
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const CaseloadRow& a, const CaseloadRow& b) {
    return std::tuple(static_cast<int>(a.rating.Shown()), a.surname, a.forenames, a.person_id) <
           std::tuple(static_cast<int>(b.rating.Shown()), b.surname, b.forenames, b.person_id);
  });
  return rows;
}

}  // namespace

Result<std::vector<CaseloadRow>> CaseService::Caseload(const Actor& actor, const CaseloadQuery& query) {
  const Date today = clock_.Today();
  std::vector<CaseloadRow> rows;
  RETURN_IF_ERROR(Audited(
      database_, audit_, {.actor = actor, .action = Action::kViewCaseload, .object = ObjectKind::kMembership},
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        // Refused inside the work, so that Audited records the attempt as denied (a check's refusal is not recorded).
        if (query.everyone && !actor.local_operator && !actor.HasRole(Role::kManager)) {
          return Status::PermissionDenied("the whole cohort's caseload is for IOM managers; you see your own people");
        }
        PanelRepository& panel = transaction.Get<PanelRepository>();
        std::vector<CohortMembership> members;
        if (query.everyone) {
          ASSIGN_OR_RETURN(members, panel.CurrentMembers());
          std::erase_if(members, [&](const CohortMembership& m) {
            return (!query.worker.empty() && m.lead_professional != query.worker) ||
                   (!query.agency.empty() && m.lead_agency != query.agency);
          });
        }
        // My own people: those I lead, then those on whose team I am a named worker now (issue 10, part 2).
        std::map<PersonId, std::string> my_roles;
        if (!query.everyone) {
          ASSIGN_OR_RETURN(members, panel.CurrentMembersLedBy(actor.user_id));
          for (const CohortMembership& m : members) my_roles.emplace(m.person_id, "Lead professional");
          ASSIGN_OR_RETURN(const std::vector<TeamPlace> places,
                           transaction.Get<TeamRepository>().CurrentPlacesOf(actor.user_id));
          if (!places.empty()) {
            ASSIGN_OR_RETURN(const std::vector<CohortMembership> current, panel.CurrentMembers());
            for (const TeamPlace& place : places) {
              if (my_roles.contains(place.person_id)) continue;
              const auto member = std::find_if(current.begin(), current.end(),
                                               [&](const CohortMembership& m) { return m.person_id == place.person_id; });
              if (member == current.end()) continue;  // on the team of someone no longer in the cohort
              members.push_back(*member);
              my_roles.emplace(place.person_id, std::string(LabelOf(place.role)));
            }
          }
        }
        ASSIGN_OR_RETURN(const BragConfig config, RulesIn(transaction));
        ASSIGN_OR_RETURN(rows, RateMembers(transaction, members, config, today));
        for (CaseloadRow& row : rows) {
          if (const auto role = my_roles.find(row.person_id); role != my_roles.end()) row.my_role = role->second;
        }
        if (query.rating) {
          std::erase_if(rows, [&](const CaseloadRow& row) { return row.rating.Shown() != *query.rating; });
        }
        entry.detail = fmt::format("{} caseload: {} people", query.everyone ? "cohort" : "own", rows.size());
        return Status::Ok();
      }));
  return rows;
}

Result<std::vector<CaseloadRow>> CaseService::Tasking(const Actor& actor) {
  const Date today = clock_.Today();
  std::vector<CaseloadRow> rows;
  RETURN_IF_ERROR(Audited(
      database_, audit_, {.actor = actor, .action = Action::kViewTasking, .object = ObjectKind::kMembership},
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const std::vector<CohortMembership> members, transaction.Get<PanelRepository>().CurrentMembers());
        ASSIGN_OR_RETURN(const BragConfig config, RulesIn(transaction));
        ASSIGN_OR_RETURN(rows, RateMembers(transaction, members, config, today));
        std::erase_if(rows, [](const CaseloadRow& row) { return row.rating.Shown() != BragRating::kRed; });
        entry.detail = fmt::format("police tasking list: {} people rated Red", rows.size());
        return Status::Ok();
      }));
  return rows;
}

Date CaseloadRow::WantedSince() const {
  Date since = Date::max();
  for (const auto* events : {&open_warrants, &open_recalls}) {
    for (const Event& event : *events) since = std::min(since, event.event_date);
  }
  return since;
}

Result<WantedList> CaseService::Wanted(const Actor& actor) {
  const Date today = clock_.Today();
  WantedList list;
  RETURN_IF_ERROR(Audited(
      database_, audit_, {.actor = actor, .action = Action::kViewWanted, .object = ObjectKind::kMembership},
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const std::vector<CohortMembership> members, transaction.Get<PanelRepository>().CurrentMembers());
        ASSIGN_OR_RETURN(const BragConfig config, RulesIn(transaction));
        ASSIGN_OR_RETURN(std::vector<CaseloadRow> rows, RateMembers(transaction, members, config, today));
        for (const Scheme scheme : All<Scheme>()) list.by_scheme.push_back({.scheme = scheme});
        for (CaseloadRow& row : rows) {
          const std::optional<Scheme> scheme = Parse<Scheme>(row.scheme);
          WantedList::SchemeCount* count = scheme ? &list.by_scheme[static_cast<size_t>(*scheme)] : nullptr;
          if (count != nullptr) ++count->members;
          if (row.open_warrants.empty() && row.open_recalls.empty()) continue;
          if (count != nullptr) ++count->wanted;
          list.people.push_back(std::move(row));
        }
        std::stable_sort(list.people.begin(), list.people.end(), [](const CaseloadRow& a, const CaseloadRow& b) {
          return a.WantedSince() < b.WantedSince();
        });
        entry.detail = fmt::format("wanted list: {} of {} cohort members", list.people.size(), members.size());
        return Status::Ok();
      }));
  return list;
}

}  // namespace openiom
