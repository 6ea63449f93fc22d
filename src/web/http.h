// OpenIOM's own HTTP request and response types. Handlers see only these; Boost.Beast stays inside
// http_server.cc so that one file pays its compile cost.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openiom::web {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/people?q=smith"
  std::string path;    // target without the query: "/people"
  std::string query;   // after '?', undecoded
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::map<std::string, std::string> path_params;  // filled by the router: "/people/{id}" -> {"id", "42"}

  // The first header with this (lower-case) name, or empty.
  std::string_view Header(std::string_view name) const;
  // The {id} path parameter (a person, referral or membership), or another named one ({contact_id}), when it is a
  // positive whole number, for pages and API alike.
  std::optional<int64_t> IdParam(std::string_view name = "id") const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static HttpResponse Html(int status, std::string body);
  static HttpResponse Json(int status, std::string body);
  static HttpResponse Text(int status, std::string body);
  // Replaces any header of the same name. Line breaks in the value are removed (no response splitting).
  void SetHeader(std::string name, std::string value);
  // Adds a header even if one of that name exists (Set-Cookie), with the same care.
  void AddHeader(std::string name, std::string value);
  std::string_view Header(std::string_view name) const;
};

using HttpHandler = std::function<HttpResponse(HttpRequest&)>;

// Routes by method and path pattern ("/api/v1/people/{id}"). Unknown paths get 404; known paths with another
// method get 405 with an Allow header.
class Router {
 public:
  void Add(std::string method, std::string pattern, HttpHandler handler);
  HttpResponse Dispatch(HttpRequest& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    HttpHandler handler;
  };
  std::vector<Route> routes_;
};

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace openiom::web
