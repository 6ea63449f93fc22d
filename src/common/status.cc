#include "common/status.h"

#include <cstdio>
#include <cstdlib>

namespace openiom {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kStale: return "stale version";
    case StatusCode::kFailedPrecondition: return "failed precondition";
    case StatusCode::kPermissionDenied: return "permission denied";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

Status::Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

Status Status::Invalid(FieldProblems problems, std::string summary) {
  if (summary.empty() && !problems.empty()) summary = problems.front().field + ": " + problems.front().message;
  Status status(StatusCode::kInvalidArgument, std::move(summary));
  status.problems_ = std::move(problems);
  return status;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(StatusCodeName(code_));
  out += ": ";
  out += message_;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string message(context);
  message += ": ";
  message += message_;
  Status status(code_, std::move(message));
  status.problems_ = problems_;
  return status;
}

void DieOnBadResultAccess(const Status& status) {
  std::fprintf(stderr, "BUG: value() of a failed Result: %s\n", status.ToString().c_str());
  std::abort();
}

}  // namespace openiom
