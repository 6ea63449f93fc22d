// The demo cohort's service levels, schemes, statutory status and enforcement steps (issue 10, parts 1 and 6): see
// AddDemoLevelsAndEnforcement in demo_data.h.
#include <optional>

#include "domain/cases/enforcement.h"
#include "domain/cases/level.h"
#include "services/system/demo_data.h"
#include "storage/accounts/agency_repository.h"
#include "storage/cases/case_repository.h"
#include "storage/cases/enforcement_repository.h"
#include "storage/cases/level_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

using std::chrono::days;

// The pyramid follows the panel's scheme: PPOs are intensive, high crime causers enhanced, the rest standard.
ServiceLevel LevelForScheme(Scheme scheme) {
  switch (scheme) {
    case Scheme::kPpo: return ServiceLevel::kIntensive;
    case Scheme::kHcc: return ServiceLevel::kEnhanced;
    default: return ServiceLevel::kStandard;
  }
}

std::optional<CaseScheme> CaseSchemeFor(Scheme scheme) {
  switch (scheme) {
    case Scheme::kPpo: return CaseScheme::kPpo;
    case Scheme::kHcc: return CaseScheme::kHcc;
    case Scheme::kDip: return CaseScheme::kDip;
    case Scheme::kDrr: return CaseScheme::kDrr;
    case Scheme::kScpo: return CaseScheme::kScpo;
    case Scheme::kDv: return CaseScheme::kDvMatac;
    case Scheme::kOther: return std::nullopt;
  }
  return std::nullopt;
}

int YearsOld(Date born, Date on) {
  const std::chrono::year_month_day b{born}, o{on};
  int years = static_cast<int>(o.year()) - static_cast<int>(b.year());
  if (std::chrono::month_day{o.month(), o.day()} < std::chrono::month_day{b.month(), b.day()}) --years;
  return years;
}

}  // namespace

