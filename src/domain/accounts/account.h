// People who use OpenIOM: their roles, usernames and the password policy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/accounts/agency.h"
#include "domain/vocabulary.h"

namespace openiom {

using UserId = int64_t;

// What a user may do is decided by services/access_policy from these roles and the user's agency.
enum class Role { kPractitioner, kManager, kAnalyst, kAuditor, kAdmin };
inline constexpr Term<Role> kRoleTerms[] = {
    {Role::kPractitioner, "practitioner", "Practitioner"},
    {Role::kManager, "manager", "Manager"},
    {Role::kAnalyst, "analyst", "Analyst"},
    {Role::kAuditor, "auditor", "Auditor"},
    {Role::kAdmin, "admin", "Administrator"},
};
constexpr const auto& TermsOf(Role) { return kRoleTerms; }
static_assert(InEnumOrder(kRoleTerms));
inline constexpr auto kAllRoles = All<Role>();
inline std::string_view RoleCode(Role role) { return CodeOf(role); }
inline std::string_view RoleLabel(Role role) { return LabelOf(role); }

// A role granted by one administrator waits for a second one (see AccountService::DecideRoleRequest).
enum class RoleRequestStatus { kPending, kApproved, kRefused };
inline constexpr Term<RoleRequestStatus> kRoleRequestStatusTerms[] = {
    {RoleRequestStatus::kPending, "pending", "Waiting for approval"},
    {RoleRequestStatus::kApproved, "approved", "Approved"},
    {RoleRequestStatus::kRefused, "refused", "Refused"},
};
constexpr const auto& TermsOf(RoleRequestStatus) { return kRoleRequestStatusTerms; }
static_assert(InEnumOrder(kRoleRequestStatusTerms));
inline std::optional<Role> RoleFromCode(std::string_view code) { return Parse<Role>(code); }

struct User {
  UserId id = 0;
  std::string username;  // lower case
  std::string display_name;
  AgencyId agency_id = 0;
  std::string agency_name;
  AgencyKind agency_kind = AgencyKind::kPolice;
  std::vector<Role> roles;
  bool disabled = false;
  int failed_sign_ins = 0;               // consecutive, since the last successful sign-in
  std::optional<Timestamp> locked_until;  // after too many failures
  Timestamp password_changed_at{};
  Timestamp created_at{};
  int version = 0;

  bool HasRole(Role role) const;
};

// 3 to 64 characters: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.
Status ValidateUsername(std::string_view username);

inline constexpr size_t kMinPasswordLength = 12;   // characters, not bytes (NCSC: length beats complexity)
inline constexpr size_t kMaxPasswordLength = 256;

// A password must have at least 12 characters (Unicode code points), at most 256, be valid UTF-8, not be one
// of the common passwords in data/reference/common_passwords.txt (ignoring case) and not contain the
// username. InvalidArgument says which rule failed, never echoing the password.
Status CheckPasswordPolicy(std::string_view password, std::string_view username);

}  // namespace openiom
