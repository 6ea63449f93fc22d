// The sessions API: a token for a username and password (POST), and signing out (DELETE).
#include <chrono>

#include <boost/json.hpp>

#include "web/api/api_support.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

HttpResponse SessionsPost(ApiRequest& request) {
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  auto session = request.app.accounts.SignIn(Text(*body, "username"), Text(*body, "password"), SessionKind::kApi,
                                             request.http.remote_address);
  if (!session.ok()) return StatusResponse(session.status());
  return JsonResponse(
      201, json::object{{"token", session->token},
                        {"idle_timeout_seconds", std::chrono::seconds(kSessionIdleTimeout).count()},
                        {"absolute_timeout_seconds", std::chrono::seconds(kSessionAbsoluteTimeout).count()}});
}

HttpResponse SessionDelete(ApiRequest& request) {
  if (Status status = request.app.accounts.SignOut(*request.session); !status.ok()) return StatusResponse(status);
  return HttpResponse{204, {}, ""};
}

constexpr ApiRoute kRoutes[] = {
    {"POST", "/api/v1/sessions", SessionsPost, false},
    {"DELETE", "/api/v1/sessions/current", SessionDelete},
};

}  // namespace

std::span<const ApiRoute> AccountsApi() {
  return kRoutes;
}

}  // namespace openiom::web
