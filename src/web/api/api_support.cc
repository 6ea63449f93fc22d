#include "web/api/api_support.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "common/strings.h"

namespace openiom::web {

namespace json = boost::json;

HttpResponse JsonResponse(int status, const json::value& body) {
  HttpResponse response = HttpResponse::Json(status, json::serialize(body));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

HttpResponse StatusResponse(const Status& status) {
  const HttpError error = HttpErrorFor(status);
  switch (error.status) {
    case 500:
      spdlog::error("API request failed: {}", StatusCodeName(status.code()));  // the message may name records
      return JsonError(500, error.code, "something went wrong; nothing was changed unless the response said so");
    case 503: {
      // Logged with its cause, as for pages (web/app.cc StatusPage).
      spdlog::warn("API request answered 503: {}", status.message());
      HttpResponse response = JsonError(503, error.code, "the database is busy or unreachable; try again in a minute");
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

}  // namespace openiom::web
