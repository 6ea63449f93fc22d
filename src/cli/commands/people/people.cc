// The people commands: list people by name and show one person's record (text, or JSON as the API gives it).
#include <cstdio>

#include "cli/commands/command_line.h"
#include "common/strings.h"
#include "web/api/people/person_json.h"

namespace openiom::cli {
namespace {

struct PeopleOptions {
  int limit = 50;
  int offset = 0;
  int64_t id = 0;
  std::string format = "text";
};

Status PeopleListCommand(const GlobalOptions& global, const PeopleOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  PeopleService& people = opened->services.people;
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
  ASSIGN_OR_RETURN(std::unique_ptr<CommandServices> opened, OpenServices(global));
  PeopleService& people = opened->services.people;
  ASSIGN_OR_RETURN(PersonRecord record, people.Get(LocalOperator(), options.id));
  if (options.format == "json") {
    std::printf("%s\n", web::PersonRecordJson(record).c_str());
    return Status::Ok();
  }
  const Person& person = record.person;
  std::printf("%s, %s (person %lld, version %d)\n", person.surname.c_str(), person.forenames.c_str(),
              static_cast<long long>(person.id), person.version);
  std::printf("  Date of birth: %s\n",
              person.date_of_birth ? FormatIsoDate(*person.date_of_birth).c_str() : "not known");
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

}  // namespace

void AddPeopleCommands(CommandLine& cli) {
  CLI::App* people_command = cli.app.add_subcommand("people", "List and show people");
  people_command->require_subcommand(1);
  PeopleOptions& people = cli.Keep<PeopleOptions>();
  CLI::App* list_command = people_command->add_subcommand("list", "List people by name");
  list_command->add_option("--limit", people.limit, "How many")->check(CLI::Range(1, 10000))->capture_default_str();
  list_command->add_option("--offset", people.offset, "Skip this many")->check(CLI::NonNegativeNumber);
  list_command->add_option("--format", people.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cli.On(list_command, [&] { return PeopleListCommand(cli.global, people); });
  CLI::App* show_command = people_command->add_subcommand("show", "Show one person's record");
  show_command->add_option("ID", people.id, "Person id")->required()->check(CLI::PositiveNumber);
  show_command->add_option("--format", people.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cli.On(show_command, [&] { return PeopleShowCommand(cli.global, people); });
}

}  // namespace openiom::cli
