// The case API: a person's BRAG rating, contacts, pathway assessments and overrides; the caseload and the police
// tasking list. Thin: each handler reads the request, calls the case service and writes its answer.
#include <cmath>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "common/strings.h"
#include "web/api/api_support.h"
#include "web/api/cases/brag_json.h"
#include "web/api/cases/if_match.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

json::object ContactJson(const Contact& c) {
  return json::object{{"id", c.id},
                      {"kind", CodeOf(c.kind)},
                      {"on", FormatIsoDate(c.on)},
                      {"time", c.time.empty() ? json::value(nullptr) : json::value(c.time)},
                      {"agency", c.agency},
                      {"worker", c.worker},
                      {"outcome", c.outcome ? json::value(CodeOf(*c.outcome)) : json::value(nullptr)},
                      {"notes", c.notes},
                      {"recorded_by", c.recorded_by},
                      {"version", c.version},
                      {"etag", ETag("contact", c.id, c.version)}};
}

json::object AssessmentJson(const Assessment& a) {
  json::object needs;
  for (const PathwayNeed& need : a.needs) {
    needs[CodeOf(need.pathway)] = json::object{{"level", CodeOf(need.level)}, {"notes", need.notes}};
  }
  return json::object{{"id", a.id},
                      {"form_version", a.form_version},
                      {"assessed_on", FormatIsoDate(a.assessed_on)},
                      {"assessor", a.assessor},
                      {"agency", a.agency},
                      {"total", a.Total()},
                      {"significant", a.SignificantCount()},
                      {"needs", std::move(needs)}};
}

json::value Percent(const ComplianceRate& rate) {
  if (!rate.Percent()) return nullptr;
  return std::round(*rate.Percent() * 100) / 100;
}

ContactInput ContactFrom(const json::object& body) {
  return ContactInput{.kind = Text(body, "kind"), .on = Text(body, "on"), .time = Text(body, "time"),
                      .worker = Text(body, "worker"), .outcome = Text(body, "outcome"), .notes = Text(body, "notes")};
}

HttpResponse BragGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  std::optional<Date> as_of;
  if (const std::string text = request.query.Get("as_of"); !text.empty()) {
    const Result<Date> parsed = ParseIsoDate(text);
    if (!parsed.ok()) return StatusResponse(Status::Invalid("as_of", "must be a date as YYYY-MM-DD"));
    as_of = *parsed;
  }
  auto view = request.app.cases.Brag(request.actor(), *id, as_of);
  if (!view.ok()) return StatusResponse(view.status());
  HttpResponse response = HttpResponse::Json(200, BragJson(*view));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse ContactsGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto view = request.app.cases.Case(request.actor(), *id);
  if (!view.ok()) return StatusResponse(view.status());
  json::array items;
  for (const Contact& contact : view->contacts) items.push_back(ContactJson(contact));
  return JsonResponse(200, json::object{{"items", std::move(items)},
                                        {"compliance_28_days", Percent(view->compliance_28)},
                                        {"compliance_90_days", Percent(view->compliance_90)}});
}

HttpResponse ContactsPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto contact = request.app.cases.AddContact(request.actor(), *id, ContactFrom(*body));
  if (!contact.ok()) return StatusResponse(contact.status());
  HttpResponse response = JsonResponse(201, json::object{{"id", *contact}, {"etag", ETag("contact", *contact, 1)}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/contacts", *id));
  response.SetHeader("ETag", ETag("contact", *contact, 1));
  return response;
}

HttpResponse ContactPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> contact_id = request.http.IdParam("contact_id");
  if (!id || !contact_id) return JsonError(404, "not_found", "no such contact");
  std::optional<HttpResponse> refusal;
  const std::optional<int> version = IfMatchVersion(request, "contact", *contact_id, refusal);
  if (!version) return *refusal;
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status changed = request.app.cases.RecordOutcome(request.actor(), *id, *contact_id, *version, ContactFrom(*body));
  if (!changed.ok()) return StatusResponse(changed);
  HttpResponse response = JsonResponse(200, json::object{{"id", *contact_id}, {"version", *version + 1}});
  response.SetHeader("ETag", ETag("contact", *contact_id, *version + 1));
  return response;
}

HttpResponse AssessmentsGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto view = request.app.cases.Case(request.actor(), *id);
  if (!view.ok()) return StatusResponse(view.status());
  json::array items;
  for (const Assessment& assessment : view->assessments) items.push_back(AssessmentJson(assessment));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse AssessmentsPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  AssessmentInput input{.assessed_on = Text(*body, "assessed_on")};
  if (const json::value* needs = body->if_contains("needs")) {
    if (!needs->is_object()) return StatusResponse(Status::Invalid("needs", "must be an object of pathway: need"));
    for (const auto& [pathway, need] : needs->as_object()) {
      const std::string code(pathway);
      if (need.is_string()) {
        input.needs[code] = std::string(need.as_string());
      } else if (need.is_object()) {
        input.needs[code] = Text(need.as_object(), "level");
        input.notes[code] = Text(need.as_object(), "notes");
      } else {
        return StatusResponse(Status::Invalid(code, "must be a level of need or {\"level\", \"notes\"}"));
      }
    }
  }
  auto assessment = request.app.cases.AddAssessment(request.actor(), *id, input);
  if (!assessment.ok()) return StatusResponse(assessment.status());
  HttpResponse response = JsonResponse(201, json::object{{"id", *assessment}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/assessments", *id));
  return response;
}

HttpResponse OverridesPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto created = request.app.cases.RequestOverride(
      request.actor(), *id,
      {.rating = Text(*body, "rating"), .justification = Text(*body, "justification"),
       .expires_on = Text(*body, "expires_on")});
  if (!created.ok()) return StatusResponse(created.status());
  HttpResponse response = JsonResponse(201, json::object{{"id", *created}, {"etag", ETag("override", *created, 1)}});
  response.SetHeader("ETag", ETag("override", *created, 1));
  return response;
}

