// The one table from Status codes to HTTP, used by pages and the API alike, and the API's one error body.
//
// | Status             | HTTP | API error code        |
// | InvalidArgument    | 400  | invalid_argument      |
// | Unauthenticated    | 401  | unauthenticated       |
// | PermissionDenied   | 403  | permission_denied     |
// | NotFound           | 404  | not_found             |
// | Conflict           | 409  | conflict              |
// | FailedPrecondition | 409  | failed_precondition   |
// | Stale              | 412  | precondition_failed   |  the record changed since it was read (ETag, form version)
// | Unavailable        | 503  | unavailable           |  with Retry-After
// | Internal           | 500  | internal              |
#pragma once

#include <string_view>

#include "common/status.h"
#include "web/http.h"

namespace boost::json {
class array;
}

namespace openiom::web {

// Seconds a client is asked to wait (Retry-After) when the service is busy (503).
inline constexpr int kRetryAfterSeconds = 30;

struct HttpError {
  int status;             // 400, 404, ...
  std::string_view code;  // the API's error code: "invalid_argument", ...
};

// The table above. REQUIRES: !status.ok().
HttpError HttpErrorFor(const Status& status);
inline int HttpStatusFor(const Status& status) { return HttpErrorFor(status).status; }

// {"error": {"code", "message", "details": [{"field", "message", "line"?}]}} with Cache-Control: no-store: the
// one error body of the API (and of the server's own refusals of /api/ requests). `line` only where it is > 0.
HttpResponse JsonError(int status, std::string_view code, std::string_view message,
                       const FieldProblems& details = {});
// The details array of that body, for responses that list problems beside other results (an import's report).
boost::json::array ProblemsJson(const FieldProblems& problems);

}  // namespace openiom::web
