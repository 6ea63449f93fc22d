// The web pages' security behaviours, from outside: a real `openiom serve`, real sessions, real forms.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <regex>

#include "support/http_client.h"
#include "support/openiom_server.h"
#include "support/test_database.h"

namespace openiom {
namespace {

using testing::CookieJar;
using testing::HttpReply;
using testing::HttpRequest;
using testing::ProcessResult;

constexpr std::string_view kPassword = "correct horse battery";
constexpr std::string_view kFormType = "application/x-www-form-urlencoded";

std::string Field(const std::string& html, const std::string& name) { return testing::FormField(html, name); }

class WebSecurityTest : public ::testing::Test {
 protected:
  static ProcessResult Openiom(std::vector<std::string> args, const std::string& input = "") {
    return testing::RunOpeniom(OPENIOM_BINARY, database_->url(), std::move(args), input);
  }

  static void SetUpTestSuite() {
    database_ = new testing::TestDatabase();
    database_->OpenMigrated();
    ASSERT_EQ(Openiom({"agency", "add", "--name", "Cleveland Police", "--kind", "police"}).exit_code, 0);
    ASSERT_EQ(Openiom({"agency", "add", "--name", "Stockton Council", "--kind", "council"}).exit_code, 0);
    for (auto [user, agency, role] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"officer", "Cleveland Police", "practitioner"},
             {"locky", "Cleveland Police", "practitioner"},
             {"analyst", "Stockton Council", "analyst"},
             {"auditor", "Cleveland Police", "auditor"},
             {"admin", "Stockton Council", "admin"}}) {
      const ProcessResult added = Openiom({"user", "add", "--username", user, "--agency", agency, "--role", role,
                                           "--password-stdin"},
                                          std::string(kPassword) + "\n");
      ASSERT_EQ(added.exit_code, 0) << added.err;
    }
    const std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "X1,,<script>alert(1)</script>,\"Eve \"\"the\"\" <b>bold</b>\",1990-01-02,F,arrest,2026-01-05,shoplifting,,"
        "charged,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    server_ = new testing::OpeniomServer(OPENIOM_BINARY, database_->url());
    port_ = server_->port();
    ASSERT_NE(port_, 0) << "the server did not start";
  }

  static void TearDownTestSuite() {
    delete server_;
    delete database_;
  }

  static HttpReply Get(CookieJar& jar, const std::string& target) {
    HttpReply reply = HttpRequest(port_, "GET", target, {{"Cookie", jar.Header()}});
    jar.Update(reply);
    return reply;
  }

  static HttpReply Post(CookieJar& jar, const std::string& target, const std::string& body,
                        std::string content_type = std::string(kFormType)) {
    HttpReply reply = HttpRequest(port_, "POST", target, {{"Cookie", jar.Header()}, {"Content-Type", content_type}}, body);
    jar.Update(reply);
    return reply;
  }

  // Signs in through the form, as a browser does; returns the reply to the form post.
  static HttpReply SignIn(CookieJar& jar, const std::string& username, std::string_view password,
                          const std::string& next = "/") {
    const HttpReply form = Get(jar, "/sign-in");
    const std::string token = Field(form.body, "signin_token");
    return Post(jar, "/sign-in",
                "username=" + username + "&password=" + std::string(password) + "&signin_token=" + token +
                    "&next=" + next);
  }

  // The CSRF token of the signed-in session, as every form carries it.
  static std::string CsrfToken(CookieJar& jar) { return Field(Get(jar, "/account").body, "csrf_token"); }

  static int64_t AuditEntries() {
    const ProcessResult verify = Openiom({"audit", "verify"});
    std::smatch match;
    std::regex_search(verify.out, match, std::regex(R"((\d+) entries)"));
    return std::stoll(match[1]);
  }

  static int64_t PeopleCount() {
    const ProcessResult list = Openiom({"people", "list", "--format", "json", "--limit", "10000"});
    return static_cast<int64_t>(boost::json::parse(list.out).as_array().size());
  }

  static inline testing::TestDatabase* database_ = nullptr;
  static inline testing::OpeniomServer* server_ = nullptr;
  static inline int port_ = 0;
};

