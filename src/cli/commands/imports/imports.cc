// The import commands: an events CSV (docs/formats/events.md) and data.police.uk street-level crime files.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "cli/commands/command_line.h"
#include "cli/terminal.h"
#include "common/csv.h"
#include "common/output_file.h"
#include "common/strings.h"
#include "services/imports/event_csv.h"
#include "services/imports/event_import_service.h"
#include "services/imports/police_uk_import_service.h"

namespace openiom::cli {
namespace {

struct ImportEventsOptions {
  std::string file;
  std::string source = "events-csv";
  bool accept_good_rows = false;
  std::string rejects_file;
};

// Prints rejected rows as "line N, column NAME: reason" on stderr, optionally copies them to a rejects CSV,
// and shows progress when stderr is a terminal.
class TerminalImportObserver final : public ImportObserver {
 public:
  TerminalImportObserver(bool name_files, uint64_t total_bytes, CsvWriter* rejects)
      : name_files_(name_files), total_bytes_(total_bytes), rejects_(rejects), tty_(isatty(STDERR_FILENO) == 1) {}

  void OnRejectedRow(std::string_view file, int64_t line, const FieldProblems& errors,
                     const std::vector<std::string>& fields) override {
    ClearProgress();
    std::vector<std::string> reasons;
    for (const FieldProblem& error : errors) {
      // Reasons quote the file's values: show them without any terminal control sequences they may hold.
      std::fprintf(stderr, "%s\n",
                   ForTerminal(fmt::format("{}line {}, column {}: {}", name_files_ ? fmt::format("{}: ", file) : "",
                                           error.line, error.field, error.message))
                       .c_str());
      reasons.push_back(fmt::format("column {}: {}", error.field, error.message));
    }
    if (rejects_) {
      std::vector<std::string> record = {std::to_string(line), Join(reasons, "; ")};
      record.insert(record.end(), fields.begin(), fields.end());
      rejects_->WriteRecord(record);
    }
  }

  void OnProgress(std::string_view file, int64_t rows, uint64_t bytes) override {
    if (!tty_) return;
    const int percent = total_bytes_ ? static_cast<int>(100.0 * static_cast<double>(bytes) / total_bytes_) : 0;
    std::fprintf(stderr, "\rimporting %.*s: %lld rows read (%d%%)   ", static_cast<int>(file.size()), file.data(),
                 static_cast<long long>(rows), percent);
    std::fflush(stderr);
    progress_shown_ = true;
  }

  void ClearProgress() {
    if (!progress_shown_) return;
    std::fprintf(stderr, "\r%80s\r", "");
    progress_shown_ = false;
  }

