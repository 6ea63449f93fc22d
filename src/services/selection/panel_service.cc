#include "services/selection/panel_service.h"

#include <algorithm>
#include <functional>
#include <tuple>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"
#include "domain/people/person.h"
#include "services/access/use_case.h"
#include "storage/accounts/agency_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "storage/accounts/user_repository.h"

namespace openiom {
namespace {

constexpr size_t kMaxReasonLength = 2000;

// `what` names the text in its messages ("the reason", "the review notes"), as the form's label does.
void CheckReason(std::string_view field, std::string_view what, const std::string& text, FieldProblems& problems) {
  const std::string_view trimmed = Trim(text);
  if (trimmed.empty()) {
    problems.push_back({std::string(field), fmt::format("Enter {}", what)});
  } else if (trimmed.size() > kMaxReasonLength || !IsValidUtf8(trimmed)) {
    std::string message = fmt::format("{} must be {} characters or fewer", what, kMaxReasonLength);
    message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
    problems.push_back({std::string(field), std::move(message)});
  }
}

// A date (YYYY-MM-DD, as the API sends it and the date input gives it), not after today. `what` names it.
std::optional<Date> CheckDate(std::string_view field, std::string_view what, const std::string& text, Date today,
                              FieldProblems& problems) {
  if (Trim(text).empty()) {
    problems.push_back({std::string(field), fmt::format("Enter {}", what)});
    return std::nullopt;
  }
  const Result<Date> date = ParseIsoDate(Trim(text));
  std::string problem;
  if (!date.ok()) {
    problem = fmt::format("{} must be a real date, for example 2026-11-30", what);
  } else if (*date > today) {
    problem = fmt::format("{} must be today or in the past", what);
  }
  if (!problem.empty()) {
    problem[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(problem[0])));
    problems.push_back({std::string(field), std::move(problem)});
    return std::nullopt;
  }
  return *date;
}

Status Problems(const FieldProblems& problems) {
  return problems.empty() ? Status::Ok() : Status::Invalid(problems);
}

// An enabled practitioner or manager may lead a person's case.
bool MayLead(const User& user) {
  return !user.disabled && (user.HasRole(Role::kPractitioner) || user.HasRole(Role::kManager));
}

// Reads the lead professional and lead agency as typed into `membership`; problems go to `problems` (and the
// result is InvalidArgument). With a lead professional and no lead agency, the lead agency is theirs.
Status CheckLead(Transaction& transaction, std::string_view lead_user_text, std::string_view lead_agency_text,
                 CohortMembership& membership, FieldProblems& problems) {
  membership.lead_user_id.reset();
  membership.lead_agency_id.reset();
  std::optional<AgencyId> lead_user_agency;
  if (!Trim(lead_user_text).empty()) {
    const std::optional<int64_t> id = ParseInt64(Trim(lead_user_text));
    std::optional<StoredUser> user;
    if (id) {
      ASSIGN_OR_RETURN(user, transaction.Get<UserRepository>().Get(*id));
    }
    if (!user || !MayLead(user->user)) {
      problems.emplace_back("lead_user", "Choose the lead professional from the list");
    } else {
      membership.lead_user_id = user->user.id;
      lead_user_agency = user->user.agency_id;
    }
  }
  if (!Trim(lead_agency_text).empty()) {
    const std::optional<int64_t> id = ParseInt64(Trim(lead_agency_text));
    ASSIGN_OR_RETURN(std::vector<Agency> agencies, transaction.Get<AgencyRepository>().List());
    if (!id || std::none_of(agencies.begin(), agencies.end(), [&](const Agency& a) { return a.id == *id; })) {
      problems.emplace_back("lead_agency", "Choose the lead agency from the list");
    } else {
      membership.lead_agency_id = *id;
    }
  } else {
    membership.lead_agency_id = lead_user_agency;
  }
  return Problems(problems);
}

bool InCohort(const std::vector<CohortMembership>& memberships) {
  return std::any_of(memberships.begin(), memberships.end(),
                     [](const CohortMembership& m) { return !m.deselected_on.has_value(); });
}

bool HasOpenReferral(const std::vector<Referral>& referrals) {
  return std::any_of(referrals.begin(), referrals.end(),
                     [](const Referral& r) { return AwaitsPanel(r.status); });
}

}  // namespace

