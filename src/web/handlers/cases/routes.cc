// The cases area's pages.
#include "web/handlers/cases/cases.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr PageRoute kPages[] = {
    {"GET", "/people/{id}/notes", NotesGet},
    {"POST", "/people/{id}/notes", NotesPost},
    {"GET", "/people/{id}/notes.csv", NotesCsvGet},
};

}  // namespace

std::span<const PageRoute> CasesPages() { return kPages; }

}  // namespace openiom::web
