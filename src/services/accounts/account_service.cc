#include "services/accounts/account_service.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "services/access/use_case.h"
#include "services/accounts/credentials.h"
#include "storage/accounts/agency_repository.h"
#include "storage/access/access_repository.h"
#include "storage/transaction.h"
#include "storage/accounts/user_repository.h"

namespace openiom {
namespace {

constexpr std::string_view kSignIn = "sign_in";
constexpr std::string_view kSignOut = "sign_out";
constexpr std::string_view kChangePassword = "change_password";
// A session's last-seen time is written at most this often, so reading pages does not mean writing each time.
constexpr std::chrono::seconds kTouchInterval{60};

std::string_view KindCode(SessionKind kind) { return kind == SessionKind::kBrowser ? "browser" : "api"; }

Actor UnknownActor(const std::string& client_address) {
  return Actor{.username = "", .agency_name = "", .client_address = client_address};
}

}  // namespace

Result<AgencyId> AccountService::AddAgency(const Actor& actor, const Agency& agency) {
  AgencyId id = 0;
  const UseCase use_case{
      .actor = actor, .action = Action::kManageAgencies, .object = ObjectKind::kAgency, .object_id = agency.name};
  const auto check = [&] {
    return agency.name.empty() || agency.name.size() > 200 ? Status::Invalid("name", "must be 1 to 200 characters")
                                                           : Status::Ok();
  };
  RETURN_IF_ERROR(
      Audited(database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(id, transaction.Get<AgencyRepository>().Create(agency));
        entry.object_id = std::to_string(id);
        entry.detail = fmt::format("added {} ({})", agency.name, AgencyKindCode(agency.kind));
        return Status::Ok();
      }));
  return id;
}

Result<std::vector<Agency>> AccountService::ListAgencies(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kManageAgencies, ObjectKind::kAgency, ""));
  std::vector<Agency> agencies;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(agencies, transaction.Get<AgencyRepository>().List());
    return Status::Ok();
  }));
  return agencies;
}

bool RoleNeedsSecondAdministrator(Role role) { return role != Role::kAnalyst; }

Result<UserId> AccountService::AddUser(const Actor& actor, const NewUser& new_user, std::string_view password) {
  std::string hash;
  const auto check = [&]() -> Status {
    RETURN_IF_ERROR(ValidateUsername(new_user.username));
    if (new_user.roles.empty()) return Status::Invalid("role", "give at least one role");
    RETURN_IF_ERROR(CheckPasswordPolicy(password, new_user.username));
    ASSIGN_OR_RETURN(hash, HashPassword(password));  // slow on purpose: outside the transaction
    return Status::Ok();
  };
  // Separation of duties: an administrator who creates an account controls it (they chose its password), so the
  // roles that read people's records or the audit trail, or administer, wait for a second administrator. The
  // local operator (shell and database credentials) is trusted already.
  std::vector<Role> granted, pending;
  for (Role role : new_user.roles) {
    (actor.local_operator || !RoleNeedsSecondAdministrator(role) ? granted : pending).push_back(role);
  }
  UserId id = 0;
  const UseCase use_case{
      .actor = actor, .action = Action::kManageUsers, .object = ObjectKind::kUser, .object_id = new_user.username};
  RETURN_IF_ERROR(
      Audited(database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(std::optional<Agency> agency,
                         transaction.Get<AgencyRepository>().FindByName(new_user.agency_name));
        if (!agency) {
          return Status::Invalid("agency", fmt::format("there is no agency called '{}'", new_user.agency_name));
        }
        User user{.username = new_user.username,
                  .display_name = new_user.display_name.empty() ? new_user.username : new_user.display_name,
                  .agency_id = agency->id,
                  .roles = granted,
                  .created_at = clock_.Now()};
        ASSIGN_OR_RETURN(id, transaction.Get<UserRepository>().Create(user, hash));
        for (Role role : pending) {
          RETURN_IF_ERROR(transaction.Get<AccessRepository>()
                              .AddRoleRequest({.user_id = id,
                                               .role = role,
                                               .requested_by_id = actor.user_id,
                                               .requested_by = actor.username,
                                               .requested_at = clock_.Now()})
                              .status());
        }
        std::vector<std::string> granted_codes, pending_codes;
        for (Role role : granted) granted_codes.emplace_back(RoleCode(role));
        for (Role role : pending) pending_codes.emplace_back(RoleCode(role));
        entry.detail = fmt::format(
            "added in {} with roles {}{}", agency->name,
            granted_codes.empty() ? "none" : fmt::format("{}", fmt::join(granted_codes, ", ")),
            pending.empty() ? ""
                            : fmt::format("; waiting for a second administrator: {}", fmt::join(pending_codes, ", ")));
        return Status::Ok();
      }));
  return id;
}