Result<int64_t> PanelService::Refer(const Actor& actor, PersonId person_id, const std::string& route,
                                    const std::string& reasons, std::optional<Person>* shown) {
  const std::optional<ReferralRoute> how = Parse<ReferralRoute>(route);
  const auto check = [&] {
    FieldProblems problems;
    if (!how) problems.emplace_back("route", "Choose how the person was found");
    CheckReason("reasons", "the reasons for the referral", reasons, problems);
    return Problems(problems);
  };
  int64_t id = 0;
  // Need-to-know like a view: a referral would otherwise make its agency "involved" and open the full record.
  const UseCase use_case = UseCase::OnPerson(actor, Action::kReferPerson, person_id);
  const Status status = Audited(
      database_, audit_, use_case, check,
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = std::move(person);
        ASSIGN_OR_RETURN(std::vector<CohortMembership> memberships,
                         transaction.Get<PanelRepository>().MembershipsFor(person_id));
        if (InCohort(memberships)) return Status::Conflict("this person is already in the cohort");
        ASSIGN_OR_RETURN(std::vector<Referral> referrals, transaction.Get<PanelRepository>().ReferralsFor(person_id));
        if (HasOpenReferral(referrals)) return Status::Conflict("this person is already waiting for the panel");
        ASSIGN_OR_RETURN(id, transaction.Get<PanelRepository>().CreateReferral({.person_id = person_id,
                                                                                .route = *how,
                                                                                .reasons = std::string(Trim(reasons)),
                                                                                .referred_by = actor.username,
                                                                                .referred_at = clock_.Now()}));
        entry.detail = fmt::format("referral {} ({})", id, route);
        return Status::Ok();
      });
  ShowAgain<Person>(database_, audit_, use_case, status, shown,
                    [&](Transaction& transaction) { return transaction.Get<PersonRepository>().Get(person_id); });
  RETURN_IF_ERROR(status);
  return id;
}

Result<std::vector<Referral>> PanelService::AwaitingPanel(const Actor& actor) {
  std::vector<Referral> referrals;
  RETURN_IF_ERROR(Audited(database_, audit_,
                          {.actor = actor, .action = Action::kViewCohort, .object = ObjectKind::kReferral},
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(referrals, transaction.Get<PanelRepository>().OpenReferrals());
                            entry.detail = fmt::format("awaiting panel: {}", referrals.size());
                            return Status::Ok();
                          }));
  return referrals;
}

Result<Referral> PanelService::GetReferral(const Actor& actor, int64_t referral_id) {
  Referral referral;
  RETURN_IF_ERROR(Audited(database_, audit_,
                          {.actor = actor,
                           .action = Action::kViewCohort,
                           .object = ObjectKind::kReferral,
                           .object_id = std::to_string(referral_id)},
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(referral, transaction.Get<PanelRepository>().GetReferral(referral_id));
                            entry.detail = fmt::format("person {}", referral.person_id);
                            return Status::Ok();
                          }));
  return referral;
}

