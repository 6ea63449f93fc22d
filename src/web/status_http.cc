#include "web/status_http.h"

#include <boost/json.hpp>

namespace openiom::web {

HttpError HttpErrorFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument: return {400, "invalid_argument"};
    case StatusCode::kUnauthenticated: return {401, "unauthenticated"};
    case StatusCode::kPermissionDenied: return {403, "permission_denied"};
    case StatusCode::kNotFound: return {404, "not_found"};
    case StatusCode::kConflict: return {409, "conflict"};
    case StatusCode::kFailedPrecondition: return {409, "failed_precondition"};
    case StatusCode::kStale: return {412, "precondition_failed"};
    case StatusCode::kUnavailable: return {503, "unavailable"};
    case StatusCode::kOk:  // a caller's bug: an ok Status is not an error
    case StatusCode::kInternal: break;
  }
  return {500, "internal"};
}

boost::json::array ProblemsJson(const FieldProblems& problems) {
  boost::json::array list;
  for (const FieldProblem& problem : problems) {
    boost::json::object detail{{"field", problem.field}, {"message", problem.message}};
    if (problem.line > 0) detail["line"] = problem.line;
    list.push_back(std::move(detail));
  }
  return list;
}

HttpResponse JsonError(int status, std::string_view code, std::string_view message, const FieldProblems& details) {
  HttpResponse response = HttpResponse::Json(
      status, boost::json::serialize(boost::json::object{
                  {"error", boost::json::object{{"code", code}, {"message", message}, {"details", ProblemsJson(details)}}}}));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace openiom::web
