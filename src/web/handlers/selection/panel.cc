// The selection panel in the web app: referring a person, the panel's list and decisions, the cohort with its
// live counts, a person's selection history and de-selection, and the fairness check.
#include <sstream>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"
#include "web/handlers/people/people.h"
#include "web/handlers/selection/selection.h"

namespace openiom::web {
namespace {

// The GOV.UK tag colour of a referral's status.
std::string_view StatusTagClass(ReferralStatus status) {
  switch (status) {
    case ReferralStatus::kOpen: return "govuk-tag--blue";
    case ReferralStatus::kDeferred: return "govuk-tag--yellow";
    case ReferralStatus::kSelected: return "govuk-tag--green";
    case ReferralStatus::kDeclined: return "govuk-tag--grey";
  }
  return "govuk-tag--grey";
}

ViewData ReferralView(const Referral& r) {
  return ViewData()
      .Set("id", r.id)
      .Set("version", static_cast<int64_t>(r.version))
      .Set("person_id", r.person_id)
      .Set("name", r.surname + ", " + r.forenames)
      .Set("route", LabelOf(r.route))
      .Set("reasons", r.reasons)
      .Set("referred_by", r.referred_by)
      .Set("referred_at", FormatShortDate(LondonDate(r.referred_at)))
      .Set("status", LabelOf(r.status))
      .Set("status_class", StatusTagClass(r.status))
      .Set("decided", r.status != ReferralStatus::kOpen)
      .Set("decision_reason", r.decision_reason)
      .Set("panel_date", r.panel_date ? FormatShortDate(*r.panel_date) : "")
      .Set("decided_by", r.decided_by);
}

ViewData MembershipView(const CohortMembership& m) {
  return ViewData()
      .Set("id", m.id)
      .Set("version", static_cast<int64_t>(m.version))
      .Set("person_id", m.person_id)
      .Set("name", m.surname + ", " + m.forenames)
      .Set("district", m.district)
      .Set("strand", LabelOf(m.strand))
      .Set("scheme", LabelOf(m.scheme))
      .Set("lead_agency", m.lead_agency.empty() ? "Not recorded" : m.lead_agency)
      .Set("lead_professional", m.lead_professional.empty()
                                    ? std::string("Not named")
                                    : m.lead_professional + " (" + m.lead_professional_agency + ")")
      .Set("selected_on", FormatLongDate(m.selected_on))
      .Set("selection_reason", m.selection_reason)
      .Set("selected_by", m.selected_by)
      .Set("ended", m.deselected_on.has_value())
      .Set("deselected_on", m.deselected_on ? FormatLongDate(*m.deselected_on) : "")
      .Set("deselection_reason", m.deselection_reason)
      .Set("deselected_by", m.deselected_by)
      .Set("next_review", m.next_review_on ? FormatLongDate(*m.next_review_on) : "Not set");
}

// The review form's fields, with what was typed and any problems.
void SetReviewForm(ViewData& data, const CohortMembership& m, const FormFields& form, const FieldProblems& errors,
                   Date today) {
  // The form words each outcome as a choice, longer than its label in the history.
  data.Set("outcomes", Radios("outcome", {{std::string(CodeOf(ReviewOutcome::kContinue)), "Continue on this strand"},
                                          {std::string(CodeOf(ReviewOutcome::kChangeStrand)), "Move to another strand"},
                                          {std::string(CodeOf(ReviewOutcome::kDeselect)), "De-select: leave the cohort"}},
                              form.Get("outcome")));
  std::vector<std::pair<std::string, std::string>> strands;
  for (Strand strand : All<Strand>()) {
    if (strand != m.strand) strands.emplace_back(CodeOf(strand), LabelOf(strand));
  }
  data.Set("new_strands", Radios("strand", strands, form.Get("strand")));
  data.Set("notes", form.Get("notes"));
  // A new form offers today and the usual interval; a returned one shows what was typed.
  const bool typed = form.Has("date-day") || form.Has("date");
  const FormFields defaults = ParseUrlEncoded(
      "date=" + FormatIsoDate(today) + "&next_review=" + FormatIsoDate(today + std::chrono::days(kReviewIntervalDays)));
  const FormFields& dates = typed ? form : defaults;
  data.Set("date_input", DateInputView("date", "Date of the review", "For example, 27 11 2026",
                                       ReadDateInput(dates, "date"), errors));
  data.Set("next_review_input", DateInputView("next_review", "Next review", "Not needed when de-selecting.",
                                              ReadDateInput(dates, "next_review"), errors));
  for (const char* field : {"outcome", "strand", "notes", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
}

// The agencies and lead professionals to choose from, with `agency_field` and `lead_field` of `form` selected.
void SetLeadChoices(PageRequest& page, ViewData& data, std::string_view selected_agency, std::string_view selected_lead) {
  std::vector<ViewData> agencies;
  if (auto listed = page.app.panel.Agencies(); listed.ok()) {
    for (const Agency& agency : *listed) {
      agencies.push_back(ViewData()
                             .Set("id", agency.id)
                             .Set("name", agency.name)
                             .Set("selected", std::to_string(agency.id) == selected_agency));
    }
  }
  data.Set("agencies", std::move(agencies));
  std::vector<ViewData> leads;
  if (auto listed = page.app.panel.LeadProfessionals(page.actor()); listed.ok()) {
    for (const LeadProfessional& lead : *listed) {
      leads.push_back(ViewData()
                          .Set("id", lead.user_id)
                          .Set("name", lead.name + " (" + lead.agency + ")")
                          .Set("selected", std::to_string(lead.user_id) == selected_lead));
    }
  }
  data.Set("leads", std::move(leads));
}

HttpResponse ReferForm(PageRequest& page, const Person& person, ViewData data, int status = 200,
                       const FieldProblems& errors = {}) {
  data.Set("person_id", person.id).Set("name", person.surname + ", " + person.forenames);
  data.Set("back_href", fmt::format("/people/{}/selection", person.id));
  return RenderPage(page, "Refer to the panel", "refer", std::move(data), status, errors);
}

HttpResponse DecisionForm(PageRequest& page, const Referral& referral, const FormFields& form, int status = 200,
                          const FieldProblems& errors = {}) {
  ViewData data = ReferralView(referral);
  data.Set("decisions", Radios("decision", Choices<PanelDecisionKind>(), form.Get("decision")));
  data.Set("strands", Radios("strand", Choices<Strand>(), form.Get("strand")));
  data.Set("schemes", Radios("scheme", Choices<Scheme>(), form.Get("scheme")));
  SetLeadChoices(page, data, form.Get("lead_agency"), form.Get("lead_user"));
  data.Set("reason", form.Get("reason"));
  const bool typed = form.Has("panel_date-day") || form.Has("panel_date");
  data.Set("panel_date_input",
           DateInputView("panel_date", "Panel date", "For example, 27 11 2026",
                         ReadDateInput(typed ? form : ParseUrlEncoded("panel_date=" + FormatIsoDate(page.app.clock.Today())),
                                       "panel_date"),
                         errors));
  for (const char* field : {"decision", "reason", "strand", "scheme", "lead_agency", "lead_user", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
  data.Set("back_href", "/panel");
  return RenderPage(page, "Panel decision", "panel_decision", std::move(data), status, errors);
}

}  // namespace

HttpResponse PersonSelectionGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto history = page.app.panel.History(page.actor(), *id);
  if (!history.ok()) return PersonStatusPage(page, *id, Action::kViewCohort, history.status());
  ViewData data = PersonHeader(page, history->person, history->has_open_warrant, "/selection");
  std::vector<ViewData> referrals, memberships;
  for (const Referral& referral : history->referrals) referrals.push_back(ReferralView(referral));
  for (const CohortMembership& membership : history->memberships) {
    ViewData view = MembershipView(membership);
    std::vector<ViewData> reviews;
    for (const CohortReview& review : history->reviews) {
      if (review.membership_id != membership.id) continue;
      reviews.push_back(ViewData()
                            .Set("date", FormatLongDate(review.reviewed_on))
                            .Set("outcome", LabelOf(review.outcome))
                            .Set("strand", review.strand ? LabelOf(*review.strand) : "")
                            .Set("notes", review.notes)
                            .Set("by", review.reviewed_by));
    }
    view.Set("reviews", std::move(reviews));
    if (!membership.deselected_on && page.Can(Action::kDecidePanel)) {
      ViewData form;
      SetReviewForm(form, membership, FormFields{}, {}, page.app.clock.Today());
      form.Set("id", membership.id).Set("version", static_cast<int64_t>(membership.version));
      form.Set("csrf_token", page.session->csrf_token);
      view.Set("review_form", std::move(form));
      ViewData lead_form;
      SetLeadChoices(page, lead_form, membership.lead_agency_id ? std::to_string(*membership.lead_agency_id) : "",
                     membership.lead_user_id ? std::to_string(*membership.lead_user_id) : "");
      lead_form.Set("id", membership.id).Set("version", static_cast<int64_t>(membership.version));
      lead_form.Set("csrf_token", page.session->csrf_token);
      view.Set("lead_form", std::move(lead_form));
    }
    memberships.push_back(std::move(view));
  }
  data.Set("referrals", std::move(referrals)).Set("memberships", std::move(memberships));
  data.Set("has_history", !history->referrals.empty() || !history->memberships.empty());
  data.Set("in_cohort", history->in_cohort).Set("awaiting_panel", history->awaiting_panel);
  data.Set("can_refer", page.Can(Action::kReferPerson) && !history->in_cohort && !history->awaiting_panel);
  data.Set("saved", page.query.Get("saved"));
  return RenderPage(page, history->person.surname + ", " + history->person.forenames + " — selection", "person_selection",
                    std::move(data));
}

HttpResponse ReferGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kReferPerson, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto record = page.app.people.Get(page.actor(), *id);
  if (!record.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, record.status());
  ViewData data;
  data.Set("route", page.query.Get("route") == "rule" ? "rule" : "referral");
  return ReferForm(page, record->person, std::move(data));
}

HttpResponse ReferPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  const std::string route(page.form.Get("route")), reasons(page.form.Get("reasons"));
  std::optional<Person> person;  // as the referral read them: the form shows again without another audited read
  auto referred = page.app.panel.Refer(page.actor(), *id, route, reasons, &person);
  if (referred.ok()) return Redirect(fmt::format("/people/{}/selection?saved=referred", *id));
  if (!IsFormProblem(referred.status())) return StatusPage(page, referred.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  ViewData data;
  data.Set("route", route == "rule" ? "rule" : "referral").Set("reasons", reasons);
  const FieldProblems errors = ErrorsFor(referred.status());
  data.Set("reasons_error", ErrorFor(errors, "reasons")).Set("form_error", ErrorFor(errors, "form"));
  return ReferForm(page, *person, std::move(data), HttpStatusFor(referred.status()), errors);
}

HttpResponse PanelGet(PageRequest& page) {
  auto referrals = page.app.panel.AwaitingPanel(page.actor());
  if (!referrals.ok()) return StatusPage(page, referrals.status());
  std::vector<ViewData> rows;
  for (const Referral& referral : *referrals) rows.push_back(ReferralView(referral));
  ViewData data;
  data.Set("has_rows", !rows.empty()).Set("rows", std::move(rows));
  data.Set("can_decide", page.Can(Action::kDecidePanel)).Set("saved", page.query.Get("saved"));
  return RenderPage(page, "Selection panel", "panel", std::move(data));
}

HttpResponse PanelDecisionGet(PageRequest& page) {
  const std::optional<int64_t> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kDecidePanel, ObjectKind::kReferral, std::to_string(*id))) return *refused;
  auto referral = page.app.panel.GetReferral(page.actor(), *id);
  if (!referral.ok()) return StatusPage(page, referral.status());
  return DecisionForm(page, *referral, FormFields{});
}

HttpResponse PanelDecisionPost(PageRequest& page) {
  const std::optional<int64_t> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems date_errors;
  PanelDecision decision{.referral_id = *id,
                         .expected_version = IntOr(page.form.Get("version"), 0),
                         .decision = std::string(page.form.Get("decision")),
                         .reason = std::string(page.form.Get("reason")),
                         .panel_date = DateInputIso(page.form, "panel_date", "The panel date", date_errors),
                         .strand = std::string(page.form.Get("strand")),
                         .scheme = std::string(page.form.Get("scheme")),
                         .lead_agency_id = std::string(page.form.Get("lead_agency")),
                         .lead_user_id = std::string(page.form.Get("lead_user"))};
  // An unreadable date stops here: nothing is decided on a date that was not understood.
  std::optional<Referral> shown;  // as the decision read it, for the form shown again
  const Status decided = date_errors.empty() ? page.app.panel.Decide(page.actor(), decision, &shown)
                                             : Status::Invalid(date_errors, "the panel date cannot be read");
  if (decided.ok()) return Redirect("/panel?saved=" + UrlEncode(decision.decision));
  if (!IsFormProblem(decided)) return StatusPage(page, decided);
  // Only a date that could not be read stopped before the service, which then read nothing.
  Result<Referral> referral =
      shown ? Result<Referral>(*std::move(shown)) : page.app.panel.GetReferral(page.actor(), *id);
  if (!referral.ok()) return StatusPage(page, referral.status());
  if (!date_errors.empty()) return DecisionForm(page, *referral, page.form, 400, date_errors);
  return DecisionForm(page, *referral, page.form, HttpStatusFor(decided),
                      OnDateInputs(ErrorsFor(decided), {"panel_date"}));
}

HttpResponse ReviewPost(PageRequest& page) {
  const std::optional<int64_t> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems date_errors;
  const std::string date = DateInputIso(page.form, "date", "The date of the review", date_errors);
  const std::string next_review = DateInputIso(page.form, "next_review", "The next review", date_errors);
  std::optional<CohortMembership> shown;  // as the review read it, for the form shown again
  const Result<PersonId> reviewed =
      !date_errors.empty() ? Result<PersonId>(Status::Invalid(date_errors, "a date cannot be read")) : page.app.panel.Review(page.actor(),
                                                          {.membership_id = *id,
                                                           .expected_version = IntOr(page.form.Get("version"), 0),
                                                           .outcome = page.form.Get("outcome"),
                                                           .strand = page.form.Get("strand"),
                                                           .notes = page.form.Get("notes"),
                                                           .date = date,
                                                           .next_review = next_review}, &shown);
  if (reviewed.ok()) return Redirect(fmt::format("/people/{}/selection?saved=reviewed", *reviewed));
  if (!IsFormProblem(reviewed.status())) return StatusPage(page, reviewed.status());
  // Only a date that could not be read stopped before the service, which then read nothing.
  Result<CohortMembership> membership =
      shown ? Result<CohortMembership>(*std::move(shown)) : page.app.panel.GetMembership(page.actor(), *id);
  if (!membership.ok()) return StatusPage(page, membership.status());
  ViewData data = MembershipView(*membership);
  const FieldProblems errors = !date_errors.empty()
                                 ? date_errors
                                 : OnDateInputs(ErrorsFor(reviewed.status()), {"date", "next_review"});
  SetReviewForm(data, *membership, page.form, errors, page.app.clock.Today());
  data.Set("back_href", fmt::format("/people/{}/selection", membership->person_id));
  return RenderPage(page, "Review", "review", std::move(data), HttpStatusFor(reviewed.status()), errors);
}

HttpResponse LeadPost(PageRequest& page) {
  const std::optional<int64_t> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  std::optional<CohortMembership> membership;  // as the change read it, for the form shown again
  const Result<PersonId> changed = page.app.panel.ChangeLead(page.actor(),
                                                             {.membership_id = *id,
                                                              .expected_version = IntOr(page.form.Get("version"), 0),
                                                              .lead_user_id = page.form.Get("lead_user"),
                                                              .lead_agency_id = page.form.Get("lead_agency")},
                                                             &membership);
  if (changed.ok()) return Redirect(fmt::format("/people/{}/selection?saved=lead", *changed));
  if (!IsFormProblem(changed.status())) return StatusPage(page, changed.status());
  if (!membership) return StatusPage(page, Status::NotFound(fmt::format("membership {} does not exist", *id)));
  ViewData data = MembershipView(*membership);
  SetLeadChoices(page, data, page.form.Get("lead_agency"), page.form.Get("lead_user"));
  const FieldProblems errors = ErrorsFor(changed.status());
  for (const char* field : {"lead_user", "lead_agency", "form"}) data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  data.Set("csrf_token", page.session->csrf_token);
  data.Set("back_href", fmt::format("/people/{}/selection", membership->person_id));
  return RenderPage(page, "Lead professional", "lead", std::move(data), HttpStatusFor(changed.status()), errors);
}

HttpResponse CohortGet(PageRequest& page) {
  auto cohort = page.app.panel.Cohort(page.actor());
  if (!cohort.ok()) return StatusPage(page, cohort.status());
  ViewData data;
  const auto counts = [](const std::vector<CohortCount>& list) {
    std::vector<ViewData> rows;
    for (const CohortCount& count : list) rows.push_back(ViewData().Set("label", count.label).Set("members", count.members));
    return rows;
  };
  std::vector<ViewData> members;
  int64_t overdue = 0;
  const Date today = page.app.clock.Today();
  for (const CohortMembership& member : cohort->members) {
    ViewData view = MembershipView(member);
    const bool late = !member.next_review_on || *member.next_review_on < today;
    overdue += late ? 1 : 0;
    view.Set("overdue", late);
    members.push_back(std::move(view));
  }
  data.Set("has_overdue", overdue > 0).Set("overdue_text", Plural(overdue, "review is", "reviews are"));
  const auto total = static_cast<int64_t>(cohort->members.size());
  data.Set("total_text", Plural(total, "person", "people") + (total == 1 ? " is" : " are"));
  data.Set("by_strand", counts(cohort->by_strand)).Set("by_scheme", counts(cohort->by_scheme));
  data.Set("has_members", !members.empty()).Set("members", std::move(members));
  return RenderPage(page, "Cohort", "cohort", std::move(data));
}

HttpResponse CohortCsvGet(PageRequest& page) {
  auto cohort = page.app.panel.Cohort(page.actor());
  if (!cohort.ok()) return StatusPage(page, cohort.status());
  std::ostringstream out;
  CsvWriter csv(out, CsvWriter::Mode::kSpreadsheetSafe);
  csv.WriteRecord({"person_id", "surname", "forenames", "district", "strand", "scheme", "lead_agency", "selected_on",
                   "selected_by", "selection_reason"});
  for (const CohortMembership& m : cohort->members) {
    csv.WriteRecord({std::to_string(m.person_id), m.surname, m.forenames, m.district, CodeOf(m.strand), CodeOf(m.scheme),
                     m.lead_agency, FormatIsoDate(m.selected_on), m.selected_by, m.selection_reason});
  }
  HttpResponse response{200, {{"Content-Type", "text/csv; charset=utf-8"}}, out.str()};
  response.SetHeader("Content-Disposition", "attachment; filename=\"openiom-cohort.csv\"");
  return response;
}

HttpResponse FairnessGet(PageRequest& page) {
  auto report = page.app.panel.Fairness(page.actor());
  if (!report.ok()) return StatusPage(page, report.status());
  ViewData data;
  const auto ratio = [](const std::optional<double>& value) { return value ? fmt::format("{:.2f}", *value) : "–"; };
  if (report->run) {
    data.Set("run", ViewData().Set("id", report->run->id).Set("as_of", FormatLongDate(report->run->as_of)));
    std::vector<ViewData> dimensions;
    for (const auto& [name, groups] : report->dimensions) {
      std::vector<ViewData> rows;
      for (const GroupRates& group : groups) {
        rows.push_back(ViewData()
                           .Set("group", group.group)
                           .Set("all", group.group == "All")
                           .Set("scored", group.scored)
                           .Set("candidates", group.candidates)
                           .Set("candidate_rate", fmt::format("{:.1f}%", 100 * group.candidate_rate))
                           .Set("candidate_ratio", ratio(group.candidate_ratio))
                           .Set("candidate_flag", group.candidate_flag)
                           .Set("selected", group.selected)
                           .Set("selection_rate", fmt::format("{:.1f}%", 100 * group.selection_rate))
                           .Set("selection_ratio", ratio(group.selection_ratio))
                           .Set("selection_flag", group.selection_flag));
      }
      dimensions.push_back(ViewData().Set("name", name).Set("rows", std::move(rows)));
    }
    data.Set("dimensions", std::move(dimensions));
  }
  return RenderPage(page, "Fairness check", "fairness", std::move(data));
}

}  // namespace openiom::web