Status AddDemoLevelsAndEnforcement(Transaction& transaction, Date as_of, Timestamp now, DemoCaseloadReport& report) {
  ASSIGN_OR_RETURN(const std::optional<Agency> probation,
                   transaction.Get<AgencyRepository>().FindByName("Probation Service - Cleveland"));
  if (!probation) return Status::Ok();
  ASSIGN_OR_RETURN(const std::vector<CohortMembership> members, transaction.Get<PanelRepository>().CurrentMembers());
  LevelRepository& levels = transaction.Get<LevelRepository>();
  EnforcementRepository& enforcement = transaction.Get<EnforcementRepository>();
  for (size_t index = 0; index < members.size(); ++index) {
    const CohortMembership& m = members[index];
    ASSIGN_OR_RETURN(const Person person, transaction.Get<PersonRepository>().Get(m.person_id));

    // The level from the day the panel selected them; every sixth member started a level lower and was moved up
    // after a further arrest, so their history has two moves.
    const ServiceLevel level = LevelForScheme(m.scheme);
    const bool moved = index % 6 == 1 && level != ServiceLevel::kStandard && as_of - m.selected_on > days(120);
    const auto add_level = [&](ServiceLevel l, Date on, std::string reason) -> Status {
      RETURN_IF_ERROR(levels
                          .AddChange({.person_id = m.person_id,
                                      .level = l,
                                      .on = on,
                                      .reason = std::move(reason),
                                      .changed_by = "demo.manager",
                                      .changed_at = now})
                          .status());
      ++report.level_changes;
      return Status::Ok();
    };
    if (moved) {
      RETURN_IF_ERROR(add_level(static_cast<ServiceLevel>(static_cast<int>(level) + 1), m.selected_on,
                                "Selected at panel; started one level lower while the picture built up"));
      RETURN_IF_ERROR(add_level(level, m.selected_on + days(60),
                                "Arrested twice in a month after selection: moved up, agreed at the BRAG meeting"));
    } else {
      RETURN_IF_ERROR(add_level(level, m.selected_on, "Selected at panel: " + std::string(LabelOf(m.scheme))));
    }

    // Schemes: the panel's, and the women's cohort and the young adults' where they apply.
    const auto add_scheme = [&](CaseScheme scheme, std::optional<Date> ends_on, std::string reason) -> Status {
      RETURN_IF_ERROR(levels
                          .AddScheme({.person_id = m.person_id,
                                      .scheme = scheme,
                                      .starts_on = m.selected_on,
                                      .ends_on = ends_on,
                                      .reason = std::move(reason),
                                      .added_by = "demo.manager"})
                          .status());
      ++report.schemes;
      return Status::Ok();
    };
    if (const std::optional<CaseScheme> scheme = CaseSchemeFor(m.scheme)) {
      const std::optional<Date> ends = NeedsEndDate(*scheme)
                                           ? std::optional<Date>(as_of + days(60 + 20 * static_cast<int>(index % 7)))
                                           : std::nullopt;
      RETURN_IF_ERROR(add_scheme(*scheme, ends, "Panel decision"));
    }
    if (person.gender == Gender::kFemale) {
      RETURN_IF_ERROR(add_scheme(CaseScheme::kWomen, std::nullopt, "Women's cohort: whole-system approach"));
    }
    if (person.date_of_birth && YearsOld(*person.date_of_birth, as_of) <= 24) {
      RETURN_IF_ERROR(add_scheme(CaseScheme::kYoungAdult, std::nullopt, "Transition from the youth offending service"));
    }

    // Statutory status, in turn: on licence, a community order, post-sentence supervision, voluntary engagement.
    static constexpr StatutoryKind kKinds[] = {StatutoryKind::kLicence,        StatutoryKind::kCommunityOrder,
                                               StatutoryKind::kLicence,        StatutoryKind::kPostSentenceSupervision,
                                               StatutoryKind::kCommunityOrder, StatutoryKind::kVoluntary};
    const StatutoryKind kind = kKinds[index % std::size(kKinds)];
    const std::optional<Date> status_ends =
        NeedsEndDate(kind) ? std::optional<Date>(as_of + days(90 + 30 * static_cast<int>(index % 9))) : std::nullopt;
    RETURN_IF_ERROR(levels
                        .AddStatus({.person_id = m.person_id,
                                    .kind = kind,
                                    .starts_on = m.selected_on,
                                    .ends_on = status_ends,
                                    .recorded_by = "demo.manager",
                                    .recorded_at = now})
                        .status());
    ++report.statuses;

    // Enforcement: the first unacceptable failure of every other member under an order or licence had a warning; a
    // second one went to breach action (a community order) or, for some on licence, a recall request, both awaiting
    // their outcome; the other members' failures are left due, for the case page to show.
    if (kind == StatutoryKind::kVoluntary) continue;
    ASSIGN_OR_RETURN(const std::vector<Contact> contacts, transaction.Get<CaseRepository>().ContactsFor(m.person_id));
    std::vector<const Contact*> failures;
    for (const Contact& contact : contacts) {
      if (contact.outcome == ContactOutcome::kFailedUnacceptable && contact.on <= as_of) failures.push_back(&contact);
    }
    if (failures.empty() || index % 2 == 1) continue;
    const auto step = [&](EnforcementKind k, const Contact& failure, std::string reason) -> Status {
      const EnforcementStep added{.person_id = m.person_id,
                                  .kind = k,
                                  .contact_id = failure.id,
                                  .on = std::min(as_of, failure.on + days(1)),
                                  .agency_id = probation->id,
                                  .agency = probation->name,
                                  .reason = std::move(reason),
                                  .recorded_by = "demo.manager",
                                  .recorded_at = now};
      RETURN_IF_ERROR(enforcement.Add(added).status());
      ++report.enforcement_steps;
      return Status::Ok();
    };
    RETURN_IF_ERROR(step(EnforcementKind::kWarning, *failures.front(),
                         "Warning letter: failed to attend without an acceptable reason"));
    if (failures.size() >= 2 && kind == StatutoryKind::kCommunityOrder) {
      RETURN_IF_ERROR(step(EnforcementKind::kBreach, *failures[1],
                           "Second unacceptable failure within the year: breach laid before the magistrates"));
    } else if (failures.size() >= 2 && kind == StatutoryKind::kLicence && index % 4 == 0) {
      RETURN_IF_ERROR(step(EnforcementKind::kRecallRequest, *failures[1],
                           "Second unacceptable failure on licence: recall requested from the Public Protection "
                           "Casework Section"));
    }
  }
  return Status::Ok();
}

}  // namespace openiom
