// openiom: the web server, command line and analytics engine in one binary.
#include <sys/stat.h>

#include <cstdio>
#include <exception>

#include "cli/cli.h"
#include "cli/exit_codes.h"

int main(int argc, char** argv) {
  // Everything openiom creates (SQLite databases and their journals, rejects files) may hold criminal-record
  // data: only the account running it may read it.
  umask(0077);
  try {
    return openiom::cli::Run(argc, argv);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "openiom: internal error: %s\n", error.what());
    return openiom::cli::kExitInternal;
  }
}