Status PanelService::Decide(const Actor& actor, const PanelDecision& decision, std::optional<Referral>* shown) {
  FieldProblems problems;
  const std::optional<PanelDecisionKind> kind = Parse<PanelDecisionKind>(decision.decision);
  const bool select = kind == PanelDecisionKind::kSelect;
  const std::optional<Strand> strand = Parse<Strand>(decision.strand);
  const std::optional<Scheme> scheme = Parse<Scheme>(decision.scheme);
  std::optional<Date> panel_date;
  const auto check = [&] {
    if (!kind) problems.emplace_back("decision", "Choose select, decline or defer");
    CheckReason("reason", "the reason for the decision", decision.reason, problems);
    panel_date = CheckDate("panel_date", "the panel date", decision.panel_date, clock_.Today(), problems);
    if (select) {
      if (!strand) problems.emplace_back("strand", "Choose the cohort strand");
      if (!scheme) problems.emplace_back("scheme", "Choose the scheme");
    }
    return Problems(problems);
  };
  const UseCase use_case{.actor = actor,
                         .action = Action::kDecidePanel,
                         .object = ObjectKind::kReferral,
                         .object_id = std::to_string(decision.referral_id)};
  const Status status =
      Audited(database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(Referral referral, transaction.Get<PanelRepository>().GetReferral(decision.referral_id));
        if (shown != nullptr) *shown = referral;
        if (referral.version != decision.expected_version) {
          return Status::Stale("someone else decided this referral meanwhile: reload and check");
        }
        if (!AwaitsPanel(referral.status)) {
          return Status::Conflict(fmt::format("this referral was already decided: {}", CodeOf(referral.status)));
        }
        // A decision is made about a referral that exists: never dated before it (London time, as users see dates).
        if (const Date referred_on = LondonDate(referral.referred_at); *panel_date < referred_on) {
          problems.emplace_back("panel_date",
                                fmt::format("The panel date must be on or after the day of the referral, {}",
                                            FormatIsoDate(referred_on)));
          return Problems(problems);
        }
        CohortMembership lead;
        if (select) {
          RETURN_IF_ERROR(CheckLead(transaction, decision.lead_user_id, decision.lead_agency_id, lead, problems));
        }
        referral.status = StatusAfter(*kind);
        referral.decision_reason = std::string(Trim(decision.reason));
        referral.panel_date = panel_date;
        referral.decided_by = actor.username;
        referral.decided_at = clock_.Now();
        RETURN_IF_ERROR(transaction.Get<PanelRepository>().DecideReferral(referral));
        std::string detail = fmt::format("person {}: {}", referral.person_id, CodeOf(referral.status));
        if (select) {
          ASSIGN_OR_RETURN(std::vector<CohortMembership> memberships,
                           transaction.Get<PanelRepository>().MembershipsFor(referral.person_id));
          if (InCohort(memberships)) return Status::Conflict("this person is already in the cohort");
          ASSIGN_OR_RETURN(int64_t membership,
                           transaction.Get<PanelRepository>().AddMembership(
                               {.person_id = referral.person_id,
                                .strand = *strand,
                                .scheme = *scheme,
                                .lead_agency_id = lead.lead_agency_id,
                                .lead_user_id = lead.lead_user_id,
                                .selected_on = *panel_date,
                                .selection_reason = referral.decision_reason,
                                .selected_by = actor.username,
                                .next_review_on = *panel_date + std::chrono::days(kReviewIntervalDays)}));
          detail += fmt::format(" (membership {}, {} {})", membership, decision.strand, decision.scheme);
        }
        entry.detail = std::move(detail);
        return Status::Ok();
      });
  ShowAgain<Referral>(database_, audit_, use_case, status, shown, [&](Transaction& transaction) {
    return transaction.Get<PanelRepository>().GetReferral(decision.referral_id);
  });
  return status;
}

Result<PersonId> PanelService::Review(const Actor& actor, const MembershipReview& review,
                                      std::optional<CohortMembership>* shown) {
  FieldProblems problems;
  const std::optional<ReviewOutcome> outcome = Parse<ReviewOutcome>(review.outcome);
  const bool ends = outcome == ReviewOutcome::kDeselect, moves = outcome == ReviewOutcome::kChangeStrand;
  const std::optional<Strand> new_strand = moves ? Parse<Strand>(review.strand) : std::nullopt;
  std::optional<Date> date, next_review;
  const auto check = [&] {
    if (!outcome) problems.emplace_back("outcome", "Choose the outcome of the review");
    if (moves && !new_strand) problems.emplace_back("strand", "Choose the new strand");
    CheckReason("notes", "the review notes", review.notes, problems);
    date = CheckDate("date", "the date of the review", review.date, clock_.Today(), problems);
    if (outcome && !ends) {
      const Result<Date> next = ParseIsoDate(Trim(review.next_review));
      if (Trim(review.next_review).empty()) {
        problems.emplace_back("next_review", "Enter the date of the next review");
      } else if (!next.ok()) {
        problems.emplace_back("next_review", "The next review must be a real date, for example 2027-02-28");
      } else if (date && *next <= *date) {
        problems.emplace_back("next_review", "The next review must be after this one");
      } else {
        next_review = *next;
      }
    }
    return Problems(problems);
  };
  const UseCase use_case{.actor = actor,
                         .action = Action::kDecidePanel,
                         .object = ObjectKind::kMembership,
                         .object_id = std::to_string(review.membership_id)};
  PersonId person_id = 0;
  const Status status =
      Audited(database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(CohortMembership membership,
                         transaction.Get<PanelRepository>().GetMembership(review.membership_id));
        if (shown != nullptr) *shown = membership;
        if (membership.version != review.expected_version || membership.deselected_on) {
          return Status::Stale("this membership was changed or ended meanwhile: reload and check");
        }
        if (*date < membership.selected_on) {
          problems.emplace_back("date", "The date must not be before the person was selected");
          return Problems(problems);
        }
        if (moves && *new_strand == membership.strand) {
          problems.emplace_back("strand", "Choose a strand other than the current one");
          return Problems(problems);
        }
        const std::string notes(Trim(review.notes));
        if (moves) membership.strand = *new_strand;
        membership.next_review_on = next_review;
        if (ends) {
          membership.deselected_on = date;
          membership.deselection_reason = notes;
          membership.deselected_by = actor.username;
        }
        RETURN_IF_ERROR(transaction.Get<PanelRepository>().UpdateMembership(membership));
        RETURN_IF_ERROR(transaction.Get<PanelRepository>()
                            .AddReview({.membership_id = membership.id,
                                        .reviewed_on = *date,
                                        .outcome = *outcome,
                                        .strand = new_strand,
                                        .notes = notes,
                                        .reviewed_by = actor.username,
                                        .next_review_on = next_review})
                            .status());
        person_id = membership.person_id;
        entry.detail = fmt::format("person {}: review, {}", membership.person_id, review.outcome);
        return Status::Ok();
      });
  ShowAgain<CohortMembership>(database_, audit_, use_case, status, shown, [&](Transaction& transaction) {
    return transaction.Get<PanelRepository>().GetMembership(review.membership_id);
  });
  RETURN_IF_ERROR(status);
  return person_id;
}

