// A minimal HTTP/1.1 client for tests: one request per connection, over plain sockets.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace openiom::testing {

struct HttpReply {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;

  // The first value of a header (lower-case name), or "".
  std::string Header(const std::string& name) const;
  // "name=value" of every Set-Cookie, without attributes, and the full header for `name`.
  std::string SetCookie(const std::string& cookie_name) const;
};

// Keeps cookies between requests, like a browser.
class CookieJar {
 public:
  void Update(const HttpReply& reply);
  // "a=1; b=2" for a Cookie header, or "".
  std::string Header() const;
  std::string Get(const std::string& name) const;

 private:
  std::map<std::string, std::string> cookies_;
};

// Sends `method target` to 127.0.0.1:port with the given headers and body. status 0 when the connection failed.
HttpReply HttpRequest(int port, const std::string& method, const std::string& target,
                      const std::vector<std::pair<std::string, std::string>>& headers = {},
                      const std::string& body = "");

// A browser's session with one server: cookies kept between requests, forms posted with their CSRF token.
class WebSession {
 public:
  explicit WebSession(int port) : port_(port) {}
  HttpReply Get(const std::string& target);
  HttpReply Post(const std::string& target, const std::string& body,
                 const std::string& content_type = "application/x-www-form-urlencoded");
  // Signs in through the form (with its double-submit token); returns the reply to the form post.
  HttpReply SignIn(const std::string& username, std::string_view password, const std::string& next = "/");
  // The signed-in session's CSRF token, as every form carries it.
  std::string CsrfToken();
  CookieJar& jar() { return jar_; }

 private:
  int port_;
  CookieJar jar_;
};

// The value of the first `name="NAME" value="..."` in an HTML page, or "".
std::string FormField(const std::string& html, const std::string& name);

}  // namespace openiom::testing
