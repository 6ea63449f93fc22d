// The home area's pages.
#include "web/handlers/home/home.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr PageRoute kPages[] = {
    {"GET", "/", HomeGet},
};

}  // namespace

std::span<const PageRoute> HomePages() { return kPages; }

}  // namespace openiom::web
