// The team API: a person's lead professional and named workers, adding one, and recording that one left (If-Match).
// Thin: each handler reads the request, calls the team service and writes its answer.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "web/api/api_support.h"
#include "web/api/cases/if_match.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

constexpr std::string_view kMemberTag = "team-member";

json::object MemberJson(const TeamMember& m) {
  return json::object{{"id", m.id},
                      {"person_id", m.person_id},
                      {"agency_id", m.agency_id},
                      {"agency", m.agency},
                      {"user_id", m.user_id ? json::value(*m.user_id) : json::value(nullptr)},
                      {"worker", m.worker},
                      {"role", CodeOf(m.role)},
                      {"joined_on", FormatIsoDate(m.joined_on)},
                      {"left_on", m.left_on ? json::value(FormatIsoDate(*m.left_on)) : json::value(nullptr)},
                      {"current", IsCurrent(m)},
                      {"added_by", m.added_by},
                      {"version", m.version},
                      {"etag", ETag(kMemberTag, m.id, m.version)}};
}

HttpResponse TeamGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto view = request.app.teams.Team(request.actor(), *id);
  if (!view.ok()) return StatusResponse(view.status());
  const PersonTeam& team = view->team;
  json::value lead = nullptr;
  if (team.in_cohort) {
    lead = json::object{
        {"user_id", team.lead_user_id ? json::value(*team.lead_user_id) : json::value(nullptr)},
        {"name", team.lead_professional.empty() ? json::value(nullptr) : json::value(team.lead_professional)},
        {"agency", team.lead_agency.empty() ? json::value(nullptr) : json::value(team.lead_agency)}};
  }
  json::array items;
  for (const TeamMember& member : team.members) items.push_back(MemberJson(member));
  return JsonResponse(200, json::object{{"person_id", *id}, {"lead_professional", std::move(lead)},
                                        {"items", std::move(items)}});
}

HttpResponse TeamPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const TeamMemberInput input{.agency_id = Text(*body, "agency_id"),
                              .user_id = Text(*body, "user_id"),
                              .worker_name = Text(*body, "worker_name"),
                              .role = Text(*body, "role"),
                              .joined_on = Text(*body, "joined_on")};
  auto added = request.app.teams.AddMember(request.actor(), *id, input);
  if (!added.ok()) return StatusResponse(added.status());
  HttpResponse response = JsonResponse(201, json::object{{"id", *added}, {"etag", ETag(kMemberTag, *added, 1)}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/team", *id));
  response.SetHeader("ETag", ETag(kMemberTag, *added, 1));
  return response;
}

// PUT {"left_on": "YYYY-MM-DD"} (today when absent): the member left the team. The membership is kept.
HttpResponse TeamMemberPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> member_id = request.http.IdParam("member_id");
  if (!id || !member_id) return JsonError(404, "not_found", "no such team member");
  std::optional<HttpResponse> refusal;
  const std::optional<int> version = IfMatchVersion(request, kMemberTag, *member_id, refusal);
  if (!version) return *refusal;
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status ended = request.app.teams.EndMember(request.actor(), *id, *member_id, *version, Text(*body, "left_on"));
  if (!ended.ok()) return StatusResponse(ended);
  HttpResponse response = JsonResponse(200, json::object{{"id", *member_id}, {"version", *version + 1}});
  response.SetHeader("ETag", ETag(kMemberTag, *member_id, *version + 1));
  return response;
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people/{id}/team", TeamGet},
    {"POST", "/api/v1/people/{id}/team", TeamPost},
    {"PUT", "/api/v1/people/{id}/team/{member_id}", TeamMemberPut},
};

}  // namespace

std::span<const ApiRoute> TeamApi() {
  return kRoutes;
}

}  // namespace openiom::web
