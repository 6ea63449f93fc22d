// The audit area's pages: the audit trail, filtered, and its CSV.
#pragma once

#include "web/app.h"

namespace openiom::web {

HttpResponse AuditGet(PageRequest& page);
HttpResponse AuditCsvGet(PageRequest& page);

}  // namespace openiom::web
