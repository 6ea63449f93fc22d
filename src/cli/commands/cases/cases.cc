// The case commands: a person's BRAG rating with its reasons (`brag`), and the rules in force, set from a JSON file:
// the BRAG rules (`brag-rules`) and the level suggestions' (`level-rules`).
#include <cstdio>
#include <fstream>

#include <fmt/format.h>

#include "cli/commands/command_line.h"
#include "services/cases/brag_config.h"
#include "services/cases/level_config.h"
#include "web/api/cases/brag_json.h"

namespace openiom::cli {
namespace {

struct BragOptions {
  int64_t id = 0;
  std::string as_of;
  std::string format = "text";
};

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

Status BragCommand(const GlobalOptions& global, const BragOptions& options) {
  std::optional<Date> as_of;
  if (!options.as_of.empty()) {
    Result<Date> parsed = ParseIsoDate(options.as_of);
    if (!parsed.ok()) return Status::Invalid("--as-of", "must be a date as YYYY-MM-DD");
    as_of = *parsed;
  }
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  ASSIGN_OR_RETURN(const BragView view, opened->services.cases.Brag(LocalOperator(), options.id, as_of));
  if (options.format == "json") {
    std::printf("%s\n", web::BragJson(view).c_str());
    return Status::Ok();
  }
  const BragAssessment& rating = view.rating;
  std::printf("%s, %s (person %lld): %s on %s%s\n", view.person.surname.c_str(), view.person.forenames.c_str(),
              static_cast<long long>(view.person.id), Upper(CodeOf(rating.Shown())).c_str(),
              FormatIsoDate(rating.as_of).c_str(),
              rating.provisional ? " (provisional: no pathway assessment)" : "");
  if (rating.override_) {
    std::printf("Override: %s until %s, signed off by %s: %s\n", Upper(CodeOf(rating.override_->rating)).c_str(),
                FormatIsoDate(rating.override_->expires_on).c_str(), rating.override_->approved_by.c_str(),
                rating.override_->justification.c_str());
    std::printf("Computed by the rules: %s\n", Upper(CodeOf(rating.computed)).c_str());
  }
  if (rating.pending) {
    std::printf("Awaiting a manager's sign-off: %s asked by %s\n", Upper(CodeOf(rating.pending->rating)).c_str(),
                rating.pending->requested_by.c_str());
  }
  std::printf("Reasons:\n");
  if (rating.reasons.empty()) std::printf("  none: no rule fired, so the rating is Green\n");
  for (const BragReason& reason : rating.reasons) {
    std::printf("  %-6s %-29s %s  %s\n", std::string(CodeOf(RatingOf(reason.rule))).c_str(),
                std::string(CodeOf(reason.rule)).c_str(), FormatIsoDate(reason.date).c_str(), reason.text.c_str());
  }
  return Status::Ok();
}

constexpr size_t kMaxRulesFileBytes = 64 * 1024;

struct RulesOptions {
  std::string set_file;
};

// Shows a rule set's parameters as JSON, after setting them from `options.set_file` when one is named (each problem
// on stderr as "FILE: FIELD: MESSAGE", nothing changed).
template <typename Config>
Status RulesCommand(const GlobalOptions& global, const RulesOptions& options,
                    Status (*set)(Services&, const std::string&), Result<Config> (*get)(Services&),
                    std::string (*json)(const Config&)) {
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  if (!options.set_file.empty()) {
    std::ifstream in(options.set_file, std::ios::binary);
    if (!in) return Status::NotFound("cannot read " + options.set_file);
    // Read at most a little more than any rule file needs, so that a device or a pipe named by mistake
    // (/dev/zero, /dev/urandom) is refused rather than read until memory runs out.
    std::string text(kMaxRulesFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxRulesFileBytes) {
      return Status::Invalid("--set", fmt::format("{} is larger than {} bytes: not a rules file",
                                                  options.set_file, kMaxRulesFileBytes));
    }
    const Status status = set(opened->services, text);
    if (!status.ok()) {
      for (const FieldProblem& problem : status.problems()) {
        std::fprintf(stderr, "%s: %s: %s\n", options.set_file.c_str(), problem.field.c_str(), problem.message.c_str());
      }
      return status;
    }
  }
  ASSIGN_OR_RETURN(const Config config, get(opened->services));
  std::printf("%s\n", json(config).c_str());
  return Status::Ok();
}

}  // namespace

void AddCasesCommands(CommandLine& cli) {
  BragOptions& brag = cli.Keep<BragOptions>();
  CLI::App* brag_command = cli.app.add_subcommand("brag", "Show a person's BRAG rating and the reasons for it");
  brag_command->add_option("PERSON", brag.id, "Person id")->required()->check(CLI::PositiveNumber);
  brag_command->add_option("--as-of", brag.as_of, "The day to rate, YYYY-MM-DD (default today)");
  brag_command->add_option("--format", brag.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cli.On(brag_command, [&] { return BragCommand(cli.global, brag); });

  RulesOptions& brag_rules = cli.Keep<RulesOptions>();
  CLI::App* brag_rules_command =
      cli.app.add_subcommand("brag-rules", "Show the BRAG rules' parameters, or set them from a JSON file");
  brag_rules_command->add_option("--set", brag_rules.set_file, "JSON file of parameters (docs/cases.md)");
  cli.On(brag_rules_command, [&] {
    return RulesCommand<BragConfig>(
        cli.global, brag_rules,
        [](Services& s, const std::string& json) { return s.cases.SetBragRules(LocalOperator(), json); },
        [](Services& s) { return s.cases.BragRules(); }, BragConfigJson);
  });

  RulesOptions& level_rules = cli.Keep<RulesOptions>();
  CLI::App* level_rules_command = cli.app.add_subcommand(
      "level-rules", "Show the service level suggestions' parameters, or set them from a JSON file");
  level_rules_command->add_option("--set", level_rules.set_file, "JSON file of parameters (docs/cases.md)");
  cli.On(level_rules_command, [&] {
    return RulesCommand<LevelConfig>(
        cli.global, level_rules,
        [](Services& s, const std::string& json) { return s.levels.SetLevelRules(LocalOperator(), json); },
        [](Services& s) { return s.levels.LevelRules(); }, LevelConfigJson);
  });
}

}  // namespace openiom::cli
