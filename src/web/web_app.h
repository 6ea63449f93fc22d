// The web application: every route, wired to the services, wrapped with the headers every response carries.
#pragma once

#include <functional>
#include <string>

#include "common/clock.h"
#include "storage/database.h"
#include "web/http.h"

namespace openiom::web {

struct WebAppOptions {
  std::string static_dir;       // front-end assets, served at /assets/
  bool secure_cookies = false;  // add Secure to cookies (set when the site is served over HTTPS)
  bool trust_proxy = false;     // take the client address from X-Forwarded-For (behind nginx)
};

struct WebApp {
  HttpHandler handler;                                   // every route
  std::function<bool(const HttpRequest&)> may_upload;    // signed-in users only may send large bodies
  std::function<void(HttpResponse&)> finish_response;    // security headers on every response
};

// The headers every response carries: CSP without inline script or style, nosniff, no framing, no referrer.
void AddSecurityHeaders(HttpResponse& response);

// The whole site. `database` and `clock` must outlive it.
WebApp MakeWebApp(Database& database, const Clock& clock, const WebAppOptions& options);

}  // namespace openiom::web
