// The imports area's pages.
#include "web/handlers/imports/imports.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr PageRoute kPages[] = {
    {"GET", "/import", ImportGet},
    {"POST", "/import", ImportPost},
};

}  // namespace

std::span<const PageRoute> ImportsPages() { return kPages; }

}  // namespace openiom::web