TEST_F(WebSecurityTest, PagesNeedASignedInUser) {
  CookieJar jar;
  for (const char* path : {"/", "/people", "/people/1", "/import", "/audit", "/admin/users", "/account"}) {
    const HttpReply reply = Get(jar, path);
    EXPECT_EQ(reply.status, 302) << path;
    EXPECT_EQ(reply.Header("location").substr(0, 14), "/sign-in?next=") << path;
  }
  const HttpReply post = Post(jar, "/people/new", "surname=X&forenames=Y");
  EXPECT_EQ(post.status, 302) << "a form post without a session does nothing and asks to sign in";
}

TEST_F(WebSecurityTest, SignInSetsAStrictHttpOnlySessionCookie) {
  CookieJar jar;
  const HttpReply reply = SignIn(jar, "officer", kPassword, "/people");
  ASSERT_EQ(reply.status, 303);
  EXPECT_EQ(reply.Header("location"), "/people");
  const std::string cookie = reply.SetCookie("openiom_session");
  ASSERT_FALSE(cookie.empty());
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "Secure only with --secure-cookies";
  EXPECT_EQ(Get(jar, "/people").status, 200);
}

TEST_F(WebSecurityTest, SecureCookiesWhenServedOverHttps) {
  testing::OpeniomServer secure(OPENIOM_BINARY, database_->url(), {"--secure-cookies"});
  ASSERT_NE(secure.port(), 0);
  const HttpReply form = HttpRequest(secure.port(), "GET", "/sign-in");
  EXPECT_NE(form.SetCookie("openiom_signin").find("; Secure"), std::string::npos);
  const std::string token = Field(form.body, "signin_token");
  const HttpReply signed_in = HttpRequest(
      secure.port(), "POST", "/sign-in",
      {{"Cookie", "openiom_signin=" + token}, {"Content-Type", std::string(kFormType)}},
      "username=officer&password=" + std::string(kPassword) + "&signin_token=" + token);
  ASSERT_EQ(signed_in.status, 303);
  EXPECT_NE(signed_in.SetCookie("openiom_session").find("; Secure"), std::string::npos);
}

