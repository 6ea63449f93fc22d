// Small string helpers used across layers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openiom {

// Removes ASCII spaces and tabs at both ends.
std::string_view Trim(std::string_view text);
std::string AsciiLower(std::string_view text);
std::string AsciiUpper(std::string_view text);
// Joins with `separator`.
std::string Join(const std::vector<std::string>& parts, std::string_view separator);
// Parses a whole string as a signed 64-bit integer; nullopt if anything else is present.
std::optional<int64_t> ParseInt64(std::string_view text);
// Parses a whole string as a finite decimal number; nullopt otherwise.
std::optional<double> ParseDouble(std::string_view text);

// The non-empty lines of `text` (split at '\n').
std::vector<std::string> SplitLines(std::string_view text);

}  // namespace openiom
