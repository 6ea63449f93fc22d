// The accounts commands: add agencies, and add, disable, enable and list users (passwords on standard input).
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands/command_line.h"
#include "common/strings.h"

namespace openiom::cli {
namespace {

struct AgencyOptions {
  std::string name;
  std::string kind;
};

struct UserOptions {
  std::string username;
  std::string display_name;
  std::string agency;
  std::vector<std::string> roles;
  bool password_stdin = false;
};

Status AgencyAddCommand(const GlobalOptions& global, const AgencyOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  const std::optional<AgencyKind> kind = AgencyKindFromCode(options.kind);
  if (!kind) return Status::InvalidArgument(fmt::format("--kind: '{}' is not an agency kind", options.kind));
  AccountService& accounts = opened->services.accounts;
  ASSIGN_OR_RETURN(AgencyId id, accounts.AddAgency(LocalOperator(), {0, options.name, *kind}));
  std::printf("agency %lld added: %s (%s)\n", static_cast<long long>(id), options.name.c_str(), options.kind.c_str());
  return Status::Ok();
}

Status UserAddCommand(const GlobalOptions& global, const UserOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  NewUser user{.username = options.username, .display_name = options.display_name, .agency_name = options.agency};
  for (const std::string& code : options.roles) {
    const std::optional<Role> role = RoleFromCode(code);
    if (!role) return Status::InvalidArgument(fmt::format("--role: '{}' is not a role", code));
    user.roles.push_back(*role);
  }
  if (!options.password_stdin)
    return Status::InvalidArgument("give the password on standard input with --password-stdin");
  ASSIGN_OR_RETURN(std::string password, ReadPasswordFromStdin());
  AccountService& accounts = opened->services.accounts;
  ASSIGN_OR_RETURN(UserId id, accounts.AddUser(LocalOperator(), user, password));
  std::printf("user %lld added: %s\n", static_cast<long long>(id), options.username.c_str());
  return Status::Ok();
}

Status UserDisableCommand(const GlobalOptions& global, const UserOptions& options, bool disabled) {
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  AccountService& accounts = opened->services.accounts;
  RETURN_IF_ERROR(accounts.SetUserDisabled(LocalOperator(), options.username, disabled));
  std::printf("user %s %s\n", options.username.c_str(), disabled ? "disabled (signed out everywhere)" : "enabled");
  return Status::Ok();
}

Status UserListCommand(const GlobalOptions& global) {
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  AccountService& accounts = opened->services.accounts;
  ASSIGN_OR_RETURN(std::vector<User> users, accounts.ListUsers(LocalOperator()));
  std::printf("%-24s %-36s %-32s %-9s %s\n", "USERNAME", "NAME", "AGENCY", "STATUS", "ROLES");
  for (const User& user : users) {
    std::vector<std::string> roles;
    for (Role role : user.roles) roles.emplace_back(RoleCode(role));
    std::printf("%-24s %-36s %-32s %-9s %s\n", user.username.c_str(), user.display_name.c_str(),
                user.agency_name.c_str(), user.disabled ? "disabled" : "active", Join(roles, ", ").c_str());
  }
  return Status::Ok();
}

}  // namespace

void AddAccountsCommands(CommandLine& cli) {
  AgencyOptions& agency = cli.Keep<AgencyOptions>();
  CLI::App* agency_command = cli.app.add_subcommand("agency", "Manage the partnership's agencies");
  agency_command->require_subcommand(1);
  CLI::App* agency_add = agency_command->add_subcommand("add", "Add an agency");
  agency_add->add_option("--name", agency.name, "The agency's name")->required();
  agency_add
      ->add_option("--kind", agency.kind,
                   "police, probation, prison, treatment, housing, council, health, youth_offending, "
                   "jobcentre or voluntary")
      ->required();
  cli.On(agency_add, [&] { return AgencyAddCommand(cli.global, agency); });

  UserOptions& user = cli.Keep<UserOptions>();
  CLI::App* user_command = cli.app.add_subcommand("user", "Manage user accounts");
  user_command->require_subcommand(1);
  CLI::App* user_add = user_command->add_subcommand("add", "Add a user (password on standard input)");
  user_add->add_option("--username", user.username, "Lower-case letters, digits, '.', '_' or '-'")->required();
  user_add->add_option("--name", user.display_name, "Full name shown in the pages");
  user_add->add_option("--agency", user.agency, "The user's agency (its name)")->required();
  user_add->add_option("--role", user.roles, "practitioner, manager, analyst, auditor or admin (repeatable)")
      ->required();
  user_add->add_flag("--password-stdin", user.password_stdin, "Read the password from standard input")->required();
  cli.On(user_add, [&] { return UserAddCommand(cli.global, user); });
  CLI::App* user_disable = user_command->add_subcommand("disable", "Disable a user and end their sessions");
  user_disable->add_option("USERNAME", user.username)->required();
  cli.On(user_disable, [&] { return UserDisableCommand(cli.global, user, true); });
  CLI::App* user_enable = user_command->add_subcommand("enable", "Enable a disabled user");
  user_enable->add_option("USERNAME", user.username)->required();
  cli.On(user_enable, [&] { return UserDisableCommand(cli.global, user, false); });
  cli.On(user_command->add_subcommand("list", "List users"), [&] { return UserListCommand(cli.global); });
}

}  // namespace openiom::cli
