#include "domain/accounts/account.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"

namespace openiom {
namespace reference {
extern const std::string_view kCommonPasswordsTxt;
}

namespace {

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> kPasswords = [] {
    std::unordered_set<std::string> passwords;
    std::string_view text = reference::kCommonPasswordsTxt;
    while (!text.empty()) {
      const size_t eol = text.find('\n');
      const std::string_view line = Trim(text.substr(0, eol));
      text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
      if (!line.empty() && line.front() != '#') passwords.insert(AsciiLower(line));
    }
    return passwords;
  }();
  return kPasswords;
}

size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

bool User::HasRole(Role role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

Status ValidateUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 64) {
    return Status::Invalid("username", "must be 3 to 64 characters");
  }
  auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'; };
  if (!std::all_of(username.begin(), username.end(), allowed)) {
    return Status::Invalid("username", "may contain only lower-case letters, digits, '.', '_' and '-'");
  }
  if (username.front() == '.' || username.front() == '_' || username.front() == '-') {
    return Status::Invalid("username", "must start with a letter or a digit");
  }
  return Status::Ok();
}

Status CheckPasswordPolicy(std::string_view password, std::string_view username) {
  if (!IsValidUtf8(password)) return Status::Invalid("password", "is not valid UTF-8 text");
  const size_t length = CodePoints(password);
  if (length < kMinPasswordLength) {
    return Status::Invalid("password", fmt::format("must be at least {} characters", kMinPasswordLength));
  }
  if (length > kMaxPasswordLength) {
    return Status::Invalid("password", fmt::format("must be at most {} characters", kMaxPasswordLength));
  }
  const std::string lower = AsciiLower(password);
  if (CommonPasswords().contains(lower)) {
    return Status::Invalid("password", "is too common; choose another (three random words work well)");
  }
  if (!username.empty() && lower.find(AsciiLower(username)) != std::string::npos) {
    return Status::Invalid("password", "must not contain the username");
  }
  return Status::Ok();
}

}  // namespace openiom
