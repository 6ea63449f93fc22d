#include "web/handlers/system/system.h"

#include <boost/json.hpp>

#include "common/version.h"

namespace openiom::web {

HttpResponse HealthGet(Database& database) {
  boost::json::object body;
  const Result<int> schema_version = database.SchemaVersion();
  body["status"] = schema_version.ok() ? "ok" : "unavailable";
  body["db"] = std::string(BackendName(database.backend()));
  body["version"] = kVersion;
  if (schema_version.ok()) body["schema_version"] = *schema_version;
  HttpResponse response = HttpResponse::Json(schema_version.ok() ? 200 : 503, boost::json::serialize(body));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace openiom::web
