// The custody API: a person's custody episodes and resettlement checklists, recording and changing an episode
// (If-Match with the episode's ETag), marking a checklist item (If-Match with the item's), and the releases due.
#include <limits>
#include <variant>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "common/strings.h"
#include "web/api/api_support.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

// An episode's and an item's ETag: "ID.VERSION", like a person's.
std::string ETag(int64_t id, int version) { return fmt::format("\"{}.{}\"", id, version); }

// The version named by an ETag of ours for record `id`, or nullopt when it is not one.
std::optional<int> VersionFromETag(std::string_view etag, int64_t id) {
  const std::string prefix = fmt::format("\"{}.", id);
  if (!etag.starts_with(prefix) || !etag.ends_with('"')) return std::nullopt;
  const std::optional<int64_t> version = ParseInt64(etag.substr(prefix.size(), etag.size() - prefix.size() - 1));
  if (!version || *version < 1 || *version > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(*version);
}

// A positive whole number in path parameter `name`.
std::optional<int64_t> PathId(const ApiRequest& request, const std::string& name) {
  const auto found = request.http.path_params.find(name);
  if (found == request.http.path_params.end()) return std::nullopt;
  const std::optional<int64_t> id = ParseInt64(found->second);
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

json::value DateOrNull(const std::optional<Date>& date) {
  return date ? json::value(FormatIsoDate(*date)) : json::value(nullptr);
}

json::object ItemJson(const CustodyChecklistItem& item, Date today) {
  return json::object{{"id", item.id},
                      {"version", item.version},
                      {"item", CodeOf(item.item)},
                      {"label", LabelOf(item.item)},
                      {"due_on", DateOrNull(item.due_on)},
                      {"state", CodeOf(item.state)},
                      {"overdue", IsOverdue(item, today)},
                      {"completed_on", DateOrNull(item.completed_on)},
                      {"completed_by", item.completed_by.empty() ? json::value(nullptr) : json::value(item.completed_by)},
                      {"note", item.note}};
}

json::object EpisodeJson(const CustodyEpisodeView& view, Date today) {
  const CustodyEpisode& e = view.episode;
  json::array checklist;
  for (const CustodyChecklistItem& item : view.checklist) checklist.push_back(ItemJson(item, today));
  const std::optional<int> countdown = ReleaseCountdown(e, today);
  return json::object{{"id", e.id},
                      {"version", e.version},
                      {"person_id", e.person_id},
                      {"establishment", e.establishment},
                      {"started_on", FormatIsoDate(e.started_on)},
                      {"sentence", e.sentence},
                      {"expected_release_on", DateOrNull(e.expected_release_on)},
                      {"released_on", DateOrNull(e.released_on)},
                      {"recalled_on", DateOrNull(e.recalled_on)},
                      {"licence_end_on", DateOrNull(e.licence_end_on)},
                      {"recorded_by", e.recorded_by},
                      {"in_custody", InCustody(e)},
                      {"release_countdown_days", countdown ? json::value(*countdown) : json::value(nullptr)},
                      {"friday_release", e.expected_release_on && IsFridayRelease(*e.expected_release_on)},
                      {"checklist", std::move(checklist)}};
}

CustodyEpisodeInput InputFrom(const json::object& body) {
  return {.establishment = Text(body, "establishment"),
          .started_on = Text(body, "started_on"),
          .sentence = Text(body, "sentence"),
          .expected_release_on = Text(body, "expected_release_on"),
          .released_on = Text(body, "released_on"),
          .recalled_on = Text(body, "recalled_on"),
          .licence_end_on = Text(body, "licence_end_on")};
}

HttpResponse EpisodeResponse(int status, const CustodyEpisodeView& view, Date today) {
  HttpResponse response = JsonResponse(status, EpisodeJson(view, today));
  response.SetHeader("ETag", ETag(view.episode.id, view.episode.version));
  return response;
}

// The If-Match version for record `id`, or the 428 or 412 to answer.
std::variant<int, HttpResponse> IfMatchVersion(const ApiRequest& request, int64_t id, std::string_view what) {
  const std::string_view if_match = request.http.Header("if-match");
  if (if_match.empty()) {
    return JsonError(428, "precondition_required",
                     "send If-Match with the ETag of the version you read, so no one else's change is overwritten");
  }
  const std::optional<int> version = VersionFromETag(if_match, id);
  if (!version) return JsonError(412, "precondition_failed", fmt::format("If-Match is not an ETag of this {}", what));
  return *version;
}

HttpResponse CustodyGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto record = request.app.custody.Get(request.actor(), *id);
  if (!record.ok()) return StatusResponse(record.status());
  const Date today = request.app.clock.Today();
  json::array items;
  for (const CustodyEpisodeView& view : record->episodes) items.push_back(EpisodeJson(view, today));
  return JsonResponse(200, json::object{{"person_id", *id}, {"ppo", record->is_ppo}, {"items", std::move(items)}});
}

HttpResponse CustodyPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto created = request.app.custody.Create(request.actor(), *id, InputFrom(*body));
  if (!created.ok()) return StatusResponse(created.status());
  HttpResponse response = EpisodeResponse(201, *created, request.app.clock.Today());
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/custody/{}", *id, created->episode.id));
  return response;
}

