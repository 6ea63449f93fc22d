// The cases area's pages (managing each person: custody and Through-the-Gate so far).
#pragma once

#include "web/app.h"

namespace openiom::web {

// /people/{id}/custody: the Custody tab of a person's record: episodes, countdown, checklist.
HttpResponse CustodyGet(PageRequest& page);
// /people/{id}/custody/new: the form to record a custody episode, and its post.
HttpResponse CustodyNewGet(PageRequest& page);
HttpResponse CustodyNewPost(PageRequest& page);
// /people/{id}/custody/{episode}/edit: the form to change an episode (release, recall, dates), and its post.
HttpResponse CustodyEditGet(PageRequest& page);
HttpResponse CustodyEditPost(PageRequest& page);
// /people/{id}/custody/{episode}/checklist/{item}: the form to mark a checklist item done or not applicable.
HttpResponse ChecklistItemGet(PageRequest& page);
HttpResponse ChecklistItemPost(PageRequest& page);
// /releases and /releases.csv: releases in the next 28 days, for the prison liaison.
HttpResponse ReleasesGet(PageRequest& page);
HttpResponse ReleasesCsvGet(PageRequest& page);

}  // namespace openiom::web
