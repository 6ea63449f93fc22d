// `openiom score` and `openiom candidates`.
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.h"
#include "common/clock.h"
#include "services/analytics_files.h"

namespace openiom::cli {
namespace {

Result<AnalyticsFileOptions> FileOptions(const AnalyticsOptions& options) {
  if (options.persons_file.empty() || options.out_file.empty()) {
    return Status::InvalidArgument("--events needs --persons and --out as well");
  }
  AnalyticsFileOptions file_options;
  file_options.events_path = options.events_file;
  file_options.persons_path = options.persons_file;
  file_options.out_path = options.out_file;
  if (options.as_of.empty()) {
    file_options.as_of = SystemClock().Today();
  } else {
    Result<Date> as_of = ParseIsoDate(options.as_of);
    if (!as_of.ok()) return as_of.status().WithContext("--as-of");
    file_options.as_of = *as_of;
  }
  return file_options;
}

void PrintSummary(const AnalyticsFileReport& report, std::string_view what, const std::string& out) {
  std::printf("%zu people, %zu events: %zu %.*s written to %s\n", report.people, report.events, report.rows_written,
              static_cast<int>(what.size()), what.data(), out.c_str());
}

}  // namespace

Status ScoreCommand(const GlobalOptions& global, const AnalyticsOptions& options) {
  (void)global;
  if (options.events_file.empty()) {
    return Status::InvalidArgument("scoring the database is not available yet: give --events, --persons and --out");
  }
  ASSIGN_OR_RETURN(AnalyticsFileOptions file_options, FileOptions(options));
  ASSIGN_OR_RETURN(AnalyticsFileReport report, ScoreFiles(file_options));
  if (options.timings) {
    std::fprintf(stderr, "{\"load_s\":%.4f,\"score_s\":%.4f,\"write_s\":%.4f}\n", report.load_s, report.score_s,
                 report.write_s);
  }
  PrintSummary(report, "scores", options.out_file);
  return Status::Ok();
}

Status CandidatesCommand(const GlobalOptions& global, const AnalyticsOptions& options) {
  (void)global;
  if (options.events_file.empty()) {
    return Status::InvalidArgument("candidates from the database are not available yet: give --events, --persons "
                                   "and --out");
  }
  ASSIGN_OR_RETURN(AnalyticsFileOptions file_options, FileOptions(options));
  ASSIGN_OR_RETURN(AnalyticsFileReport report,
                   CandidatesFromFiles(file_options,
                                       options.format == "json" ? CandidatesFormat::kJson : CandidatesFormat::kCsv));
  PrintSummary(report, "candidates", options.out_file);
  return Status::Ok();
}

}  // namespace openiom::cli
