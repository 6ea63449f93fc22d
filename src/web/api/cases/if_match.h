// Internal to web/api/cases/: the ETags of a person's sub-resources (a contact, an override, a plan action) and the
// If-Match every change of one needs, so that no one else's change is overwritten.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "web/api/api_support.h"

namespace openiom::web {

// A sub-resource's ETag, "KIND-ID.VERSION" ("contact-7.2"), like a person's "ID.VERSION".
std::string ETag(std::string_view kind, int64_t id, int version);

// The version named by If-Match for `kind` `id`, or the response to send instead in `refusal` (428 without it, 412
// when it is not an ETag of that object).
std::optional<int> IfMatchVersion(const ApiRequest& request, std::string_view kind, int64_t id,
                                  std::optional<HttpResponse>& refusal);

}  // namespace openiom::web
