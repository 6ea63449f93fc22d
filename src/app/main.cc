// openiom: the web server, command line and analytics engine in one binary.
#include <cstdio>
#include <exception>

#include "cli/cli.h"
#include "cli/exit_codes.h"

int main(int argc, char** argv) {
  try {
    return openiom::cli::Run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "openiom: internal error: %s\n", error.what());
    return openiom::cli::kExitInternal;
  }
}
