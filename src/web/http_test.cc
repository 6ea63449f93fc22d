#include "web/http.h"

#include <gtest/gtest.h>

namespace openiom::web {
namespace {

HttpRequest Request(std::string method, std::string path) {
  HttpRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

Router MakeRouter() {
  Router router;
  router.Add("GET", "/people", [](HttpRequest&) { return HttpResponse::Text(200, "list"); });
  router.Add("GET", "/people/{id}", [](HttpRequest& request) {
    return HttpResponse::Text(200, "person " + request.path_params.at("id"));
  });
  router.Add("POST", "/people/{id}", [](HttpRequest&) { return HttpResponse::Text(201, "updated"); });
  return router;
}

TEST(Router, MatchesPathsAndCapturesParameters) {
  const Router router = MakeRouter();
  HttpRequest list = Request("GET", "/people");
  EXPECT_EQ(router.Dispatch(list).body, "list");
  HttpRequest one = Request("GET", "/people/42");
  EXPECT_EQ(router.Dispatch(one).body, "person 42");
  HttpRequest post = Request("POST", "/people/42");
  EXPECT_EQ(router.Dispatch(post).status, 201);
  HttpRequest head = Request("HEAD", "/people");
  EXPECT_EQ(router.Dispatch(head).status, 200);
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  const Router router = MakeRouter();
  for (const char* path : {"/nothing", "/people/", "/people/42/extra", ""}) {
    HttpRequest request = Request("GET", path);
    EXPECT_EQ(router.Dispatch(request).status, 404) << path;
  }
  HttpRequest del = Request("DELETE", "/people/1");
  const HttpResponse response = router.Dispatch(del);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.Header("allow"), "GET, POST");
}

TEST(HtmlEscape, EscapesMarkupCharacters) {
  EXPECT_EQ(HtmlEscape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("O'Neill"), "O&#39;Neill");
}

TEST(HttpResponse, SetHeaderReplacesCaseInsensitively) {
  HttpResponse response = HttpResponse::Html(200, "x");
  response.SetHeader("content-type", "text/plain");
  EXPECT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.Header("Content-Type"), "text/plain");
}

}  // namespace
}  // namespace openiom::web
