#include "web/web_app.h"

#include <memory>

#include <boost/asio/ip/address.hpp>
#include <spdlog/spdlog.h>

#include "services/accounts/credentials.h"
#include "web/api/api.h"
#include "web/app.h"
#include "web/handlers/handlers.h"
#include "web/handlers/system/system.h"
#include "web/static_files.h"

namespace openiom::web {
namespace {

// Wraps a page handler: finds the session from the cookie, sends people who are not signed in to the sign-in
// page, and refuses a form post whose CSRF token does not match the session's. Every response to a signed-in
// user is marked no-store here, downloads included: they hold personal data and must not be kept by a browser
// or a proxy, and one place cannot be forgotten by a new handler.
HttpHandler Page(std::shared_ptr<App> app, PageHandler handler, Access access) {
  return [app, handler, access](HttpRequest& request) -> HttpResponse {
    PageRequest page{request, *app, std::nullopt, ParseUrlEncoded(request.query), {}, std::nullopt};
    const std::string_view content_type = request.Header("content-type");
    if (content_type.starts_with("application/x-www-form-urlencoded")) {
      page.form = ParseUrlEncoded(request.body);
    } else if (content_type.starts_with("multipart/form-data")) {
      auto multipart = ParseMultipart(content_type, request.body);
      if (multipart.ok()) {
        page.form = multipart->fields;
        page.multipart = std::move(*multipart);
      }
    }
    const std::string token = CookieValue(request.Header("cookie"), kSessionCookie);
    if (!token.empty()) {
      auto session = app->accounts.Authenticate(token, SessionKind::kBrowser, request.remote_address);
      if (session.ok()) {
        page.session = std::move(*session);
      } else if (session.status().code() != StatusCode::kUnauthenticated) {
        return StatusPage(page, session.status());
      }
    }
    if (access == Access::kSignedIn && !page.session) {
      const std::string next = request.method == "GET" ? request.target : "/";
      return Redirect("/sign-in?next=" + UrlEncode(next) + (token.empty() ? "" : "&ended=1"), 302);
    }
    if (request.method == "POST" && page.session) {
      if (!EqualInConstantTime(page.form.Get("csrf_token"), page.session->csrf_token)) {
        return ErrorPage(page, 403, "the form had expired or came from another site; go back, reload and try again");
      }
    }
    HttpResponse response = handler(page);
    if (page.session) response.SetHeader("Cache-Control", "no-store");
    return response;
  };
}

}  // namespace

std::optional<std::string> ForwardedClientAddress(std::string_view header) {
  const size_t comma = header.rfind(',');
  std::string_view last = comma == std::string_view::npos ? header : header.substr(comma + 1);
  const size_t first = last.find_first_not_of(" \t");
  if (first == std::string_view::npos) return std::nullopt;
  last = last.substr(first, last.find_last_not_of(" \t") + 1 - first);
  // make_address reads a C string, so an embedded NUL would cut the entry short: only address characters pass.
  if (last.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) return std::nullopt;
  boost::system::error_code error;
  const boost::asio::ip::address address = boost::asio::ip::make_address(std::string(last), error);
  if (error) return std::nullopt;
  return address.to_string();
}

namespace {

// Behind a reverse proxy the peer is the proxy: the client is the last address it added. A malformed header
// keeps the proxy's address (still a real one) and is logged, so a bad header cannot fail the request.
void UseForwardedAddress(HttpRequest& request) {
  const std::string_view forwarded = request.Header("x-forwarded-for");
  if (forwarded.empty()) return;
  if (std::optional<std::string> client = ForwardedClientAddress(forwarded)) {
    request.remote_address = std::move(*client);
  } else {
    spdlog::warn("ignored a malformed X-Forwarded-For header from {}", request.remote_address);
  }
}

}  // namespace

void AddSecurityHeaders(HttpResponse& response) {
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Content-Security-Policy",
                     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                     "font-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'");
  response.SetHeader("Referrer-Policy", "no-referrer");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
}

WebApp MakeWebApp(Database& database, const Clock& clock, const WebAppOptions& options) {
  auto app = std::make_shared<App>(database, clock, WebOptions{options.static_dir, options.secure_cookies});
  auto router = std::make_shared<Router>();
  router->Add("GET", "/healthz", [&database](HttpRequest&) { return HealthGet(database); });
  router->Add("GET", "/assets/{path}", [app](HttpRequest& request) { return ServeStatic(app->options.static_dir, request); });
  router->Add("GET", "/assets/{dir}/{path}",
              [app](HttpRequest& request) { return ServeStatic(app->options.static_dir, request); });

  for (auto area : kPageAreas) {
    for (const PageRoute& route : area()) {
      router->Add(std::string(route.method), std::string(route.path), Page(app, route.handler, route.access));
    }
  }

  AddApiRoutes(*router, app);

  auto not_found = Page(app, [](PageRequest& request) { return ErrorPage(request, 404); }, Access::kPublic);
  const bool trust_proxy = options.trust_proxy;
  WebApp web;
  web.finish_response = AddSecurityHeaders;
  web.may_upload = [app, trust_proxy](const HttpRequest& head) {
    HttpRequest request = head;
    if (trust_proxy) UseForwardedAddress(request);
    // The role is checked before the body is read: a user who may not import cannot make the server read
    // 64 MiB (their request gets the ordinary body limit, so a large one is refused with 413 unread).
    const std::string_view authorization = request.Header("authorization");
    const auto session =
        authorization.starts_with("Bearer ")
            ? app->accounts.Authenticate(authorization.substr(7), SessionKind::kApi, request.remote_address)
            : app->accounts.Authenticate(CookieValue(request.Header("cookie"), kSessionCookie), SessionKind::kBrowser,
                                         request.remote_address);
    return session.ok() && Decide(session->actor, Action::kImportEvents).allowed;
  };
  web.handler = [router, not_found, trust_proxy](HttpRequest& request) {
    if (trust_proxy) UseForwardedAddress(request);
    HttpResponse response = router->Dispatch(request);
    const bool unrouted = (response.status == 404 || response.status == 405) &&
                          response.Header("content-type").starts_with("text/plain");
    if (unrouted && request.path.starts_with("/api/")) {
      const bool wrong_method = response.status == 405;
      HttpResponse error =
          JsonError(response.status, wrong_method ? "method_not_allowed" : "not_found",
                    wrong_method ? "this resource does not take that method" : "no such resource");
      for (const auto& [name, value] : response.headers) {
        if (name == "Allow") error.SetHeader(name, value);
      }
      response = std::move(error);
    } else if (unrouted && response.status == 404 && !request.path.starts_with("/assets/")) {
      response = not_found(request);
      response.status = 404;
    }
    return response;
  };
  return web;
}

}  // namespace openiom::web