TEST_F(WebSecurityTest, ClientAddressFromTheProxyOnlyWhenTrusted) {
  const auto sign_in_from = [&](int port, const std::string& forwarded_for) {
    const HttpReply form = HttpRequest(port, "GET", "/sign-in");
    const std::string token = Field(form.body, "signin_token");
    return HttpRequest(port, "POST", "/sign-in",
                       {{"Cookie", "openiom_signin=" + token},
                        {"Content-Type", std::string(kFormType)},
                        {"X-Forwarded-For", forwarded_for}},
                       "username=auditor&password=" + std::string(kPassword) + "&signin_token=" + token);
  };
  testing::OpeniomServer proxied(OPENIOM_BINARY, database_->url(), {"--trust-proxy"});
  ASSERT_NE(proxied.port(), 0);
  ASSERT_EQ(sign_in_from(proxied.port(), "198.51.100.7, 203.0.113.9").status, 303);
  ASSERT_EQ(sign_in_from(port_, "192.0.2.99").status, 303);  // the main server does not trust the header
  CookieJar auditor;
  ASSERT_EQ(SignIn(auditor, "auditor", kPassword).status, 303);
  const std::string csv = Get(auditor, "/audit.csv?user=auditor").body;
  EXPECT_NE(csv.find(",sign_in,user,auditor,success,203.0.113.9,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("192.0.2.99"), std::string::npos) << "a forged header is ignored without --trust-proxy";
}

// Regression (issue 8, defect 5): a malformed X-Forwarded-For threw out_of_range and every route, /healthz
// included, answered 500; any string was written to the audit trail as the client address.
TEST_F(WebSecurityTest, AMalformedForwardedHeaderIsIgnoredNotFatal) {
  testing::OpeniomServer proxied(OPENIOM_BINARY, database_->url(), {"--trust-proxy"});
  ASSERT_NE(proxied.port(), 0);
  for (const std::string header : {"1.2.3.4, ", ",", " ", "<b>forged</b>", "999.1.1.1", "1.2.3.4,,"}) {
    EXPECT_EQ(HttpRequest(proxied.port(), "GET", "/healthz", {{"X-Forwarded-For", header}}).status, 200) << header;
    const HttpReply form = HttpRequest(proxied.port(), "GET", "/sign-in", {{"X-Forwarded-For", header}});
    ASSERT_EQ(form.status, 200) << header;
    const std::string token = Field(form.body, "signin_token");
    EXPECT_EQ(HttpRequest(proxied.port(), "POST", "/sign-in",
                          {{"Cookie", "openiom_signin=" + token},
                           {"Content-Type", std::string(kFormType)},
                           {"X-Forwarded-For", header}},
                          "username=auditor&password=" + std::string(kPassword) + "&signin_token=" + token)
                  .status,
              303)
        << header;
  }
  CookieJar auditor;
  ASSERT_EQ(SignIn(auditor, "auditor", kPassword).status, 303);
  const std::string csv = Get(auditor, "/audit.csv?user=auditor").body;
  EXPECT_EQ(csv.find("forged"), std::string::npos);
  EXPECT_EQ(csv.find("999.1.1.1"), std::string::npos);
  EXPECT_NE(csv.find(",sign_in,user,auditor,success,127.0.0.1,"), std::string::npos)
      << "the proxy's own address stands when its header is malformed";
}

// Regression (issue 8, defect 6): the 64 MiB import limit applied to any signed-in user, so an analyst's upload
// was read in full before the 403. Now the role is checked on the header and others get the 1 MiB limit.
TEST_F(WebSecurityTest, OnlyUsersWhoMayImportMaySendALargeBody) {
  const std::string body(2 << 20, 'x');
  const auto upload_as = [&](const std::string& username) {
    CookieJar jar;
    EXPECT_EQ(SignIn(jar, username, kPassword).status, 303);
    return Post(jar, "/import", body, "text/csv").status;
  };
  EXPECT_EQ(upload_as("analyst"), 413) << "refused on the header, the body unread";
  EXPECT_EQ(upload_as("auditor"), 413);
  EXPECT_NE(upload_as("officer"), 413) << "a police practitioner may upload a large file";
}

TEST_F(WebSecurityTest, FailedSignInsSayTheSameAndLockTheAccount) {
  CookieJar jar;
  const HttpReply wrong = SignIn(jar, "officer", "not the password at all");
  const HttpReply unknown = SignIn(jar, "no.such.user", kPassword);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  const std::string message = "Enter a correct username and password";
  EXPECT_NE(wrong.body.find(message), std::string::npos);
  EXPECT_NE(unknown.body.find(message), std::string::npos);
  EXPECT_TRUE(wrong.SetCookie("openiom_session").empty());

  for (int attempt = 0; attempt < 5; ++attempt) EXPECT_EQ(SignIn(jar, "locky", "wrong password here").status, 401);
  EXPECT_EQ(SignIn(jar, "locky", kPassword).status, 401) << "locked for 15 minutes, even with the right password";
}

TEST_F(WebSecurityTest, SignInNeedsItsOwnCsrfTokenAndNeverRedirectsOffSite) {
  CookieJar jar;
  Get(jar, "/sign-in");
  const HttpReply forged = Post(jar, "/sign-in", "username=officer&password=" + std::string(kPassword));
  EXPECT_EQ(forged.status, 403);
  // Off-site in its many spellings, header injection, and absurd lengths all go home instead.
  for (const std::string& next : {std::string("//evil.example/phish"), std::string("/%09/evil.example"),
                                  std::string("/%5C%5Cevil.example"), std::string("https://evil.example"),
                                  std::string("/people%0D%0ASet-Cookie:%20openiom_session=attacker"),
                                  "/" + std::string(600, 'a')}) {
    CookieJar fresh;
    const HttpReply reply = SignIn(fresh, "officer", kPassword, next);
    EXPECT_EQ(reply.status, 303) << next;
    EXPECT_EQ(reply.Header("location"), "/") << next;
    EXPECT_EQ(reply.SetCookie("openiom_session").find("attacker"), std::string::npos) << next;
  }
  EXPECT_EQ(SignIn(jar, "officer", kPassword, "/people%3Fq%3Dsmith").Header("location"), "/people?q=smith");
}

TEST_F(WebSecurityTest, RolesThatMayNotAreRefusedWith403) {
  CookieJar analyst, admin, auditor, officer;
  ASSERT_EQ(SignIn(analyst, "analyst", kPassword).status, 303);
  ASSERT_EQ(SignIn(admin, "admin", kPassword).status, 303);
  ASSERT_EQ(SignIn(auditor, "auditor", kPassword).status, 303);
  ASSERT_EQ(SignIn(officer, "officer", kPassword).status, 303);
  EXPECT_EQ(Get(analyst, "/people?q=x").status, 403);
  EXPECT_EQ(Get(analyst, "/people/1").status, 403);
  EXPECT_EQ(Get(admin, "/people/1").status, 403) << "administrators do not read person records";
  EXPECT_EQ(Get(officer, "/audit").status, 403);
  EXPECT_EQ(Get(officer, "/admin/users").status, 403);
  EXPECT_EQ(Get(auditor, "/audit").status, 200);
  EXPECT_EQ(Get(admin, "/admin/users").status, 200);
  EXPECT_EQ(Get(officer, "/people/1").status, 200);
  const HttpReply denied = Get(analyst, "/people/1");
  EXPECT_NE(denied.body.find("View a person&apos;s record needs the practitioner or manager role"), std::string::npos);
}

TEST_F(WebSecurityTest, AFormPostWithoutTheCsrfTokenIsRefusedAndChangesNothing) {
  CookieJar jar;
  ASSERT_EQ(SignIn(jar, "officer", kPassword).status, 303);
  const int64_t people = PeopleCount();
  const std::string form = "surname=Forged&forenames=Person&gender=U&version=0";
  EXPECT_EQ(Post(jar, "/people/new", form).status, 403);
  EXPECT_EQ(Post(jar, "/people/new", form + "&csrf_token=wrong").status, 403);
  EXPECT_EQ(PeopleCount(), people);
  const HttpReply created = Post(jar, "/people/new", form + "&csrf_token=" + CsrfToken(jar));
  EXPECT_EQ(created.status, 303);
  EXPECT_EQ(PeopleCount(), people + 1);
}

TEST_F(WebSecurityTest, ViewingAPersonIsRecordedOnceAndNotCached) {
  CookieJar jar, auditor;
  ASSERT_EQ(SignIn(jar, "officer", kPassword).status, 303);
  ASSERT_EQ(SignIn(auditor, "auditor", kPassword).status, 303);
  const int64_t before = AuditEntries();
  const HttpReply profile = Get(jar, "/people/1");
  ASSERT_EQ(profile.status, 200);
  EXPECT_EQ(AuditEntries(), before + 1);
  EXPECT_EQ(profile.Header("cache-control"), "no-store");
  EXPECT_EQ(Get(jar, "/people/1/history").status, 200);
  EXPECT_EQ(AuditEntries(), before + 2);
  // The entries are views of person 1 by the officer (read through the auditor's CSV export).
  const HttpReply csv = Get(auditor, "/audit.csv?person=1&user=officer");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  const std::regex view(",officer,Cleveland Police,view_person,person,1,success,127\\.0\\.0\\.1,");
  EXPECT_GE(std::distance(std::sregex_iterator(csv.body.begin(), csv.body.end(), view), std::sregex_iterator()), 2)
      << csv.body;
  EXPECT_EQ(Get(auditor, "/audit.csv?from-day=1&from-month=13&from-year=2026").status, 400);
}

TEST_F(WebSecurityTest, WhatPeopleTypedIsEscapedInPages) {
  CookieJar jar;
  ASSERT_EQ(SignIn(jar, "officer", kPassword).status, 303);
  const HttpReply profile = Get(jar, "/people/1");
  ASSERT_EQ(profile.status, 200);
  EXPECT_EQ(profile.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(profile.body.find("<b>bold</b>"), std::string::npos);
  EXPECT_NE(profile.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  const HttpReply search = Get(jar, "/people?q=%3Cscript%3E");
  EXPECT_EQ(search.body.find("value=\"<script>"), std::string::npos);
}

TEST_F(WebSecurityTest, SigningOutEndsTheSession) {
  CookieJar jar;
  ASSERT_EQ(SignIn(jar, "officer", kPassword).status, 303);
  const std::string session = jar.Get("openiom_session");
  const std::string csrf = CsrfToken(jar);
  EXPECT_EQ(Post(jar, "/sign-out", "csrf_token=wrong").status, 403);
  const HttpReply out = Post(jar, "/sign-out", "csrf_token=" + csrf);
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(out.SetCookie("openiom_session").find("Max-Age=0"), std::string::npos);
  // The old cookie, replayed, no longer works.
  const HttpReply replay = HttpRequest(port_, "GET", "/people", {{"Cookie", "openiom_session=" + session}});
  EXPECT_EQ(replay.status, 302);
}

constexpr std::string_view kImportBoundary = "----openiomtest";

// The import page's form as the browser sends it, with `csv` as the file events.csv.
std::string ImportForm(const std::string& csv, const std::string& csrf) {
  const std::string boundary(kImportBoundary);
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + csrf + "\r\n--" +
         boundary + "\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nweb-test\r\n--" + boundary +
         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"events.csv\"\r\n"
         "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
}

size_t Occurrences(std::string_view text, std::string_view part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

TEST_F(WebSecurityTest, ImportThroughTheBrowser) {
  CookieJar jar;
  ASSERT_EQ(SignIn(jar, "officer", kPassword).status, 303);
  const std::string header =
      "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
      "outcome,latitude,longitude,lsoa_code\n";
  const std::string type = "multipart/form-data; boundary=" + std::string(kImportBoundary);
  EXPECT_EQ(
      Post(jar, "/import", ImportForm(header + "W1,,Web,Import,1980-01-01,M,arrest,2026-01-01,fraud,,,,,\n", ""), type)
          .status,
      403);
  const HttpReply good =
      Post(jar, "/import",
           ImportForm(header + "W1,,Web,Import,1980-01-01,M,arrest,2026-01-01,fraud,,,,,\n", CsrfToken(jar)), type);
  EXPECT_EQ(good.status, 200);
  EXPECT_NE(good.body.find("Import complete"), std::string::npos);
  const HttpReply bad =
      Post(jar, "/import",
           ImportForm(header + "W2,,Web,Import,1980-13-01,M,arrest,2026-01-01,fraud,,,,,\n", CsrfToken(jar)), type);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("1 of 1 rows are invalid"), std::string::npos);
  EXPECT_NE(bad.body.find("date_of_birth"), std::string::npos);

  // Files larger than the 1 MiB limit for other forms are accepted here.
  std::string big = header;
  for (int row = 0; big.size() < (3 << 20) / 2; ++row) {
    big += "B" + std::to_string(row) + ",,Bulk,Upload" + std::to_string(row % 50) +
           ",1980-01-01,M,arrest,2026-01-01,fraud,,charged,54.5,-1.2,E01012000\n";
  }
  const HttpReply large = Post(jar, "/import", ImportForm(big, CsrfToken(jar)), type);
  EXPECT_EQ(large.status, 200);
  EXPECT_NE(large.body.find("Import complete"), std::string::npos);
}

// Regression (issue 8, defect 18): a wrong header's whole message (20 problems and the expected header as one
// unbroken word) was shown in the error summary and again at the field, making the page 1,518 px wide.
TEST_F(WebSecurityTest, AWrongImportHeaderIsSummarisedAndListedOnce) {
  CookieJar jar;
  ASSERT_EQ(SignIn(jar, "officer", kPassword).status, 303);
  const std::string six_wrong_names = "Source ID,PNC,Surname,Forenames,DOB,Sex\nB0,,A,B,1980-01-01,M\n";
  const HttpReply page = Post(jar, "/import", ImportForm(six_wrong_names, CsrfToken(jar)),
                              "multipart/form-data; boundary=" + std::string(kImportBoundary));
  EXPECT_EQ(page.status, 400);
  const std::string short_message = "header line has 20 problems with its columns</";
  EXPECT_EQ(Occurrences(page.body, short_message), 2u) << "the summary and the field say the same short message";
  EXPECT_EQ(page.body.find("expected: source_id,pnc_id"), std::string::npos)
      << "the service's full message is not shown";
  EXPECT_EQ(Occurrences(page.body, "unknown column &apos;Source ID"), 2u) << "among the first few, and in the list";
  EXPECT_EQ(Occurrences(page.body, "missing column lsoa_code"), 1u) << "only in the full list";
  EXPECT_NE(page.body.find("All 20 problems"), std::string::npos);
}

TEST_F(WebSecurityTest, BodiesOverTheLimitAre413) {
  CookieJar jar;
  ASSERT_EQ(SignIn(jar, "officer", kPassword).status, 303);
  const HttpReply big_form = Post(jar, "/people/new", std::string(2 << 20, 'x'));
  EXPECT_EQ(big_form.status, 413);
  EXPECT_EQ(big_form.Header("x-content-type-options"), "nosniff") << "security headers on the server's own replies";
  EXPECT_NE(big_form.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(Post(jar, "/import", std::string(65 << 20, 'x'), "multipart/form-data; boundary=x").status, 413);
  // Someone who is not signed in cannot send a large file at all: it is refused before it is read.
  CookieJar stranger;
  EXPECT_EQ(Post(stranger, "/import", std::string(2 << 20, 'x'), "multipart/form-data; boundary=x").status, 413);
}

}  // namespace
}  // namespace openiom
