// Finding people: the search form with its filters and the paged results.
#include <fmt/format.h>

#include "domain/reference/reference_data.h"
#include "web/handlers/people/people.h"

namespace openiom::web {

HttpResponse PeopleGet(PageRequest& page) {
  // Only those who may search see the form (an analyst, auditor or administrator gets the 403 at once).
  if (auto refused = Refuse(page, Action::kSearchPeople, ObjectKind::kPerson, "")) return *refused;
  const FormFields& query = page.query;
  PeopleSearch search{.name = query.Get("q"),
                      .pnc_id = query.Get("pnc"),
                      .crn = query.Get("crn"),
                      .date_of_birth = "",
                      .district = query.Get("district"),
                      .open_warrant = query.Get("warrant") == "open"};
  search.page = PageNumber(query.Get("page"));
  FieldProblems date_errors;
  const DateInput dob = ReadDateInput(query, "dob");
  search.date_of_birth = DateInputIso(query, "dob", "Date of birth", date_errors);
  const bool searched = !search.name.empty() || !search.pnc_id.empty() || !search.crn.empty() ||
                        !dob.empty() || !search.district.empty() || search.open_warrant;

  ViewData data;
  data.Set("q", search.name).Set("pnc", search.pnc_id).Set("crn", search.crn);
  data.Set("warrant", search.open_warrant);
  data.Set("can_create", page.Can(Action::kCreatePerson));
  std::vector<ViewData> districts;
  for (const District& district : LsoaCatalogue::Cleveland().districts()) {
    districts.push_back(ViewData().Set("name", district.name).Set("selected", district.name == search.district));
  }
  data.Set("districts", std::move(districts));
  FieldProblems errors = date_errors;
  int status = 200;
  if (searched && !date_errors.empty()) status = 400;
  if (searched && date_errors.empty()) {
    auto result = page.app.people.Search(page.actor(), search);
    if (!result.ok()) return StatusPage(page, result.status());
    errors = OnDateInputs(result->errors, {"dob"});
    for (const FieldProblem& error : errors) data.Set(error.field + "_error", error.message);
    if (errors.empty()) {
      const PeoplePage& found = result->page;
      data.Set("searched", true);
      data.Set("total", found.total);
      data.Set("people_word", found.total == 1 ? "person" : "people");
      data.Set("has_results", !found.people.empty());
      data.Set("back", BackToSearch(page));
      std::vector<ViewData> rows;
      for (const PersonSummary& person : found.people) {
        rows.push_back(ViewData()
                           .Set("id", person.id)
                           .Set("surname", person.surname)
                           .Set("forenames", person.forenames)
                           .Set("date_of_birth", person.date_of_birth ? DateOfBirthText(*person.date_of_birth, page.app.clock.Today(), true) : "")
                           .Set("pnc_id", person.pnc_id)
                           .Set("district", person.district)
                           .Set("event_count", person.event_count)
                           .Set("open_warrant", person.open_warrant)
                           .Set("in_cohort", person.in_cohort));
      }
      data.Set("people", std::move(rows));
      if (auto pages = Pagination("/people", query, search.page, found.total, search.page_size)) data.Set("pagination", std::move(*pages));
    } else {
      status = 400;
    }
  }
  data.Set("dob_input", DateInputView("dob", "Date of birth", "For example, 27 3 1990", dob, errors, true));
  return RenderPage(page, searched ? "Search results" : "Find a person", "people", std::move(data), status, errors);
}

}  // namespace openiom::web
