// The BRAG rating as JSON, shared by the JSON API (GET /api/v1/people/{id}/brag) and `openiom brag --format json`, so
// that the two always agree:
//   {"person_id":1,"as_of":"YYYY-MM-DD","rating":"blue|red|amber|green","computed_rating":"...","provisional":bool,
//    "override":null|{"id","rating","justification","starts_on","expires_on","requested_by","approved_by"},
//    "pending_override":null|{...},
//    "reasons":[{"rule":"recent_arrest_or_charge","rating":"red","text":"Arrest on 3 March 2026","date":"YYYY-MM-DD"}]}
// "rating" is the rating shown (an override's, where one applies); "computed_rating" the rules'.
#pragma once

#include <string>

#include "services/cases/case_service.h"

namespace openiom::web {

std::string BragJson(const BragView& view);

}  // namespace openiom::web
