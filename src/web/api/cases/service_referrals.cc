// The referrals-to-services API: a person's referrals, making one, and recording where one has got to (If-Match).
// Thin: each handler reads the request, calls the service and writes its answer.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "web/api/api_support.h"
#include "web/api/cases/if_match.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

constexpr std::string_view kReferralTag = "service-referral";

json::object ReferralJson(const ServiceReferral& r) {
  json::array next;
  for (const ServiceReferralStatus to : NextStatuses(r.status)) next.push_back(json::value(CodeOf(to)));
  return json::object{
      {"id", r.id},
      {"person_id", r.person_id},
      {"service", CodeOf(r.service)},
      {"provider", r.provider},
      {"referred_on", FormatIsoDate(r.referred_on)},
      {"referred_by", r.referred_by},
      {"referred_by_agency", r.referred_by_agency.empty() ? json::value(nullptr) : json::value(r.referred_by_agency)},
      {"status", CodeOf(r.status)},
      {"status_on", FormatIsoDate(r.status_on)},
      {"outcome", r.outcome},
      {"next_statuses", std::move(next)},
      {"version", r.version},
      {"etag", ETag(kReferralTag, r.id, r.version)}};
}

HttpResponse ReferralsGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto view = request.app.service_referrals.Referrals(request.actor(), *id);
  if (!view.ok()) return StatusResponse(view.status());
  json::array items;
  for (const ServiceReferral& referral : view->referrals) items.push_back(ReferralJson(referral));
  return JsonResponse(200, json::object{{"person_id", *id}, {"items", std::move(items)}});
}

HttpResponse ReferralsPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const ServiceReferralInput input{.service = Text(*body, "service"),
                                   .provider = Text(*body, "provider"),
                                   .referred_on = Text(*body, "referred_on")};
  auto added = request.app.service_referrals.Refer(request.actor(), *id, input);
  if (!added.ok()) return StatusResponse(added.status());
  HttpResponse response = JsonResponse(201, json::object{{"id", *added}, {"etag", ETag(kReferralTag, *added, 1)}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/referrals", *id));
  response.SetHeader("ETag", ETag(kReferralTag, *added, 1));
  return response;
}

HttpResponse ReferralPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> referral_id = request.http.IdParam("referral_id");
  if (!id || !referral_id) return JsonError(404, "not_found", "no such referral");
  std::optional<HttpResponse> refusal;
  const std::optional<int> version = IfMatchVersion(request, kReferralTag, *referral_id, refusal);
  if (!version) return *refusal;
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status changed = request.app.service_referrals.SetStatus(
      request.actor(), *id, *referral_id, *version,
      {.status = Text(*body, "status"), .status_on = Text(*body, "status_on"), .outcome = Text(*body, "outcome")});
  if (!changed.ok()) return StatusResponse(changed);
  HttpResponse response = JsonResponse(200, json::object{{"id", *referral_id}, {"version", *version + 1}});
  response.SetHeader("ETag", ETag(kReferralTag, *referral_id, *version + 1));
  return response;
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people/{id}/referrals", ReferralsGet},
    {"POST", "/api/v1/people/{id}/referrals", ReferralsPost},
    {"PUT", "/api/v1/people/{id}/referrals/{referral_id}", ReferralPut},
};

}  // namespace

std::span<const ApiRoute> ServiceReferralsApi() {
  return kRoutes;
}

}  // namespace openiom::web
