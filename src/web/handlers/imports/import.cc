// Importing an events CSV from the browser.
#include <algorithm>
#include <span>
#include <sstream>

#include <fmt/format.h>

#include "common/strings.h"
#include "services/imports/event_import_service.h"
#include "web/handlers/imports/imports.h"

namespace openiom::web {
namespace {

constexpr size_t kShownErrors = 200;
// A wrong header can have 28 problems; the page names this many and puts the full list in a details element.
constexpr size_t kFirstHeaderProblems = 3;

// Keeps the first problems to show on the page, and counts the rest.
class PageImportObserver final : public ImportObserver {
 public:
  void OnRejectedRow(std::string_view, int64_t, const FieldProblems& errors,
                     const std::vector<std::string>&) override {
    for (const FieldProblem& error : errors) {
      if (shown.size() < kShownErrors) {
        shown.push_back(error);
      } else {
        ++more;
      }
    }
  }
  void OnHeaderRejected(std::string_view, const std::vector<std::string>& problems) override {
    header_problems = problems;
  }
  FieldProblems shown;
  int64_t more = 0;
  std::vector<std::string> header_problems;
};

std::vector<ViewData> TextList(std::span<const std::string> texts) {
  std::vector<ViewData> list;
  for (const std::string& text : texts) list.push_back(ViewData().Set("text", text));
  return list;
}

HttpResponse ImportPage(PageRequest& page, ViewData data, const FieldProblems& errors, int status) {
  data.Set("source", page.form.Get("source").empty() ? "events-csv" : page.form.Get("source"));
  data.Set("accept_good_rows", page.form.Get("accept_good_rows") == "yes");
  data.Set("file_error", ErrorFor(errors, "file"));
  return RenderPage(page, "Import events", "import", std::move(data), status, errors);
}

// The summary and the field say how many problems the header has, briefly; the page lists the first few once,
// with all of them behind a details element, so a long list cannot fill the summary or widen the page.
HttpResponse HeaderRejectedPage(PageRequest& page, const std::vector<std::string>& problems) {
  const size_t count = problems.size();
  const std::string message = count == 1
                                  ? "The file's header line has a problem: " + problems.front()
                                  : fmt::format("The file's header line has {} problems with its columns", count);
  ViewData header;
  header.Set("heading",
             Plural(static_cast<int64_t>(count), "problem with the header line", "problems with the header line"));
  header.Set("first", TextList(std::span(problems).first(std::min(count, kFirstHeaderProblems))));
  if (count > kFirstHeaderProblems) {
    header.Set("all", ViewData().Set("count", static_cast<int64_t>(count)).Set("problems", TextList(problems)));
  }
  return ImportPage(page, ViewData().Set("header", std::move(header)), {{"file", message}}, 400);
}

}  // namespace

HttpResponse ImportGet(PageRequest& page) {
  if (auto refused = Refuse(page, Action::kImportEvents, ObjectKind::kFile, "")) return *refused;
  return ImportPage(page, ViewData(), {}, 200);
}

HttpResponse ImportPost(PageRequest& page) {
  if (!page.multipart || page.multipart->files.empty() || page.multipart->files.front().content.empty()) {
    return ImportPage(page, ViewData(), {{"file", "Choose a CSV file to import"}}, 400);
  }
  const UploadedFile& file = page.multipart->files.front();
  std::string source(Trim(page.form.Get("source")));
  if (source.empty()) source = "events-csv";
  std::istringstream input(file.content);
  PageImportObserver observer;
  const EventImportOptions options{.source_system = source,
                                   .file_name = file.file_name.empty() ? "upload.csv" : file.file_name,
                                   .accept_good_rows = page.form.Get("accept_good_rows") == "yes"};
  auto report = ImportEvents(page.app.database, page.app.audit, page.actor(), input, options, page.app.clock, observer);
  if (!report.ok()) {
    if (report.status().code() == StatusCode::kInvalidArgument && !observer.header_problems.empty()) {
      return HeaderRejectedPage(page, observer.header_problems);
    }
    // A bad file, or (SQLite) records the file was matched against changed meanwhile: either way the person
    // importing can act on the message, and nothing was written.
    if (report.status().code() == StatusCode::kInvalidArgument || report.status().code() == StatusCode::kConflict) {
      return ImportPage(page, ViewData(), {{"file", "The file could not be imported: " + report.status().message()}},
                        HttpStatusFor(report.status()));
    }
    return StatusPage(page, report.status());
  }
  ViewData data;
  std::vector<ViewData> rows;
  for (const FieldProblem& error : observer.shown) {
    rows.push_back(ViewData().Set("line", error.line).Set("column", error.field).Set("reason", error.message));
  }
  if (!rows.empty()) {
    data.Set("rejected", true);
    data.Set("rejected_heading", Plural(report->rows_rejected, "row was not imported", "rows were not imported"));
    data.Set("row_errors", std::move(rows));
    if (observer.more > 0) data.Set("more_errors", observer.more);
  }
  if (report->outcome == ImportOutcome::kRejected) {
    return ImportPage(page, std::move(data), {{"file", RejectionMessage(*report) + ". Correct the rows listed below, "
                                                      "or import only the valid rows."}},
                      400);
  }
  data.Set("result", ViewData()
                         .Set("title", report->outcome == ImportOutcome::kLoaded ? "Import complete"
                                                                                 : "Import complete, with rows left out")
                         .Set("summary", fmt::format("{} read: {} added, {} already present, {} rejected. {} created.",
                                                     Plural(report->rows_read, "row", "rows"),
                                                     Plural(report->events_added, "event", "events"),
                                                     report->events_already_present, report->rows_rejected,
                                                     Plural(report->people_created, "person", "people"))));
  return ImportPage(page, std::move(data), {}, 200);
}

}  // namespace openiom::web
