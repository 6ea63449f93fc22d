// The cases area's pages: the work with a person recorded on their record.
#pragma once

#include "web/app.h"

namespace openiom::web {

// Case notes (issue 10): /people/{id}/notes lists the person's notes, newest first, each note the user may not read
// shown only as "Restricted: ...", with the form to add one; /people/{id}/notes.csv downloads the same list, as
// withheld.
HttpResponse NotesGet(PageRequest& page);
HttpResponse NotesCsvGet(PageRequest& page);
HttpResponse NotesPost(PageRequest& page);

}  // namespace openiom::web
