#include "web/api/cases/if_match.h"

#include <fmt/format.h>

#include <limits>

#include "common/strings.h"

namespace openiom::web {

std::string ETag(std::string_view kind, int64_t id, int version) {
  return fmt::format("\"{}-{}.{}\"", kind, id, version);
}

std::optional<int> IfMatchVersion(const ApiRequest& request, std::string_view kind, int64_t id,
                                  std::optional<HttpResponse>& refusal) {
  const std::string_view if_match = request.http.Header("if-match");
  if (if_match.empty()) {
    refusal = JsonError(428, "precondition_required",
                        "send If-Match with the ETag of the version you read, so no one else's change is overwritten");
    return std::nullopt;
  }
  const std::string prefix = fmt::format("\"{}-{}.", kind, id);
  std::optional<int64_t> version;
  if (if_match.starts_with(prefix) && if_match.ends_with('"') && if_match.size() > prefix.size() + 1) {
    version = ParseInt64(if_match.substr(prefix.size(), if_match.size() - prefix.size() - 1));
  }
  if (!version || *version < 1 || *version > std::numeric_limits<int>::max()) {
    refusal = JsonError(412, "precondition_failed", fmt::format("If-Match is not an ETag of this {}", kind));
    return std::nullopt;
  }
  return static_cast<int>(*version);
}

}  // namespace openiom::web