HttpResponse OverrideSignOffPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> override_id = request.http.IdParam("override_id");
  if (!id || !override_id) return JsonError(404, "not_found", "no such override");
  std::optional<HttpResponse> refusal;
  const std::optional<int> version = IfMatchVersion(request, "override", *override_id, refusal);
  if (!version) return *refusal;
  const Status signed_off = request.app.cases.SignOffOverride(request.actor(), *id, *override_id, *version);
  if (!signed_off.ok()) return StatusResponse(signed_off);
  HttpResponse response = JsonResponse(200, json::object{{"id", *override_id}, {"signed_off", true}});
  response.SetHeader("ETag", ETag("override", *override_id, *version + 1));
  return response;
}

json::array RowsJson(const std::vector<CaseloadRow>& rows) {
  json::array items;
  for (const CaseloadRow& row : rows) {
    json::array reasons;
    for (const BragReason& reason : row.rating.reasons) {
      reasons.push_back(json::object{{"rule", CodeOf(reason.rule)}, {"text", reason.text},
                                     {"date", FormatIsoDate(reason.date)}});
    }
    items.push_back(json::object{
        {"person_id", row.person_id},
        {"surname", row.surname},
        {"forenames", row.forenames},
        {"district", row.district},
        {"scheme", row.scheme},
        {"strand", row.strand},
        {"lead_professional", row.lead_professional},
        {"lead_agency", row.lead_agency},
        {"rating", CodeOf(row.rating.Shown())},
        {"provisional", row.rating.provisional},
        {"next_appointment", row.next_appointment ? json::value(FormatIsoDate(row.next_appointment->on))
                                                  : json::value(nullptr)},
        {"open_warrant", row.open_warrant},
        {"overdue_actions", row.overdue_actions},
        {"reasons", std::move(reasons)}});
  }
  return items;
}

HttpResponse CaseloadGet(ApiRequest& request) {
  CaseloadQuery query{.everyone = request.query.Get("everyone") == "true", .worker = request.query.Get("worker"),
                      .agency = request.query.Get("agency")};
  if (const std::string rating = request.query.Get("rating"); !rating.empty()) {
    query.rating = Parse<BragRating>(rating);
    if (!query.rating) return StatusResponse(Status::Invalid("rating", "must be blue, red, amber or green"));
  }
  auto rows = request.app.cases.Caseload(request.actor(), query);
  if (!rows.ok()) return StatusResponse(rows.status());
  return JsonResponse(200, json::object{{"items", RowsJson(*rows)}});
}

HttpResponse WantedGet(ApiRequest& request) {
  auto wanted = request.app.cases.Wanted(request.actor());
  if (!wanted.ok()) return StatusResponse(wanted.status());
  json::array by_scheme;
  for (const WantedList::SchemeCount& count : wanted->by_scheme) {
    by_scheme.push_back(
        json::object{{"scheme", CodeOf(count.scheme)}, {"wanted", count.wanted}, {"members", count.members}});
  }
  json::array items = RowsJson(wanted->people);
  for (size_t index = 0; index < items.size(); ++index) {
    const CaseloadRow& row = wanted->people[index];
    json::array warrants, recalls;
    for (const Event& event : row.open_warrants) warrants.emplace_back(FormatIsoDate(event.event_date));
    for (const Event& event : row.open_recalls) recalls.emplace_back(FormatIsoDate(event.event_date));
    json::object& item = items[index].as_object();
    item["wanted_since"] = FormatIsoDate(row.WantedSince());
    item["open_warrants"] = std::move(warrants);
    item["open_recalls"] = std::move(recalls);
  }
  return JsonResponse(200, json::object{{"total", wanted->people.size()}, {"by_scheme", std::move(by_scheme)},
                                        {"items", std::move(items)}});
}

HttpResponse TaskingGet(ApiRequest& request) {
  auto rows = request.app.cases.Tasking(request.actor());
  if (!rows.ok()) return StatusResponse(rows.status());
  return JsonResponse(200, json::object{{"items", RowsJson(*rows)}});
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people/{id}/brag", BragGet},
    {"GET", "/api/v1/people/{id}/contacts", ContactsGet},
    {"POST", "/api/v1/people/{id}/contacts", ContactsPost},
    {"PUT", "/api/v1/people/{id}/contacts/{contact_id}", ContactPut},
    {"GET", "/api/v1/people/{id}/assessments", AssessmentsGet},
    {"POST", "/api/v1/people/{id}/assessments", AssessmentsPost},
    {"POST", "/api/v1/people/{id}/brag/overrides", OverridesPost},
    {"POST", "/api/v1/people/{id}/brag/overrides/{override_id}/sign-off", OverrideSignOffPost},
    {"GET", "/api/v1/caseload", CaseloadGet},
    {"GET", "/api/v1/tasking", TaskingGet},
    {"GET", "/api/v1/wanted", WantedGet},
};

}  // namespace

std::span<const ApiRoute> CasesApi() {
  return kRoutes;
}

}  // namespace openiom::web
