// The command line's exit codes (documented in the README) and the one table mapping Status codes to them.
#pragma once

#include "common/status.h"

namespace openiom::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitInvalidInput = 2;  // nothing was written
inline constexpr int kExitConflict = 3;      // includes a database that must be migrated first
inline constexpr int kExitNotFound = 4;
inline constexpr int kExitUnavailable = 5;   // the database cannot be reached
inline constexpr int kExitInternal = 10;

int ExitCodeFor(const Status& status);

}  // namespace openiom::cli