Result<CohortView> PanelService::Cohort(const Actor& actor) {
  CohortView view;
  RETURN_IF_ERROR(Audited(database_, audit_,
                          {.actor = actor, .action = Action::kViewCohort, .object = ObjectKind::kMembership},
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(view.members, transaction.Get<PanelRepository>().CurrentMembers());
                            entry.detail = fmt::format("cohort list: {}", view.members.size());
                            return Status::Ok();
                          }));
  for (Strand strand : All<Strand>()) view.by_strand.push_back({std::string(CodeOf(strand)), std::string(LabelOf(strand))});
  for (Scheme scheme : All<Scheme>()) view.by_scheme.push_back({std::string(CodeOf(scheme)), std::string(LabelOf(scheme))});
  for (const CohortMembership& member : view.members) {
    for (CohortCount& count : view.by_strand) count.members += count.key == CodeOf(member.strand) ? 1 : 0;
    for (CohortCount& count : view.by_scheme) count.members += count.key == CodeOf(member.scheme) ? 1 : 0;
  }
  return view;
}

Result<CohortMembership> PanelService::GetMembership(const Actor& actor, int64_t membership_id) {
  CohortMembership membership;
  RETURN_IF_ERROR(Audited(database_, audit_,
                          {.actor = actor,
                           .action = Action::kViewCohort,
                           .object = ObjectKind::kMembership,
                           .object_id = std::to_string(membership_id)},
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(membership,
                                             transaction.Get<PanelRepository>().GetMembership(membership_id));
                            entry.detail = fmt::format("person {}", membership.person_id);
                            return Status::Ok();
                          }));
  return membership;
}

Result<SelectionHistory> PanelService::History(const Actor& actor, PersonId person_id) {
  SelectionHistory history;
  RETURN_IF_ERROR(Audited(
      database_, audit_, UseCase::OnPerson(actor, Action::kViewCohort, person_id, {NoSuchPerson()}),
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(history.person, transaction.Get<PersonRepository>().Get(person_id));
        ASSIGN_OR_RETURN(std::vector<Event> events, transaction.Get<EventRepository>().ListForPerson(person_id));
        history.has_open_warrant = HasOpenWarrant(events);
        ASSIGN_OR_RETURN(history.referrals, transaction.Get<PanelRepository>().ReferralsFor(person_id));
        ASSIGN_OR_RETURN(history.memberships, transaction.Get<PanelRepository>().MembershipsFor(person_id));
        ASSIGN_OR_RETURN(history.reviews, transaction.Get<PanelRepository>().ReviewsFor(person_id));
        entry.detail = "selection history";
        return Status::Ok();
      }));
  history.in_cohort = InCohort(history.memberships);
  history.awaiting_panel = HasOpenReferral(history.referrals);
  return history;
}

