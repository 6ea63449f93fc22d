// GET /api/v1/openapi.json: the API's description (web/openapi.json, compiled in).
#include "web/api/api_support.h"

namespace openiom::web {
namespace openapi {
extern const std::string_view kDocument;
}

namespace {

HttpResponse OpenApiGet(ApiRequest&) {
  HttpResponse response = HttpResponse::Json(200, std::string(openapi::kDocument));
  response.SetHeader("Cache-Control", "public, max-age=300");
  return response;
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/openapi.json", OpenApiGet, false},
};

}  // namespace

std::span<const ApiRoute> SystemApi() {
  return kRoutes;
}

}  // namespace openiom::web
