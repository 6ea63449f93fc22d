#include "cli/cli.h"

#include <cstdio>
#include <cstdlib>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands/command_line.h"
#include "cli/exit_codes.h"
#include "cli/terminal.h"

namespace openiom::cli {

int Run(int argc, char** argv) {
  // Logs go to standard error: standard output carries what commands print (JSON, tables, "listening on").
  spdlog::set_default_logger(spdlog::stderr_color_mt("openiom"));
  if (const char* level = std::getenv("OPENIOM_LOG_LEVEL")) spdlog::set_level(spdlog::level::from_str(level));
  CLI::App app{"OpenIOM: Integrated Offender Management for police, probation and partners", "openiom"};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions global;
  app.add_option("--db", global.db_url, "Database URL: sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME")
      ->envname("OPENIOM_DB")
      ->default_val("sqlite:var/openiom.db");
  app.add_option("--db-busy-timeout", global.db_busy_timeout_seconds,
                 "SQLite: seconds to wait for another connection's write lock before reporting the database busy")
      ->envname("OPENIOM_DB_BUSY_TIMEOUT")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();

  Status status;
  CommandLine cli(app, global, status);
  for (auto add : kCommandAreas) add(cli);  // each area's subcommands (cli/commands/<area>/)

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (!status.ok()) {
    std::fprintf(stderr, "openiom: %s\n", ForTerminal(status.message()).c_str());
    return ExitCodeFor(status);
  }
  return kExitOk;
}

}  // namespace openiom::cli
