// The selection API: the candidates of the latest score run.
#include <sstream>

#include <boost/json.hpp>

#include "common/strings.h"
#include "web/api/api_support.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

// GET /api/v1/candidates: the latest score run's candidates (or everyone scored with all=true), with the rules
// that fired and their reasons, and every score component.
HttpResponse CandidatesGet(ApiRequest& request) {
  const int page = PageNumber(request.query.Get("page"));
  const int page_size = request.query.Get("page_size").empty() ? 50 : IntOr(request.query.Get("page_size"), 0);
  if (page_size < 1 || page_size > 1000) {
    return JsonError(400, "invalid_argument", "page_size must be between 1 and 1000");
  }
  ScoreFilter filter{.candidates_only = request.query.Get("all") != "true",
                     .rule = request.query.Get("rule"),
                     .district = request.query.Get("district"),
                     .offset = static_cast<int64_t>(page - 1) * page_size,
                     .limit = page_size};
  auto found = request.app.scoring.Candidates(request.actor(), filter);
  if (!found.ok()) return StatusResponse(found.status());
  const auto decimal = [](int64_t centis) { return json::value(static_cast<double>(centis) / 100.0); };
  json::array items;
  for (const ScoreListing& row : found->rows) {
    const StoredScore& s = row.score;
    json::array rules;
    for (const RuleReason& rule : s.fired) rules.push_back(json::object{{"name", rule.rule}, {"reason", rule.reason}});
    json::array provisional;
    std::istringstream notes(s.provisional_reasons);
    for (std::string line; std::getline(notes, line);) provisional.emplace_back(line);
    items.push_back(json::object{{"person_id", s.person_id},
                                 {"surname", row.surname},
                                 {"forenames", row.forenames},
                                 {"district", row.district},
                                 {"rank", s.rank_position},
                                 {"rules", std::move(rules)},
                                 {"rfg", decimal(s.rfg_centis)},
                                 {"r", decimal(s.r_centis)},
                                 {"f", decimal(s.f_centis)},
                                 {"g", decimal(s.g_centis)},
                                 {"n", s.n},
                                 {"acquisitive_n", s.acquisitive_n},
                                 {"last_event_date", FormatIsoDate(s.latest_event_date)},
                                 {"max_gravity", s.max_gravity},
                                 {"harm", s.harm},
                                 {"cost", s.cost},
                                 {"provisional", std::move(provisional)}});
  }
  json::object body{{"items", std::move(items)}, {"page", page}, {"page_size", page_size}, {"total", found->total}};
  body["run"] = found->run ? json::value(json::object{{"id", found->run->id},
                                                      {"as_of", FormatIsoDate(found->run->as_of)},
                                                      {"people_scored", found->run->people_scored},
                                                      {"candidates", found->run->candidates}})
                           : json::value(nullptr);
  HttpResponse response = JsonResponse(200, body);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/candidates", CandidatesGet},
};

}  // namespace

std::span<const ApiRoute> SelectionApi() {
  return kRoutes;
}

}  // namespace openiom::web
