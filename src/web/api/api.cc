#include "web/api/api.h"

#include "services/accounts/credentials.h"
#include "web/api/api_support.h"

namespace openiom::web {
std::vector<std::pair<std::string, std::string>> ApiRoutes() {
  std::vector<std::pair<std::string, std::string>> routes;
  for (auto area : kApiAreas) {
    for (const ApiRoute& route : area()) routes.emplace_back(route.method, route.path);
  }
  return routes;
}

void AddApiRoutes(Router& router, std::shared_ptr<App> app) {
  for (auto area : kApiAreas) {
    for (const ApiRoute& route : area()) {
      router.Add(std::string(route.method), std::string(route.path), [app, route](HttpRequest& http) -> HttpResponse {
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
}

}  // namespace openiom::web
