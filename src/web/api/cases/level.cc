// The level API: a person's service level with its history, schemes, statutory status and the suggestion to move
// (with its reasons); moving the level, answering the suggestion, putting the person on a scheme or taking them off
// (If-Match), and recording their statutory status. Thin: each handler reads the request, calls the level service
// and writes its answer.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "web/api/api_support.h"
#include "web/api/cases/if_match.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

constexpr std::string_view kSchemeTag = "scheme";

json::value OptionalDay(const std::optional<Date>& day) {
  return day ? json::value(FormatIsoDate(*day)) : json::value(nullptr);
}

json::object ChangeJson(const LevelChange& c) {
  return json::object{
      {"id", c.id},         {"level", CodeOf(c.level)},  {"number", LevelNumber(c.level)}, {"on", FormatIsoDate(c.on)},
      {"reason", c.reason}, {"changed_by", c.changed_by}};
}

json::object SchemeJson(const SchemeMembership& s, Date today) {
  return json::object{{"id", s.id},
                      {"scheme", CodeOf(s.scheme)},
                      {"starts_on", FormatIsoDate(s.starts_on)},
                      {"ends_on", OptionalDay(s.ends_on)},
                      {"left_on", OptionalDay(s.left_on)},
                      {"current", SchemeCurrent(s, today)},
                      {"reason", s.reason},
                      {"added_by", s.added_by},
                      {"version", s.version},
                      {"etag", ETag(kSchemeTag, s.id, s.version)}};
}

json::object StatusJson(const StatutoryStatus& s) {
  return json::object{{"id", s.id},
                      {"kind", CodeOf(s.kind)},
                      {"starts_on", FormatIsoDate(s.starts_on)},
                      {"ends_on", OptionalDay(s.ends_on)},
                      {"recorded_by", s.recorded_by}};
}

HttpResponse LevelGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto view = request.app.levels.Level(request.actor(), *id);
  if (!view.ok()) return StatusResponse(view.status());
  json::array history, schemes, statuses, decisions;
  for (const LevelChange& change : view->history) history.push_back(ChangeJson(change));
  for (const SchemeMembership& scheme : view->schemes) schemes.push_back(SchemeJson(scheme, view->today));
  for (const StatutoryStatus& status : view->statuses) statuses.push_back(StatusJson(status));
  for (const LevelDecision& d : view->decisions) {
    decisions.push_back(json::object{{"id", d.id},
                                     {"direction", CodeOf(d.direction)},
                                     {"from", CodeOf(d.from)},
                                     {"to", CodeOf(d.to)},
                                     {"decision", CodeOf(d.decision)},
                                     {"decided_on", FormatIsoDate(d.decided_on)},
                                     {"reason", d.reason},
                                     {"decided_by", d.decided_by}});
  }
  json::value suggestion = nullptr;
  if (view->suggestion) {
    json::array reasons;
    for (const LevelReason& reason : view->suggestion->reasons) {
      reasons.push_back(json::object{{"rule", CodeOf(reason.rule)}, {"text", reason.text}});
    }
    suggestion = json::object{{"direction", CodeOf(view->suggestion->direction)},
                              {"from", CodeOf(view->suggestion->from)},
                              {"to", CodeOf(view->suggestion->to)},
                              {"reasons", std::move(reasons)}};
  }
  return JsonResponse(200, json::object{{"person_id", *id},
                                        {"as_of", FormatIsoDate(view->today)},
                                        {"level", view->level ? json::value(ChangeJson(*view->level)) : nullptr},
                                        {"history", std::move(history)},
                                        {"status", view->status ? json::value(StatusJson(*view->status)) : nullptr},
                                        {"statuses", std::move(statuses)},
                                        {"schemes", std::move(schemes)},
                                        {"suggestion", std::move(suggestion)},
                                        {"decisions", std::move(decisions)}});
}

HttpResponse LevelPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto set = request.app.levels.SetLevel(
      request.actor(), *id, {.level = Text(*body, "level"), .on = Text(*body, "on"), .reason = Text(*body, "reason")});
  if (!set.ok()) return StatusResponse(set.status());
  return JsonResponse(200, json::object{{"id", *set}, {"person_id", *id}, {"level", Text(*body, "level")}});
}

HttpResponse DecisionPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status decided = request.app.levels.Decide(request.actor(), *id,
                                                   {.direction = Text(*body, "direction"),
                                                    .to = Text(*body, "to"),
                                                    .decision = Text(*body, "decision"),
                                                    .reason = Text(*body, "reason")});
  if (!decided.ok()) return StatusResponse(decided);
  return JsonResponse(201, json::object{{"person_id", *id}, {"decision", Text(*body, "decision")}});
}

HttpResponse SchemesPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto added = request.app.levels.AddScheme(request.actor(), *id,
                                            {.scheme = Text(*body, "scheme"),
                                             .starts_on = Text(*body, "starts_on"),
                                             .ends_on = Text(*body, "ends_on"),
                                             .reason = Text(*body, "reason")});
  if (!added.ok()) return StatusResponse(added.status());
  HttpResponse response = JsonResponse(201, json::object{{"id", *added}, {"etag", ETag(kSchemeTag, *added, 1)}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/level", *id));
  response.SetHeader("ETag", ETag(kSchemeTag, *added, 1));
  return response;
}

// Taking a person off a scheme is the only change to one, so the body is empty.
HttpResponse SchemePut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> scheme_id = request.http.IdParam("scheme_id");
  if (!id || !scheme_id) return JsonError(404, "not_found", "no such scheme");
  std::optional<HttpResponse> refusal;
  const std::optional<int> version = IfMatchVersion(request, kSchemeTag, *scheme_id, refusal);
  if (!version) return *refusal;
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  if (Text(*body, "left") != "true") {
    return StatusResponse(Status::Invalid("left", "must be true: taking the person off is the only change"));
  }
  const Status left = request.app.levels.LeaveScheme(request.actor(), *id, *scheme_id, *version);
  if (!left.ok()) return StatusResponse(left);
  HttpResponse response = JsonResponse(200, json::object{{"id", *scheme_id}, {"version", *version + 1}});
  response.SetHeader("ETag", ETag(kSchemeTag, *scheme_id, *version + 1));
  return response;
}

HttpResponse StatutoryPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto set = request.app.levels.SetStatutoryStatus(
      request.actor(), *id,
      {.kind = Text(*body, "kind"), .starts_on = Text(*body, "starts_on"), .ends_on = Text(*body, "ends_on")});
  if (!set.ok()) return StatusResponse(set.status());
  return JsonResponse(201, json::object{{"id", *set}, {"person_id", *id}});
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people/{id}/level", LevelGet},
    {"PUT", "/api/v1/people/{id}/level", LevelPut},
    {"POST", "/api/v1/people/{id}/level/decisions", DecisionPost},
    {"POST", "/api/v1/people/{id}/schemes", SchemesPost},
    {"PUT", "/api/v1/people/{id}/schemes/{scheme_id}", SchemePut},
    {"POST", "/api/v1/people/{id}/statutory-status", StatutoryPost},
};

}  // namespace

std::span<const ApiRoute> LevelApi() {
  return kRoutes;
}

}  // namespace openiom::web
