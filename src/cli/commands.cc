#include "cli/commands.h"

#include "cli/terminal.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "common/clock.h"
#include "common/csv.h"
#include "common/output_file.h"
#include "common/strings.h"
#include "services/accounts/account_service.h"
#include "services/audit/audit_trail.h"
#include "services/system/database_admin.h"
#include "services/system/demo_data.h"
#include "services/imports/event_csv.h"
#include "services/imports/event_import_service.h"
#include "services/people/people_service.h"
#include "services/imports/police_uk_import_service.h"
#include "storage/reference/area_crime_repository.h"
#include "web/http_server.h"
#include "web/api/people/person_json.h"
#include "web/web_app.h"

namespace openiom::cli {
namespace {

// Opens the database for a command. Commands that create data may create the SQLite file and its folder.
Result<std::unique_ptr<Database>> OpenDatabase(const GlobalOptions& global, bool create, int pool_size = 2) {
  if (create && global.db_url.starts_with("sqlite:")) {
    const std::filesystem::path parent = std::filesystem::path(global.db_url.substr(7)).parent_path();
    std::error_code ignored;  // if this fails, opening the database reports it
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  }
  return Database::Open(global.db_url, {.pool_size = pool_size,
                                        .create_if_missing = create,
                                        .sqlite_busy_timeout_seconds = global.db_busy_timeout_seconds});
}

// build/<preset>/static beside the binary (where the build copies GOV.UK Frontend and OpenIOM's own assets).
std::string DefaultStaticDir() {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? "static" : (exe.parent_path() / "static").string();
}

}  // namespace

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

namespace {

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

Result<Date> ParseAsOf(const std::string& text, const Clock& clock) {
  if (text.empty()) return clock.Today();
  auto date = ParseIsoDate(text);
  if (!date.ok()) return date.status().WithContext("--as-of");
  return *date;
}

}  // namespace

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
  web::WebApp app = web::MakeWebApp(
      *database, clock,
      {.static_dir = options.static_dir.empty() ? DefaultStaticDir() : options.static_dir,
       .secure_cookies = options.secure_cookies,
       .trust_proxy = options.trust_proxy});
  web::HttpServerOptions server_options{.bind_address = options.bind,
                                        .port = static_cast<uint16_t>(options.port),
                                        .worker_threads = options.workers};
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
  SystemClock clock;
  ASSIGN_OR_RETURN(Date as_of, ParseAsOf(options.as_of, clock));
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
  const AuditTrail audit(clock);
  const Actor actor = LocalOperator();
  std::string password;
  if (options.demo_password_stdin) {
    ASSIGN_OR_RETURN(password, ReadPasswordFromStdin());
    RETURN_IF_ERROR(CheckPasswordPolicy(password, ""));
  }
  ASSIGN_OR_RETURN(DemoDataReport report, LoadDemoData(*database, audit, actor,
                                                       {.people = options.people, .seed = options.seed, .as_of = as_of},
                                                       clock));
  if (options.demo_password_stdin) {
    AccountService accounts(*database, audit, clock);
    RETURN_IF_ERROR(CreateDemoUsers(accounts, actor, password));
  }
  std::printf(
      "demo data loaded (seed %llu, as of %s): %lld people, %lld events, %lld identifiers, %lld agencies; "
      "the most prolific 5%% of people account for %.0f%% of arrests\n",
      static_cast<unsigned long long>(options.seed), FormatIsoDate(as_of).c_str(),
      static_cast<long long>(report.people), static_cast<long long>(report.events),
      static_cast<long long>(report.identifiers), static_cast<long long>(report.agencies),
      100.0 * report.top_5_percent_share_of_arrests);
  return Status::Ok();
}

