// The web application: every route, wired to the services, wrapped with the headers every response carries.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

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
  std::function<bool(const HttpRequest&)> may_upload;    // only users who may import send large bodies
  std::function<void(HttpResponse&)> finish_response;    // security headers on every response
};

// The headers every response carries: CSP without inline script or style, nosniff, no framing, no referrer.
void AddSecurityHeaders(HttpResponse& response);

// The client address a trusted reverse proxy put in X-Forwarded-For: the last entry (the one the proxy added),
// when it is a valid IPv4 or IPv6 address, normalised ("::ffff:1.2.3.4" stays IPv6). nullopt for an empty,
// malformed or non-address entry ("1.2.3.4, ", ",", "<script>", "999.1.1.1"), so nothing invented reaches the
// audit trail.
std::optional<std::string> ForwardedClientAddress(std::string_view header);

// The whole site. `database` and `clock` must outlive it.
WebApp MakeWebApp(Database& database, const Clock& clock, const WebAppOptions& options);

}  // namespace openiom::web
