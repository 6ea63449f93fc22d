// My caseload (and for managers the whole cohort, by worker and agency) and the police tasking list: each person
// with their BRAG rating today and why, their next appointment and any open warrant; sortable and filterable
// without JavaScript, and downloadable as CSV with the same filters.
#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "common/csv.h"
#include "web/handlers/cases/cases.h"

namespace openiom::web {
namespace {

// The columns a list sorts by: the rating (Blue first, the default), name, next appointment or scheme.
enum class SortBy { kRating, kName, kNextAppointment, kScheme };
SortBy SortFrom(std::string_view text) {
  if (text == "name") return SortBy::kName;
  if (text == "next_appointment") return SortBy::kNextAppointment;
  if (text == "scheme") return SortBy::kScheme;
  return SortBy::kRating;
}

void Sort(std::vector<CaseloadRow>& rows, SortBy by) {
  const auto name = [](const CaseloadRow& r) { return std::tie(r.surname, r.forenames, r.person_id); };
  std::stable_sort(rows.begin(), rows.end(), [&](const CaseloadRow& a, const CaseloadRow& b) {
    switch (by) {
      case SortBy::kName: return name(a) < name(b);
      case SortBy::kScheme: return std::tie(a.scheme, a.surname) < std::tie(b.scheme, b.surname);
      case SortBy::kNextAppointment: {
        // People with no appointment booked go last: they are the ones to book.
        const Date far = Date::max();
        const Date next_a = a.next_appointment ? a.next_appointment->on : far;
        const Date next_b = b.next_appointment ? b.next_appointment->on : far;
        return next_a < next_b;
      }
      case SortBy::kRating: return static_cast<int>(a.rating.Shown()) < static_cast<int>(b.rating.Shown());
    }
    return false;
  });
}

std::string FirstReason(const CaseloadRow& row) {
  if (row.rating.reasons.empty()) return "No rule fired";
  std::string text = row.rating.reasons.front().text;
  if (row.rating.reasons.size() > 1) text += fmt::format(" (and {} more)", row.rating.reasons.size() - 1);
  return text;
}

std::vector<ViewData> RowsView(const std::vector<CaseloadRow>& rows) {
  std::vector<ViewData> views;
  for (const CaseloadRow& row : rows) {
    const std::optional<Scheme> scheme = Parse<Scheme>(row.scheme);
    const std::optional<Strand> strand = Parse<Strand>(row.strand);
    std::vector<ViewData> reasons;
    for (const BragReason& reason : row.rating.reasons) reasons.push_back(ViewData().Set("text", reason.text));
    views.push_back(ViewData()
                        .Set("person_id", row.person_id)
                        .Set("name", row.surname + ", " + row.forenames)
                        .Set("district", row.district)
                        .Set("rating", LabelOf(row.rating.Shown()))
                        .Set("rating_class", RatingClass(row.rating.Shown()))
                        .Set("overridden", row.rating.override_.has_value())
                        .Set("provisional", row.rating.provisional)
                        .Set("reason", FirstReason(row))
                        .Set("reasons", std::move(reasons))
                        .Set("scheme", scheme ? std::string(LabelOf(*scheme)) : row.scheme)
                        .Set("strand", strand ? std::string(LabelOf(*strand)) : row.strand)
                        .Set("lead", row.lead_professional.empty() ? "Not named" : row.lead_professional)
                        .Set("lead_agency", row.lead_agency)
                        .Set("my_role", row.my_role)
                        .Set("next_appointment", row.next_appointment
                                                     ? FormatShortDate(row.next_appointment->on) + " " +
                                                           std::string(LabelOf(row.next_appointment->kind))
                                                     : "None booked")
                        .Set("open_warrant", row.open_warrant)
                        .Set("overdue_actions", static_cast<int64_t>(row.overdue_actions))
                        .Set("any_overdue_actions", row.overdue_actions > 0));
  }
  return views;
}

CaseloadQuery QueryFrom(const PageRequest& page) {
  CaseloadQuery query{.everyone = page.query.Get("everyone") == "1", .worker = page.query.Get("worker"),
                      .agency = page.query.Get("agency")};
  query.rating = Parse<BragRating>(page.query.Get("rating"));
  return query;
}

HttpResponse Csv(const std::vector<CaseloadRow>& rows, std::string_view filename) {
  std::ostringstream out;
  CsvWriter csv(out, CsvWriter::Mode::kSpreadsheetSafe);
  csv.WriteRecord({"person_id", "surname", "forenames", "district", "rating", "overridden", "provisional", "reasons",
                   "scheme", "strand", "lead_professional", "lead_agency", "next_appointment", "open_warrant",
                   "overdue_actions"});
  for (const CaseloadRow& row : rows) {
    std::string reasons;
    for (const BragReason& reason : row.rating.reasons) {
      reasons += (reasons.empty() ? "" : "; ") + std::string(CodeOf(reason.rule)) + ": " + reason.text;
    }
    csv.WriteRecord({std::to_string(row.person_id), row.surname, row.forenames, row.district,
                     std::string(CodeOf(row.rating.Shown())), row.rating.override_ ? "yes" : "no",
                     row.rating.provisional ? "yes" : "no", reasons, row.scheme, row.strand, row.lead_professional,
                     row.lead_agency, row.next_appointment ? FormatIsoDate(row.next_appointment->on) : "",
                     row.open_warrant ? "yes" : "no", std::to_string(row.overdue_actions)});
  }
  HttpResponse response{200, {{"Content-Type", "text/csv; charset=utf-8"}}, out.str()};
  response.SetHeader("Content-Disposition", fmt::format("attachment; filename=\"{}\"", filename));
  return response;
}

// The sort links of a list's headers, keeping its filters.
ViewData SortLinks(const PageRequest& page, std::string_view path, SortBy current) {
  ViewData links;
  for (const auto& [key, by] : std::initializer_list<std::pair<std::string_view, SortBy>>{
           {"rating", SortBy::kRating}, {"name", SortBy::kName}, {"next_appointment", SortBy::kNextAppointment},
           {"scheme", SortBy::kScheme}}) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto& [name, value] : page.query.fields()) {
      if (name != "sort") fields.emplace_back(name, value);
    }
    std::string href = std::string(path) + "?";
    for (const auto& [name, value] : fields) href += UrlEncode(name) + "=" + UrlEncode(value) + "&";
    href += "sort=" + std::string(key);
    links.Set(std::string(key) + "_href", href).Set(std::string(key) + "_current", by == current);
  }
  return links;
}

}  // namespace

