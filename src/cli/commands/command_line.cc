#include "cli/commands/command_line.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "services/system/database_admin.h"

namespace openiom::cli {

Result<std::unique_ptr<Database>> OpenDatabase(const GlobalOptions& global, bool create, int pool_size) {
  if (create && global.db_url.starts_with("sqlite:")) {
    const std::filesystem::path parent = std::filesystem::path(global.db_url.substr(7)).parent_path();
    std::error_code ignored;  // if this fails, opening the database reports it
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  }
  return Database::Open(global.db_url, {.pool_size = pool_size,
                                        .create_if_missing = create,
                                        .sqlite_busy_timeout_seconds = global.db_busy_timeout_seconds});
}

// The command line acts as the local operator, recorded in the audit trail under the operating-system user.
Actor LocalOperator() {
  const char* user = std::getenv("USER");
  if (user == nullptr || *user == '\0') {
    if (const passwd* entry = getpwuid(getuid())) user = entry->pw_name;
  }
  return Actor::LocalOperator(user ? user : "");
}

Result<std::unique_ptr<Database>> OpenMigratedDatabase(const GlobalOptions& global, int pool_size) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenDatabase(global, false, pool_size));
  RETURN_IF_ERROR(CheckSchemaCurrent(*database));
  return database;
}

Result<std::unique_ptr<CommandServices>> OpenServices(const GlobalOptions& global, int pool_size) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global, pool_size));
  return std::make_unique<CommandServices>(std::move(database));
}

Result<std::string> ReadPasswordFromStdin() {
  std::string password;
  if (!std::getline(std::cin, password)) return Status::InvalidArgument("expected the password on standard input");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

Result<Date> ParseAsOf(const std::string& text, const Clock& clock) {
  if (text.empty()) return clock.Today();
  auto date = ParseIsoDate(text);
  if (!date.ok()) return date.status().WithContext("--as-of");
  return *date;
}

}  // namespace openiom::cli
