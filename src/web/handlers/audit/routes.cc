// The audit area's pages.
#include "web/handlers/audit/audit.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr PageRoute kPages[] = {
    {"GET", "/audit", AuditGet},
    {"GET", "/audit.csv", AuditCsvGet},
};

}  // namespace

std::span<const PageRoute> AuditPages() { return kPages; }

}  // namespace openiom::web
