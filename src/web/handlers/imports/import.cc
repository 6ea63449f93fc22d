// Importing an events CSV from the browser.
#include <sstream>

#include <fmt/format.h>

#include "common/strings.h"
#include "services/event_import_service.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr size_t kShownErrors = 200;

// Keeps the first problems to show on the page, and counts the rest.
class PageImportObserver final : public ImportObserver {
 public:
  void OnRejectedRow(std::string_view, int64_t, const std::vector<RowError>& errors,
                     const std::vector<std::string>&) override {
    for (const RowError& error : errors) {
      if (shown.size() < kShownErrors) {
        shown.push_back(error);
      } else {
        ++more;
      }
    }
  }
  std::vector<RowError> shown;
  int64_t more = 0;
};

HttpResponse ImportPage(PageRequest& page, ViewData data, const FieldErrors& errors, int status) {
  data.Set("source", page.form.Get("source").empty() ? "events-csv" : page.form.Get("source"));
  data.Set("accept_good_rows", page.form.Get("accept_good_rows") == "yes");
  data.Set("file_error", ErrorFor(errors, "file"));
  return RenderPage(page, "Import events", "import", std::move(data), status, errors);
}

}  // namespace

HttpResponse ImportGet(PageRequest& page) {
  if (auto refused = Refuse(page, Action::kImportEvents, "file", "")) return *refused;
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
    if (report.status().code() == StatusCode::kInvalidArgument) {
      return ImportPage(page, ViewData(), {{"file", "The file could not be imported: " + report.status().message()}},
                        400);
    }
    return StatusPage(page, report.status());
  }
  ViewData data;
  std::vector<ViewData> rows;
  for (const RowError& error : observer.shown) {
    rows.push_back(ViewData().Set("line", error.line).Set("column", error.column).Set("reason", error.reason));
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
