#include "web/status_http.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace openiom::web {
namespace {

// Every Status code, pages and API alike: a stale version is 412 wherever it is found.
TEST(HttpErrorFor, MapsEveryStatusCodeOnce) {
  const struct {
    Status status;
    int http;
    std::string_view code;
  } cases[] = {
      {Status::InvalidArgument("x"), 400, "invalid_argument"},
      {Status::Invalid("surname", "is required"), 400, "invalid_argument"},
      {Status::Unauthenticated("x"), 401, "unauthenticated"},
      {Status::PermissionDenied("x"), 403, "permission_denied"},
      {Status::NotFound("x"), 404, "not_found"},
      {Status::Conflict("x"), 409, "conflict"},
      {Status::FailedPrecondition("x"), 409, "failed_precondition"},
      {Status::Stale("x"), 412, "precondition_failed"},
      {Status::Unavailable("x"), 503, "unavailable"},
      {Status::Internal("x"), 500, "internal"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(HttpErrorFor(c.status).status, c.http) << c.status.ToString();
    EXPECT_EQ(HttpErrorFor(c.status).code, c.code) << c.status.ToString();
    EXPECT_EQ(HttpStatusFor(c.status), c.http);
  }
}

TEST(JsonError, WritesTheOneErrorShapeWithFieldProblemsAsDetails) {
  const HttpResponse response =
      JsonError(422, "rows_rejected", "1 row was rejected", {{"gender", "is required", 2}, {"reason", "Enter it"}});
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.Header("cache-control"), "no-store");
  const boost::json::value body = boost::json::parse(response.body);
  const boost::json::object& error = body.at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "rows_rejected");
  EXPECT_EQ(error.at("message").as_string(), "1 row was rejected");
  const boost::json::array& details = error.at("details").as_array();
  ASSERT_EQ(details.size(), 2u);
  EXPECT_EQ(details[0].at("field").as_string(), "gender");
  EXPECT_EQ(details[0].at("line").as_int64(), 2);
  EXPECT_FALSE(details[1].as_object().contains("line")) << "no line where there is no file";
  EXPECT_TRUE(boost::json::parse(JsonError(404, "not_found", "no").body).at("error").at("details").as_array().empty());
}

}  // namespace
}  // namespace openiom::web
