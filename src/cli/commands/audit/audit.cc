// The audit commands: verify the hash chain of the audit trail.
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands/command_line.h"
#include "services/audit/audit_trail.h"

namespace openiom::cli {
namespace {

Status AuditVerifyCommand(const GlobalOptions& global, const std::string& expected_head) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
  ASSIGN_OR_RETURN(AuditVerification result, VerifyAuditTrail(*database, expected_head));
  if (result.first_bad) {
    return Status::Conflict(
        fmt::format("the audit trail has been tampered with: {} (checked {} entries)", result.problem, result.entries));
  }
  std::printf("audit trail intact: %lld entries; head %s\n", static_cast<long long>(result.entries),
              result.head_hash.empty() ? "(empty)" : result.head_hash.c_str());
  return Status::Ok();
}

}  // namespace

void AddAuditCommands(CommandLine& cli) {
  std::string& audit_head = cli.Keep<std::string>();
  CLI::App* audit_command = cli.app.add_subcommand("audit", "The audit trail");
  audit_command->require_subcommand(1);
  CLI::App* audit_verify = audit_command->add_subcommand("verify", "Check that no entry was altered or removed");
  audit_verify->add_option("--head", audit_head,
                           "SEQ:HASH printed by an earlier verify: also detects entries removed from the end");
  cli.On(audit_verify, [&] { return AuditVerifyCommand(cli.global, audit_head); });
}

}  // namespace openiom::cli
