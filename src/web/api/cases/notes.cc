// The case notes API: a person's notes, each with its text or restricted, and adding one.
#include <boost/json.hpp>
#include <fmt/format.h>

#include "web/api/api_support.h"

namespace openiom::web {
namespace {

namespace json = boost::json;

// A note the caller may not read is exactly {"id","sensitivity","agency","created_at","restricted":true}: the view
// holds nothing more to send. A readable one adds its text and author.
json::object NoteJson(const NoteView& note) {
  json::object out{{"id", note.id()},
                   {"sensitivity", CodeOf(note.sensitivity())},
                   {"agency", note.agency()},
                   {"created_at", FormatIsoTimestamp(note.created_at())},
                   {"restricted", note.restricted()}};
  if (!note.restricted()) {
    out["text"] = *note.text();
    out["author"] = *note.author();
  }
  return out;
}

HttpResponse NotesGet(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto read = request.app.notes.List(request.actor(), *id);
  if (!read.ok()) return StatusResponse(read.status());
  json::array items;
  for (const NoteView& note : read->notes) items.push_back(NoteJson(note));
  return JsonResponse(200, json::object{{"items", std::move(items)}});
}

HttpResponse NotesPost(ApiRequest& request) {
  const std::optional<PersonId> id = request.http.IdParam();
  if (!id) return JsonError(404, "not_found", "no such person");
  auto body = JsonBody(request);
  if (!body.ok()) return StatusResponse(body.status());
  // Who wrote the note and for which agency are the caller's: a body that names them is refused, not obeyed.
  FieldProblems spoofed;
  for (const char* field : {"author", "agency", "created_at", "id"}) {
    if (body->contains(field)) spoofed.push_back({field, "is set from the signed-in user and may not be given"});
  }
  if (!spoofed.empty()) return JsonError(400, "invalid_argument", "the note is not valid", spoofed);
  // A note's text must be a string: a number sent as text would be stored as typed, which nobody meant.
  if (const json::value* text = body->if_contains("text"); text != nullptr && !text->is_string()) {
    return JsonError(400, "invalid_argument", "the note is not valid", {{"text", "must be a string"}});
  }
  auto added = request.app.notes.Add(request.actor(), *id, Text(*body, "text"), Text(*body, "sensitivity"));
  if (!added.ok()) return StatusResponse(added.status());
  HttpResponse response = JsonResponse(201, NoteJson(*added));
  response.SetHeader("Location", fmt::format("/api/v1/people/{}/notes", *id));
  return response;
}

constexpr ApiRoute kRoutes[] = {
    {"GET", "/api/v1/people/{id}/notes", NotesGet},
    {"POST", "/api/v1/people/{id}/notes", NotesPost},
};

}  // namespace

std::span<const ApiRoute> CaseNotesApi() { return kRoutes; }

}  // namespace openiom::web
