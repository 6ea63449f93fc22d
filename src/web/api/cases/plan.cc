// The plan API: a person's plan actions and review date, adding an action, changing its status (If-Match), and the
// caller's own overdue actions. Thin: each handler reads the request, calls the plan service and writes its answer.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "web/api/api_support.h"
#include "web/api/cases/if_match.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

constexpr std::string_view kActionTag = "action";

json::object ActionJson(const PlanAction& a, Date today) {
  return json::object{{"id", a.id},
                      {"person_id", a.person_id},
                      {"kind", CodeOf(a.kind)},
                      {"pathway", a.pathway ? json::value(CodeOf(*a.pathway)) : json::value(nullptr)},
                      {"description", a.description},
                      {"owner_agency_id", a.owner_agency_id},
                      {"owner_agency", a.owner_agency},
                      {"owner_user_id", a.owner_user_id ? json::value(*a.owner_user_id) : json::value(nullptr)},
                      {"owner", a.owner},
                      {"due_on", FormatIsoDate(a.due_on)},
                      {"status", CodeOf(a.status)},
                      {"overdue", IsOverdue(a, today)},
                      {"done_on", a.done_on ? json::value(FormatIsoDate(*a.done_on)) : json::value(nullptr)},
                      {"recorded_by", a.recorded_by},
                      {"version", a.version},
                      {"etag", ETag(kActionTag, a.id, a.version)}};
}

HttpResponse PlanGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto view = request.app.plans.Plan(request.actor(), *id);
  if (!view.ok()) return StatusResponse(view.status());
  json::array items;
  for (const PlanAction& action : view->actions) items.push_back(ActionJson(action, view->today));
  json::value review = nullptr;
  if (view->review) {
    review = json::object{{"review_on", FormatIsoDate(view->review->review_on)},
                          {"due", ReviewDue(view->review->review_on, view->today)},
                          {"set_by", view->review->set_by}};
  }
  return JsonResponse(200, json::object{{"person_id", *id},
                                        {"as_of", FormatIsoDate(view->today)},
                                        {"overdue", CountOverdue(view->actions, view->today)},
                                        {"review", std::move(review)},
                                        {"items", std::move(items)}});
}

HttpResponse PlanPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const PlanActionInput input{.kind = Text(*body, "kind"),
                              .pathway = Text(*body, "pathway"),
                              .description = Text(*body, "description"),
                              .owner_agency_id = Text(*body, "owner_agency_id"),
                              .owner_user_id = Text(*body, "owner_user_id"),
                              .due_on = Text(*body, "due_on")};
  auto added = request.app.plans.AddAction(request.actor(), *id, input);
  if (!added.ok()) return StatusResponse(added.status());
  HttpResponse response = JsonResponse(201, json::object{{"id", *added}, {"etag", ETag(kActionTag, *added, 1)}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/plan", *id));
  response.SetHeader("ETag", ETag(kActionTag, *added, 1));
  return response;
}

HttpResponse PlanActionPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> action_id = request.http.IdParam("action_id");
  if (!id || !action_id) return JsonError(404, "not_found", "no such plan action");
  std::optional<HttpResponse> refusal;
  const std::optional<int> version = IfMatchVersion(request, kActionTag, *action_id, refusal);
  if (!version) return *refusal;
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status changed = request.app.plans.SetActionStatus(
      request.actor(), *id, *action_id, *version, {.status = Text(*body, "status"), .done_on = Text(*body, "done_on")});
  if (!changed.ok()) return StatusResponse(changed);
  HttpResponse response = JsonResponse(200, json::object{{"id", *action_id}, {"version", *version + 1}});
  response.SetHeader("ETag", ETag(kActionTag, *action_id, *version + 1));
  return response;
}

HttpResponse PlanReviewPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const std::string review_on = Text(*body, "review_on");
  const Status set = request.app.plans.SetReviewDate(request.actor(), *id, review_on);
  if (!set.ok()) return StatusResponse(set);
  return JsonResponse(200, json::object{{"person_id", *id}, {"review_on", review_on}});
}

HttpResponse OverdueGet(ApiRequest& request) {
  auto actions = request.app.plans.MyOverdueActions(request.actor());
  if (!actions.ok()) return StatusResponse(actions.status());
  const Date today = request.app.clock.Today();
  json::array items;
  for (const OwnedPlanAction& owned : *actions) {
    json::object item = ActionJson(owned.action, today);
    item["surname"] = owned.surname;
    item["forenames"] = owned.forenames;
    items.push_back(std::move(item));
  }
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

// The review route comes before the action's, whose {action_id} would otherwise take "review".
constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people/{id}/plan", PlanGet},
    {"POST", "/api/v1/people/{id}/plan", PlanPost},
    {"PUT", "/api/v1/people/{id}/plan/review", PlanReviewPut},
    {"PUT", "/api/v1/people/{id}/plan/{action_id}", PlanActionPut},
    {"GET", "/api/v1/plan/overdue", OverdueGet},
};

}  // namespace

std::span<const ApiRoute> PlanApi() {
  return kRoutes;
}

}  // namespace openiom::web
