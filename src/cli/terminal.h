#pragma once

#include <string>
#include <string_view>

namespace openiom::cli {

// Makes text safe to print on a terminal: control characters (C0 except tab, DEL, and the C1 range
// U+0080-U+009F, which can start escape sequences) become "\xNN"; everything else is kept.
std::string ForTerminal(std::string_view text);

}  // namespace openiom::cli
