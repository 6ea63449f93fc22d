// The system commands: version, migrate (create or upgrade the schema), serve (the web server) and demo-data.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "cli/commands/command_line.h"
#include "common/strings.h"
#include "common/version.h"
#include "services/system/database_admin.h"
#include "services/system/demo_data.h"
#include "web/http_server.h"
#include "web/web_app.h"

namespace openiom::cli {
namespace {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int workers = 4;
  std::string static_dir;  // default: "static" beside the binary
  bool secure_cookies = false;
  bool trust_proxy = false;
};

struct DemoDataCommandOptions {
  int people = 2000;
  uint64_t seed = 1;
  std::string as_of;                 // YYYY-MM-DD, default today
  bool demo_password_stdin = false;  // also create the demo users, with the password read from stdin
};

// build/<preset>/static beside the binary (where the build copies GOV.UK Frontend and OpenIOM's own assets).
std::string DefaultStaticDir() {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? "static" : (exe.parent_path() / "static").string();
}

Status MigrateCommand(const GlobalOptions& global) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenDatabase(global, true, 1));
  ASSIGN_OR_RETURN(MigrationReport report, MigrateDatabase(*database));
  std::vector<std::string> applied;
  for (int version : report.applied) applied.push_back(std::to_string(version));
  std::printf("%s database at schema version %d (%s); %d offence categories added\n",
              std::string(BackendName(database->backend())).c_str(), report.schema_version,
              applied.empty() ? "already up to date" : fmt::format("applied {}", Join(applied, ", ")).c_str(),
              report.offence_categories_added);
  return Status::Ok();
}

Status ServeCommand(const GlobalOptions& global, const ServeOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global, options.workers + 1));
  SystemClock clock;
  web::WebApp app = web::MakeWebApp(*database, clock,
                                    {.static_dir = options.static_dir.empty() ? DefaultStaticDir() : options.static_dir,
                                     .secure_cookies = options.secure_cookies,
                                     .trust_proxy = options.trust_proxy});
  web::HttpServerOptions server_options{
      .bind_address = options.bind, .port = static_cast<uint16_t>(options.port), .worker_threads = options.workers};
  server_options.may_upload = app.may_upload;
  server_options.finish_response = app.finish_response;
  ASSIGN_OR_RETURN(std::unique_ptr<web::HttpServer> server, web::HttpServer::Start(server_options, app.handler));
  std::printf("OpenIOM listening on http://%s:%u (%s database)\n", options.bind.c_str(), server->port(),
              std::string(BackendName(database->backend())).c_str());
  std::fflush(stdout);
  server->Wait();
  std::printf("OpenIOM stopped\n");
  return Status::Ok();
}

Status DemoDataCommand(const GlobalOptions& global, const DemoDataCommandOptions& options) {
  ASSIGN_OR_RETURN(Date as_of, ParseAsOf(options.as_of, SystemClock()));
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  const Actor actor = LocalOperator();
  std::string password;
  if (options.demo_password_stdin) {
    ASSIGN_OR_RETURN(password, ReadPasswordFromStdin());
    RETURN_IF_ERROR(CheckPasswordPolicy(password, ""));
  }
  ASSIGN_OR_RETURN(DemoDataReport report,
                   LoadDemoData(*opened->database, opened->services.audit, actor,
                                {.people = options.people, .seed = options.seed, .as_of = as_of}, opened->clock));
  if (options.demo_password_stdin) RETURN_IF_ERROR(CreateDemoUsers(opened->services.accounts, actor, password));
  ASSIGN_OR_RETURN(const DemoCaseloadReport caseload,
                   LoadDemoCaseload(*opened->database, opened->services.audit, actor, options.seed, as_of,
                                    opened->clock, std::min(40, std::max(1, options.people / 8))));
  ASSIGN_OR_RETURN(const int episodes, AddDemoCustody(*opened->database, opened->services.custody, actor,
                                                      opened->clock.Today()));
  std::printf(
      "demo data loaded (seed %llu, as of %s): %lld people, %lld events, %lld identifiers, %lld agencies; "
      "the most prolific 5%% of people account for %.0f%% of arrests\n",
      static_cast<unsigned long long>(options.seed), FormatIsoDate(as_of).c_str(),
      static_cast<long long>(report.people), static_cast<long long>(report.events),
      static_cast<long long>(report.identifiers), static_cast<long long>(report.agencies),
      100.0 * report.top_5_percent_share_of_arrests);
  std::printf("demo cohort: %lld members with %lld contacts, %lld pathway assessments and %lld BRAG overrides\n",
              static_cast<long long>(caseload.members), static_cast<long long>(caseload.contacts),
              static_cast<long long>(caseload.assessments), static_cast<long long>(caseload.overrides));
  std::printf("demo plans: %lld actions (%lld overdue) and %lld review dates\n",
              static_cast<long long>(caseload.plan_actions), static_cast<long long>(caseload.overdue_actions),
              static_cast<long long>(caseload.plan_reviews));
  std::printf("demo case notes: %lld, of every sensitivity\n", static_cast<long long>(caseload.notes));
  std::printf("demo teams: %lld named workers; %lld referrals to services\n",
              static_cast<long long>(caseload.team_members), static_cast<long long>(caseload.service_referrals));
  std::printf("demo households: %lld households; %lld relationships\n", static_cast<long long>(caseload.households),
              static_cast<long long>(caseload.relationships));
  std::printf("demo custody: %d episodes, with their resettlement checklists\n", episodes);
  std::printf("demo levels: %lld level moves, %lld schemes, %lld statutory statuses; %lld enforcement steps\n",
              static_cast<long long>(caseload.level_changes), static_cast<long long>(caseload.schemes),
              static_cast<long long>(caseload.statuses), static_cast<long long>(caseload.enforcement_steps));
  return Status::Ok();
}

}  // namespace

void AddSystemCommands(CommandLine& cli) {
  cli.On(cli.app.add_subcommand("version", "Print the version"), [] {
    std::printf("openiom %s\n", kVersion);
    return Status::Ok();
  });

  cli.On(cli.app.add_subcommand("migrate", "Create or upgrade the database schema"),
         [&] { return MigrateCommand(cli.global); });

  ServeOptions& serve = cli.Keep<ServeOptions>();
  CLI::App* serve_command = cli.app.add_subcommand("serve", "Start the web server");
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
  cli.On(serve_command, [&] { return ServeCommand(cli.global, serve); });

  DemoDataCommandOptions& demo = cli.Keep<DemoDataCommandOptions>();
  CLI::App* demo_command = cli.app.add_subcommand("demo-data", "Fill an empty database with synthetic Cleveland data");
  demo_command->add_option("--people", demo.people, "How many people")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  demo_command->add_option("--seed", demo.seed, "Random seed (same seed, same data)")->capture_default_str();
  demo_command->add_option("--as-of", demo.as_of, "Histories end on this date (YYYY-MM-DD; default today)");
  demo_command->add_flag("--demo-password-stdin", demo.demo_password_stdin,
                         "Also create the demo users (demo.practitioner, demo.manager, demo.analyst, demo.auditor, "
                         "demo.admin) with the password read from standard input");
  cli.On(demo_command, [&] { return DemoDataCommand(cli.global, demo); });
}

}  // namespace openiom::cli