HttpResponse CaseloadGet(PageRequest& page) {
  const CaseloadQuery query = QueryFrom(page);
  auto rows = page.app.cases.Caseload(page.actor(), query);
  if (!rows.ok()) return StatusPage(page, rows.status());
  const SortBy sort = SortFrom(page.query.Get("sort"));
  Sort(*rows, sort);
  ViewData data;
  data.Set("is_manager", page.Can(Action::kSignOffOverride));
  data.Set("everyone", query.everyone).Set("worker", query.worker).Set("agency", query.agency);
  std::vector<std::pair<std::string, std::string>> ratings = {{"", "Any"}};
  for (const auto& choice : Choices<BragRating>()) ratings.push_back(choice);
  std::vector<ViewData> rating_options;
  for (const auto& [code, label] : ratings) {
    rating_options.push_back(
        ViewData().Set("value", code).Set("label", label).Set("selected", code == CodeOf(query.rating)));
  }
  data.Set("rating_options", std::move(rating_options));
  int counts[4] = {0, 0, 0, 0};
  for (const CaseloadRow& row : *rows) ++counts[static_cast<int>(row.rating.Shown())];
  std::vector<ViewData> totals;
  for (const BragRating rating : All<BragRating>()) {
    totals.push_back(ViewData()
                         .Set("label", LabelOf(rating))
                         .Set("class", RatingClass(rating))
                         .Set("count", counts[static_cast<int>(rating)]));
  }
  data.Set("totals", std::move(totals));
  data.Set("count", Plural(static_cast<int64_t>(rows->size()), "person", "people"));
  data.Set("has_rows", !rows->empty()).Set("rows", RowsView(*rows));
  data.Set("sort", SortLinks(page, "/caseload", sort));
  data.Set("csv_href", HrefWithFilters("/caseload.csv", page.query));
  // The actions the user owns that are overdue, across all their people (a plan's owner need not lead the case).
  if (auto overdue = page.app.plans.MyOverdueActions(page.actor()); overdue.ok()) {
    const Date today = page.app.clock.Today();
    std::vector<ViewData> actions;
    for (const OwnedPlanAction& owned : *overdue) {
      const int64_t late = (today - owned.action.due_on).count();
      actions.push_back(ViewData()
                            .Set("person_id", owned.action.person_id)
                            .Set("name", owned.surname + ", " + owned.forenames)
                            .Set("description", owned.action.description)
                            .Set("due_on", FormatShortDate(owned.action.due_on))
                            .Set("late", Plural(late, "day", "days")));
    }
    data.Set("has_overdue", !actions.empty()).Set("overdue", std::move(actions));
  } else {
    return StatusPage(page, overdue.status());
  }
  return RenderPage(page, query.everyone ? "The cohort's caseload" : "My caseload", "caseload", std::move(data));
}

