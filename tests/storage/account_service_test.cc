// Accounts, sign-in, sessions and lockout against a real database (both backends), with a hand-moved clock.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "services/accounts/account_service.h"
#include "storage/accounts/agency_repository.h"
#include "storage/audit/audit_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kPassword = "correct horse battery";
constexpr std::string_view kAddress = "192.0.2.10";

class AccountServiceTest : public ::testing::Test {
 protected:
  AccountServiceTest()
      : database_(test_database_.OpenMigrated()),
        clock_(*ParseIsoTimestamp("2026-11-23T09:00:00Z")),
        audit_(clock_),
        accounts_(*database_, audit_, clock_) {
    EXPECT_TRUE(accounts_.AddAgency(operator_, {0, "Cleveland Police", AgencyKind::kPolice}).ok());
    EXPECT_TRUE(accounts_.AddUser(operator_, {"jsmith", "Jo Smith", "Cleveland Police", {Role::kPractitioner}},
                                  kPassword)
                    .ok());
  }

  std::vector<AuditEntry> Audit() {
    std::vector<AuditEntry> entries;
    EXPECT_TRUE(database_->Read([&](Transaction& tx) {
      return tx.Get<AuditRepository>().ForEach([&](const AuditEntry& entry) {
        entries.push_back(entry);
        return true;
      });
    }).ok());
    return entries;
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  ManualClock clock_;
  AuditTrail audit_;
  AccountService accounts_;
  const Actor operator_ = Actor::LocalOperator("test");
};

TEST_F(AccountServiceTest, SignInCreatesASessionThatAuthenticates) {
  auto session = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, std::string(kAddress));
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->user.username, "jsmith");
  EXPECT_NE(session->token, session->csrf_token);
  auto authenticated = accounts_.Authenticate(session->token, SessionKind::kBrowser, std::string(kAddress));
  ASSERT_TRUE(authenticated.ok()) << authenticated.status().ToString();
  EXPECT_EQ(authenticated->actor.username, "jsmith");
  EXPECT_EQ(authenticated->actor.agency_name, "Cleveland Police");
  EXPECT_EQ(authenticated->csrf_token, session->csrf_token);
  // A browser session is not an API token, and vice versa.
  EXPECT_EQ(accounts_.Authenticate(session->token, SessionKind::kApi, "").status().code(),
            StatusCode::kUnauthenticated);
  const AuditEntry last = Audit().back();
  EXPECT_EQ(last.action, "sign_in");
  EXPECT_EQ(last.username, "jsmith");
  EXPECT_EQ(last.outcome, AuditOutcome::kSuccess);
  EXPECT_EQ(last.client_address, kAddress);
}

TEST_F(AccountServiceTest, FailuresGiveOneMessageWhetherOrNotTheUserExists) {
  for (auto [username, password] : std::vector<std::pair<std::string, std::string>>{
           {"jsmith", "wrong password here"}, {"nobody", std::string(kPassword)}, {"Not A Username!", "x"}}) {
    auto session = accounts_.SignIn(username, password, SessionKind::kBrowser, std::string(kAddress));
    ASSERT_FALSE(session.ok());
    EXPECT_EQ(session.status().code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(session.status().message(), kSignInFailedMessage) << username;
  }
  const std::vector<AuditEntry> entries = Audit();
  ASSERT_GE(entries.size(), 3u);
  EXPECT_EQ(entries[entries.size() - 3].detail, "wrong password (1 in a row)");
  EXPECT_EQ(entries[entries.size() - 2].detail, "unknown username");
  EXPECT_EQ(entries[entries.size() - 2].username, "") << "an unknown name might be a mistyped password";
  for (size_t index = entries.size() - 3; index < entries.size(); ++index) {
    EXPECT_EQ(entries[index].outcome, AuditOutcome::kFailure);
  }
}

TEST_F(AccountServiceTest, FiveFailuresLockTheAccountForFifteenMinutes) {
  for (int attempt = 1; attempt <= kMaxFailedSignIns; ++attempt) {
    EXPECT_FALSE(accounts_.SignIn("jsmith", "not the password", SessionKind::kBrowser, "").ok());
  }
  // Locked: even the right password fails, with the same message.
  auto locked = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.status().message(), kSignInFailedMessage);
  EXPECT_NE(Audit().back().detail.find("account locked until 2026-11-23T09:15:00Z"), std::string::npos);
  clock_.Advance(14min + 59s);
  EXPECT_FALSE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok());
  clock_.Advance(1s);
  EXPECT_TRUE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok());
}