Result<std::vector<RoleRequest>> AccountService::PendingRoleRequests(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kManageUsers, ObjectKind::kRoleRequest, ""));
  std::vector<RoleRequest> requests;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(requests, transaction.Get<AccessRepository>().PendingRoleRequests());
    return Status::Ok();
  }));
  return requests;
}

Status AccountService::DecideRoleRequest(const Actor& actor, int64_t request_id, bool approve) {
  const std::string object_id = std::to_string(request_id);
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kManageUsers, ObjectKind::kRoleRequest, object_id));
  std::string refusal;
  const Status status = database_.Write([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(RoleRequest request, transaction.Get<AccessRepository>().GetRoleRequest(request_id));
    if (request.status != RoleRequestStatus::kPending) {
      return Status::FailedPrecondition("this role request has already been decided");
    }
    if (!actor.local_operator && (request.requested_by_id == actor.user_id || request.user_id == actor.user_id)) {
      refusal = request.user_id == actor.user_id ? "an administrator may not approve a role for their own account"
                                                 : "a second administrator must approve a role you granted";
      return Status::PermissionDenied(refusal);
    }
    RETURN_IF_ERROR(transaction.Get<AccessRepository>().DecideRoleRequest(request_id,
                                                                          approve ? RoleRequestStatus::kApproved
                                                                                  : RoleRequestStatus::kRefused,
                                                                          actor.username, clock_.Now()));
    if (approve) {
      ASSIGN_OR_RETURN(std::optional<StoredUser> stored, transaction.Get<UserRepository>().Get(request.user_id));
      if (!stored) return Status::NotFound("the user no longer exists");
      std::vector<Role> roles = stored->user.roles;
      if (!stored->user.HasRole(request.role)) roles.push_back(request.role);
      RETURN_IF_ERROR(transaction.Get<UserRepository>().SetRoles(request.user_id, roles));
    }
    return audit_.Append(
        transaction, actor,
        {approve ? "approve_role" : "refuse_role", ObjectKind::kUser, request.username, AuditOutcome::kSuccess,
         fmt::format("{} for {}, granted by {}", RoleCode(request.role), request.username, request.requested_by)});
  });
  if (!refusal.empty()) {
    RETURN_IF_ERROR(audit_.AppendAlone(
        database_, actor, {"approve_role", ObjectKind::kRoleRequest, object_id, AuditOutcome::kDenied, refusal}));
  }
  return status;
}

Result<std::vector<User>> AccountService::ListUsers(const Actor& actor) {
  RETURN_IF_ERROR(audit_.Authorise(database_, actor, Action::kManageUsers, ObjectKind::kUser, ""));
  std::vector<User> users;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(users, transaction.Get<UserRepository>().List());
    return Status::Ok();
  }));
  return users;
}

Status AccountService::SetUserDisabled(const Actor& actor, std::string_view username, bool disabled) {
  const std::string name(username);
  const UseCase use_case{
      .actor = actor, .action = Action::kManageUsers, .object = ObjectKind::kUser, .object_id = name};
  return Audited(database_, audit_, use_case, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
    ASSIGN_OR_RETURN(std::optional<StoredUser> stored, transaction.Get<UserRepository>().FindByUsername(name));
    if (!stored) return Status::NotFound(fmt::format("there is no user called {}", name));
    RETURN_IF_ERROR(transaction.Get<UserRepository>().SetDisabled(stored->user.id, disabled));
    if (disabled) RETURN_IF_ERROR(transaction.Get<UserRepository>().DeleteSessionsOf(stored->user.id));
    entry.detail = disabled ? "disabled" : "enabled";
    return Status::Ok();
  });
}

