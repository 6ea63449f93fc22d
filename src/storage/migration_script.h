// Migration scripts are plain SQL shared by both backends. This turns one into the statements to execute.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace openiom {

// Splits `script` into statements: a ';' at the end of a line ends a statement; blank lines and lines starting
// with "--" are dropped. {{ID}} becomes the backend's auto-increment primary key column type, {{BYTES}} its
// byte-order collation.
std::vector<std::string> MigrationStatements(std::string_view script, Backend backend);

}  // namespace openiom
