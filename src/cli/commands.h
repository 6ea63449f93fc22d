// Internal to cli/: one function per subcommand. Each opens what it needs, calls one service, prints the
// result, and returns a Status that Run() maps to an exit code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace openiom::cli {

struct GlobalOptions {
  std::string db_url;
};

Status MigrateCommand(const GlobalOptions& global);

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int workers = 4;
  std::string static_dir;  // default: "static" beside the binary
  bool secure_cookies = false;
  bool trust_proxy = false;
};
Status ServeCommand(const GlobalOptions& global, const ServeOptions& options);

struct DemoDataCommandOptions {
  int people = 2000;
  uint64_t seed = 1;
  std::string as_of;  // YYYY-MM-DD, default today
  bool demo_password_stdin = false;  // also create the demo users, with the password read from stdin
};
Status DemoDataCommand(const GlobalOptions& global, const DemoDataCommandOptions& options);

struct ImportEventsOptions {
  std::string file;
  std::string source = "events-csv";
  bool accept_good_rows = false;
  std::string rejects_file;
};
Status ImportEventsCommand(const GlobalOptions& global, const ImportEventsOptions& options);
Status ImportPoliceUkCommand(const GlobalOptions& global, const std::vector<std::string>& files);

struct PeopleOptions {
  int limit = 50;
  int offset = 0;
  int64_t id = 0;
  std::string format = "text";
};
Status PeopleListCommand(const GlobalOptions& global, const PeopleOptions& options);
Status PeopleShowCommand(const GlobalOptions& global, const PeopleOptions& options);

// Reads one line from standard input (a password: never an argument, which other users can see in `ps`).
Result<std::string> ReadPasswordFromStdin();

struct AgencyOptions {
  std::string name;
  std::string kind;
};
Status AgencyAddCommand(const GlobalOptions& global, const AgencyOptions& options);

struct UserOptions {
  std::string username;
  std::string display_name;
  std::string agency;
  std::vector<std::string> roles;
  bool password_stdin = false;
};
Status UserAddCommand(const GlobalOptions& global, const UserOptions& options);
Status UserDisableCommand(const GlobalOptions& global, const UserOptions& options, bool disabled);
Status UserListCommand(const GlobalOptions& global);

// `openiom score` and `openiom candidates`: on pseudonymised files when --events is given, otherwise on the
// database.
struct AnalyticsOptions {
  std::string events_file;
  std::string persons_file;
  std::string out_file;
  std::string as_of;  // YYYY-MM-DD, default today (Europe/London)
  std::string format = "csv";
  bool timings = false;
};
Status ScoreCommand(const GlobalOptions& global, const AnalyticsOptions& options);
Status CandidatesCommand(const GlobalOptions& global, const AnalyticsOptions& options);

// Exit code 3 (conflict) names the first entry that does not verify.
Status AuditVerifyCommand(const GlobalOptions& global, const std::string& expected_head);

}  // namespace openiom::cli
