// The imports area's page: uploading an events file.
#pragma once

#include "web/app.h"

namespace openiom::web {

HttpResponse ImportGet(PageRequest& page);
HttpResponse ImportPost(PageRequest& page);

}  // namespace openiom::web
