// The fixture the HTTP suites share: a migrated test database holding the agencies and users a suite names,
// `openiom serve` on it, and the requests its tests make (API calls with a token, signed-in browser sessions).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/http_client.h"
#include "support/openiom_server.h"
#include "support/test_database.h"

namespace openiom::testing {

// Every test user's password.
inline constexpr std::string_view kPassword = "correct horse battery";

struct TestAgency {
  std::string name;
  std::string kind;  // as `openiom agency add --kind` takes it
};

struct TestUser {
  std::string username;
  std::string agency;             // a TestAgency's name
  std::string role;               // as `openiom user add --role` takes it
  std::string display_name = {};  // empty: the one openiom gives by default
};

// One database and one server for all the tests of a suite. gtest runs the suites one after another, so the state
// is static and each suite replaces it: its SetUpTestSuite calls SetUpSite, imports what its tests read, then calls
// StartServer; the TearDownTestSuite it inherits stops the server and drops the database. A suite whose tests need
// a database each does the same from the test and calls TearDownTestSuite from TearDown.
class HttpFixture : public ::testing::Test {
 protected:
  // A fresh migrated database (the backend OPENIOM_TEST_DB selects) with `agencies`, then `users` with kPassword,
  // added by the local operator so that every role is granted at once. Each user costs a password hash (~90 ms):
  // name only those the suite's tests sign in as. Failures are fatal (ASSERT_NO_FATAL_FAILURE stops the caller).
  static void SetUpSite(const std::vector<TestAgency>& agencies, const std::vector<TestUser>& users);
  // Starts `openiom serve extra_args...` on the database and sets port_; a fatal failure if it does not start.
  // REQUIRES: SetUpSite, and no server started since.
  static void StartServer(std::vector<std::string> extra_args = {});
  static void TearDownTestSuite();

  // Runs `openiom args... --db` on the database to completion, with `input` on standard input.
  static ProcessResult Openiom(std::vector<std::string> args, const std::string& input = "");
  // Sends a request to the server, bearing `token` unless it is empty, with `body` (if any) as `content_type`.
  static HttpReply Call(const std::string& method, const std::string& target, const std::string& token,
                        const std::string& body = "", std::vector<std::pair<std::string, std::string>> headers = {},
                        const std::string& content_type = "application/json");
  // An API token for `username` signed in with kPassword; "" and a test failure if the sign-in is refused.
  static std::string Token(const std::string& username);
  // A browser session signed in through the form as `username` with kPassword; a test failure if it is refused.
  // Tests of the sign-in itself call WebSession::SignIn.
  static WebSession SignedIn(const std::string& username);
  // The id of the one person whose name matches `surname`, as `reader` (who must see everyone, e.g. a police officer)
  // finds them through the API; "0" and a test failure unless exactly one matches.
  static std::string PersonId(const std::string& surname, const std::string& reader = "officer");
  // How many entries the audit trail holds, as `openiom audit verify` counts them.
  static int64_t AuditEntries();

  static inline TestDatabase* database_ = nullptr;
  static inline OpeniomServer* server_ = nullptr;
  static inline int port_ = 0;
};

}  // namespace openiom::testing
