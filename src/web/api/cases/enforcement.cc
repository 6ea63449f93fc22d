// The enforcement API: a person's non-compliance workflow (the steps taken with their outcomes, and the steps due),
// recording a step, and recording what came of breach action or a recall request (If-Match). Thin: each handler
// reads the request, calls the enforcement service (or the case, for what is due) and writes its answer.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "web/api/api_support.h"
#include "web/api/cases/if_match.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

constexpr std::string_view kStepTag = "enforcement";

json::object StepJson(const EnforcementStep& s) {
  return json::object{{"id", s.id},
                      {"kind", CodeOf(s.kind)},
                      {"contact_id", s.contact_id ? json::value(*s.contact_id) : json::value(nullptr)},
                      {"on", FormatIsoDate(s.on)},
                      {"agency", s.agency},
                      {"reason", s.reason},
                      {"recorded_by", s.recorded_by},
                      {"outcome", s.outcome ? json::value(CodeOf(*s.outcome)) : json::value(nullptr)},
                      {"outcome_on", s.outcome_on ? json::value(FormatIsoDate(*s.outcome_on)) : json::value(nullptr)},
                      {"outcome_by", s.outcome_by},
                      {"event_id", s.event_id ? json::value(*s.event_id) : json::value(nullptr)},
                      {"version", s.version},
                      {"etag", ETag(kStepTag, s.id, s.version)}};
}

// What is due is worked out with the case (its contacts, steps and statuses), so this is a read of the case.
HttpResponse EnforcementGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto view = request.app.cases.Case(request.actor(), *id);
  if (!view.ok()) return StatusResponse(view.status());
  json::array steps, due;
  for (const EnforcementStep& step : view->enforcement) steps.push_back(StepJson(step));
  for (const EnforcementDue& d : view->enforcement_due) {
    due.push_back(json::object{{"contact_id", d.contact_id},
                               {"failed_on", FormatIsoDate(d.failed_on)},
                               {"kind", CodeOf(d.kind)},
                               {"text", d.text}});
  }
  return JsonResponse(200, json::object{{"person_id", *id},
                                        {"as_of", FormatIsoDate(view->rating.as_of)},
                                        {"due", std::move(due)},
                                        {"steps", std::move(steps)}});
}

HttpResponse EnforcementPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto added = request.app.enforcement.AddStep(request.actor(), *id,
                                               {.kind = Text(*body, "kind"),
                                                .contact_id = Text(*body, "contact_id"),
                                                .on = Text(*body, "on"),
                                                .reason = Text(*body, "reason")});
  if (!added.ok()) return StatusResponse(added.status());
  HttpResponse response = JsonResponse(201, json::object{{"id", *added}, {"etag", ETag(kStepTag, *added, 1)}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/enforcement", *id));
  response.SetHeader("ETag", ETag(kStepTag, *added, 1));
  return response;
}

HttpResponse StepPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> step_id = request.http.IdParam("step_id");
  if (!id || !step_id) return JsonError(404, "not_found", "no such enforcement step");
  std::optional<HttpResponse> refusal;
  const std::optional<int> version = IfMatchVersion(request, kStepTag, *step_id, refusal);
  if (!version) return *refusal;
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status recorded = request.app.enforcement.RecordOutcome(
      request.actor(), *id, *step_id, *version, {.outcome = Text(*body, "outcome"), .on = Text(*body, "outcome_on")});
  if (!recorded.ok()) return StatusResponse(recorded);
  HttpResponse response = JsonResponse(200, json::object{{"id", *step_id}, {"version", *version + 1}});
  response.SetHeader("ETag", ETag(kStepTag, *step_id, *version + 1));
  return response;
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people/{id}/enforcement", EnforcementGet},
    {"POST", "/api/v1/people/{id}/enforcement", EnforcementPost},
    {"PUT", "/api/v1/people/{id}/enforcement/{step_id}", StepPut},
};

}  // namespace

std::span<const ApiRoute> EnforcementApi() {
  return kRoutes;
}

}  // namespace openiom::web
