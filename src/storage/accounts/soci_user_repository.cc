#include <fmt/format.h>

#include "storage/soci_support.h"
#include "storage/accounts/user_repository.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kInsertUser =
    "INSERT INTO app_user (username, display_name, agency_id, password_hash, disabled, failed_sign_ins, "
    "password_changed_at, created_at, version) VALUES (:username, :display_name, :agency_id, :password_hash, 0, 0, "
    ":created_at, :created_at, 1) RETURNING id";
constexpr std::string_view kInsertRole = "INSERT INTO user_role (user_id, role) VALUES (:id, :role)";
constexpr std::string_view kDeleteRoles = "DELETE FROM user_role WHERE user_id = :id";
constexpr std::string_view kSelectUserColumns =
    "SELECT u.id, u.username, u.display_name, u.agency_id, a.name, a.kind, u.password_hash, u.disabled, "
    "u.failed_sign_ins, CAST(u.locked_until AS TEXT), CAST(u.password_changed_at AS TEXT), "
    "CAST(u.created_at AS TEXT), u.version FROM app_user u JOIN agency a ON a.id = u.agency_id ";
constexpr std::string_view kSelectRoles = "SELECT role FROM user_role WHERE user_id = :id ORDER BY role";
constexpr std::string_view kCountUsername = "SELECT COUNT(*) FROM app_user WHERE username = :username";
constexpr std::string_view kSetDisabled =
    "UPDATE app_user SET disabled = :disabled, version = version + 1 WHERE id = :id";
constexpr std::string_view kSetPassword =
    "UPDATE app_user SET password_hash = :hash, password_changed_at = :changed_at, failed_sign_ins = 0, "
    "locked_until = NULL, version = version + 1 WHERE id = :id";
constexpr std::string_view kClaimPasswordAttempt =
    "UPDATE app_user SET "
    "failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= :max THEN 0 ELSE failed_sign_ins + 1 END, "
    "locked_until = CASE WHEN failed_sign_ins + 1 >= :max THEN :lock_until ELSE locked_until END "
    "WHERE id = :id AND (locked_until IS NULL OR locked_until <= :now) "
    "RETURNING failed_sign_ins, CAST(locked_until AS TEXT)";
constexpr std::string_view kDeleteExpiredSessions =
    "DELETE FROM user_session WHERE last_seen_at < :idle_before OR created_at < :created_before";
constexpr std::string_view kSuccessfulSignIn =
    "UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = :id";
constexpr std::string_view kInsertSession =
    "INSERT INTO user_session (token_hash, user_id, kind, csrf_token, created_at, last_seen_at, client_address) "
    "VALUES (:token_hash, :user_id, :kind, :csrf_token, :created_at, :last_seen_at, :client_address)";
constexpr std::string_view kSelectSession =
    "SELECT id, user_id, kind, csrf_token, CAST(created_at AS TEXT), CAST(last_seen_at AS TEXT), client_address "
    "FROM user_session WHERE token_hash = :token_hash";
constexpr std::string_view kTouchSession = "UPDATE user_session SET last_seen_at = :last_seen_at WHERE id = :id";
constexpr std::string_view kDeleteSession = "DELETE FROM user_session WHERE id = :id";
constexpr std::string_view kDeleteSessionsOf = "DELETE FROM user_session WHERE user_id = :id AND id <> :keep";

class SociUserRepository final : public UserRepository {
 public:
  explicit SociUserRepository(soci::session& sql) : sql_(sql) {}

  Result<UserId> Create(const User& user, const std::string& password_hash) override {
    return Guard("creating a user", [&]() -> Result<UserId> {
      std::string username = user.username, display_name = user.display_name, hash = password_hash;
      int taken = 0;
      sql_ << kCountUsername, soci::use(username, "username"), soci::into(taken);
      if (taken) return Status::Conflict(fmt::format("a user called {} already exists", user.username));
      long long agency = user.agency_id, id = 0;
      std::string created_at = FormatIsoTimestamp(user.created_at);
      sql_ << kInsertUser, soci::use(username, "username"), soci::use(display_name, "display_name"),
          soci::use(agency, "agency_id"), soci::use(hash, "password_hash"), soci::use(created_at, "created_at"),
          soci::into(id);
      WriteRoles(id, user.roles);
      return UserId{id};
    });
  }

  Result<std::optional<StoredUser>> FindByUsername(const std::string& username) override {
    return Guard("reading a user", [&]() -> Result<std::optional<StoredUser>> {
      std::string bound = username;
      return ReadOne(std::string(kSelectUserColumns) + "WHERE u.username = :key", bound);
    });
  }

  Result<std::optional<StoredUser>> Get(UserId id) override {
    return Guard("reading a user", [&]() -> Result<std::optional<StoredUser>> {
      long long bound = id;
      return ReadOne(std::string(kSelectUserColumns) + "WHERE u.id = :key", bound);
    });
  }