 private:
  bool name_files_;
  uint64_t total_bytes_;
  CsvWriter* rejects_;
  bool tty_;
  bool progress_shown_ = false;
};

uint64_t FileSize(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : size;
}

Status ImportEventsCommand(const GlobalOptions& global, const ImportEventsOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  std::ifstream file;
  std::istream* input = &std::cin;
  if (options.file != "-") {
    file.open(options.file, std::ios::binary);
    if (!file) return Status::NotFound(fmt::format("cannot open {}", options.file));
    input = &file;
  }
  // The rejects file holds personal data: OutputFile writes it under a fresh name that nothing planted can
  // redirect, and it replaces the named file only once the import has run to the end, so it is never half-written.
  std::optional<OutputFile> rejects_file;
  std::optional<CsvWriter> rejects;
  if (!options.rejects_file.empty()) {
    ASSIGN_OR_RETURN(rejects_file, OutputFile::Create(options.rejects_file));
    rejects.emplace(rejects_file->stream(), CsvWriter::Mode::kSpreadsheetSafe);
    std::vector<std::string> header = {"line", "errors"};
    header.insert(header.end(), kEventCsvColumns.begin(), kEventCsvColumns.end());
    rejects->WriteRecord(header);
  }
  TerminalImportObserver observer(false, options.file == "-" ? 0 : FileSize(options.file),
                                  rejects ? &*rejects : nullptr);
  const EventImportOptions import_options{.source_system = options.source,
                                          .file_name = options.file == "-" ? "standard input" : options.file,
                                          .accept_good_rows = options.accept_good_rows};
  Result<EventImportReport> report = ImportEvents(*opened->database, opened->services.audit, LocalOperator(), *input,
                                                  import_options, opened->clock, observer);
  observer.ClearProgress();
  // Not kept when the import stopped part-way: its rejects would be incomplete (the OutputFile removes them).
  if (rejects_file && report.ok()) RETURN_IF_ERROR(rejects_file->Commit());
  if (!report.ok()) return report.status();
  if (report->outcome == ImportOutcome::kRejected) return Status::InvalidArgument(RejectionMessage(*report));
  std::printf(
      "imported %s: %lld rows read, %lld events added, %lld already present, %lld rejected; %lld people created, "
      "%lld rows matched to people already known\n",
      import_options.file_name.c_str(), static_cast<long long>(report->rows_read),
      static_cast<long long>(report->events_added), static_cast<long long>(report->events_already_present),
      static_cast<long long>(report->rows_rejected), static_cast<long long>(report->people_created),
      static_cast<long long>(report->rows_matched_to_people));
  return Status::Ok();
}

Status ImportPoliceUkCommand(const GlobalOptions& global, const std::vector<std::string>& files) {
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  std::vector<std::ifstream> streams(files.size());
  std::vector<PoliceUkFile> inputs;
  uint64_t total_bytes = 0;
  for (size_t index = 0; index < files.size(); ++index) {
    streams[index].open(files[index], std::ios::binary);
    if (!streams[index]) return Status::NotFound(fmt::format("cannot open {}", files[index]));
    inputs.push_back({files[index], &streams[index]});
    total_bytes += FileSize(files[index]);
  }
  TerminalImportObserver observer(true, total_bytes, nullptr);
  Result<PoliceUkImportReport> report =
      ImportPoliceUk(*opened->database, opened->services.audit, LocalOperator(), inputs, opened->clock, observer);
  observer.ClearProgress();
  if (!report.ok()) return report.status();
  std::printf(
      "imported %zu file(s): %lld rows read, %lld added, %lld already present; %lld anti-social behaviour rows; "
      "%lld rows outside Cleveland kept and marked\n",
      files.size(), static_cast<long long>(report->rows_read), static_cast<long long>(report->rows_added),
      static_cast<long long>(report->rows_already_present), static_cast<long long>(report->asb_rows),
      static_cast<long long>(report->rows_outside_area));
  return Status::Ok();
}

}  // namespace

void AddImportsCommands(CommandLine& cli) {
  CLI::App* import_command = cli.app.add_subcommand("import", "Load data from files");
  import_command->require_subcommand(1);
  ImportEventsOptions& events = cli.Keep<ImportEventsOptions>();
  CLI::App* events_command = import_command->add_subcommand("events", "Import an events CSV (docs/formats/events.md)");
  events_command->add_option("FILE", events.file, "The CSV file ('-' for standard input)")->required();
  events_command->add_option("--source", events.source, "Name of the system the file comes from")
      ->capture_default_str();
  events_command->add_flag("--accept-good-rows", events.accept_good_rows,
                           "Load the valid rows even if some are invalid");
  events_command->add_option("--rejects", events.rejects_file, "Write invalid rows and their reasons to this CSV");
  cli.On(events_command, [&] { return ImportEventsCommand(cli.global, events); });
  auto& police_files = cli.Keep<std::vector<std::string>>();
  CLI::App* police_command =
      import_command->add_subcommand("police-uk", "Import data.police.uk street-level crime files");
  police_command->add_option("FILE", police_files, "One or more street-level CSV files")->required();
  cli.On(police_command, [&] { return ImportPoliceUkCommand(cli.global, police_files); });
}

}  // namespace openiom::cli