TEST_F(AccountServiceTest, ConcurrentGuessesStillLockTheAccount) {
  // Each guess reads the account, spends ~0.1 s checking the password, then counts the failure: counted one
  // by one in the database, eight parallel guesses cannot all see "no failures yet".
  std::unique_ptr<Database> shared = test_database_.Open(8);
  AccountService accounts(*shared, audit_, clock_);
  std::vector<std::thread> guessers;
  for (int guess = 0; guess < 8; ++guess) {
    guessers.emplace_back([&] { EXPECT_FALSE(accounts.SignIn("jsmith", "a wrong guess here", SessionKind::kApi, "").ok()); });
  }
  for (std::thread& guesser : guessers) guesser.join();
  EXPECT_FALSE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok()) << "locked";
}

// Regression (issue 8, defect 7): 16 parallel wrong passwords gave 8 password checks before the lock, and two
// audit entries both said "1 in a row". Each attempt now claims its number before the check.
TEST_F(AccountServiceTest, ParallelGuessesGetAtMostFivePasswordChecksEachNumbered) {
  std::unique_ptr<Database> shared = test_database_.Open(8);
  AccountService accounts(*shared, audit_, clock_);
  std::vector<std::thread> guessers;
  for (int guess = 0; guess < 16; ++guess) {
    guessers.emplace_back([&] { EXPECT_FALSE(accounts.SignIn("jsmith", "a wrong guess here", SessionKind::kApi, "").ok()); });
  }
  for (std::thread& guesser : guessers) guesser.join();
  std::multiset<std::string> checked;  // the audit detail of every attempt whose password was checked
  int refused_unchecked = 0;
  for (const AuditEntry& entry : Audit()) {
    if (entry.action != "sign_in") continue;
    if (entry.detail.starts_with("wrong password")) checked.insert(entry.detail);
    if (entry.detail.starts_with("account locked")) ++refused_unchecked;
  }
  const std::multiset<std::string> expected = {"wrong password (1 in a row)", "wrong password (2 in a row)",
                                               "wrong password (3 in a row)", "wrong password (4 in a row)",
                                               "wrong password; account locked for 15 minutes"};
  EXPECT_EQ(checked, expected);
  EXPECT_EQ(refused_unchecked, 11);
  EXPECT_FALSE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok()) << "locked";
}

TEST_F(AccountServiceTest, TheFifthAttemptStillSignsInWhenItsPasswordIsRight) {
  for (int attempt = 1; attempt < kMaxFailedSignIns; ++attempt) {
    EXPECT_FALSE(accounts_.SignIn("jsmith", "not the password", SessionKind::kBrowser, "").ok());
  }
  EXPECT_TRUE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok());
  EXPECT_FALSE(accounts_.SignIn("jsmith", "not the password", SessionKind::kBrowser, "").ok());
  EXPECT_TRUE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok()) << "the lock was lifted";
}

TEST_F(AccountServiceTest, WrongCurrentPasswordsCountTowardsTheLockout) {
  auto session = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "");
  ASSERT_TRUE(session.ok());
  auto current = accounts_.Authenticate(session->token, SessionKind::kBrowser, "");
  ASSERT_TRUE(current.ok());
  for (int guess = 0; guess < kMaxFailedSignIns; ++guess) {
    EXPECT_FALSE(accounts_.ChangePassword(*current, "a wrong guess here", "a brand new passphrase").ok());
  }
  EXPECT_FALSE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok()) << "locked";
}

TEST_F(AccountServiceTest, ASuccessResetsTheFailureCount) {
  for (int attempt = 1; attempt < kMaxFailedSignIns; ++attempt) {
    EXPECT_FALSE(accounts_.SignIn("jsmith", "not the password", SessionKind::kBrowser, "").ok());
  }
  EXPECT_TRUE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok());
  EXPECT_FALSE(accounts_.SignIn("jsmith", "not the password", SessionKind::kBrowser, "").ok());
  EXPECT_TRUE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok()) << "not locked";
}

TEST_F(AccountServiceTest, SessionsEndAfterThirtyIdleMinutesOrTwelveHours) {
  auto session = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "");
  ASSERT_TRUE(session.ok());
  clock_.Advance(29min);
  ASSERT_TRUE(accounts_.Authenticate(session->token, SessionKind::kBrowser, "").ok());
  clock_.Advance(29min);  // active within 30 minutes of the last request
  ASSERT_TRUE(accounts_.Authenticate(session->token, SessionKind::kBrowser, "").ok());
  clock_.Advance(30min);
  EXPECT_EQ(accounts_.Authenticate(session->token, SessionKind::kBrowser, "").status().code(),
            StatusCode::kUnauthenticated);

  auto busy = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "");
  ASSERT_TRUE(busy.ok());
  for (int step = 0; step < 11 * 4; ++step) {  // 11 hours of requests every 15 minutes
    clock_.Advance(15min);
    ASSERT_TRUE(accounts_.Authenticate(busy->token, SessionKind::kBrowser, "").ok()) << step;
  }
  clock_.Advance(59min);
  EXPECT_TRUE(accounts_.Authenticate(busy->token, SessionKind::kBrowser, "").status().code() ==
              StatusCode::kUnauthenticated)
      << "12 hours after signing in, however active";
}