HttpResponse EpisodeGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> episode_id = PathId(request, "episode");
  if (!id || !episode_id) return JsonError(404, "not_found", "no such custody episode");
  auto record = request.app.custody.Get(request.actor(), *id);
  if (!record.ok()) return StatusResponse(record.status());
  for (const CustodyEpisodeView& view : record->episodes) {
    if (view.episode.id == *episode_id) return EpisodeResponse(200, view, request.app.clock.Today());
  }
  return JsonError(404, "not_found", "no such custody episode for this person");
}

HttpResponse EpisodePut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> episode_id = PathId(request, "episode");
  if (!id || !episode_id) return JsonError(404, "not_found", "no such custody episode");
  auto version = IfMatchVersion(request, *episode_id, "custody episode");
  if (auto* refusal = std::get_if<HttpResponse>(&version)) return std::move(*refusal);
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto changed =
      request.app.custody.Update(request.actor(), *id, *episode_id, std::get<int>(version), InputFrom(*body));
  if (!changed.ok()) return StatusResponse(changed.status());
  return EpisodeResponse(200, *changed, request.app.clock.Today());
}

HttpResponse ChecklistItemPut(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  const std::optional<int64_t> episode_id = PathId(request, "episode");
  const std::optional<int64_t> item_id = PathId(request, "item");
  if (!id || !episode_id || !item_id) return JsonError(404, "not_found", "no such checklist item");
  auto version = IfMatchVersion(request, *item_id, "checklist item");
  if (auto* refusal = std::get_if<HttpResponse>(&version)) return std::move(*refusal);
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto saved = request.app.custody.UpdateItem(
      request.actor(), *id, *episode_id, *item_id, std::get<int>(version),
      {.state = Text(*body, "state"), .completed_on = Text(*body, "completed_on"), .note = Text(*body, "note")});
  if (!saved.ok()) return StatusResponse(saved.status());
  HttpResponse response = JsonResponse(200, ItemJson(*saved, request.app.clock.Today()));
  response.SetHeader("ETag", ETag(saved->id, saved->version));
  return response;
}

HttpResponse ReleasesGet(ApiRequest& request) {
  const std::string text = request.query.Get("days");
  const int days = text.empty() ? kReleasesDueDays : IntOr(text, 0);
  auto releases = request.app.custody.ReleasesDue(request.actor(), days);
  if (!releases.ok()) return StatusResponse(releases.status());
  json::array items;
  for (const ReleaseDueView& row : *releases) {
    items.push_back(json::object{{"person_id", row.episode.person_id},
                                 {"surname", row.surname},
                                 {"forenames", row.forenames},
                                 {"episode_id", row.episode.id},
                                 {"establishment", row.episode.establishment},
                                 {"expected_release_on", DateOrNull(row.episode.expected_release_on)},
                                 {"release_countdown_days", row.countdown},
                                 {"friday_release", row.friday},
                                 {"open_items", row.open_items},
                                 {"overdue_items", row.overdue_items}});
  }
  return JsonResponse(200, json::object{{"days", days}, {"items", std::move(items)}});
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people/{id}/custody", CustodyGet},
    {"POST", "/api/v1/people/{id}/custody", CustodyPost},
    {"GET", "/api/v1/people/{id}/custody/{episode}", EpisodeGet},
    {"PUT", "/api/v1/people/{id}/custody/{episode}", EpisodePut},
    {"PUT", "/api/v1/people/{id}/custody/{episode}/checklist/{item}", ChecklistItemPut},
    {"GET", "/api/v1/releases", ReleasesGet},
};

}  // namespace

std::span<const ApiRoute> CustodyApi() { return kRoutes; }

}  // namespace openiom::web
