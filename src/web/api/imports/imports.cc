// The imports API: an events CSV posted as text/csv, loaded as `openiom import events` would.
#include <sstream>

#include <boost/json.hpp>

#include "services/imports/event_import_service.h"
#include "web/api/api_support.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

constexpr size_t kMaxImportErrors = 1000;

// Collects rejected rows for the response, up to a limit.
class CollectingObserver final : public ImportObserver {
 public:
  void OnRejectedRow(std::string_view, int64_t, const FieldProblems& errors, const std::vector<std::string>&) override {
    for (const FieldProblem& error : errors) {
      if (kept.size() < kMaxImportErrors) kept.push_back(error);
    }
  }
  FieldProblems kept;
};

HttpResponse ImportsPost(ApiRequest& request) {
  const std::string_view type = request.http.Header("content-type");
  if (!type.starts_with("text/csv")) return JsonError(415, "unsupported_media_type", "send the file as text/csv");
  std::istringstream input(request.http.body);
  CollectingObserver observer;
  const std::string source = request.query.Get("source").empty() ? "events-csv" : request.query.Get("source");
  const EventImportOptions options{
      .source_system = source,
      .file_name = request.query.Get("file_name").empty() ? "api upload" : request.query.Get("file_name"),
      .accept_good_rows = request.query.Get("accept_good_rows") == "true"};
  auto report = ImportEvents(request.app.database, request.app.audit, request.actor(), input, options,
                             request.app.clock, observer);
  if (!report.ok()) return StatusResponse(report.status());
  json::object body{
      {"outcome", ImportOutcomeCode(report->outcome)}, {"rows_read", report->rows_read},
      {"events_added", report->events_added},          {"events_already_present", report->events_already_present},
      {"rows_rejected", report->rows_rejected},        {"people_created", report->people_created},
      {"errors", ProblemsJson(observer.kept)}};
  if (report->outcome == ImportOutcome::kRejected) {
    return JsonError(422, "rows_rejected", RejectionMessage(*report), observer.kept);
  }
  return JsonResponse(200, body);
}

constexpr ApiRoute kRoutes[] = {
    {"POST", "/api/v1/imports", ImportsPost},
};

}  // namespace

std::span<const ApiRoute> ImportsApi() {
  return kRoutes;
}

}  // namespace openiom::web