HttpResponse CaseloadCsvGet(PageRequest& page) {
  auto rows = page.app.cases.Caseload(page.actor(), QueryFrom(page));
  if (!rows.ok()) return StatusPage(page, rows.status());
  Sort(*rows, SortFrom(page.query.Get("sort")));
  return Csv(*rows, "openiom-caseload.csv");
}

HttpResponse TaskingGet(PageRequest& page) {
  auto rows = page.app.cases.Tasking(page.actor());
  if (!rows.ok()) return StatusPage(page, rows.status());
  ViewData data;
  data.Set("count", Plural(static_cast<int64_t>(rows->size()), "person", "people"));
  data.Set("has_rows", !rows->empty()).Set("rows", RowsView(*rows));
  return RenderPage(page, "Police tasking list", "tasking", std::move(data));
}

HttpResponse TaskingCsvGet(PageRequest& page) {
  auto rows = page.app.cases.Tasking(page.actor());
  if (!rows.ok()) return StatusPage(page, rows.status());
  return Csv(*rows, "openiom-tasking.csv");
}

HttpResponse WantedGet(PageRequest& page) {
  auto wanted = page.app.cases.Wanted(page.actor());
  if (!wanted.ok()) return StatusPage(page, wanted.status());
  const Date today = page.app.clock.Today();
  ViewData data;
  data.Set("count", Plural(static_cast<int64_t>(wanted->people.size()), "person", "people"));
  std::vector<ViewData> schemes;
  for (const WantedList::SchemeCount& count : wanted->by_scheme) {
    if (count.members == 0) continue;
    schemes.push_back(ViewData()
                          .Set("scheme", LabelOf(count.scheme))
                          .Set("wanted", count.wanted)
                          .Set("members", count.members));
  }
  data.Set("schemes", std::move(schemes));
  std::vector<ViewData> rows = RowsView(wanted->people);
  for (size_t index = 0; index < rows.size(); ++index) {
    const CaseloadRow& row = wanted->people[index];
    rows[index].Set("wanted_for", WantedFor(row.open_warrants, row.open_recalls));
    rows[index].Set("days", Plural((today - row.WantedSince()).count(), "day", "days"));
  }
  data.Set("has_rows", !rows.empty()).Set("rows", std::move(rows));
  return RenderPage(page, "Wanted", "wanted", std::move(data));
}

HttpResponse WantedCsvGet(PageRequest& page) {
  auto wanted = page.app.cases.Wanted(page.actor());
  if (!wanted.ok()) return StatusPage(page, wanted.status());
  std::ostringstream out;
  CsvWriter csv(out, CsvWriter::Mode::kSpreadsheetSafe);
  csv.WriteRecord({"person_id", "surname", "forenames", "district", "scheme", "strand", "wanted_since", "wanted_for",
                   "lead_professional", "rating"});
  for (const CaseloadRow& row : wanted->people) {
    csv.WriteRecord({std::to_string(row.person_id), row.surname, row.forenames, row.district, row.scheme, row.strand,
                     FormatIsoDate(row.WantedSince()), WantedFor(row.open_warrants, row.open_recalls), row.lead_professional,
                     std::string(CodeOf(row.rating.Shown()))});
  }
  HttpResponse response{200, {{"Content-Type", "text/csv; charset=utf-8"}}, out.str()};
  response.SetHeader("Content-Disposition", "attachment; filename=\"openiom-wanted.csv\"");
  return response;
}

}  // namespace openiom::web
