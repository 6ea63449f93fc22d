#include "cli/exit_codes.h"

#include <gtest/gtest.h>

namespace openiom::cli {
namespace {

TEST(ExitCodeFor, MapsEveryStatusCodeOnce) {
  const struct {
    Status status;
    int exit_code;
  } cases[] = {
      {Status::Ok(), kExitOk},
      {Status::InvalidArgument("x"), kExitInvalidInput},
      {Status::Invalid("surname", "is required"), kExitInvalidInput},
      {Status::Conflict("x"), kExitConflict},
      {Status::FailedPrecondition("x"), kExitConflict},
      {Status::Stale("x"), kExitConflict},
      {Status::NotFound("x"), kExitNotFound},
      {Status::Unavailable("x"), kExitUnavailable},
      {Status::PermissionDenied("x"), kExitUsage},
      {Status::Unauthenticated("x"), kExitUsage},
      {Status::Internal("x"), kExitInternal},
  };
  for (const auto& c : cases) EXPECT_EQ(ExitCodeFor(c.status), c.exit_code) << c.status.ToString();
}

}  // namespace
}  // namespace openiom::cli
