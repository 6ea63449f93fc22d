// The people API: search, read, create and change a person; their events; break-glass.
#include <chrono>
#include <limits>
#include <map>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "common/strings.h"
#include "web/api/api_support.h"
#include "web/api/people/person_json.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

std::string ETag(const Person& person) {
  return fmt::format("\"{}.{}\"", person.id, person.version);
}

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
    person.address = {Text(fields, "line"), Text(fields, "postcode"), Text(fields, "lsoa_code"),
                      Text(fields, "district")};
  }
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
  const std::optional<PersonId> id = request.http.IdParam();
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
  const std::optional<PersonId> id = request.http.IdParam();
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
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto record = request.app.people.Get(request.actor(), *id);
  if (!record.ok()) return StatusResponse(record.status());
  json::value person = json::parse(PersonRecordJson(*record));
  return JsonResponse(200, json::object{{"items", person.as_object().at("events")}});
}

HttpResponse EventsPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
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
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  const Status granted = request.app.people.BreakGlass(request.actor(), *id, Text(*body, "reason"));
  if (!granted.ok()) return StatusResponse(granted);
  return JsonResponse(
      201, json::object{{"person_id", *id}, {"expires_in_seconds", std::chrono::seconds(kBreakGlassPeriod).count()}});
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people", PeopleGet},
    {"POST", "/api/v1/people", PeoplePost},
    {"GET", "/api/v1/people/{id}", PersonGet},
    {"PUT", "/api/v1/people/{id}", PersonPut},
    {"GET", "/api/v1/people/{id}/events", EventsGet},
    {"POST", "/api/v1/people/{id}/events", EventsPost},
    {"POST", "/api/v1/people/{id}/break-glass", BreakGlassPost},
};

}  // namespace

std::span<const ApiRoute> PeopleApi() {
  return kRoutes;
}

}  // namespace openiom::web
