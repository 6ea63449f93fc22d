// The selection commands: score, candidates and explain, on pseudonymised files (--events) or on the database.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "cli/commands/command_line.h"
#include "cli/terminal.h"
#include "services/selection/analytics_files.h"

namespace openiom::cli {
namespace {

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

Result<ScoringConfig> Config(const AnalyticsOptions& options) {
  if (options.config_file.empty()) return ScoringConfig{};
  std::ifstream in(options.config_file, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot be read", options.config_file));
  std::ostringstream text;
  text << in.rdbuf();
  Result<ScoringConfig> config = ParseScoringConfig(text.str());
  if (!config.ok()) return config.status().WithContext(options.config_file);
  return config;
}

Result<AnalyticsFileOptions> FileOptions(const AnalyticsOptions& options) {
  if (options.persons_file.empty() || options.out_file.empty()) {
    return Status::InvalidArgument("--events needs --persons and --out as well");
  }
  ASSIGN_OR_RETURN(ScoringConfig config, Config(options));
  AnalyticsFileOptions file_options{.persons_path = options.persons_file,
                                    .events_path = options.events_file,
                                    .out_path = options.out_file,
                                    .config = config};
  ASSIGN_OR_RETURN(file_options.as_of, ParseAsOf(options.as_of, SystemClock()));
  return file_options;
}

void PrintSummary(const AnalyticsFileReport& report, std::string_view what, const std::string& out) {
  std::printf("%zu people, %zu events: %zu %.*s written to %s\n", report.people, report.events, report.rows_written,
              static_cast<int>(what.size()), what.data(), out.c_str());
}

std::string Lines(std::string_view text, std::string_view indent) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out += fmt::format("{}{}\n", indent, text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Status ScoreCommand(const GlobalOptions& global, const AnalyticsOptions& options) {
  if (!options.events_file.empty()) {
    ASSIGN_OR_RETURN(AnalyticsFileOptions file_options, FileOptions(options));
    ASSIGN_OR_RETURN(AnalyticsFileReport report, ScoreFiles(file_options));
    if (options.timings) {
      std::fprintf(stderr, "{\"load_s\":%.4f,\"score_s\":%.4f,\"write_s\":%.4f}\n", report.load_s, report.score_s,
                   report.write_s);
    }
    PrintSummary(report, "scores", options.out_file);
    return Status::Ok();
  }
  if (!options.persons_file.empty() || !options.out_file.empty()) {
    return Status::InvalidArgument("--persons and --out go with --events (scoring files, not the database)");
  }
  ASSIGN_OR_RETURN(ScoringConfig config, Config(options));
  ASSIGN_OR_RETURN(Date as_of, ParseAsOf(options.as_of, SystemClock()));
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  ScoringService& scoring = opened->services.scoring;
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(ScoreRun run, scoring.ScoreDatabase(LocalOperator(), as_of, config));
  if (options.timings) {
    std::fprintf(stderr, "{\"total_s\":%.4f}\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::printf("score run %lld as of %s: %lld people, %lld events; %lld scored, %lld candidates\n",
              static_cast<long long>(run.id), FormatIsoDate(run.as_of).c_str(), static_cast<long long>(run.people),
              static_cast<long long>(run.events), static_cast<long long>(run.people_scored),
              static_cast<long long>(run.candidates));
  return Status::Ok();
}

Status CandidatesCommand(const GlobalOptions& global, const AnalyticsOptions& options) {
  if (!options.events_file.empty()) {
    ASSIGN_OR_RETURN(AnalyticsFileOptions file_options, FileOptions(options));
    ASSIGN_OR_RETURN(
        AnalyticsFileReport report,
        CandidatesFromFiles(file_options, options.format == "json" ? CandidatesFormat::kJson : CandidatesFormat::kCsv));
    PrintSummary(report, "candidates", options.out_file);
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  ScoringService& scoring = opened->services.scoring;
  ASSIGN_OR_RETURN(CandidatesPage page,
                   scoring.Candidates(LocalOperator(), {.rule = options.rule, .limit = options.limit}));
  if (!page.run) return Status::FailedPrecondition("nobody has been scored yet: run `openiom score` first");
  if (options.format == "json") {
    // Written by hand so decimals keep their two places (90.00, not 9E1).
    const auto text = [](std::string_view value) { return boost::json::serialize(boost::json::string(value)); };
    std::string out = fmt::format(R"({{"run_id":{},"as_of":"{}","total":{},"candidates":[)", page.run->id,
                                  FormatIsoDate(page.run->as_of), page.total);
    for (size_t i = 0; i < page.rows.size(); ++i) {
      const ScoreListing& row = page.rows[i];
      const StoredScore& s = row.score;
      out += fmt::format(
          R"({}{{"person_id":{},"surname":{},"forenames":{},"rank":{},"rules":{},"rule_reasons":{},"rfg":{},)"
          R"("r":{},"f":{},"g":{},"n":{},"acquisitive_n":{},"last_event_date":"{}","max_gravity":{},"harm":{},)"
          R"("cost":{},"provisional":{},"provisional_reasons":{}}})",
          i == 0 ? "" : ",", s.person_id, text(row.surname), text(row.forenames), s.rank_position, text(s.RuleNames()),
          text(s.RuleReasons()), FormatCentis(s.rfg_centis), FormatCentis(s.r_centis), FormatCentis(s.f_centis),
          FormatCentis(s.g_centis), s.n, s.acquisitive_n, FormatIsoDate(s.latest_event_date), s.max_gravity, s.harm,
          s.cost, s.provisional ? "true" : "false", text(s.provisional_reasons));
    }
    std::printf("%s]}\n", out.c_str());
    return Status::Ok();
  }
  std::fputs(CandidatesCsv(page.rows).c_str(), stdout);
  return Status::Ok();
}

Status ExplainCommand(const GlobalOptions& global, const AnalyticsOptions& options, int64_t person_id) {
  ASSIGN_OR_RETURN(ScoringConfig config, Config(options));
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  ScoringService& scoring = opened->services.scoring;
  ASSIGN_OR_RETURN(ScoreExplanation e, scoring.Explain(LocalOperator(), person_id, config));
  std::string out = fmt::format("{}, {} (person {})\n", e.person.surname, e.person.forenames, e.person.id);
  if (e.stored) {
    const StoredScore& s = *e.stored;
    out += fmt::format("Score run {} as of {}: rank {}, RFG {}{}\n", e.run->id, FormatIsoDate(e.run->as_of),
                       s.rank_position, FormatCentis(s.rfg_centis), s.provisional ? " (provisional)" : "");
    out += s.fired.empty() ? "No nomination rule fired.\n"
                           : "Nomination rules that fired:\n" + Lines(s.RuleReasons(), "  ");
  } else if (e.run) {
    out += fmt::format("Not scored in run {} as of {}: no qualifying event in the window.\n", e.run->id,
                       FormatIsoDate(e.run->as_of));
  } else {
    out += "No score run yet; scored now as of today.\n";
  }
  const RfgResult& r = e.rfg;
  out += fmt::format("RFG as of {}: {}\n", FormatIsoDate(e.as_of), FormatCentis(r.rfg_centis));
  if (r.n > 0) {
    out += fmt::format("  R (recency)   {:>6}  latest {}, {} days before\n", FormatCentis(r.r_centis),
                       FormatIsoDate(*r.latest), r.days_since_latest);
    out += fmt::format("  F (frequency) {:>6}  {} qualifying events in the window\n", FormatCentis(r.f_centis), r.n);
    out += fmt::format("  G (gravity)   {:>6}  most serious gravity {}\n", FormatCentis(r.g_centis), r.max_gravity);
    out += fmt::format("  harm {}  cost £{}\n", r.harm, r.cost);
    out += "Events that count:\n";
    for (const ScoredEvent& event : e.events) {
      out += fmt::format("  {} {} {} (event {})\n", FormatIsoDate(event.date), EventKindCode(event.kind),
                         event.category.empty() ? "-" : event.category, event.id);
    }
    if (!e.category_notes.empty()) out += "Figures used:\n";
    for (const std::string& note : e.category_notes) out += "  " + note + "\n";
  }
  for (const std::string& reason : r.reasons) out += "Provisional: " + reason + "\n";
  if (e.ogrs3) {
    out += fmt::format("OGRS3: {}% in 1 year, {}% in 2 years ({}){}\n", e.ogrs3->one_year_percent,
                       e.ogrs3->two_year_percent, Ogrs3BandLabel(e.ogrs3->band),
                       e.ogrs3->provisional ? " (provisional)" : "");
    for (const std::string& reason : e.ogrs3->reasons) out += "  " + reason + "\n";
  } else {
    out += "OGRS3: not available: " + e.ogrs3_unavailable + "\n";
  }
  // Names and categories come from the database: print each line safe for a terminal.
  size_t start = 0;
  while (start < out.size()) {
    const size_t end = out.find('\n', start);
    std::printf("%s\n", ForTerminal(std::string_view(out).substr(start, end - start)).c_str());
    start = end + 1;
  }
  return Status::Ok();
}

}  // namespace

void AddSelectionCommands(CommandLine& cli) {
  AnalyticsOptions& analytics = cli.Keep<AnalyticsOptions>();
  const auto add_file_options = [&](CLI::App* command) {
    command->add_option("--events", analytics.events_file, "Pseudonymised events CSV (docs/formats/analytics.md)");
    command->add_option("--persons", analytics.persons_file, "Pseudonymised persons CSV (with --events)");
    command->add_option("--out", analytics.out_file, "Output file (with --events)");
    command->add_option("--as-of", analytics.as_of, "Score as of this day, YYYY-MM-DD (default today)");
    command->add_option("--config", analytics.config_file, "Scoring configuration, JSON (docs/scoring.md)");
  };
  CLI::App* score_command = cli.app.add_subcommand("score", "Score everyone: RFG, harm and cost (docs/scoring.md)");
  add_file_options(score_command);
  score_command->add_flag("--timings", analytics.timings, "Print load_s, score_s and write_s as JSON on stderr");
  cli.On(score_command, [&] { return ScoreCommand(cli.global, analytics); });
  CLI::App* candidates_command =
      cli.app.add_subcommand("candidates", "People the nomination rules propose for the cohort, with reasons");
  add_file_options(candidates_command);
  candidates_command->add_option("--format", analytics.format, "csv or json")->check(CLI::IsMember({"csv", "json"}));
  candidates_command->add_option("--rule", analytics.rule, "Only people for whom this rule fired (database)");
  candidates_command->add_option("--limit", analytics.limit, "At most this many (database)")
      ->check(CLI::Range(1, 10000));
  cli.On(candidates_command, [&] { return CandidatesCommand(cli.global, analytics); });
  int64_t& explain_person = cli.Keep<int64_t>();
  CLI::App* explain_command =
      cli.app.add_subcommand("explain", "Why a person scores what they do: components, events, rules and OGRS3");
  explain_command->add_option("person", explain_person, "Person id")->required();
  explain_command->add_option("--config", analytics.config_file, "Scoring configuration, JSON (docs/scoring.md)");
  cli.On(explain_command, [&] { return ExplainCommand(cli.global, analytics, explain_person); });
}

}  // namespace openiom::cli
