// Users and agencies (administration), signing in and out, sessions and passwords.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/accounts/account.h"
#include "domain/accounts/agency.h"
#include "services/access/access_policy.h"
#include "services/audit/audit_trail.h"
#include "storage/access/access_repository.h"
#include "storage/database.h"
#include "storage/accounts/user_repository.h"

namespace openiom {

inline constexpr std::chrono::minutes kSessionIdleTimeout{30};
inline constexpr std::chrono::hours kSessionAbsoluteTimeout{12};
inline constexpr int kMaxFailedSignIns = 5;
inline constexpr std::chrono::minutes kLockoutPeriod{15};
// The one message for every failed sign-in, so it never reveals whether a username exists.
inline constexpr std::string_view kSignInFailedMessage = "Enter a correct username and password";

// Analysts see pseudonymised figures only; every other role needs a second administrator's approval.
bool RoleNeedsSecondAdministrator(Role role);

enum class SessionKind { kBrowser, kApi };

struct NewUser {
  std::string username;
  std::string display_name;
  std::string agency_name;
  std::vector<Role> roles;
};

struct Session {
  std::string token;       // give to the client once; only its hash is stored
  std::string csrf_token;  // browser sessions: must accompany every form that changes anything
  User user;
};

struct AuthenticatedSession {
  Actor actor;
  User user;
  int64_t session_id = 0;
  std::string csrf_token;
};

class AccountService {
 public:
  AccountService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // Administration (Action::kManageAgencies / kManageUsers).
  Result<AgencyId> AddAgency(const Actor& actor, const Agency& agency);
  Result<std::vector<Agency>> ListAgencies(const Actor& actor);
  // InvalidArgument for a bad username, unknown agency, no roles, or a password that breaks the policy;
  // Conflict when the username is taken.
  // Roles that read personal data or administer (practitioner, manager, auditor, admin) given by an administrator
  // are not granted at once: each waits as a role request for a second administrator (RoleNeedsSecondAdministrator).
  // The local operator grants every role at once.
  Result<UserId> AddUser(const Actor& actor, const NewUser& user, std::string_view password);
  Result<std::vector<User>> ListUsers(const Actor& actor);
  // Action::kManageUsers: role requests waiting for a second administrator.
  Result<std::vector<RoleRequest>> PendingRoleRequests(const Actor& actor);
  // Approves (grants the role) or refuses a pending request. PermissionDenied (audited) when the actor made the
  // request or it is for their own account; FailedPrecondition when it was decided meanwhile; NotFound.
  Status DecideRoleRequest(const Actor& actor, int64_t request_id, bool approve);
  // Disabling also ends the user's sessions.
  Status SetUserDisabled(const Actor& actor, std::string_view username, bool disabled);

  // Unauthenticated(kSignInFailedMessage) for an unknown user, a wrong password, a disabled or a locked
  // account. Five failures in a row lock the account for 15 minutes. Every attempt is audited.
  Result<Session> SignIn(std::string_view username, std::string_view password, SessionKind kind,
                         const std::string& client_address);
  // The session behind a token: Unauthenticated if unknown, of another kind, idle for 30 minutes, older than
  // 12 hours, or its user is disabled (the session is then deleted).
  Result<AuthenticatedSession> Authenticate(std::string_view token, SessionKind kind,
                                            const std::string& client_address);
  Status SignOut(const AuthenticatedSession& session);
  // Checks the current password (a wrong one counts towards the lockout) and the policy; ends the user's other
  // sessions.
  Status ChangePassword(const AuthenticatedSession& session, std::string_view current_password,
                        std::string_view new_password);

 private:
  // Counts a wrong password towards the lockout and records it, in one transaction.
  // One committed claim per password check (see UserRepository::ClaimPasswordAttempt).
  Result<std::optional<PasswordAttempt>> ClaimPasswordAttempt(const User& user);
  static std::string WrongPasswordDetail(const PasswordAttempt& attempt);

  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
