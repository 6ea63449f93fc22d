// A minimal HTTP/1.1 client for tests: one request per connection, over plain sockets.
#pragma once

#include <map>
#include <string>
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

}  // namespace openiom::testing
