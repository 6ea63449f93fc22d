#include "support/http_client.h"

#include <regex>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>

namespace openiom::testing {

HttpReply HttpRequest(int port, const std::string& method, const std::string& target,
                      const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) {
  HttpReply reply;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return reply;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return reply;
  }
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer (413) before reading the whole body
    sent += static_cast<size_t>(n);
  }
  std::string raw;
  char buffer[65536];
  ssize_t n;
  while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0) raw.append(buffer, static_cast<size_t>(n));
  close(fd);
  const size_t header_end = raw.find("\r\n\r\n");
  if (header_end == std::string::npos || raw.size() < 12) return reply;
  reply.status = std::stoi(raw.substr(9, 3));
  size_t line_start = raw.find("\r\n") + 2;
  while (line_start < header_end) {
    size_t line_end = raw.find("\r\n", line_start);
    const std::string line = raw.substr(line_start, line_end - line_start);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t value_start = colon + 1;
      while (value_start < line.size() && line[value_start] == ' ') ++value_start;
      reply.headers.emplace(name, line.substr(value_start));
    }
    line_start = line_end + 2;
  }
  reply.body = raw.substr(header_end + 4);
  return reply;
}

std::string HttpReply::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string HttpReply::SetCookie(const std::string& cookie_name) const {
  auto [begin, end] = headers.equal_range("set-cookie");
  for (auto it = begin; it != end; ++it) {
    if (it->second.starts_with(cookie_name + "=")) return it->second;
  }
  return "";
}

void CookieJar::Update(const HttpReply& reply) {
  auto [begin, end] = reply.headers.equal_range("set-cookie");
  for (auto it = begin; it != end; ++it) {
    const std::string& header = it->second;
    const size_t eq = header.find('=');
    const size_t semicolon = header.find(';');
    const std::string name = header.substr(0, eq);
    const std::string value = header.substr(eq + 1, semicolon == std::string::npos ? std::string::npos : semicolon - eq - 1);
    if (value.empty() || header.find("Max-Age=0") != std::string::npos) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
}

std::string CookieJar::Header() const {
  std::string header;
  for (const auto& [name, value] : cookies_) header += (header.empty() ? "" : "; ") + name + "=" + value;
  return header;
}

std::string CookieJar::Get(const std::string& name) const {
  auto it = cookies_.find(name);
  return it == cookies_.end() ? "" : it->second;
}

HttpReply WebSession::Get(const std::string& target) {
  HttpReply reply = HttpRequest(port_, "GET", target, {{"Cookie", jar_.Header()}});
  jar_.Update(reply);
  return reply;
}

HttpReply WebSession::Post(const std::string& target, const std::string& body, const std::string& content_type) {
  HttpReply reply = HttpRequest(port_, "POST", target, {{"Cookie", jar_.Header()}, {"Content-Type", content_type}}, body);
  jar_.Update(reply);
  return reply;
}

HttpReply WebSession::SignIn(const std::string& username, std::string_view password, const std::string& next) {
  const std::string token = FormField(Get("/sign-in").body, "signin_token");
  return Post("/sign-in", "username=" + username + "&password=" + std::string(password) + "&signin_token=" + token +
                              "&next=" + next);
}

std::string WebSession::CsrfToken() { return FormField(Get("/account").body, "csrf_token"); }

std::string FormField(const std::string& html, const std::string& name) {
  std::smatch match;
  const std::regex pattern("name=\"" + name + "\" value=\"([^\"]*)\"");
  return std::regex_search(html, match, pattern) ? match[1].str() : "";
}

}  // namespace openiom::testing
