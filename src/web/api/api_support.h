// Internal to web/api/: what every API handler needs, and each area's route list. A new route is a line in its
// area's list (web/api/<area>/*.cc, beside its handler); a new area is its list's declaration here and its entry in
// kApiAreas.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "web/app.h"

namespace openiom::web {

// One request to the API, with the caller's session once authenticated.
struct ApiRequest {
  HttpRequest& http;
  App& app;
  std::optional<AuthenticatedSession> session;
  FormFields query;
  const Actor& actor() const { return session->actor; }
};

using ApiHandler = HttpResponse (*)(ApiRequest&);

// One API route: method, path pattern ("/api/v1/people/{id}") and handler; with needs_session, only a valid bearer
// token reaches the handler (401 otherwise).
struct ApiRoute {
  std::string_view method;
  std::string_view path;
  ApiHandler handler;
  bool needs_session = true;
};

std::span<const ApiRoute> AccountsApi();   // sessions (sign in and out)
std::span<const ApiRoute> PeopleApi();     // people, their events, break-glass
std::span<const ApiRoute> ImportsApi();    // event file uploads
std::span<const ApiRoute> SelectionApi();  // candidates
std::span<const ApiRoute> CasesApi();      // BRAG, contacts, assessments, overrides, caseload, tasking, wanted
std::span<const ApiRoute> CaseNotesApi();  // case notes
std::span<const ApiRoute> PlanApi();       // a person's plan, and my overdue actions
std::span<const ApiRoute> SystemApi();     // the OpenAPI document
std::span<const ApiRoute> CustodyApi();    // custody episodes, checklists, releases due
std::span<const ApiRoute> TeamApi();       // a person's team: the lead professional and named workers
std::span<const ApiRoute> ServiceReferralsApi();  // a person's referrals to services
std::span<const ApiRoute> HouseholdApi();  // a person's household and relationships, with connected people's BRAG
std::span<const ApiRoute> LevelApi();      // a person's service level, its suggestion, schemes and statutory status
std::span<const ApiRoute> EnforcementApi();  // a person's warnings, breach action and recall requests
// Registered in this order (the OpenAPI document must describe the same routes: api_test.cc checks it).
inline constexpr std::span<const ApiRoute> (*kApiAreas[])() = {SystemApi,    AccountsApi, PeopleApi,   ImportsApi,
                                                               SelectionApi, CasesApi,    CaseNotesApi, CustodyApi,
                                                               PlanApi,      TeamApi,     ServiceReferralsApi,
                                                               HouseholdApi, LevelApi,    EnforcementApi};

// `body` with Cache-Control: no-store (everything the API answers is about people or sessions).
HttpResponse JsonResponse(int status, const boost::json::value& body);
// A failed use case as the API's error: HttpErrorFor's status and code, the Status's field problems as details;
// 500 logged with the code only (the message may name records), 503 logged with its cause and sent with Retry-After.
HttpResponse StatusResponse(const Status& status);
// The request's body as a JSON object; InvalidArgument when it is not sent as application/json or is not an object.
Result<boost::json::object> JsonBody(const ApiRequest& request);
// The member `key` as text: a string as it is, a number as written, "" when absent or null.
std::string Text(const boost::json::object& object, std::string_view key);

}  // namespace openiom::web
