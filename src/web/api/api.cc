#include "web/api/api.h"

#include <limits>
#include <sstream>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/strings.h"
#include "services/accounts/credentials.h"
#include "services/imports/event_import_service.h"
#include "web/api/people/person_json.h"

namespace openiom::web {
namespace openapi {
extern const std::string_view kDocument;
}

namespace {

namespace json = boost::json;

constexpr size_t kMaxImportErrors = 1000;

// One request to the API, with the caller's session once authenticated.
struct ApiRequest {
  HttpRequest& http;
  App& app;
  std::optional<AuthenticatedSession> session;
  FormFields query;
  const Actor& actor() const { return session->actor; }
};

using ApiHandler = HttpResponse (*)(ApiRequest&);

struct ApiRoute {
  const char* method;
  const char* path;
  ApiHandler handler;
  bool needs_session;
};

HttpResponse JsonResponse(int status, const json::value& body) {
  HttpResponse response = HttpResponse::Json(status, json::serialize(body));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

// A failed use case as the API's error: HttpErrorFor's status and code, the Status's field problems as details.
HttpResponse StatusResponse(const Status& status) {
  const HttpError error = HttpErrorFor(status);
  switch (error.status) {
    case 500:
      spdlog::error("API request failed: {}", StatusCodeName(status.code()));  // the message may name records
      return JsonError(500, error.code, "something went wrong; nothing was changed unless the response said so");
    case 503: {
      // Logged with its cause, as for pages (web/app.cc StatusPage).
      spdlog::warn("API request answered 503: {}", status.message());
      HttpResponse response =
          JsonError(503, error.code, "the database is busy or unreachable; try again in a minute");
      response.SetHeader("Retry-After", std::to_string(kRetryAfterSeconds));
      return response;
    }
    default: return JsonError(error.status, error.code, status.message(), status.problems());
  }
}

Result<json::object> JsonBody(const ApiRequest& request) {
  if (!request.http.Header("content-type").starts_with("application/json")) {
    return Status::InvalidArgument("send the body as application/json");
  }
  boost::system::error_code error;
  json::value value = json::parse(request.http.body, error);
  if (error || !value.is_object()) return Status::InvalidArgument("the body is not a JSON object");
  return value.as_object();
}

std::string Text(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return "";
  if (value->is_string()) return std::string(value->as_string());
  return json::serialize(*value);  // numbers (latitude, longitude) as written
}

std::optional<PersonId> IdParam(const ApiRequest& request) {
  const std::optional<int64_t> id = ParseInt64(request.http.path_params.at("id"));
  if (!id || *id <= 0) return std::nullopt;
  return *id;
}

std::string ETag(const Person& person) { return fmt::format("\"{}.{}\"", person.id, person.version); }

// Reads a person from JSON into `person`, keeping what the body leaves out; values of the wrong form (a date that
// is not one, an unknown code) go to `details`. The rules a person must meet are the service's (ValidatePerson).
void ApplyPerson(const json::object& body, Person& person, FieldProblems& details) {
  if (body.contains("surname")) person.surname = std::string(Trim(Text(body, "surname")));
  if (body.contains("forenames")) person.forenames = std::string(Trim(Text(body, "forenames")));
  if (body.contains("date_of_birth")) {
    const std::string text = Text(body, "date_of_birth");
    person.date_of_birth.reset();
    if (!text.empty()) {
      auto date = ParseIsoDate(text);
      if (date.ok()) {
        person.date_of_birth = *date;
      } else {
        details.push_back({"date_of_birth", date.status().message()});
      }
    }
  }
  if (body.contains("gender")) {
    auto gender = GenderFromCode(Text(body, "gender"));
    if (gender) {
      person.gender = *gender;
    } else {
      details.push_back({"gender", "must be M, F, X or U"});
    }
  }
  if (body.contains("ethnicity")) {
    const std::string code = Text(body, "ethnicity");
    person.ethnicity = code.empty() ? std::nullopt : EthnicityFromCode(code);
    if (!code.empty() && !person.ethnicity) {
      details.push_back({"ethnicity", "is not an ONS 2021 ethnic group code (W1 ... O9)"});
    }
  }
  if (const json::value* address = body.if_contains("address"); address && address->is_object()) {
    const json::object& fields = address->as_object();
    person.address = {Text(fields, "line"), Text(fields, "postcode"), Text(fields, "lsoa_code"), Text(fields, "district")};
  }
}

HttpResponse SessionsPost(ApiRequest& request) {
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto session = request.app.accounts.SignIn(Text(*body, "username"), Text(*body, "password"), SessionKind::kApi,
                                             request.http.remote_address);
  if (!session.ok()) return StatusResponse(session.status());
  return JsonResponse(201, json::object{{"token", session->token},
                                        {"idle_timeout_seconds", std::chrono::seconds(kSessionIdleTimeout).count()},
                                        {"absolute_timeout_seconds", std::chrono::seconds(kSessionAbsoluteTimeout).count()}});
}

HttpResponse SessionDelete(ApiRequest& request) {
  if (Status status = request.app.accounts.SignOut(*request.session); !status.ok()) return StatusResponse(status);
  return HttpResponse{204, {}, ""};
}

HttpResponse PeopleGet(ApiRequest& request) {
  PeopleSearch search{.name = request.query.Get("q"),
                      .pnc_id = request.query.Get("pnc"),
                      .crn = request.query.Get("crn"),
                      .date_of_birth = request.query.Get("dob"),
                      .district = request.query.Get("district"),
                      .open_warrant = request.query.Get("open_warrant") == "true"};
  search.page = PageNumber(request.query.Get("page"));
  if (!request.query.Get("page_size").empty()) search.page_size = IntOr(request.query.Get("page_size"), 0);
  if (search.page_size < 1 || search.page_size > 200) {
    return JsonError(400, "invalid_argument", "page_size must be between 1 and 200");
  }
  auto result = request.app.people.Search(request.actor(), search);
  if (!result.ok()) return StatusResponse(result.status());
  if (!result->errors.empty()) {
    return JsonError(400, "invalid_argument", "the search criteria are not valid", result->errors);
  }
  return JsonResponse(200, json::object{{"items", json::parse(PeopleListJson(result->page.people))},
                                        {"page", search.page},
                                        {"page_size", search.page_size},
                                        {"total", result->page.total}});
}

HttpResponse PersonGet(ApiRequest& request) {
  const std::optional<PersonId> id = IdParam(request);
  if (!id) return JsonError(404, "not_found", "no such person");
  auto record = request.app.people.Get(request.actor(), *id);
  if (!record.ok()) return StatusResponse(record.status());
  HttpResponse response = HttpResponse::Json(200, PersonRecordJson(*record));
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("ETag", ETag(record->person));
  return response;
}

HttpResponse PeoplePost(ApiRequest& request) {
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  Person person;
  FieldProblems details;
  ApplyPerson(*body, person, details);
  if (!details.empty()) return StatusResponse(Status::Invalid(std::move(details), "the person is not valid"));
  auto record = request.app.people.Create(request.actor(), person);
  if (!record.ok()) return StatusResponse(record.status());
  HttpResponse response = HttpResponse::Json(201, PersonRecordJson(*record));
  response.SetHeader("Location", fmt::format("/api/v1/people/{}", record->person.id));
  response.SetHeader("ETag", ETag(record->person));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

// The version named by an ETag of ours ("ID.VERSION"), or nullopt when it is not one for this person.
std::optional<int> VersionFromETag(std::string_view etag, PersonId id) {
  const std::string prefix = fmt::format("\"{}.", id);
  if (!etag.starts_with(prefix) || !etag.ends_with('"')) return std::nullopt;
  const std::optional<int64_t> version = ParseInt64(etag.substr(prefix.size(), etag.size() - prefix.size() - 1));
  if (!version || *version < 1 || *version > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(*version);
}

HttpResponse PersonPut(ApiRequest& request) {
  const std::optional<PersonId> id = IdParam(request);
  if (!id) return JsonError(404, "not_found", "no such person");
  const std::string_view if_match = request.http.Header("if-match");
  if (if_match.empty()) {
    return JsonError(428, "precondition_required",
                         "send If-Match with the ETag of the version you read, so no one else's change is overwritten");
  }
  const std::optional<int> version = VersionFromETag(if_match, *id);
  if (!version) return JsonError(412, "precondition_failed", "If-Match is not an ETag of this person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  Person scratch;  // the body's type errors, found before anything is read or written
  FieldProblems details;
  ApplyPerson(*body, scratch, details);
  if (!details.empty()) return StatusResponse(Status::Invalid(std::move(details), "the person is not valid"));
  auto record = request.app.people.Change(request.actor(), *id, *version, [&](Person& person) {
    FieldProblems ignored;
    ApplyPerson(*body, person, ignored);
  });
  if (!record.ok()) return StatusResponse(record.status());
  HttpResponse response = HttpResponse::Json(200, PersonRecordJson(*record));
  response.SetHeader("ETag", ETag(record->person));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse EventsGet(ApiRequest& request) {
  const std::optional<PersonId> id = IdParam(request);
  if (!id) return JsonError(404, "not_found", "no such person");
  auto record = request.app.people.Get(request.actor(), *id);
  if (!record.ok()) return StatusResponse(record.status());
  json::value person = json::parse(PersonRecordJson(*record));
  return JsonResponse(200, json::object{{"items", person.as_object().at("events")}});
}

HttpResponse EventsPost(ApiRequest& request) {
  const std::optional<PersonId> id = IdParam(request);
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  std::map<std::string, std::string> fields;
  for (const auto& [key, value] : *body) fields[std::string(key)] = Text(*body, key);
  auto event = request.app.people.AddEvent(request.actor(), *id, fields);
  if (!event.ok()) return StatusResponse(event.status());
  HttpResponse response = JsonResponse(201, json::object{{"id", *event}});
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/events", *id));
  return response;
}

HttpResponse BreakGlassPost(ApiRequest& request) {
  const std::optional<PersonId> id = IdParam(request);
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status granted = request.app.people.BreakGlass(request.actor(), *id, Text(*body, "reason"));
  if (!granted.ok()) return StatusResponse(granted);
  return JsonResponse(201, json::object{{"person_id", *id},
                                        {"expires_in_seconds", std::chrono::seconds(kBreakGlassPeriod).count()}});
}

// Collects rejected rows for the response, up to a limit.
class CollectingObserver final : public ImportObserver {
 public:
  void OnRejectedRow(std::string_view, int64_t, const FieldProblems& errors,
                     const std::vector<std::string>&) override {
    for (const FieldProblem& error : errors) {
      if (kept.size() < kMaxImportErrors) kept.push_back(error);
    }
  }
  FieldProblems kept;
};

HttpResponse ImportsPost(ApiRequest& request) {
  const std::string_view type = request.http.Header("content-type");
  if (!type.starts_with("text/csv")) return JsonError(415, "unsupported_media_type", "send the file as text/csv");
  std::istringstream input(request.http.body);
  CollectingObserver observer;
  const std::string source = request.query.Get("source").empty() ? "events-csv" : request.query.Get("source");
  const EventImportOptions options{.source_system = source,
                                   .file_name = request.query.Get("file_name").empty() ? "api upload"
                                                                                        : request.query.Get("file_name"),
                                   .accept_good_rows = request.query.Get("accept_good_rows") == "true"};
  auto report = ImportEvents(request.app.database, request.app.audit, request.actor(), input, options,
                             request.app.clock, observer);
  if (!report.ok()) return StatusResponse(report.status());
  json::object body{{"outcome", ImportOutcomeCode(report->outcome)},
                    {"rows_read", report->rows_read},
                    {"events_added", report->events_added},
                    {"events_already_present", report->events_already_present},
                    {"rows_rejected", report->rows_rejected},
                    {"people_created", report->people_created},
                    {"errors", ProblemsJson(observer.kept)}};
  if (report->outcome == ImportOutcome::kRejected) {
    return JsonError(422, "rows_rejected", RejectionMessage(*report), observer.kept);
  }
  return JsonResponse(200, body);
}

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
    items.push_back(json::object{{"person_id", s.person_id},     {"surname", row.surname},
                                 {"forenames", row.forenames},   {"district", row.district},
                                 {"rank", s.rank_position},      {"rules", std::move(rules)},
                                 {"rfg", decimal(s.rfg_centis)}, {"r", decimal(s.r_centis)},
                                 {"f", decimal(s.f_centis)},     {"g", decimal(s.g_centis)},
                                 {"n", s.n},                     {"acquisitive_n", s.acquisitive_n},
                                 {"last_event_date", FormatIsoDate(s.latest_event_date)},
                                 {"max_gravity", s.max_gravity}, {"harm", s.harm},
                                 {"cost", s.cost},               {"provisional", std::move(provisional)}});
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

HttpResponse OpenApiGet(ApiRequest&) {
  HttpResponse response = HttpResponse::Json(200, std::string(openapi::kDocument));
  response.SetHeader("Cache-Control", "public, max-age=300");
  return response;
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/openapi.json", OpenApiGet, false},
    {"POST", "/api/v1/sessions", SessionsPost, false},
    {"DELETE", "/api/v1/sessions/current", SessionDelete, true},
    {"GET", "/api/v1/people", PeopleGet, true},
    {"POST", "/api/v1/people", PeoplePost, true},
    {"GET", "/api/v1/people/{id}", PersonGet, true},
    {"PUT", "/api/v1/people/{id}", PersonPut, true},
    {"GET", "/api/v1/people/{id}/events", EventsGet, true},
    {"POST", "/api/v1/people/{id}/events", EventsPost, true},
    {"POST", "/api/v1/people/{id}/break-glass", BreakGlassPost, true},
    {"POST", "/api/v1/imports", ImportsPost, true},
    {"GET", "/api/v1/candidates", CandidatesGet, true},
};

}  // namespace

std::vector<std::pair<std::string, std::string>> ApiRoutes() {
  std::vector<std::pair<std::string, std::string>> routes;
  for (const ApiRoute& route : kRoutes) routes.emplace_back(route.method, route.path);
  return routes;
}

void AddApiRoutes(Router& router, std::shared_ptr<App> app) {
  for (const ApiRoute& route : kRoutes) {
    router.Add(route.method, route.path, [app, route](HttpRequest& http) -> HttpResponse {
      ApiRequest request{http, *app, std::nullopt, ParseUrlEncoded(http.query)};
      if (route.needs_session) {
        const std::string_view authorization = http.Header("authorization");
        const std::string token = authorization.starts_with("Bearer ") ? std::string(authorization.substr(7)) : "";
        auto session = app->accounts.Authenticate(token, SessionKind::kApi, http.remote_address);
        if (!session.ok()) {
          HttpResponse response = StatusResponse(session.status());
          if (response.status == 401) response.SetHeader("WWW-Authenticate", "Bearer");
          return response;
        }
        request.session = std::move(*session);
      }
      HttpResponse response = route.handler(request);
      // Every successful read carries an ETag: the record's version for a person, a digest of the body otherwise.
      if (http.method == "GET" && response.status == 200 && response.Header("etag").empty()) {
        response.SetHeader("ETag", "W/\"" + TokenHash(response.body).substr(0, 32) + "\"");
      }
      return response;
    });
  }
}

}  // namespace openiom::web
