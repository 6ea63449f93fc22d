#include "cli/cli.h"

#include <cstdio>
#include <cstdlib>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/terminal.h"
#include "common/version.h"

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
  serve_command->add_option("--static-dir", serve.static_dir, "Front-end assets (default: static/ beside openiom)");
  serve_command->add_flag("--secure-cookies", serve.secure_cookies,
                          "Mark cookies Secure: use when users reach OpenIOM over HTTPS (behind nginx)");
  serve_command->add_flag("--trust-proxy", serve.trust_proxy,
                          "Take the client's address from X-Forwarded-For (only behind a proxy that sets it)");
  on(serve_command, [&] { return ServeCommand(global, serve); });

  DemoDataCommandOptions demo;
  CLI::App* demo_command = app.add_subcommand("demo-data", "Fill an empty database with synthetic Cleveland data");
  demo_command->add_option("--people", demo.people, "How many people")->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  demo_command->add_option("--seed", demo.seed, "Random seed (same seed, same data)")->capture_default_str();
  demo_command->add_option("--as-of", demo.as_of, "Histories end on this date (YYYY-MM-DD; default today)");
  demo_command->add_flag("--demo-password-stdin", demo.demo_password_stdin,
                         "Also create the demo users (demo.practitioner, demo.manager, demo.analyst, demo.auditor, "
                         "demo.admin) with the password read from standard input");
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

  AgencyOptions agency;
  CLI::App* agency_command = app.add_subcommand("agency", "Manage the partnership's agencies");
  agency_command->require_subcommand(1);
  CLI::App* agency_add = agency_command->add_subcommand("add", "Add an agency");
  agency_add->add_option("--name", agency.name, "The agency's name")->required();
  agency_add->add_option("--kind", agency.kind,
                         "police, probation, prison, treatment, housing, council, health, youth_offending, "
                         "jobcentre or voluntary")
      ->required();
  on(agency_add, [&] { return AgencyAddCommand(global, agency); });

  UserOptions user;
  CLI::App* user_command = app.add_subcommand("user", "Manage user accounts");
  user_command->require_subcommand(1);
  CLI::App* user_add = user_command->add_subcommand("add", "Add a user (password on standard input)");
  user_add->add_option("--username", user.username, "Lower-case letters, digits, '.', '_' or '-'")->required();
  user_add->add_option("--name", user.display_name, "Full name shown in the pages");
  user_add->add_option("--agency", user.agency, "The user's agency (its name)")->required();
  user_add->add_option("--role", user.roles, "practitioner, manager, analyst, auditor or admin (repeatable)")
      ->required();
  user_add->add_flag("--password-stdin", user.password_stdin, "Read the password from standard input")->required();
  on(user_add, [&] { return UserAddCommand(global, user); });
  CLI::App* user_disable = user_command->add_subcommand("disable", "Disable a user and end their sessions");
  user_disable->add_option("USERNAME", user.username)->required();
  on(user_disable, [&] { return UserDisableCommand(global, user, true); });
  CLI::App* user_enable = user_command->add_subcommand("enable", "Enable a disabled user");
  user_enable->add_option("USERNAME", user.username)->required();
  on(user_enable, [&] { return UserDisableCommand(global, user, false); });
  on(user_command->add_subcommand("list", "List users"), [&] { return UserListCommand(global); });

  std::string audit_head;
  AnalyticsOptions analytics;
  const auto add_file_options = [&](CLI::App* command) {
    command->add_option("--events", analytics.events_file, "Pseudonymised events CSV (docs/formats/analytics.md)");
    command->add_option("--persons", analytics.persons_file, "Pseudonymised persons CSV (with --events)");
    command->add_option("--out", analytics.out_file, "Output file (with --events)");
    command->add_option("--as-of", analytics.as_of, "Score as of this day, YYYY-MM-DD (default today)");
    command->add_option("--config", analytics.config_file, "Scoring configuration, JSON (docs/scoring.md)");
  };
  CLI::App* score_command = app.add_subcommand("score", "Score everyone: RFG, harm and cost (docs/scoring.md)");
  add_file_options(score_command);
  score_command->add_flag("--timings", analytics.timings, "Print load_s, score_s and write_s as JSON on stderr");
  on(score_command, [&] { return ScoreCommand(global, analytics); });
  CLI::App* candidates_command =
      app.add_subcommand("candidates", "People the nomination rules propose for the cohort, with reasons");
  add_file_options(candidates_command);
  candidates_command->add_option("--format", analytics.format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
  candidates_command->add_option("--rule", analytics.rule, "Only people for whom this rule fired (database)");
  candidates_command->add_option("--limit", analytics.limit, "At most this many (database)")->check(
      CLI::Range(1, 10000));
  on(candidates_command, [&] { return CandidatesCommand(global, analytics); });
  int64_t explain_person = 0;
  CLI::App* explain_command =
      app.add_subcommand("explain", "Why a person scores what they do: components, events, rules and OGRS3");
  explain_command->add_option("person", explain_person, "Person id")->required();
  explain_command->add_option("--config", analytics.config_file, "Scoring configuration, JSON (docs/scoring.md)");
  on(explain_command, [&] { return ExplainCommand(global, analytics, explain_person); });

  CLI::App* audit_command = app.add_subcommand("audit", "The audit trail");
  audit_command->require_subcommand(1);
  CLI::App* audit_verify = audit_command->add_subcommand("verify", "Check that no entry was altered or removed");
  audit_verify->add_option("--head", audit_head,
                           "SEQ:HASH printed by an earlier verify: also detects entries removed from the end");
  on(audit_verify, [&] { return AuditVerifyCommand(global, audit_head); });

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
