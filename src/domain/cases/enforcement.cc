#include "domain/cases/enforcement.h"

#include <algorithm>
#include <chrono>
#include <tuple>

#include <fmt/format.h>

namespace openiom {

namespace {

const Contact* FindContact(const std::vector<Contact>& contacts, ContactId id) {
  const auto found = std::find_if(contacts.begin(), contacts.end(), [&](const Contact& c) { return c.id == id; });
  return found == contacts.end() ? nullptr : &*found;
}

// The latest warning for another failure on or before `failed_on` and within kWarningDays before it.
const EnforcementStep* WarningBefore(const std::vector<EnforcementStep>& steps, Date failed_on,
                                     std::optional<ContactId> other_than) {
  const EnforcementStep* latest = nullptr;
  for (const EnforcementStep& step : steps) {
    if (step.kind != EnforcementKind::kWarning || step.contact_id == other_than) continue;
    if (step.on > failed_on || failed_on - step.on > std::chrono::days(kWarningDays)) continue;
    if (latest == nullptr || step.on > latest->on) latest = &step;
  }
  return latest;
}

bool Answered(const std::vector<EnforcementStep>& steps, ContactId contact_id, EnforcementStepId other_than) {
  return std::any_of(steps.begin(), steps.end(),
                     [&](const EnforcementStep& s) { return s.id != other_than && s.contact_id == contact_id; });
}

}  // namespace

std::vector<EnforcementOutcome> OutcomesFor(EnforcementKind kind) {
  switch (kind) {
    case EnforcementKind::kWarning: return {};
    case EnforcementKind::kBreach:
      return {EnforcementOutcome::kProven, EnforcementOutcome::kNotProven, EnforcementOutcome::kWithdrawn};
    case EnforcementKind::kRecallRequest:
      return {EnforcementOutcome::kRecalled, EnforcementOutcome::kRefused, EnforcementOutcome::kWithdrawn};
  }
  return {};
}

std::vector<EnforcementDue> EnforcementDueOn(const std::vector<Contact>& contacts,
                                             const std::vector<EnforcementStep>& steps,
                                             const std::vector<StatutoryStatus>& statuses, Date today) {
  std::vector<const Contact*> failures;
  for (const Contact& contact : contacts) {
    if (contact.outcome == ContactOutcome::kFailedUnacceptable && contact.on <= today &&
        !Answered(steps, contact.id, 0)) {
      failures.push_back(&contact);
    }
  }
  std::sort(failures.begin(), failures.end(),
            [](const Contact* a, const Contact* b) { return std::tie(a->on, a->id) < std::tie(b->on, b->id); });
  std::vector<EnforcementDue> due;
  for (const Contact* failure : failures) {
    const std::optional<StatutoryStatus> status = StatusOn(statuses, failure->on);
    if (status && status->kind == StatutoryKind::kVoluntary) continue;
    const std::string failed = fmt::format("{} on {} failed unacceptably", LabelOf(failure->kind),
                                           FormatLongDate(failure->on));
    const EnforcementStep* warning = WarningBefore(steps, failure->on, failure->id);
    if (warning == nullptr) {
      due.push_back({failure->id, failure->on, EnforcementKind::kWarning,
                     failed + ", with no warning in the year before: a warning is due"});
      continue;
    }
    const bool licence = status && status->kind == StatutoryKind::kLicence;
    due.push_back({failure->id, failure->on, licence ? EnforcementKind::kRecallRequest : EnforcementKind::kBreach,
                   fmt::format("{}, within a year of the warning on {}: {} is due", failed,
                               FormatLongDate(warning->on), licence ? "a recall request" : "breach action")});
  }
  return due;
}

FieldProblems EnforcementProblems(const EnforcementStep& step, const std::vector<Contact>& contacts,
                                  const std::vector<EnforcementStep>& steps, Date today) {
  FieldProblems problems;
  const Contact* contact = step.contact_id ? FindContact(contacts, *step.contact_id) : nullptr;
  if (step.on > today) {
    problems.push_back({"on", "must be today or in the past"});
  } else if (step.on < today - std::chrono::days(365)) {
    problems.push_back({"on", "must be within the last year"});
  } else if (contact != nullptr && step.on < contact->on) {
    problems.push_back({"on", "must be on or after the failed appointment"});
  }
  const bool needs_contact = step.kind != EnforcementKind::kRecallRequest;
  if (step.contact_id && contact == nullptr) {
    problems.push_back({"contact", "is not one of this person's appointments"});
  } else if (!step.contact_id && needs_contact) {
    problems.push_back({"contact", "Choose the failed appointment it answers"});
  } else if (contact != nullptr && contact->outcome != ContactOutcome::kFailedUnacceptable) {
    problems.push_back({"contact", "was not an unacceptable failure to attend"});
  } else if (contact != nullptr && Answered(steps, contact->id, step.id)) {
    problems.push_back({"contact", "has a warning or enforcement step already"});
  }
  if (step.kind == EnforcementKind::kBreach && contact != nullptr &&
      WarningBefore(steps, contact->on, contact->id) == nullptr) {
    problems.push_back({"kind", "needs a warning for an earlier failure within the year before this one"});
  }
  if (step.kind != EnforcementKind::kWarning && step.reason.size() < kMinEnforcementReason) {
    problems.push_back({"reason", fmt::format("must say why, in at least {} characters", kMinEnforcementReason)});
  } else if (step.reason.size() > kMaxEnforcementReason) {
    problems.push_back({"reason", fmt::format("must be {} characters or fewer", kMaxEnforcementReason)});
  }
  return problems;
}

FieldProblems OutcomeProblems(const EnforcementStep& step, EnforcementOutcome outcome, Date on, Date today) {
  FieldProblems problems;
  const std::vector<EnforcementOutcome> allowed = OutcomesFor(step.kind);
  if (allowed.empty()) {
    problems.push_back({"outcome", "A warning has no outcome"});
  } else if (step.outcome) {
    problems.push_back({"outcome", fmt::format("is recorded already: {}", LabelOf(*step.outcome))});
  } else if (std::find(allowed.begin(), allowed.end(), outcome) == allowed.end()) {
    problems.push_back({"outcome", fmt::format("is not an outcome of {}", LabelOf(step.kind))});
  }
  if (on > today) {
    problems.push_back({"outcome_on", "must be today or in the past"});
  } else if (on < step.on) {
    problems.push_back({"outcome_on", "must be on or after the step"});
  }
  return problems;
}

}  // namespace openiom