Result<std::optional<PasswordAttempt>> AccountService::ClaimPasswordAttempt(const User& user) {
  std::optional<PasswordAttempt> attempt;
  RETURN_IF_ERROR(database_.Write([&](Transaction& transaction) -> Status {
    const Timestamp now = clock_.Now();
    ASSIGN_OR_RETURN(attempt, transaction.Get<UserRepository>().ClaimPasswordAttempt(user.id, kMaxFailedSignIns, now,
                                                                                     now + kLockoutPeriod));
    return Status::Ok();
  }));
  return attempt;
}

std::string AccountService::WrongPasswordDetail(const PasswordAttempt& attempt) {
  return attempt.locked_until ? fmt::format("wrong password; account locked for {} minutes", kLockoutPeriod.count())
                              : fmt::format("wrong password ({} in a row)", attempt.in_a_row);
}

Result<Session> AccountService::SignIn(std::string_view username, std::string_view password, SessionKind kind,
                                       const std::string& client_address) {
  const std::string name(username);
  std::optional<StoredUser> stored;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    // Usernames are stored in lower case; do not even look up something that cannot be one.
    if (!ValidateUsername(name).ok()) return Status::Ok();
    ASSIGN_OR_RETURN(stored, transaction.Get<UserRepository>().FindByUsername(name));
    return Status::Ok();
  }));
  auto refuse = [&](const Actor& actor, std::string detail) -> Status {
    RETURN_IF_ERROR(audit_.AppendAlone(
        database_, actor, {kSignIn, ObjectKind::kUser, actor.username, AuditOutcome::kFailure, std::move(detail)}));
    return Status::Unauthenticated(std::string(kSignInFailedMessage));
  };
  auto locked_detail = [](const User& user) {
    return fmt::format("account locked until {}", FormatIsoTimestamp(*user.locked_until));
  };
  if (!stored) {
    SpendPasswordCheckTime(password);
    // The attempted name is not recorded: people sometimes type their password into the username box.
    return refuse(UnknownActor(client_address), "unknown username");
  }
  const User& user = stored->user;
  const Actor actor = Actor::FromUser(user, client_address);
  if (user.disabled) {
    SpendPasswordCheckTime(password);
    return refuse(actor, "account disabled");
  }
  if (user.locked_until && *user.locked_until > clock_.Now()) {
    SpendPasswordCheckTime(password);
    return refuse(actor, locked_detail(user));
  }
  // The attempt is counted before the password is checked: parallel guesses each take a number, and those
  // after the lock are refused unchecked (the lock read above may be stale by now).
  ASSIGN_OR_RETURN(std::optional<PasswordAttempt> attempt, ClaimPasswordAttempt(user));
  if (!attempt) {
    SpendPasswordCheckTime(password);
    return refuse(actor, "account locked (attempts made at the same time)");
  }
  if (!VerifyPassword(stored->password_hash, password)) return refuse(actor, WrongPasswordDetail(*attempt));
  Session session{.token = NewToken(), .csrf_token = NewToken(), .user = user};
  bool locked_meanwhile = false;
  RETURN_IF_ERROR(database_.Write([&](Transaction& transaction) -> Status {
    // Checked again under the write lock: wrong guesses made while the password was being checked may have
    // locked the account (a lock this attempt's own claim set does not count: its password was right).
    ASSIGN_OR_RETURN(std::optional<StoredUser> now_stored, transaction.Get<UserRepository>().Get(user.id));
    const Timestamp now = clock_.Now();
    const std::optional<Timestamp>& lock = now_stored ? now_stored->user.locked_until : std::nullopt;
    const bool locked_by_others = lock && *lock > now && lock != attempt->locked_until;
    if (!now_stored || now_stored->user.disabled || locked_by_others) {
      locked_meanwhile = true;
      return Status::Ok();
    }
    RETURN_IF_ERROR(transaction.Get<UserRepository>().RecordSuccessfulSignIn(user.id));
    RETURN_IF_ERROR(transaction.Get<UserRepository>().DeleteExpiredSessions(now - kSessionIdleTimeout,
                                                                            now - kSessionAbsoluteTimeout));
    RETURN_IF_ERROR(transaction.Get<UserRepository>().CreateSession({.token_hash = TokenHash(session.token),
                                                                     .user_id = user.id,
                                                                     .kind = std::string(KindCode(kind)),
                                                                     .csrf_token = session.csrf_token,
                                                                     .created_at = now,
                                                                     .last_seen_at = now,
                                                                     .client_address = client_address}));
    return audit_.Append(
        transaction, actor,
        {kSignIn, ObjectKind::kUser, user.username, AuditOutcome::kSuccess, std::string(KindCode(kind))});
  }));
  if (locked_meanwhile) return refuse(actor, "account locked or disabled while signing in");
  return session;
}