  Result<std::vector<User>> List() override {
    return Guard("listing users", [&]() -> Result<std::vector<User>> {
      Row row;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string(kSelectUserColumns) + "ORDER BY u.username");
      row.Bind(st);
      st.define_and_bind();
      st.execute();
      std::vector<StoredUser> found;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(StoredUser user, row.ToUser());
        found.push_back(std::move(user));
      }
      std::vector<User> users;
      for (StoredUser& user : found) {
        user.user.roles = ReadRoles(user.user.id);
        users.push_back(std::move(user.user));
      }
      return users;
    });
  }

  Status SetDisabled(UserId id, bool disabled) override {
    return Guard("disabling a user", [&]() -> Status {
      long long bound = id;
      int flag = disabled ? 1 : 0;
      sql_ << kSetDisabled, soci::use(flag, "disabled"), soci::use(bound, "id");
      return Status::Ok();
    });
  }

  Status SetRoles(UserId id, const std::vector<Role>& roles) override {
    return Guard("setting roles", [&]() -> Status {
      long long bound = id;
      sql_ << kDeleteRoles, soci::use(bound, "id");
      WriteRoles(bound, roles);
      return Status::Ok();
    });
  }

  Status SetPassword(UserId id, const std::string& password_hash, Timestamp changed_at) override {
    return Guard("changing a password", [&]() -> Status {
      long long bound = id;
      std::string hash = password_hash, at = FormatIsoTimestamp(changed_at);
      sql_ << kSetPassword, soci::use(hash, "hash"), soci::use(at, "changed_at"), soci::use(bound, "id");
      return Status::Ok();
    });
  }

  Result<std::optional<PasswordAttempt>> ClaimPasswordAttempt(UserId id, int max_failures, Timestamp now,
                                                              Timestamp lock_until) override {
    return Guard("claiming a password attempt", [&]() -> Result<std::optional<PasswordAttempt>> {
      long long bound = id;
      std::string at = FormatIsoTimestamp(now), until = FormatIsoTimestamp(lock_until), locked;
      int failures = 0;
      soci::indicator locked_ind = soci::i_null;
      soci::statement claim = (sql_.prepare << kClaimPasswordAttempt, soci::use(max_failures, "max"),
                               soci::use(until, "lock_until"), soci::use(bound, "id"), soci::use(at, "now"),
                               soci::into(failures), soci::into(locked, locked_ind));
      if (!claim.execute(true)) return std::optional<PasswordAttempt>();
      PasswordAttempt attempt{.in_a_row = failures};
      if (locked_ind == soci::i_ok) {
        ASSIGN_OR_RETURN(Timestamp locked_at, TimestampFromColumn(locked, "app_user.locked_until"));
        attempt.locked_until = locked_at;
        attempt.in_a_row = max_failures;
      }
      return std::optional<PasswordAttempt>(attempt);
    });
  }

  Status DeleteExpiredSessions(Timestamp idle_before, Timestamp created_before) override {
    return Guard("ending expired sessions", [&]() -> Status {
      std::string idle = FormatIsoTimestamp(idle_before), created = FormatIsoTimestamp(created_before);
      sql_ << kDeleteExpiredSessions, soci::use(idle, "idle_before"), soci::use(created, "created_before");
      return Status::Ok();
    });
  }

  Status RecordSuccessfulSignIn(UserId id) override {
    return Guard("recording a sign-in", [&]() -> Status {
      long long bound = id;
      sql_ << kSuccessfulSignIn, soci::use(bound, "id");
      return Status::Ok();
    });
  }

  Status CreateSession(const UserSession& session) override {
    return Guard("creating a session", [&]() -> Status {
      std::string token_hash = session.token_hash, kind = session.kind, csrf = session.csrf_token,
                  created = FormatIsoTimestamp(session.created_at), seen = FormatIsoTimestamp(session.last_seen_at),
                  client = session.client_address;
      long long user = session.user_id;
      soci::indicator client_ind = NullIfEmpty(client);
      sql_ << kInsertSession, soci::use(token_hash, "token_hash"), soci::use(user, "user_id"), soci::use(kind, "kind"),
          soci::use(csrf, "csrf_token"), soci::use(created, "created_at"), soci::use(seen, "last_seen_at"),
          soci::use(client, client_ind, "client_address");
      return Status::Ok();
    });
  }

  Result<std::optional<UserSession>> FindSession(const std::string& token_hash) override {
    return Guard("reading a session", [&]() -> Result<std::optional<UserSession>> {
      std::string bound = token_hash, kind, csrf, created, seen, client;
      long long id = 0, user = 0;
      soci::indicator client_ind;
      sql_ << kSelectSession, soci::use(bound, "token_hash"), soci::into(id), soci::into(user), soci::into(kind),
          soci::into(csrf), soci::into(created), soci::into(seen), soci::into(client, client_ind);
      if (!sql_.got_data()) return std::optional<UserSession>();
      UserSession session{.id = id, .token_hash = token_hash, .user_id = user, .kind = kind, .csrf_token = csrf};
      ASSIGN_OR_RETURN(session.created_at, TimestampFromColumn(created, "user_session.created_at"));
      ASSIGN_OR_RETURN(session.last_seen_at, TimestampFromColumn(seen, "user_session.last_seen_at"));
      session.client_address = ValueOr(client, client_ind);
      return std::optional<UserSession>(std::move(session));
    });
  }

  Status TouchSession(int64_t session_id, Timestamp last_seen_at) override {
    return Guard("updating a session", [&]() -> Status {
      long long id = session_id;
      std::string seen = FormatIsoTimestamp(last_seen_at);
      sql_ << kTouchSession, soci::use(seen, "last_seen_at"), soci::use(id, "id");
      return Status::Ok();
    });
  }

  Status DeleteSession(int64_t session_id) override {
    return Guard("ending a session", [&]() -> Status {
      long long id = session_id;
      sql_ << kDeleteSession, soci::use(id, "id");
      return Status::Ok();
    });
  }

  Status DeleteSessionsOf(UserId user_id, std::optional<int64_t> keep) override {
    return Guard("ending sessions", [&]() -> Status {
      long long id = user_id, kept = keep.value_or(0);
      sql_ << kDeleteSessionsOf, soci::use(id, "id"), soci::use(kept, "keep");
      return Status::Ok();
    });
  }

 private:
  // The columns of kSelectUserColumns, bound for fetching.
  struct Row {
    long long id = 0, agency_id = 0;
    std::string username, display_name, agency_name, agency_kind, password_hash, locked_until, changed_at, created_at;
    int disabled = 0, failed = 0, version = 0;
    soci::indicator locked_ind = soci::i_null;

    void Bind(soci::statement& st) {
      st.exchange(soci::into(id));
      st.exchange(soci::into(username));
      st.exchange(soci::into(display_name));
      st.exchange(soci::into(agency_id));
      st.exchange(soci::into(agency_name));
      st.exchange(soci::into(agency_kind));
      st.exchange(soci::into(password_hash));
      st.exchange(soci::into(disabled));
      st.exchange(soci::into(failed));
      st.exchange(soci::into(locked_until, locked_ind));
      st.exchange(soci::into(changed_at));
      st.exchange(soci::into(created_at));
      st.exchange(soci::into(version));
    }

    Result<StoredUser> ToUser() const {
      StoredUser stored;
      User& user = stored.user;
      user.id = id;
      user.username = username;
      user.display_name = display_name;
      user.agency_id = agency_id;
      user.agency_name = agency_name;
      user.agency_kind = AgencyKindFromCode(agency_kind).value_or(AgencyKind::kVoluntary);
      user.disabled = disabled != 0;
      user.failed_sign_ins = failed;
      if (locked_ind == soci::i_ok) {
        ASSIGN_OR_RETURN(user.locked_until, TimestampFromColumn(locked_until, "app_user.locked_until"));
      }
      ASSIGN_OR_RETURN(user.password_changed_at, TimestampFromColumn(changed_at, "app_user.password_changed_at"));
      ASSIGN_OR_RETURN(user.created_at, TimestampFromColumn(created_at, "app_user.created_at"));
      user.version = version;
      stored.password_hash = password_hash;
      return stored;
    }
  };

  template <typename Key>
  Result<std::optional<StoredUser>> ReadOne(const std::string& query, Key& key) {
    Row row;
    soci::statement st(sql_);
    st.alloc();
    st.prepare(query);
    row.Bind(st);
    st.exchange(soci::use(key, "key"));
    st.define_and_bind();
    st.execute();
    if (!st.fetch()) return std::optional<StoredUser>();
    ASSIGN_OR_RETURN(StoredUser stored, row.ToUser());
    st.clean_up();
    stored.user.roles = ReadRoles(stored.user.id);
    return std::optional<StoredUser>(std::move(stored));
  }

  std::vector<Role> ReadRoles(long long id) {
    std::string code;
    soci::statement st = (sql_.prepare << kSelectRoles, soci::use(id, "id"), soci::into(code));
    st.execute();
    std::vector<Role> roles;
    while (st.fetch()) {
      if (auto role = RoleFromCode(code)) roles.push_back(*role);
    }
    return roles;
  }

  void WriteRoles(long long id, const std::vector<Role>& roles) {
    for (Role role : roles) {
      std::string code(RoleCode(role));
      sql_ << kInsertRole, soci::use(id, "id"), soci::use(code, "role");
    }
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<UserRepository> MakeRepository(RepositoryTag<UserRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociUserRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::UserRepository& openiom::Transaction::Get<openiom::UserRepository>();
