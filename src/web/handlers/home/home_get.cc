#include "web/handlers/home/home_get.h"

#include <fmt/format.h>

#include "common/version.h"

namespace openiom::web {

HttpResponse HomeGet(const Clock& clock, const HttpRequest&) {
  return HttpResponse::Html(200, fmt::format(R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OpenIOM</title>
</head>
<body>
<main>
<h1>OpenIOM</h1>
<p>Integrated Offender Management for police, probation and partners.</p>
<p>Version {} &middot; {}</p>
<p>Sign-in and case management pages are not available yet. The service health is at <a href="/healthz">/healthz</a>.</p>
</main>
</body>
</html>
)",
                                             kVersion, FormatIsoDate(clock.Today())));
}

}  // namespace openiom::web