TEST_F(AccountServiceTest, SignOutEndsTheSession) {
  auto session = accounts_.SignIn("jsmith", kPassword, SessionKind::kApi, "");
  ASSERT_TRUE(session.ok());
  auto authenticated = accounts_.Authenticate(session->token, SessionKind::kApi, "");
  ASSERT_TRUE(authenticated.ok());
  ASSERT_TRUE(accounts_.SignOut(*authenticated).ok());
  EXPECT_FALSE(accounts_.Authenticate(session->token, SessionKind::kApi, "").ok());
  EXPECT_EQ(Audit().back().action, "sign_out");
}

TEST_F(AccountServiceTest, DisablingAUserEndsTheirSessionsAndStopsSignIn) {
  auto session = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(accounts_.SetUserDisabled(operator_, "jsmith", true).ok());
  EXPECT_FALSE(accounts_.Authenticate(session->token, SessionKind::kBrowser, "").ok());
  auto again = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "");
  EXPECT_EQ(again.status().message(), kSignInFailedMessage);
  ASSERT_TRUE(accounts_.SetUserDisabled(operator_, "jsmith", false).ok());
  EXPECT_TRUE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok());
}

TEST_F(AccountServiceTest, ChangingThePasswordEndsOtherSessions) {
  auto first = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "");
  auto second = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "");
  ASSERT_TRUE(first.ok() && second.ok());
  auto current = accounts_.Authenticate(first->token, SessionKind::kBrowser, "");
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(accounts_.ChangePassword(*current, "wrong current one", "a brand new passphrase").message(),
            "current_password: is not your current password");
  EXPECT_EQ(accounts_.ChangePassword(*current, kPassword, "short").message(),
            "password: must be at least 12 characters");
  ASSERT_TRUE(accounts_.ChangePassword(*current, kPassword, "a brand new passphrase").ok());
  EXPECT_TRUE(accounts_.Authenticate(first->token, SessionKind::kBrowser, "").ok());
  EXPECT_FALSE(accounts_.Authenticate(second->token, SessionKind::kBrowser, "").ok());
  EXPECT_FALSE(accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "").ok());
  EXPECT_TRUE(accounts_.SignIn("jsmith", "a brand new passphrase", SessionKind::kBrowser, "").ok());
}

TEST_F(AccountServiceTest, AddUserValidatesEverything) {
  struct Case {
    NewUser user;
    std::string password;
    StatusCode code;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"Bad Name", "", "Cleveland Police", {Role::kAnalyst}}, "long enough password", StatusCode::kInvalidArgument,
            "username: may contain only"},
           {{"new.user", "", "No Such Agency", {Role::kAnalyst}}, "long enough password", StatusCode::kInvalidArgument,
            "agency: there is no agency called 'No Such Agency'"},
           {{"new.user", "", "Cleveland Police", {}}, "long enough password", StatusCode::kInvalidArgument,
            "role: give at least one role"},
           {{"new.user", "", "Cleveland Police", {Role::kAnalyst}}, "password1234", StatusCode::kInvalidArgument,
            "password: is too common"},
           {{"jsmith", "", "Cleveland Police", {Role::kAnalyst}}, "long enough password", StatusCode::kConflict,
            "a user called jsmith already exists"},
       }) {
    const auto result = accounts_.AddUser(operator_, c.user, c.password);
    EXPECT_EQ(result.status().code(), c.code) << c.message;
    EXPECT_NE(result.status().message().find(c.message), std::string::npos) << result.status().message();
  }
}

TEST_F(AccountServiceTest, OnlyAdministratorsManageUsers) {
  auto session = accounts_.SignIn("jsmith", kPassword, SessionKind::kBrowser, "");
  ASSERT_TRUE(session.ok());
  const Actor practitioner = Actor::FromUser(session->user, "");
  EXPECT_EQ(accounts_.ListUsers(practitioner).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(accounts_.AddUser(practitioner, {"x.y", "", "Cleveland Police", {Role::kAdmin}}, "long enough password")
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  const AuditEntry last = Audit().back();
  EXPECT_EQ(last.outcome, AuditOutcome::kDenied);
  EXPECT_EQ(last.action, "manage_users");
  EXPECT_EQ(last.username, "jsmith");
}

}  // namespace
}  // namespace openiom
