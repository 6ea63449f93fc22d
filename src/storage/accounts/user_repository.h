// Users, their roles, and their sessions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/accounts/account.h"

namespace openiom {

struct StoredUser {
  User user;
  std::string password_hash;  // argon2id string from libsodium
};

struct UserSession {
  int64_t id = 0;
  std::string token_hash;  // SHA-256 of the bearer token or cookie value; the token itself is never stored
  UserId user_id = 0;
  std::string kind;        // "browser" or "api"
  std::string csrf_token;  // for browser sessions
  Timestamp created_at{};
  Timestamp last_seen_at{};
  std::string client_address;
};

// One claimed password attempt: its number in the current run of failures (1..max) and whether claiming it locked
// the account (the max-th attempt).
struct PasswordAttempt {
  int in_a_row = 0;
  std::optional<Timestamp> locked_until;  // set when this claim locked the account
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // Conflict when the username is taken. Returns the new id.
  virtual Result<UserId> Create(const User& user, const std::string& password_hash) = 0;
  // nullopt when there is no such user. Includes the agency's name and kind.
  virtual Result<std::optional<StoredUser>> FindByUsername(const std::string& username) = 0;
  virtual Result<std::optional<StoredUser>> Get(UserId id) = 0;
  // All users by username.
  virtual Result<std::vector<User>> List() = 0;

  virtual Status SetDisabled(UserId id, bool disabled) = 0;
  // Replaces the roles.
  virtual Status SetRoles(UserId id, const std::vector<Role>& roles) = 0;
  virtual Status SetPassword(UserId id, const std::string& password_hash, Timestamp changed_at) = 0;
  // Claims one password attempt before the password is checked, in a single statement, so that concurrent
  // attempts cannot all pass a "not locked" check read earlier: each claim counts as a failure (cleared by
  // RecordSuccessfulSignIn) and the claim that reaches `max_failures` locks the account until `lock_until` and
  // restarts the count. nullopt when the account is locked at `now` (or does not exist): refuse unchecked.
  virtual Result<std::optional<PasswordAttempt>> ClaimPasswordAttempt(UserId id, int max_failures, Timestamp now,
                                                                      Timestamp lock_until) = 0;
  // Clears the failure count and any lock.
  virtual Status RecordSuccessfulSignIn(UserId id) = 0;

  virtual Status CreateSession(const UserSession& session) = 0;
  virtual Result<std::optional<UserSession>> FindSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(int64_t session_id, Timestamp last_seen_at) = 0;
  virtual Status DeleteSession(int64_t session_id) = 0;
  // Deletes sessions idle since before `idle_before` or created before `created_before`.
  virtual Status DeleteExpiredSessions(Timestamp idle_before, Timestamp created_before) = 0;
  // Ends every session of a user (disabled, or password changed), except `keep` if given.
  virtual Status DeleteSessionsOf(UserId id, std::optional<int64_t> keep = std::nullopt) = 0;
};

}  // namespace openiom
