#include "web/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace openiom::web {
namespace {

std::string_view ContentType(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".woff") return "font/woff";
  if (extension == ".json") return "application/json";
  if (extension == ".map") return "application/json";
  return "application/octet-stream";
}

}  // namespace

HttpResponse ServeStatic(const std::string& root, const HttpRequest& request) {
  const std::string relative = request.path.substr(std::string_view("/assets/").size());
  if (relative.empty() || relative.find("..") != std::string::npos || relative.find('\\') != std::string::npos ||
      relative.front() == '/') {
    return HttpResponse::Text(404, "Not found\n");
  }
  const std::filesystem::path file = std::filesystem::path(root) / relative;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return HttpResponse::Text(404, "Not found\n");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  HttpResponse response{200, {{"Content-Type", std::string(ContentType(file))}}, content.str()};
  response.SetHeader("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace openiom::web
