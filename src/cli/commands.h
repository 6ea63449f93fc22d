// Internal to cli/: one function per subcommand. Each opens what it needs, calls one service, prints the
// result, and returns a Status that Run() maps to an exit code.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "services/access/access_policy.h"
#include "storage/database.h"

namespace openiom::cli {

struct GlobalOptions {
  std::string db_url;
  int db_busy_timeout_seconds = 30;  // SQLite: wait this long for another connection's write lock
};

Status MigrateCommand(const GlobalOptions& global);

// Shared by the commands: the local operator as an Actor (audited as "cli:<os user>"), and the database opened
// and checked to be at the latest schema version.
Actor LocalOperator();
Result<std::unique_ptr<Database>> OpenMigratedDatabase(const GlobalOptions& global, int pool_size = 2);

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
  std::string config_file;  // scoring configuration JSON (docs/scoring.md); default settings without it
  std::string rule;         // candidates: only this rule
  int limit = 1000;         // candidates from the database: at most this many
};
Status ScoreCommand(const GlobalOptions& global, const AnalyticsOptions& options);
Status CandidatesCommand(const GlobalOptions& global, const AnalyticsOptions& options);
Status ExplainCommand(const GlobalOptions& global, const AnalyticsOptions& options, int64_t person_id);

// Exit code 3 (conflict) names the first entry that does not verify.
Status AuditVerifyCommand(const GlobalOptions& global, const std::string& expected_head);

}  // namespace openiom::cli
