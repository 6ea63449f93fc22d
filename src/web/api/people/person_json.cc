#include "web/api/people/person_json.h"

#include <boost/json.hpp>

namespace openiom::web {
namespace {

namespace json = boost::json;

json::value OptionalText(const std::string& text) { return text.empty() ? json::value(nullptr) : json::value(text); }

json::value OptionalDate(const std::optional<Date>& date) {
  return date ? json::value(FormatIsoDate(*date)) : json::value(nullptr);
}

}  // namespace

std::string PeopleListJson(const std::vector<PersonSummary>& people) {
  json::array list;
  for (const PersonSummary& person : people) {
    list.push_back(json::object{{"id", person.id},
                                {"surname", person.surname},
                                {"forenames", person.forenames},
                                {"date_of_birth", OptionalDate(person.date_of_birth)},
                                {"gender", std::string(GenderCode(person.gender))},
                                {"district", OptionalText(person.district)},
                                {"pnc_id", OptionalText(person.pnc_id)},
                                {"event_count", person.event_count}});
  }
  return json::serialize(list);
}

std::string PersonRecordJson(const PersonRecord& record) {
  const Person& person = record.person;
  json::array aliases;
  for (const PersonName& alias : person.aliases) {
    aliases.push_back(json::object{{"surname", alias.surname}, {"forenames", alias.forenames}});
  }
  json::array identifiers;
  for (const Identifier& identifier : record.identifiers) {
    identifiers.push_back(json::object{{"kind", std::string(IdentifierKindCode(identifier.kind))},
                                       {"label", std::string(IdentifierKindLabel(identifier.kind))},
                                       {"value", identifier.value}});
  }
  json::array events;
  for (const Event& event : record.events) {
    json::value location = nullptr;
    if (event.location) {
      location = json::object{{"latitude", event.location->latitude}, {"longitude", event.location->longitude}};
    }
    events.push_back(json::object{{"id", event.id},
                                  {"kind", std::string(EventKindCode(event.kind))},
                                  {"event_date", FormatIsoDate(event.event_date)},
                                  {"offence_date", OptionalDate(event.offence_date)},
                                  {"offence_category", OptionalText(event.offence_category)},
                                  {"outcome", OptionalText(event.outcome)},
                                  {"location", location},
                                  {"lsoa_code", OptionalText(event.lsoa_code)},
                                  {"source_system", event.source_system},
                                  {"source_record_id", event.source_record_id}});
  }
  json::value ethnicity = nullptr;
  if (person.ethnicity) {
    ethnicity = json::object{{"code", std::string(EthnicityCode(*person.ethnicity))},
                             {"label", std::string(EthnicityLabel(*person.ethnicity))}};
  }
  json::object out{{"id", person.id},
                   {"surname", person.surname},
                   {"forenames", person.forenames},
                   {"aliases", aliases},
                   {"date_of_birth", OptionalDate(person.date_of_birth)},
                   {"gender", std::string(GenderCode(person.gender))},
                   {"ethnicity", ethnicity},
                   {"address", json::object{{"line", OptionalText(person.address.line)},
                                            {"postcode", OptionalText(person.address.postcode)},
                                            {"lsoa_code", OptionalText(person.address.lsoa_code)},
                                            {"district", OptionalText(person.address.district)}}},
                   {"created_at", FormatIsoTimestamp(person.created_at)},
                   {"updated_at", FormatIsoTimestamp(person.updated_at)},
                   {"version", person.version},
                   {"identifiers", identifiers},
                   {"events", events}};
  return json::serialize(out);
}

}  // namespace openiom::web
