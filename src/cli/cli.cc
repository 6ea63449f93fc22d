#include "cli/cli.h"

#include <cstdio>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/terminal.h"
#include "common/version.h"

namespace openiom::cli {

int Run(int argc, char** argv) {
  CLI::App app{"OpenIOM: Integrated Offender Management for police, probation and partners", "openiom"};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions global;
  app.add_option("--db", global.db_url, "Database URL: sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/NAME")
      ->envname("OPENIOM_DB")
      ->default_val("sqlite:var/openiom.db");

  Status status;
  auto on = [&](CLI::App* command, auto action) { command->callback([&status, action] { status = action(); }); };

  on(app.add_subcommand("version", "Print the version"), [] {
    std::printf("openiom %s\n", kVersion);
    return Status::Ok();
  });

  on(app.add_subcommand("migrate", "Create or upgrade the database schema"), [&] { return MigrateCommand(global); });

  ServeOptions serve;
  CLI::App* serve_command = app.add_subcommand("serve", "Start the web server");
  serve_command->add_option("--bind", serve.bind, "Address to listen on")->capture_default_str();
  serve_command->add_option("--port", serve.port, "Port to listen on (0 picks a free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve_command->add_option("--workers", serve.workers, "Threads handling requests")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  on(serve_command, [&] { return ServeCommand(global, serve); });

  DemoDataCommandOptions demo;
  CLI::App* demo_command = app.add_subcommand("demo-data", "Fill an empty database with synthetic Cleveland data");
  demo_command->add_option("--people", demo.people, "How many people")->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  demo_command->add_option("--seed", demo.seed, "Random seed (same seed, same data)")->capture_default_str();
  demo_command->add_option("--as-of", demo.as_of, "Histories end on this date (YYYY-MM-DD; default today)");
  on(demo_command, [&] { return DemoDataCommand(global, demo); });

  CLI::App* import_command = app.add_subcommand("import", "Load data from files");
  import_command->require_subcommand(1);
  ImportEventsOptions events;
  CLI::App* events_command = import_command->add_subcommand("events", "Import an events CSV (docs/formats/events.md)");
  events_command->add_option("FILE", events.file, "The CSV file ('-' for standard input)")->required();
  events_command->add_option("--source", events.source, "Name of the system the file comes from")
      ->capture_default_str();
  events_command->add_flag("--accept-good-rows", events.accept_good_rows,
                           "Load the valid rows even if some are invalid");
  events_command->add_option("--rejects", events.rejects_file, "Write invalid rows and their reasons to this CSV");
  on(events_command, [&] { return ImportEventsCommand(global, events); });
  std::vector<std::string> police_files;
  CLI::App* police_command =
      import_command->add_subcommand("police-uk", "Import data.police.uk street-level crime files");
  police_command->add_option("FILE", police_files, "One or more street-level CSV files")->required();
  on(police_command, [&] { return ImportPoliceUkCommand(global, police_files); });

  CLI::App* people_command = app.add_subcommand("people", "List and show people");
  people_command->require_subcommand(1);
  PeopleOptions people;
  CLI::App* list_command = people_command->add_subcommand("list", "List people by name");
  list_command->add_option("--limit", people.limit, "How many")->check(CLI::Range(1, 10000))->capture_default_str();
  list_command->add_option("--offset", people.offset, "Skip this many")->check(CLI::NonNegativeNumber);
  list_command->add_option("--format", people.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  on(list_command, [&] { return PeopleListCommand(global, people); });
  CLI::App* show_command = people_command->add_subcommand("show", "Show one person's record");
  show_command->add_option("ID", people.id, "Person id")->required()->check(CLI::PositiveNumber);
  show_command->add_option("--format", people.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  on(show_command, [&] { return PeopleShowCommand(global, people); });

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
