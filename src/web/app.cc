#include "web/app.h"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/strings.h"
#include "common/version.h"
#include "services/access/use_case.h"

namespace openiom::web {
namespace {

struct NavItem {
  std::string_view href;
  std::string_view text;
  std::optional<Action> needs;
};

constexpr NavItem kNavigation[] = {
    {"/", "Home", std::nullopt},
    {"/caseload", "Caseload", Action::kViewCaseload},
    {"/people", "People", Action::kSearchPeople},
    {"/candidates", "Candidates", Action::kViewCandidates},
    {"/scoring", "Scoring", Action::kRunScoring},
    {"/panel", "Panel", Action::kViewCohort},
    {"/cohort", "Cohort", Action::kViewCohort},
    {"/tasking", "Tasking", Action::kViewTasking},
    {"/wanted", "Wanted", Action::kViewWanted},
    {"/releases", "Releases", Action::kViewReleases},
    {"/fairness", "Fairness", Action::kViewFairness},
    {"/import", "Import", Action::kImportEvents},
    {"/audit", "Audit", Action::kViewAudit},
    {"/admin/users", "Users", Action::kManageUsers},
    {"/admin/agencies", "Agencies", Action::kManageAgencies},
};

bool IsCurrent(std::string_view href, std::string_view path) {
  if (href == "/") return path == "/";
  return path == href || (path.starts_with(href) && path[href.size()] == '/');
}

}  // namespace

void SetErrors(ViewData& data, const FieldProblems& errors) {
  data.Set("has_errors", !errors.empty());
  std::vector<ViewData> list;
  for (const FieldProblem& error : errors) {
    list.push_back(ViewData().Set("field", error.field).Set("message", error.message));
  }
  data.Set("errors", std::move(list));
}

std::string ErrorFor(const FieldProblems& errors, std::string_view field) {
  for (const FieldProblem& error : errors) {
    if (error.field == field) return error.message;
  }
  return "";
}

FieldProblems ErrorsFor(const Status& status) {
  if (!status.problems().empty()) return status.problems();
  return {{"form", status.message()}};
}

bool IsFormProblem(const Status& status) { return ShownAgainAfter(status); }

std::vector<ViewData> Radios(std::string_view field, const std::vector<std::pair<std::string, std::string>>& choices,
                             const std::string& selected) {
  std::vector<ViewData> options;
  for (const auto& [value, label] : choices) {
    options.push_back(ViewData()
                          .Set("id", options.empty() ? std::string(field) : std::string(field) + "-" + value)
                          .Set("value", value)
                          .Set("label", label)
                          .Set("checked", value == selected));
  }
  return options;
}

std::string DateOfBirthText(Date date_of_birth, Date today, bool short_form) {
  const int age = AgeOn(date_of_birth, today);
  return fmt::format("{} (age {}{})", short_form ? FormatShortDate(date_of_birth) : FormatLongDate(date_of_birth), age,
                     age < 18 ? ", under 18" : "");
}

void DateInputProblem(const DateInput& input, std::string_view name, std::string_view label, bool required,
                      FieldProblems& errors) {
  if (input.empty()) {
    if (required) errors.push_back({fmt::format("{}-day", name), fmt::format("Enter {}", AsciiLower(label))});
    return;
  }
  if (!input.problem.empty()) {
    errors.push_back({fmt::format("{}-{}", name, input.problem_part), fmt::format("{} {}", label, input.problem)});
  }
}

std::string DateInputIso(const FormFields& form, std::string_view name, std::string_view label,
                         FieldProblems& input_errors) {
  const DateInput input = ReadDateInput(form, name);
  DateInputProblem(input, name, label, false, input_errors);
  return input.date ? FormatIsoDate(*input.date) : "";
}

std::string DateInputText(const FormFields& form, std::string_view name, std::string_view label,
                          FieldProblems& input_errors) {
  const DateInput input = ReadDateInput(form, name);
  DateInputProblem(input, name, label, false, input_errors);
  if (input.date) return FormatIsoDate(*input.date);
  return input.empty() ? "" : "unreadable";
}

FieldProblems OnDateInputs(FieldProblems errors, std::initializer_list<std::string_view> date_fields) {
  for (auto& error : errors) {
    if (std::find(date_fields.begin(), date_fields.end(), error.field) != date_fields.end()) error.field += "-day";
  }
  return errors;
}

ViewData DateInputView(std::string_view name, std::string_view label, std::string_view hint, const DateInput& input,
                       const FieldProblems& errors, bool birth) {
  ViewData view;
  view.Set("name", name).Set("label", label).Set("hint", hint).Set("birth", birth);
  view.Set("day", input.day).Set("month", input.month).Set("year", input.year);
  std::string error;
  for (std::string_view part : {"day", "month", "year"}) {
    const std::string message = ErrorFor(errors, fmt::format("{}-{}", name, part));
    // "Enter the date" highlights every part; a named part only itself.
    view.Set(fmt::format("error_{}", part), !message.empty() || (input.empty() && !ErrorFor(errors, fmt::format("{}-day", name)).empty()));
    if (error.empty()) error = message;
  }
  view.Set("error", error);
  return view;
}

HttpResponse RenderPage(const PageRequest& page, std::string_view title, std::string_view template_name,
                        ViewData data, int status, const FieldProblems& errors) {
  SetErrors(data, errors);
  ViewData layout;
  layout.Set("title", title);
  layout.Set("version", kVersion);
  layout.Set("has_errors", !errors.empty());
  if (page.session) {
    data.Set("csrf_token", page.session->csrf_token);
    ViewData user;
    user.Set("display_name", page.session->user.display_name);
    user.Set("csrf_token", page.session->csrf_token);
    std::vector<ViewData> navigation;
    for (const NavItem& item : kNavigation) {
      if (item.needs && !page.Can(*item.needs)) continue;
      navigation.push_back(ViewData()
                               .Set("href", item.href)
                               .Set("text", item.text)
                               .Set("current", IsCurrent(item.href, page.http.path)));
    }
    user.Set("navigation", std::move(navigation));
    layout.Set("user", std::move(user));
  }
  if (std::string back = data.Text("back_href"); !back.empty()) layout.Set("back_href", back);
  layout.Set("content", Render(template_name, data));
  return HttpResponse::Html(status, Render("layout", layout));
}

HttpResponse Redirect(std::string location, int status) {
  HttpResponse response = HttpResponse::Text(status, "");
  response.SetHeader("Location", std::move(location));
  return response;
}

HttpResponse ErrorPage(const PageRequest& page, int status, std::string reason) {
  ViewData data;
  std::vector<std::string> paragraphs;
  std::string heading;
  switch (status) {
    case 403:
      heading = "You do not have permission to see this";
      paragraphs = {"Your roles do not allow this. If you need it for your work, ask your OpenIOM administrator.",
                    reason.empty() ? "" : "Reason: " + reason + "."};
      break;
    case 404:
      heading = "Page not found";
      paragraphs = {"If you typed the web address, check it is correct.",
                    "If you followed a link to a person's record, the record may have been merged or removed."};
      break;
    case 400:
      heading = "The request was not valid";
      paragraphs = {"Go back and check what you entered."};
      break;
    case 409:
      heading = "This could not be done";
      paragraphs = {"The record is not in a state that allows it, for example it was already decided.",
                    "Go back, reload the page and check."};
      break;
    case 412:
      heading = "This record has changed since you opened it";
      paragraphs = {"Someone else saved a change meanwhile, so yours was not saved. Go back, reload the page and "
                    "make your change again."};
      break;
    case 413:
      heading = "The file is too large";
      paragraphs = {"Import files of this size from the command line with openiom import events."};
      break;
    case 503:
      heading = "Sorry, the service is busy";
      paragraphs = {"OpenIOM is busy, for example loading a large import. Try again in a minute.",
                    "Nothing you entered has been saved unless a page told you so."};
      break;
    default:
      heading = "Sorry, there is a problem with the service";
      paragraphs = {"Try again later. Nothing you entered has been saved unless a page told you so."};
  }
  std::vector<ViewData> list;
  for (const std::string& text : paragraphs) {
    if (!text.empty()) list.push_back(ViewData().Set("text", text));
  }
  data.Set("heading", heading);
  data.Set("paragraphs", std::move(list));
  HttpResponse response = RenderPage(page, heading, "error", std::move(data), status);
  if (status == 503) response.SetHeader("Retry-After", std::to_string(kRetryAfterSeconds));
  return response;
}

std::optional<HttpResponse> Refuse(PageRequest& page, Action action, ObjectKind object, std::string object_id) {
  const Status status = page.app.audit.Authorise(page.app.database, page.actor(), action, object, std::move(object_id));
  if (status.ok()) return std::nullopt;
  return StatusPage(page, status);
}

HttpResponse StatusPage(const PageRequest& page, const Status& status) {
  const int code = HttpStatusFor(status);
  switch (code) {
    case 503:
      // Says why (busy, too slow, unreachable) so an operator can tell a long import from an outage; storage's
      // messages for these name the step and the database's reason, never a record.
      spdlog::warn("{} {} answered 503: {}", page.http.method, page.http.path, status.message());
      return ErrorPage(page, 503);
    case 500:
      // The message may name records; the log gets the path and the code, not the message.
      spdlog::error("{} {} failed: {}", page.http.method, page.http.path, StatusCodeName(status.code()));
      return ErrorPage(page, 500);
    case 403: return ErrorPage(page, 403, status.message());
    default: return ErrorPage(page, code);
  }
}

std::string PersonPageOr(PersonId person_id, std::string_view path) {
  const std::string summary = "/people/" + std::to_string(person_id);
  const bool own_tab = path == summary || (path.starts_with(summary + "/") && path.find("//") == std::string_view::npos &&
                                           path.find_first_of("?#\\") == std::string_view::npos);
  return own_tab ? std::string(path) : summary;
}

HttpResponse PersonStatusPage(const PageRequest& page, PersonId person_id, Action action, const Status& status) {
  // Someone who may do `action` in general was refused for need-to-know alone: breaking the glass opens the record.
  // Anyone else gets the plain 403.
  if (status.code() != StatusCode::kPermissionDenied || !page.Can(action) || !page.Can(Action::kBreakGlass)) {
    return StatusPage(page, status);
  }
  ViewData data;
  data.Set("person_id", person_id).Set("reason", page.form.Get("reason"));
  data.Set("next", PersonPageOr(person_id, page.http.method == "GET" ? page.http.path : page.form.Get("next")));
  return RenderPage(page, "Your agency does not work with this person", "break_glass", std::move(data), 403);
}

std::string HrefWithFilters(std::string_view path, const FormFields& query) {
  std::string url = std::string(path) + "?";
  for (const auto& [name, value] : query.fields()) {
    if (name != "page") url += UrlEncode(name) + "=" + UrlEncode(value) + "&";
  }
  return url;
}

std::optional<ViewData> Pagination(const std::string& path, const FormFields& query, int page, int64_t total, int page_size) {
  const int64_t pages = std::max<int64_t>(1, (total + page_size - 1) / page_size);
  auto href = [&](int64_t target) { return HrefWithFilters(path, query) + "page=" + std::to_string(target); };
  if (pages <= 1) return std::nullopt;
  ViewData data;
  data.Set("page", static_cast<int64_t>(page)).Set("pages", pages);
  if (page > 1) data.Set("previous_href", href(page - 1));
  if (page < pages) data.Set("next_href", href(page + 1));
  // The GOV.UK pattern: the first and last pages, the current one and its neighbours, and an ellipsis for gaps.
  std::vector<ViewData> items;
  int64_t shown = 0;
  for (int64_t number = 1; number <= pages; ++number) {
    if (number != 1 && number != pages && (number < page - 1 || number > page + 1)) continue;
    if (shown && number > shown + 1) items.push_back(ViewData().Set("ellipsis", true));
    items.push_back(ViewData()
                        .Set("number", number)
                        .Set("href", href(number))
                        .Set("pages", pages)
                        .Set("current", number == page));
    shown = number;
  }
  data.Set("items", std::move(items));
  const int64_t first = std::min<int64_t>(total, int64_t{page - 1} * page_size + 1);
  data.Set("first", first).Set("last", std::min<int64_t>(total, int64_t{page} * page_size)).Set("total", total);
  return data;
}

std::string Plural(int64_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

}  // namespace openiom::web
