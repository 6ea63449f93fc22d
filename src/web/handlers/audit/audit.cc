// The auditor's view of the audit trail: filter, page through, download as CSV.
#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/audit/audit.h"

namespace openiom::web {
namespace {

constexpr int kPageSize = 50;

// Reads the filters from the query string; date problems are reported per field.
AuditQuery QueryFrom(const FormFields& query, FieldProblems& errors) {
  AuditQuery audit_query{.username = std::string(Trim(query.Get("user")))};
  if (const std::string person(Trim(query.Get("person"))); !person.empty()) {
    audit_query.object_type = CodeOf(ObjectKind::kPerson);
    audit_query.object_id = person;
  }
  for (auto [name, label, target] : {std::tuple{"from", "From", &audit_query.from}, std::tuple{"to", "To", &audit_query.to}}) {
    const DateInput input = ReadDateInput(query, name);
    DateInputProblem(input, name, label, false, errors);
    if (input.date) *target = *input.date;
  }
  return audit_query;
}

}  // namespace

HttpResponse AuditGet(PageRequest& page) {
  FieldProblems errors;
  AuditQuery query = QueryFrom(page.query, errors);
  const int page_number = PageNumber(page.query.Get("page"));
  query.limit = kPageSize;
  query.offset = (page_number - 1) * kPageSize;  // page_number is at most 100000
  ViewData data;
  data.Set("user_filter", page.query.Get("user")).Set("person_filter", page.query.Get("person"));
  std::vector<ViewData> date_fields;
  for (auto [name, label] : {std::pair{"from", "From"}, std::pair{"to", "To"}}) {
    date_fields.push_back(DateInputView(name, label, "For example, 27 11 2026", ReadDateInput(page.query, name), errors));
  }
  data.Set("date_fields", std::move(date_fields));
  if (!errors.empty()) {
    if (auto refused = Refuse(page, Action::kViewAudit, ObjectKind::kAudit, "")) return *refused;
    data.Set("total", int64_t{0});
    return RenderPage(page, "Audit trail", "audit", std::move(data), 400, errors);
  }
  auto found = SearchAuditTrail(page.app.database, page.app.audit, page.actor(), query);
  if (!found.ok()) return StatusPage(page, found.status());
  std::vector<ViewData> entries;
  for (const AuditEntry& entry : found->first) {
    entries.push_back(ViewData()
                          .Set("at", FormatLondonDateTime(entry.at))
                          .Set("username", entry.username.empty() ? "(unknown)" : entry.username)
                          .Set("agency", entry.agency)
                          .Set("client", entry.client_address)
                          .Set("action", AuditActionLabel(entry.action))
                          .Set("detail", entry.detail)
                          .Set("object", entry.object_type.empty() ? "" : entry.object_type + " " + entry.object_id)
                          .Set("outcome", AuditOutcomeLabel(entry.outcome))
                          .Set("refused", entry.outcome != AuditOutcome::kSuccess));
  }
  data.Set("total", found->second);
  data.Set("entries", std::move(entries));
  data.Set("csv_href", HrefWithFilters("/audit.csv", page.query));
  if (auto pages = Pagination("/audit", page.query, page_number, found->second, kPageSize)) data.Set("pagination", std::move(*pages));
  return RenderPage(page, "Audit trail", "audit", std::move(data));
}

HttpResponse AuditCsvGet(PageRequest& page) {
  FieldProblems errors;
  AuditQuery query = QueryFrom(page.query, errors);
  if (!errors.empty()) return ErrorPage(page, 400);
  auto csv = ExportAuditTrailCsv(page.app.database, page.app.audit, page.actor(), query);
  if (!csv.ok()) return StatusPage(page, csv.status());
  HttpResponse response{200, {{"Content-Type", "text/csv; charset=utf-8"}}, std::move(*csv)};
  response.SetHeader("Content-Disposition", "attachment; filename=\"openiom-audit.csv\"");
  return response;
}

}  // namespace openiom::web
