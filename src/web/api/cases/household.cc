// The household API: a person's household, relationships and the BRAG of connected cohort members; adding and ending
// (If-Match) a relationship; joining a household and ending a stay (If-Match). Thin: each handler reads the request,
// calls the household service and writes its answer. A connected person the caller may not view is
// {"hidden": true, "text": "A connected person you have no involvement with"}, with no id, name or rating.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "web/api/api_support.h"
#include "web/api/cases/if_match.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

constexpr std::string_view kRelationshipTag = "relationship";
constexpr std::string_view kStayTag = "stay";

json::object ConnectedJson(const ConnectedPerson& person) {
  if (person.hidden) return json::object{{"hidden", true}, {"text", "A connected person you have no involvement with"}};
  json::value rating = nullptr;
  if (person.rating) {
    rating = json::object{{"rating", CodeOf(person.rating->Shown())}, {"provisional", person.rating->provisional}};
  }
  return json::object{{"hidden", false},
                      {"person_id", person.person_id},
                      {"surname", person.surname},
                      {"forenames", person.forenames},
                      {"in_cohort", person.in_cohort},
                      {"brag", std::move(rating)}};
}

json::value OptionalDate(const std::optional<Date>& date) {
  return date ? json::value(FormatIsoDate(*date)) : json::value(nullptr);
}

HttpResponse HouseholdGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto view = request.app.households.Household(request.actor(), *id);
  if (!view.ok()) return StatusResponse(view.status());
  json::value household = nullptr;
  if (view->household) {
    json::array members;
    for (const HouseholdMemberRow& row : view->members) {
      json::object member = ConnectedJson(row.person);
      member["from"] = FormatIsoDate(row.member.from);
      if (row.is_viewed) {
        member["stay_id"] = row.member.id;
        member["etag"] = ETag(kStayTag, row.member.id, row.member.version);
      }
      members.push_back(std::move(member));
    }
    household = json::object{{"id", view->household->id},
                             {"address_line", view->household->address_line},
                             {"postcode", view->household->postcode},
                             {"members", std::move(members)}};
  }
  json::array relationships;
  for (const RelationshipRow& row : view->relationships) {
    const Relationship& link = row.relationship;
    relationships.push_back(json::object{{"id", link.id},
                                         {"kind", CodeOf(link.kind)},
                                         {"role", row.role},
                                         {"from", FormatIsoDate(link.from)},
                                         {"until", OptionalDate(link.until)},
                                         {"current", link.Current()},
                                         {"source", link.source},
                                         {"notes", link.notes},
                                         {"version", link.version},
                                         {"etag", ETag(kRelationshipTag, link.id, link.version)},
                                         {"other", ConnectedJson(row.other)}});
  }
  json::array also;
  for (const ConnectedPerson& person : view->also_at_address) also.push_back(ConnectedJson(person));
  return JsonResponse(200, json::object{{"person_id", *id},
                                        {"as_of", FormatIsoDate(view->today)},
                                        {"household", std::move(household)},
                                        {"relationships", std::move(relationships)},
                                        {"also_at_address", std::move(also)}});
}

HttpResponse RelationshipPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const RelationshipInput input{.kind = Text(*body, "kind"),
                                .other_person_id = Text(*body, "other_person_id"),
                                .from = Text(*body, "from"),
                                .source = Text(*body, "source"),
                                .notes = Text(*body, "notes")};
  auto added = request.app.households.AddRelationship(request.actor(), *id, input);
  if (!added.ok()) return StatusResponse(added.status());
  HttpResponse response =
      JsonResponse(201, json::object{{"id", *added}, {"etag", ETag(kRelationshipTag, *added, 1)}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/household", *id));
  response.SetHeader("ETag", ETag(kRelationshipTag, *added, 1));
  return response;
}

HttpResponse RelationshipPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> link_id = request.http.IdParam("relationship_id");
  if (!id || !link_id) return JsonError(404, "not_found", "no such relationship");
  std::optional<HttpResponse> refusal;
  const std::optional<int> version = IfMatchVersion(request, kRelationshipTag, *link_id, refusal);
  if (!version) return *refusal;
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status ended =
      request.app.households.EndRelationship(request.actor(), *id, *link_id, *version, Text(*body, "until"));
  if (!ended.ok()) return StatusResponse(ended);
  HttpResponse response = JsonResponse(200, json::object{{"id", *link_id}, {"version", *version + 1}});
  response.SetHeader("ETag", ETag(kRelationshipTag, *link_id, *version + 1));
  return response;
}

HttpResponse HouseholdPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const HouseholdInput input{.household_id = Text(*body, "household_id"),
                             .address_line = Text(*body, "address_line"),
                             .postcode = Text(*body, "postcode"),
                             .from = Text(*body, "from")};
  auto joined = request.app.households.JoinHousehold(request.actor(), *id, input);
  if (!joined.ok()) return StatusResponse(joined.status());
  HttpResponse response =
      JsonResponse(201, json::object{{"stay_id", *joined}, {"etag", ETag(kStayTag, *joined, 1)}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/household", *id));
  response.SetHeader("ETag", ETag(kStayTag, *joined, 1));
  return response;
}

HttpResponse StayPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> stay_id = request.http.IdParam("stay_id");
  if (!id || !stay_id) return JsonError(404, "not_found", "no such household stay");
  std::optional<HttpResponse> refusal;
  const std::optional<int> version = IfMatchVersion(request, kStayTag, *stay_id, refusal);
  if (!version) return *refusal;
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status ended =
      request.app.households.LeaveHousehold(request.actor(), *id, *stay_id, *version, Text(*body, "until"));
  if (!ended.ok()) return StatusResponse(ended);
  HttpResponse response = JsonResponse(200, json::object{{"stay_id", *stay_id}, {"version", *version + 1}});
  response.SetHeader("ETag", ETag(kStayTag, *stay_id, *version + 1));
  return response;
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people/{id}/household", HouseholdGet},
    {"POST", "/api/v1/people/{id}/household", HouseholdPost},
    {"PUT", "/api/v1/people/{id}/household/{stay_id}", StayPut},
    {"POST", "/api/v1/people/{id}/relationships", RelationshipPost},
    {"PUT", "/api/v1/people/{id}/relationships/{relationship_id}", RelationshipPut},
};

}  // namespace

std::span<const ApiRoute> HouseholdApi() {
  return kRoutes;
}

}  // namespace openiom::web
