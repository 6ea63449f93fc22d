// Signing in and out of the web pages.
#include <algorithm>

#include <fmt/format.h>

#include "services/accounts/credentials.h"
#include "web/handlers/accounts/accounts.h"

namespace openiom::web {
namespace {

// Only short paths on this site, in plain characters: an attacker must not be able to send people elsewhere
// after signing in ("//evil", "/\t/evil" which browsers read as "//evil") or smuggle a header into the
// redirect (CR, LF).
std::string SafeNext(const std::string& next) {
  constexpr size_t kMaxLength = 512;
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("/_.~%?=&-").find(c) != std::string_view::npos;
  };
  if (next.empty() || next.size() > kMaxLength || next.front() != '/' || next.starts_with("//") ||
      next.starts_with("/sign-") || !std::all_of(next.begin(), next.end(), allowed)) {
    return "/";
  }
  return next;
}

std::string Cookie(const PageRequest& page, std::string_view name, std::string_view value, bool clear = false) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}{}", name, value,
                     page.app.options.secure_cookies ? "; Secure" : "", clear ? "; Max-Age=0" : "");
}

HttpResponse SignInPage(PageRequest& page, int status, const std::string& error, const std::string& username) {
  // Sign-in gets its own CSRF token before there is a session (double submit: cookie and form field must match),
  // so another site cannot sign someone in as the attacker.
  const std::string token = NewToken();
  ViewData data;
  data.Set("next", SafeNext(page.query.Get("next").empty() ? page.form.Get("next") : page.query.Get("next")));
  data.Set("username", username);
  data.Set("signin_token", token);
  if (page.query.Get("ended") == "1") data.Set("ended", "Your session ended. Sign in again to carry on.");
  if (page.query.Get("signed_out") == "1") data.Set("signed_out", true);
  FieldProblems errors;
  if (!error.empty()) errors.emplace_back("username", error);
  data.Set("error", error);
  HttpResponse response = RenderPage(page, "Sign in", "sign_in", std::move(data), status, errors);
  response.SetHeader("Set-Cookie", Cookie(page, kSignInCsrfCookie, token));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

HttpResponse SignInGet(PageRequest& page) {
  if (page.session) return Redirect("/");
  return SignInPage(page, 200, "", "");
}

HttpResponse SignInPost(PageRequest& page) {
  const std::string cookie_token = CookieValue(page.http.Header("cookie"), kSignInCsrfCookie);
  if (cookie_token.empty() || !EqualInConstantTime(cookie_token, page.form.Get("signin_token"))) {
    return ErrorPage(page, 403, "the sign-in form had expired or came from another site; open the sign-in page again");
  }
  const std::string username = page.form.Get("username");
  const std::string password = page.form.Get("password");
  if (username.empty() || password.empty()) {
    return SignInPage(page, 400, "Enter your username and password", username);
  }
  auto session = page.app.accounts.SignIn(username, password, SessionKind::kBrowser, page.http.remote_address);
  if (!session.ok()) {
    if (session.status().code() != StatusCode::kUnauthenticated) return StatusPage(page, session.status());
    return SignInPage(page, 401, session.status().message(), username);
  }
  HttpResponse response = Redirect(SafeNext(page.form.Get("next")));
  response.AddHeader("Set-Cookie", Cookie(page, kSessionCookie, session->token));
  response.AddHeader("Set-Cookie", Cookie(page, kSignInCsrfCookie, "", true));
  return response;
}

HttpResponse SignOutPost(PageRequest& page) {
  if (Status status = page.app.accounts.SignOut(*page.session); !status.ok()) return StatusPage(page, status);
  HttpResponse response = Redirect("/sign-in?signed_out=1");
  response.SetHeader("Set-Cookie", Cookie(page, kSessionCookie, "", true));
  return response;
}

}  // namespace openiom::web
