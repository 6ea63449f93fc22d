#include "web/web_app.h"

#include <memory>

#include "web/handlers/health/health_get.h"
#include "web/handlers/home/home_get.h"

namespace openiom::web {
namespace {

// Defence in depth on every response; pages with personal data add Cache-Control: no-store themselves.
void AddSecurityHeaders(HttpResponse& response) {
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Content-Security-Policy",
                     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                     "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  response.SetHeader("Referrer-Policy", "no-referrer");
  response.SetHeader("X-Frame-Options", "DENY");
}

}  // namespace

HttpHandler MakeWebApp(Database& database, const Clock& clock) {
  auto router = std::make_shared<Router>();
  router->Add("GET", "/healthz", [&database](HttpRequest& request) { return HealthGet(database, request); });
  router->Add("GET", "/", [&clock](HttpRequest& request) { return HomeGet(clock, request); });
  return [router](HttpRequest& request) {
    HttpResponse response = router->Dispatch(request);
    AddSecurityHeaders(response);
    return response;
  };
}

}  // namespace openiom::web
