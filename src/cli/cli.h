// The `openiom` command line: parses arguments with CLI11 and runs one subcommand.
#pragma once

namespace openiom::cli {

// Returns the process exit code (see exit_codes.h).
int Run(int argc, char** argv);

}  // namespace openiom::cli
