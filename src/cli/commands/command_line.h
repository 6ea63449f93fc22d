// Internal to cli/: what every command needs, and each area's commands. An area adds its subcommands, their
// options and their actions in cli/commands/<area>/<area>.cc; a new area is its Add...Commands declaration here
// and its entry in kCommandAreas. Each command opens what it needs, calls its services, prints the result,
// and returns a Status that Run() maps to an exit code (cli/exit_codes.h).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/clock.h"
#include "common/date.h"
#include "common/status.h"
#include "services/access/access_policy.h"
#include "services/services.h"
#include "storage/database.h"

namespace openiom::cli {

struct GlobalOptions {
  std::string db_url;
  int db_busy_timeout_seconds = 30;  // SQLite: wait this long for another connection's write lock
};

// The command line being built: the top-level app, the global options, and the chosen command's Status.
class CommandLine {
 public:
  CommandLine(CLI::App& app, const GlobalOptions& global, Status& status) : app(app), global(global), status_(status) {}

  // Runs `action` (returning a Status) when `command` is the one chosen.
  template <class Action>
  void On(CLI::App* command, Action action) {
    command->callback([this, action = std::move(action)] { status_ = action(); });
  }
  // A value that lives until the command has run, for a command's options to be parsed into.
  template <class T>
  T& Keep() {
    auto value = std::make_shared<T>();
    kept_.push_back(value);
    return *value;
  }

  CLI::App& app;
  const GlobalOptions& global;

 private:
  Status& status_;
  std::vector<std::shared_ptr<void>> kept_;
};

void AddSystemCommands(CommandLine& cli);     // version, migrate, serve, demo-data
void AddImportsCommands(CommandLine& cli);    // import events, import police-uk
void AddPeopleCommands(CommandLine& cli);     // people list, people show
void AddAccountsCommands(CommandLine& cli);   // agency add, user add/disable/enable/list
void AddSelectionCommands(CommandLine& cli);  // score, candidates, explain
void AddAuditCommands(CommandLine& cli);      // audit verify
void AddCasesCommands(CommandLine& cli);      // brag, brag-rules
// In the order --help lists them.
inline constexpr void (*kCommandAreas[])(CommandLine&) = {AddSystemCommands,   AddImportsCommands,   AddPeopleCommands,
                                                          AddAccountsCommands, AddSelectionCommands, AddCasesCommands,
                                                          AddAuditCommands};

// The local operator as an Actor (audited as "cli:<os user>").
Actor LocalOperator();
// Opens the database; with `create`, a missing SQLite file (and its folder) is created.
Result<std::unique_ptr<Database>> OpenDatabase(const GlobalOptions& global, bool create, int pool_size = 2);
// Opens the database and checks it is at the latest schema version.
Result<std::unique_ptr<Database>> OpenMigratedDatabase(const GlobalOptions& global, int pool_size = 2);

// A command's database, checked to be current, with the system clock and every service over them.
struct CommandServices {
  explicit CommandServices(std::unique_ptr<Database> opened)
      : database(std::move(opened)), services(*database, clock) {}

  std::unique_ptr<Database> database;
  SystemClock clock;
  Services services;
};
Result<std::unique_ptr<CommandServices>> OpenServices(const GlobalOptions& global, int pool_size = 2);

// Reads one line from standard input (a password: never an argument, which other users can see in `ps`).
Result<std::string> ReadPasswordFromStdin();
// The --as-of day: `text` as YYYY-MM-DD, or today when it is empty.
Result<Date> ParseAsOf(const std::string& text, const Clock& clock);

}  // namespace openiom::cli