Status ImportEventsCommand(const GlobalOptions& global, const ImportEventsOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
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
  SystemClock clock;
  const EventImportOptions import_options{.source_system = options.source,
                                          .file_name = options.file == "-" ? "standard input" : options.file,
                                          .accept_good_rows = options.accept_good_rows};
  const AuditTrail audit(clock);
  Result<EventImportReport> report =
      ImportEvents(*database, audit, LocalOperator(), *input, import_options, clock, observer);
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
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
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
  SystemClock clock;
  const AuditTrail audit(clock);
  Result<PoliceUkImportReport> report = ImportPoliceUk(*database, audit, LocalOperator(), inputs, clock, observer);
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

Status PeopleListCommand(const GlobalOptions& global, const PeopleOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
  SystemClock clock;
  const AuditTrail audit(clock);
  PeopleService people(*database, audit, clock);
  ASSIGN_OR_RETURN(PeoplePage page, people.List(LocalOperator(), options.limit, options.offset));
  if (options.format == "json") {
    std::printf("%s\n", web::PeopleListJson(page.people).c_str());
    return Status::Ok();
  }
  std::printf("%-8s %-22s %-20s %-10s %-2s %-22s %-14s %s\n", "ID", "SURNAME", "FORENAMES", "BORN", "G", "DISTRICT",
              "PNC ID", "EVENTS");
  for (const PersonSummary& person : page.people) {
    std::printf("%-8lld %-22s %-20s %-10s %-2s %-22s %-14s %lld\n", static_cast<long long>(person.id),
                person.surname.c_str(), person.forenames.c_str(),
                person.date_of_birth ? FormatIsoDate(*person.date_of_birth).c_str() : "-",
                std::string(GenderCode(person.gender)).c_str(), person.district.empty() ? "-" : person.district.c_str(),
                person.pnc_id.empty() ? "-" : person.pnc_id.c_str(), static_cast<long long>(person.event_count));
  }
  std::printf("%zu of %lld people shown\n", page.people.size(), static_cast<long long>(page.total));
  return Status::Ok();
}

Status PeopleShowCommand(const GlobalOptions& global, const PeopleOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
  SystemClock clock;
  const AuditTrail audit(clock);
  PeopleService people(*database, audit, clock);
  ASSIGN_OR_RETURN(PersonRecord record, people.Get(LocalOperator(), options.id));
  if (options.format == "json") {
    std::printf("%s\n", web::PersonRecordJson(record).c_str());
    return Status::Ok();
  }
  const Person& person = record.person;
  std::printf("%s, %s (person %lld, version %d)\n", person.surname.c_str(), person.forenames.c_str(),
              static_cast<long long>(person.id), person.version);
  std::printf("  Date of birth: %s\n", person.date_of_birth ? FormatIsoDate(*person.date_of_birth).c_str() : "not known");
  std::printf("  Gender:        %s\n", std::string(GenderLabel(person.gender)).c_str());
  if (person.ethnicity) std::printf("  Ethnicity:     %s\n", std::string(EthnicityLabel(*person.ethnicity)).c_str());
  if (!person.aliases.empty()) {
    std::vector<std::string> names;
    for (const PersonName& alias : person.aliases) names.push_back(alias.Display());
    std::printf("  Aliases:       %s\n", Join(names, "; ").c_str());
  }
  if (!person.address.district.empty() || !person.address.line.empty()) {
    std::printf("  Address:       %s%s%s (LSOA %s)\n", person.address.line.c_str(),
                person.address.line.empty() ? "" : ", ", person.address.district.c_str(),
                person.address.lsoa_code.empty() ? "not known" : person.address.lsoa_code.c_str());
  }
  std::printf("Identifiers:\n");
  if (record.identifiers.empty()) std::printf("  none\n");
  for (const Identifier& identifier : record.identifiers) {
    std::printf("  %-13s %s\n", std::string(IdentifierKindLabel(identifier.kind)).c_str(), identifier.value.c_str());
  }
  std::printf("Events (%zu):\n", record.events.size());
  for (const Event& event : record.events) {
    std::printf("  %s  %-24s %-24s %s\n", FormatIsoDate(event.event_date).c_str(),
                std::string(EventKindLabel(event.kind)).c_str(), event.offence_category.c_str(), event.outcome.c_str());
  }
  return Status::Ok();
}

Result<std::string> ReadPasswordFromStdin() {
  std::string password;
  if (!std::getline(std::cin, password)) return Status::InvalidArgument("expected the password on standard input");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

Status AgencyAddCommand(const GlobalOptions& global, const AgencyOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
  const std::optional<AgencyKind> kind = AgencyKindFromCode(options.kind);
  if (!kind) return Status::InvalidArgument(fmt::format("--kind: '{}' is not an agency kind", options.kind));
  SystemClock clock;
  const AuditTrail audit(clock);
  AccountService accounts(*database, audit, clock);
  ASSIGN_OR_RETURN(AgencyId id, accounts.AddAgency(LocalOperator(), {0, options.name, *kind}));
  std::printf("agency %lld added: %s (%s)\n", static_cast<long long>(id), options.name.c_str(), options.kind.c_str());
  return Status::Ok();
}

Status UserAddCommand(const GlobalOptions& global, const UserOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
  NewUser user{.username = options.username, .display_name = options.display_name, .agency_name = options.agency};
  for (const std::string& code : options.roles) {
    const std::optional<Role> role = RoleFromCode(code);
    if (!role) return Status::InvalidArgument(fmt::format("--role: '{}' is not a role", code));
    user.roles.push_back(*role);
  }
  if (!options.password_stdin) return Status::InvalidArgument("give the password on standard input with --password-stdin");
  ASSIGN_OR_RETURN(std::string password, ReadPasswordFromStdin());
  SystemClock clock;
  const AuditTrail audit(clock);
  AccountService accounts(*database, audit, clock);
  ASSIGN_OR_RETURN(UserId id, accounts.AddUser(LocalOperator(), user, password));
  std::printf("user %lld added: %s\n", static_cast<long long>(id), options.username.c_str());
  return Status::Ok();
}

Status UserDisableCommand(const GlobalOptions& global, const UserOptions& options, bool disabled) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
  SystemClock clock;
  const AuditTrail audit(clock);
  AccountService accounts(*database, audit, clock);
  RETURN_IF_ERROR(accounts.SetUserDisabled(LocalOperator(), options.username, disabled));
  std::printf("user %s %s\n", options.username.c_str(), disabled ? "disabled (signed out everywhere)" : "enabled");
  return Status::Ok();
}

Status UserListCommand(const GlobalOptions& global) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
  SystemClock clock;
  const AuditTrail audit(clock);
  AccountService accounts(*database, audit, clock);
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

Status AuditVerifyCommand(const GlobalOptions& global, const std::string& expected_head) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> database, OpenMigratedDatabase(global));
  ASSIGN_OR_RETURN(AuditVerification result, VerifyAuditTrail(*database, expected_head));
  if (result.first_bad) {
    return Status::Conflict(fmt::format("the audit trail has been tampered with: {} (checked {} entries)",
                                        result.problem, result.entries));
  }
  std::printf("audit trail intact: %lld entries; head %s\n", static_cast<long long>(result.entries),
              result.head_hash.empty() ? "(empty)" : result.head_hash.c_str());
  return Status::Ok();
}

}  // namespace openiom::cli