Result<FairnessReport> PanelService::Fairness(const Actor& actor) {
  FairnessReport report;
  std::vector<FairnessRow> rows;
  RETURN_IF_ERROR(Audited(database_, audit_,
                          {.actor = actor, .action = Action::kViewFairness, .object = ObjectKind::kScoreRun},
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            ASSIGN_OR_RETURN(report.run, transaction.Get<ScoreRepository>().LatestRun());
                            if (report.run) {
                              ASSIGN_OR_RETURN(rows, transaction.Get<PanelRepository>().FairnessRows(report.run->id));
                            }
                            entry.object_id = report.run ? std::to_string(report.run->id) : "";
                            entry.detail = "fairness check";
                            return Status::Ok();
                          }));
  if (!report.run) return report;
  const auto dimension = [&](std::string name, auto group_of) {
    std::vector<FairnessInput> inputs;
    for (const FairnessRow& row : rows) inputs.push_back({group_of(row), row.candidate, row.in_cohort});
    report.dimensions.emplace_back(std::move(name), CompareGroups(inputs));
  };
  dimension("Gender", [](const FairnessRow& row) {
    const std::optional<Gender> gender = GenderFromCode(row.gender);
    return std::string(gender ? GenderLabel(*gender) : "Not known");
  });
  const Date as_of = report.run->as_of;
  dimension("Age band", [&](const FairnessRow& row) {
    return AgeBand(row.date_of_birth ? std::optional<int>(AgeOn(*row.date_of_birth, as_of)) : std::nullopt);
  });
  dimension("Ethnicity", [](const FairnessRow& row) {
    const std::optional<Ethnicity> ethnicity = EthnicityFromCode(row.ethnicity);
    return std::string(ethnicity ? EthnicityLabel(*ethnicity) : "Not recorded");
  });
  dimension("District", [](const FairnessRow& row) { return row.district.empty() ? "Not recorded" : row.district; });
  return report;
}

Result<std::vector<LeadProfessional>> PanelService::LeadProfessionals(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kDecidePanel, ObjectKind::kUser, ""));
  std::vector<LeadProfessional> leads;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(std::vector<User> users, transaction.Get<UserRepository>().List());
    for (const User& user : users) {
      if (MayLead(user)) leads.push_back({user.id, user.display_name, user.agency_name});
    }
    return Status::Ok();
  }));
  std::sort(leads.begin(), leads.end(), [](const LeadProfessional& a, const LeadProfessional& b) {
    return std::tie(a.name, a.user_id) < std::tie(b.name, b.user_id);
  });
  return leads;
}

Result<std::vector<CohortMembership>> PanelService::Caseload(const Actor& actor) {
  std::vector<CohortMembership> members;
  RETURN_IF_ERROR(
      Audited(database_, audit_, {.actor = actor, .action = Action::kViewCohort, .object = ObjectKind::kMembership},
              [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                ASSIGN_OR_RETURN(members, transaction.Get<PanelRepository>().CurrentMembersLedBy(actor.user_id));
                entry.detail = fmt::format("caseload: {}", members.size());
                return Status::Ok();
              }));
  return members;
}

Result<PersonId> PanelService::ChangeLead(const Actor& actor, const LeadChange& change,
                                          std::optional<CohortMembership>* shown) {
  FieldProblems problems;
  PersonId person_id = 0;
  const UseCase use_case{.actor = actor,
                         .action = Action::kDecidePanel,
                         .object = ObjectKind::kMembership,
                         .object_id = std::to_string(change.membership_id)};
  const Status status = Audited(
      database_, audit_, use_case,
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(CohortMembership membership,
                         transaction.Get<PanelRepository>().GetMembership(change.membership_id));
        if (shown != nullptr) *shown = membership;
        if (membership.version != change.expected_version || membership.deselected_on) {
          return Status::Stale("someone else changed this membership meanwhile: reload and check");
        }
        RETURN_IF_ERROR(CheckLead(transaction, change.lead_user_id, change.lead_agency_id, membership, problems));
        RETURN_IF_ERROR(transaction.Get<PanelRepository>().SetLead(membership));
        person_id = membership.person_id;
        entry.detail = fmt::format("person {}: lead professional {}, lead agency {}", person_id,
                                   membership.lead_user_id ? std::to_string(*membership.lead_user_id) : "none",
                                   membership.lead_agency_id ? std::to_string(*membership.lead_agency_id) : "none");
        return Status::Ok();
      });
  ShowAgain<CohortMembership>(database_, audit_, use_case, status, shown, [&](Transaction& transaction) {
    return transaction.Get<PanelRepository>().GetMembership(change.membership_id);
  });
  RETURN_IF_ERROR(status);
  return person_id;
}

Result<std::vector<Agency>> PanelService::Agencies() {
  std::vector<Agency> agencies;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(agencies, transaction.Get<AgencyRepository>().List());
    return Status::Ok();
  }));
  return agencies;
}

}  // namespace openiom
