// JSON representations of people, shared by the JSON API and the command line's --format json.
#pragma once

#include <string>
#include <vector>

#include "services/people/people_service.h"

namespace openiom::web {

// [{"id":1,"surname":...,"forenames":...,"date_of_birth":"YYYY-MM-DD"|null,"gender":"M","district":...,
//   "pnc_id":...|null,"event_count":N}, ...]
std::string PeopleListJson(const std::vector<PersonSummary>& people);
// {"id":1,...,"aliases":[{"surname","forenames"}],"address":{...},"identifiers":[{"kind","label","value"}],"events":[{...}]}
std::string PersonRecordJson(const PersonRecord& record);

}  // namespace openiom::web