Result<AuthenticatedSession> AccountService::Authenticate(std::string_view token, SessionKind kind,
                                                          const std::string& client_address) {
  if (token.empty()) return Status::Unauthenticated("not signed in");
  const Timestamp now = clock_.Now();
  const std::string token_hash = TokenHash(token);
  std::optional<UserSession> session;
  std::optional<StoredUser> stored;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(session, transaction.Get<UserRepository>().FindSession(token_hash));
    if (session) {
      ASSIGN_OR_RETURN(stored, transaction.Get<UserRepository>().Get(session->user_id));
    }
    return Status::Ok();
  }));
  if (!session || session->kind != KindCode(kind) || !stored) return Status::Unauthenticated("not signed in");
  const bool expired = now - session->last_seen_at >= kSessionIdleTimeout ||
                       now - session->created_at >= kSessionAbsoluteTimeout || stored->user.disabled;
  if (expired) {
    RETURN_IF_ERROR(database_.Write(
        [&](Transaction& transaction) { return transaction.Get<UserRepository>().DeleteSession(session->id); }));
    return Status::Unauthenticated("the session has ended; sign in again");
  }
  if (now - session->last_seen_at >= kTouchInterval) {
    RETURN_IF_ERROR(database_.Write(
        [&](Transaction& transaction) { return transaction.Get<UserRepository>().TouchSession(session->id, now); }));
  }
  return AuthenticatedSession{.actor = Actor::FromUser(stored->user, client_address),
                              .user = stored->user,
                              .session_id = session->id,
                              .csrf_token = session->csrf_token};
}

Status AccountService::SignOut(const AuthenticatedSession& session) {
  return database_.Write([&](Transaction& transaction) -> Status {
    RETURN_IF_ERROR(transaction.Get<UserRepository>().DeleteSession(session.session_id));
    return audit_.Append(transaction, session.actor,
                         {kSignOut, ObjectKind::kUser, session.user.username, AuditOutcome::kSuccess, ""});
  });
}

Status AccountService::ChangePassword(const AuthenticatedSession& session, std::string_view current_password,
                                      std::string_view new_password) {
  std::optional<StoredUser> stored;
  RETURN_IF_ERROR(database_.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(stored, transaction.Get<UserRepository>().Get(session.user.id));
    return Status::Ok();
  }));
  if (!stored) return Status::Unauthenticated("not signed in");
  // Counts towards the lockout: a stolen session must not allow unlimited guesses at the password.
  ASSIGN_OR_RETURN(std::optional<PasswordAttempt> attempt, ClaimPasswordAttempt(stored->user));
  if (!attempt) return Status::Unauthenticated("your account is locked after too many wrong passwords; try later");
  if (!VerifyPassword(stored->password_hash, current_password)) {
    RETURN_IF_ERROR(audit_.AppendAlone(database_, session.actor,
                                       {kChangePassword, ObjectKind::kUser, stored->user.username,
                                        AuditOutcome::kFailure, WrongPasswordDetail(*attempt)}));
    return Status::Invalid("current_password", "is not your current password");
  }
  // The right current password clears the claimed attempt whatever happens to the new one.
  RETURN_IF_ERROR(database_.Write([&](Transaction& transaction) {
    return transaction.Get<UserRepository>().RecordSuccessfulSignIn(session.user.id);
  }));
  RETURN_IF_ERROR(CheckPasswordPolicy(new_password, session.user.username));
  if (VerifyPassword(stored->password_hash, new_password)) {
    return Status::Invalid("new_password", "must differ from the current password");
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  return database_.Write([&](Transaction& transaction) -> Status {
    RETURN_IF_ERROR(transaction.Get<UserRepository>().SetPassword(session.user.id, hash, clock_.Now()));
    RETURN_IF_ERROR(transaction.Get<UserRepository>().DeleteSessionsOf(session.user.id, session.session_id));
    return audit_.Append(
        transaction, session.actor,
        {kChangePassword, ObjectKind::kUser, session.user.username, AuditOutcome::kSuccess, "other sessions ended"});
  });
}

}  // namespace openiom
