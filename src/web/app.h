// Internal to web/: what every handler needs — the services, the request's session, and page helpers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "services/access/access_policy.h"
#include "services/services.h"
#include "web/forms.h"
#include "web/http.h"
#include "web/status_http.h"
#include "web/views.h"

namespace openiom::web {

struct WebOptions {
  std::string static_dir;       // GOV.UK and MoJ Frontend assets, served at /assets/
  bool secure_cookies = false;  // mark cookies Secure (when served over HTTPS, e.g. behind nginx)
};

// The services, built once for the life of the server, and the web app's options.
struct App : Services {
  App(Database& database, const Clock& clock, WebOptions options)
      : Services(database, clock), options(std::move(options)) {}

  WebOptions options;
};

inline constexpr std::string_view kSessionCookie = "openiom_session";
inline constexpr std::string_view kSignInCsrfCookie = "openiom_signin";

// One request to a page, with the signed-in user's session when there is one.
struct PageRequest {
  HttpRequest& http;
  App& app;
  std::optional<AuthenticatedSession> session;
  FormFields query;  // the query string
  FormFields form;   // the fields of a posted form (urlencoded or multipart)
  std::optional<MultipartForm> multipart;  // a multipart post, with its files

  const Actor& actor() const { return session->actor; }
  bool Can(Action action) const { return session && Decide(session->actor, action).allowed; }
};


// The layout around a rendered template: header with the user and sign-out, navigation for their roles,
// the error summary's data. (Every signed-in response is marked no-store where pages are routed, web_app.cc.)
HttpResponse RenderPage(const PageRequest& page, std::string_view title, std::string_view template_name,
                        ViewData data, int status = 200, const FieldProblems& errors = {});
// Sets the error summary fields of `data` (has_errors, errors[{field, message}]).
void SetErrors(ViewData& data, const FieldProblems& errors);
// The message for `field` in `errors`, or "".
std::string ErrorFor(const FieldProblems& errors, std::string_view field);
// A failed service's field problems as the form's error summary; a failure with none (a stale version, a record
// already decided) becomes a message against the form as a whole (field "form").
FieldProblems ErrorsFor(const Status& status);
// Failures shown on the form itself, with HttpStatusFor's status, rather than on an error page: those after which
// the services show a form again (ShownAgainAfter: bad input, a conflict, a failed precondition, a stale version).
bool IsFormProblem(const Status& status);

// GOV.UK radio options, {id, value, label, checked}; the first input's id is the field's name, so the error
// summary's link lands on it.
std::vector<ViewData> Radios(std::string_view field, const std::vector<std::pair<std::string, std::string>>& choices,
                             const std::string& selected);
// Every value of a vocabulary (domain/vocabulary.h) as {code, label}, for Radios.
template <typename E>
std::vector<std::pair<std::string, std::string>> Choices() {
  std::vector<std::pair<std::string, std::string>> choices;
  for (E value : All<E>()) choices.emplace_back(CodeOf(value), LabelOf(value));
  return choices;
}

// "10 June 2011 (age 15, under 18)": a date of birth with the age on `today`, under-18s flagged because youth
// justice rules apply to them.
std::string DateOfBirthText(Date date_of_birth, Date today, bool short_form = false);

// GOV.UK date inputs (partial_date_input). DateInputProblem adds "NAME-PART" -> "LABEL must include a month"
// (or "Enter LABEL" when `required` and empty) to `errors`; DateInputView gives the partial's data, with the
// error shown on the fieldset and the part that is wrong highlighted. `birth` adds the bday autocomplete hints.
void DateInputProblem(const DateInput& input, std::string_view name, std::string_view label, bool required,
                      FieldProblems& errors);
// The ISO text ("2026-11-30", what the services take) of the date input `name`, "" when it is empty or cannot be
// read, in which case its own problem goes into `input_errors`.
std::string DateInputIso(const FormFields& form, std::string_view name, std::string_view label,
                         FieldProblems& input_errors);
// Like DateInputIso, but a date typed that cannot be read is passed on as "unreadable" rather than "", so that the
// service refuses it too (never reading it as "no date" or "today") while checking every other field: the form then
// shows all its problems at once (FormErrors keeps the input's own message for that date).
std::string DateInputText(const FormFields& form, std::string_view name, std::string_view label,
                          FieldProblems& input_errors);
// A service's problem on a date field ("panel_date") shown on the date input's first part ("panel_date-day").
FieldProblems OnDateInputs(FieldProblems errors, std::initializer_list<std::string_view> date_fields);
ViewData DateInputView(std::string_view name, std::string_view label, std::string_view hint, const DateInput& input,
                       const FieldProblems& errors, bool birth = false);

// A redirect to a path on this site: 303 See Other after a form post, 302 Found to send someone to sign in.
HttpResponse Redirect(std::string location, int status = 303);

// The 400, 403, 404, 409, 412, 413, 500 and 503 pages (503 with Retry-After).
HttpResponse ErrorPage(const PageRequest& page, int status, std::string reason = "");
// The 403 page (with the refusal recorded in the audit trail) when the user may not do `action`; nullopt
// when they may. For pages that show a form before any service is called.
std::optional<HttpResponse> Refuse(PageRequest& page, Action action, ObjectKind object, std::string object_id);
// A service's failure as its error page, with HttpStatusFor's status (web/status_http.h): 503 (busy or unreachable
// database) logged with its cause, 500 logged with the code only (the message may name records).
HttpResponse StatusPage(const PageRequest& page, const Status& status);

// For a failure to do `action` on person `person_id`: the break-glass form (403) when the user may do the action in
// general and was refused for need-to-know alone, StatusPage otherwise.
HttpResponse PersonStatusPage(const PageRequest& page, PersonId person_id, Action action, const Status& status);
// `path` when it is one of this person's pages ("/people/7/history"), otherwise the person's summary: where to go
// after breaking the glass, never somewhere a crafted form could name.
std::string PersonPageOr(PersonId person_id, std::string_view path);

// A pagination block for the pagination partial (nullopt when there is only one page): links keep the current
// query and change `page`; `items` are the GOV.UK page numbers (first, last, current and its neighbours, with
// ellipses between).
// `path` with the query's fields except "page", ready for more: "/audit.csv?user=x&" (a download of the same
// filtered list, or a link to another page of it).
std::string HrefWithFilters(std::string_view path, const FormFields& query);

std::optional<ViewData> Pagination(const std::string& path, const FormFields& query, int page, int64_t total, int page_size);

// "1 person" / "3 people".
std::string Plural(int64_t count, std::string_view one, std::string_view many);

}  // namespace openiom::web
