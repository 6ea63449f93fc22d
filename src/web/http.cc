#include "web/http.h"

#include <algorithm>
#include <cctype>

#include "common/strings.h"

namespace openiom::web {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (size_t index = 0; index < pattern.size(); ++index) {
    const std::string& part = pattern[index];
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      if (path[index].empty()) return false;
      if (params) (*params)[part.substr(1, part.size() - 2)] = path[index];
    } else if (part != path[index]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<int64_t> HttpRequest::IdParam(std::string_view name) const {
  const auto found = path_params.find(std::string(name));
  if (found == path_params.end()) return std::nullopt;
  const std::optional<int64_t> id = ParseInt64(found->second);
  if (!id || *id <= 0) return std::nullopt;
  return *id;
}

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

HttpResponse HttpResponse::Html(int status, std::string body) {
  HttpResponse response{status, {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body)};
  return response;
}

HttpResponse HttpResponse::Json(int status, std::string body) {
  return HttpResponse{status, {{"Content-Type", "application/json"}}, std::move(body)};
}

HttpResponse HttpResponse::Text(int status, std::string body) {
  return HttpResponse{status, {{"Content-Type", "text/plain; charset=utf-8"}}, std::move(body)};
}

void HttpResponse::AddHeader(std::string name, std::string value) {
  // A line break in a value would start a new header (response splitting): never send one.
  value.erase(std::remove_if(value.begin(), value.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; }),
              value.end());
  headers.emplace_back(std::move(name), std::move(value));
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  auto same = [&](const auto& header) {
    return std::equal(header.first.begin(), header.first.end(), name.begin(), name.end(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  };
  headers.erase(std::remove_if(headers.begin(), headers.end(), same), headers.end());
  AddHeader(std::move(name), std::move(value));
}

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return value;
    }
  }
  return {};
}

void Router::Add(std::string method, std::string pattern, HttpHandler handler) {
  routes_.push_back({std::move(method), SplitPath(pattern), std::move(handler)});
}

HttpResponse Router::Dispatch(HttpRequest& request) const {
  const std::vector<std::string> path = SplitPath(request.path);
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    if (!Matches(route.segments, path, nullptr)) continue;
    if (route.method == request.method || (route.method == "GET" && request.method == "HEAD")) {
      Matches(route.segments, path, &request.path_params);
      return route.handler(request);
    }
    allowed.push_back(route.method);
  }
  if (!allowed.empty()) {
    std::string allow;
    for (const std::string& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
    HttpResponse response = HttpResponse::Text(405, "Method not allowed\n");
    response.SetHeader("Allow", allow);
    return response;
  }
  return HttpResponse::Text(404, "Not found\n");
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace openiom::web
