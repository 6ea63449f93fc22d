// Need-to-know from outside (issue 8, defects 1, 2, 3, 15, 16, 17): who may record offences, search, read and change
// a person's record, break the glass, grant roles, and what each role is shown. A real `openiom serve`, real sessions.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <regex>

#include "common/clock.h"
#include "http/http_fixture.h"

namespace openiom {
namespace {

namespace json = boost::json;
using testing::HttpReply;
using testing::WebSession;

class NeedToKnowTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(SetUpSite({{"Cleveland Police", "police"},
                                       {"Probation", "probation"},
                                       {"Tees Housing", "housing"},
                                       {"Mentoring", "voluntary"},
                                       {"Drug Service", "treatment"},
                                       {"Stockton Council", "council"}},
                                      {{"officer", "Cleveland Police", "practitioner", "User officer"},
                                       {"offman", "Probation", "practitioner", "User offman"},
                                       {"housing", "Tees Housing", "practitioner", "User housing"},
                                       {"mentor", "Mentoring", "practitioner", "User mentor"},
                                       {"drugs", "Drug Service", "practitioner", "User drugs"},
                                       {"asbo", "Stockton Council", "practitioner", "User asbo"},
                                       {"boss", "Probation", "manager", "User boss"},
                                       {"analyst", "Stockton Council", "analyst", "User analyst"},
                                       {"auditor", "Cleveland Police", "auditor", "User auditor"},
                                       {"admin1", "Stockton Council", "admin", "User admin1"},
                                       {"admin2", "Stockton Council", "admin", "User admin2"}}));
    const std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "A1,,Testington,Aaron,1990-01-01,M,arrest,2026-01-05,shoplifting,,,,,\n"
        "B1,,Samplewood,Beth,1991-02-03,F,arrest,2026-01-06,burglary_residential,,,,,\n"
        "C1,,Caseworth,Carl,1992-03-04,M,arrest,2026-01-07,fraud,,,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  static std::string Event(const std::string& kind, const std::string& source_id) {
    json::object event{{"source_id", source_id}, {"event_type", kind}, {"event_date", "2026-02-01"}};
    if (kind == "arrest" || kind == "conviction") event["offence_category"] = "shoplifting";
    if (kind == "drug_test") event["outcome"] = "negative";
    return json::serialize(event);
  }

  static std::string AuditCsv() {
    WebSession auditor = SignedIn("auditor");
    return auditor.Get("/audit.csv").body;
  }
};

// Regression (defect 1): a voluntary-sector practitioner recorded a warrant and a conviction (201).
TEST_F(NeedToKnowTest, OnlyAgenciesThatHoldOffenceRecordsRecordOffendingWarrantsCustodyAndRecalls) {
  const std::string aaron = PersonId("Testington");
  // Housing opens Aaron's record with a reason, then refers him to the panel, so housing works with him.
  WebSession housing_web = SignedIn("housing");
  ASSERT_EQ(housing_web.Post("/people/" + aaron + "/break-glass",
                             "csrf_token=" + housing_web.CsrfToken() + "&reason=Tenant+referred+by+the+council")
                .status,
            303);
  ASSERT_EQ(housing_web.Post("/people/" + aaron + "/refer", "csrf_token=" + housing_web.CsrfToken() +
                                                                 "&route=referral&reasons=Street+homeless+and+offending")
                .status,
            303);
  const std::string housing = Token("housing");
  ASSERT_EQ(Call("GET", "/api/v1/people/" + aaron, housing).status, 200) << "a referral makes the agency involved";

  int id = 0;
  const auto record = [&](const std::string& user, const std::string& kind) {
    return Call("POST", "/api/v1/people/" + aaron + "/events", Token(user), Event(kind, "N" + std::to_string(++id)))
        .status;
  };
  for (const char* kind : {"warrant", "conviction", "arrest", "recall", "custody_start", "release", "breach"}) {
    EXPECT_EQ(record("housing", kind), 403) << "housing recorded a " << kind;
    EXPECT_EQ(record("mentor", kind), 403) << "voluntary recorded a " << kind;
    EXPECT_EQ(record("drugs", kind), 403) << "treatment recorded a " << kind;
  }
  EXPECT_EQ(record("housing", "asb_incident"), 201) << "housing deals with anti-social behaviour";
  EXPECT_EQ(record("mentor", "asb_incident"), 403) << "and the voluntary agency works with no one here";
  EXPECT_EQ(record("officer", "warrant"), 201);
  EXPECT_EQ(record("offman", "recall"), 201);

  // The source is the recording user's agency; a body that names another is refused and changes nothing.
  const HttpReply spoofed = Call("POST", "/api/v1/people/" + aaron + "/events", housing,
                                 R"({"source_system":"Cleveland Police","source_id":"S1","event_type":"asb_incident",)"
                                 R"("event_date":"2026-02-01"})");
  EXPECT_EQ(spoofed.status, 400);
  EXPECT_EQ(json::parse(spoofed.body).at("error").at("details").as_array()[0].at("field").as_string(),
            "source_system");
  const json::array events =
      json::parse(Call("GET", "/api/v1/people/" + aaron + "/events", Token("officer")).body).at("items").as_array();
  std::map<std::string, std::string> source_of;
  for (const json::value& event : events) {
    source_of[std::string(event.at("kind").as_string())] = std::string(event.at("source_system").as_string());
  }
  EXPECT_EQ(source_of["asb_incident"], "Tees Housing");
  EXPECT_EQ(source_of["warrant"], "Cleveland Police");
  EXPECT_EQ(source_of["recall"], "Probation");
  EXPECT_EQ(events.size(), 4u) << "the arrest imported, the ASB, the warrant and the recall; nothing refused was kept";
  EXPECT_NE(AuditCsv().find("may record this kind of event (Warrant issued)"),
            std::string::npos)
      << "refusals are audited with their reason";
}

// Regression (defect 2): /api/v1/people?page_size=200, q=%20 and q=%00 listed everyone.
TEST_F(NeedToKnowTest, SearchingNeedsANameOfTwoLettersAnIdentifierOrADateOfBirth) {
  const std::string token = Token("mentor");
  for (const char* target : {"/api/v1/people?page_size=200", "/api/v1/people?q=%20", "/api/v1/people?q=%00",
                             "/api/v1/people?q=a", "/api/v1/people?q=1", "/api/v1/people?open_warrant=true",
                             "/api/v1/people?district=Stockton-on-Tees"}) {
    const HttpReply reply = Call("GET", target, token);
    EXPECT_EQ(reply.status, 400) << target;
    EXPECT_EQ(reply.body.find("Testington"), std::string::npos) << target;
  }
  const HttpReply named = Call("GET", "/api/v1/people?q=Te", token);
  EXPECT_EQ(named.status, 200);
  EXPECT_EQ(json::parse(named.body).at("total").as_int64(), 1);
  EXPECT_EQ(Call("GET", "/api/v1/people?dob=1991-02-03", token).status, 200);

  WebSession web = SignedIn("mentor");
  EXPECT_EQ(web.Get("/people").status, 200) << "the empty form";
  const HttpReply blank = web.Get("/people?q=+&district=Hartlepool");
  EXPECT_EQ(blank.status, 400);
  EXPECT_NE(blank.body.find("Enter a name of at least 2 letters, a PNC ID, a CRN or a date of birth"),
            std::string::npos);
  EXPECT_EQ(blank.body.find("Testington"), std::string::npos);

  // Regression (issue 8, defect 8): %00 was echoed into the page and the audit detail.
  const HttpReply nul = web.Get("/people?q=Te%00sting%07ton");
  EXPECT_EQ(nul.status, 200);
  EXPECT_EQ(nul.body.find('\0'), std::string::npos);
  EXPECT_NE(nul.body.find("value=\"Testington\""), std::string::npos) << "echoed without the control bytes";
  const std::string audit = AuditCsv();
  EXPECT_EQ(audit.find('\0'), std::string::npos);
  EXPECT_EQ(audit.find('\x07'), std::string::npos);
  EXPECT_NE(audit.find("name=Testington"), std::string::npos);
}

// Regression (defect 2): any practitioner read every record and changed anyone's name and date of birth.
TEST_F(NeedToKnowTest, AgenciesNotInvolvedBreakTheGlassWithAReasonAndCannotChangeIdentities) {
  const std::string beth = PersonId("Samplewood");
  const std::string mentor = Token("mentor");
  EXPECT_EQ(Call("GET", "/api/v1/people/" + beth, mentor).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/people/" + beth + "/events", mentor).status, 403);
  const HttpReply put = Call("PUT", "/api/v1/people/" + beth, mentor, R"({"surname":"Changed"})",
                             {{"If-Match", "\"" + beth + ".1\""}});
  EXPECT_EQ(put.status, 403) << put.body;

  WebSession web = SignedIn("mentor");
  for (const std::string tab : {"", "/identifiers", "/history", "/score", "/selection"}) {
    const HttpReply page = web.Get("/people/" + beth + tab);
    EXPECT_EQ(page.status, 403) << tab;
    EXPECT_EQ(page.body.find("Samplewood"), std::string::npos) << tab << ": nothing of the record is shown";
  }
  const HttpReply offer = web.Get("/people/" + beth + "/history");
  EXPECT_NE(offer.body.find("Your agency does not work with this person"), std::string::npos);
  EXPECT_NE(offer.body.find("action=\"/people/" + beth + "/break-glass\""), std::string::npos);
  EXPECT_NE(offer.body.find("value=\"/people/" + beth + "/history\""), std::string::npos) << "back to that tab";

  const HttpReply short_reason =
      web.Post("/people/" + beth + "/break-glass", "csrf_token=" + web.CsrfToken() + "&reason=because");
  EXPECT_EQ(short_reason.status, 400);
  EXPECT_NE(short_reason.body.find("Enter why you need to see this record (at least 10 characters)"),
            std::string::npos);
  EXPECT_EQ(web.Get("/people/" + beth).status, 403) << "a refused reason opens nothing";
  const HttpReply offsite = web.Post("/people/" + beth + "/break-glass",
                                     "csrf_token=" + web.CsrfToken() +
                                         "&reason=Mentoring+referral+received+today&next=%2F%2Fevil.example%2Fx");
  ASSERT_EQ(offsite.status, 303);
  EXPECT_EQ(offsite.Header("location"), "/people/" + beth) << "never a redirect the form could name";
  EXPECT_EQ(web.Get("/people/" + beth + "/history").status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/people/" + beth, mentor).status, 200) << "the grant holds for the API too";
  const HttpReply still_no_put = Call("PUT", "/api/v1/people/" + beth, mentor, R"({"surname":"Changed"})",
                                      {{"If-Match", "\"" + beth + ".1\""}});
  EXPECT_EQ(still_no_put.status, 403) << "breaking the glass reads; it never changes identities";

  const std::string audit = AuditCsv();
  EXPECT_NE(audit.find("break_glass"), std::string::npos);
  EXPECT_NE(audit.find("reason: Mentoring referral received today"), std::string::npos);
  EXPECT_NE(audit.find("break-glass: Mentoring referral received today"), std::string::npos)
      << "every view under the grant carries its reason";

  // The API has the same break-glass, with the same rules.
  const std::string carl = PersonId("Caseworth");
  const std::string drugs = Token("drugs");
  EXPECT_EQ(Call("GET", "/api/v1/people/" + carl, drugs).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/people/" + carl + "/break-glass", drugs, R"({"reason":"short"})").status, 400);
  const HttpReply granted =
      Call("POST", "/api/v1/people/" + carl + "/break-glass", drugs, R"({"reason":"Treatment assessment booked"})");
  EXPECT_EQ(granted.status, 201) << granted.body;
  EXPECT_EQ(json::parse(granted.body).at("expires_in_seconds").as_int64(), 3600);
  EXPECT_EQ(Call("GET", "/api/v1/people/" + carl, drugs).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/people/" + carl + "/break-glass", Token("analyst"),
                 R"({"reason":"Just curious about him"})")
                .status,
            403)
      << "only practitioners and managers may break the glass";
  EXPECT_EQ(Call("POST", "/api/v1/people/" + carl + "/events", drugs, Event("drug_test", "DG1")).status, 403)
      << "breaking the glass reads; it never adds to the history of a person the agency does not work with";

  // A referral made the referring agency "involved", so referring anyone opened their record without a reason.
  WebSession council = SignedIn("asbo");
  const HttpReply referred = council.Post("/people/" + beth + "/refer", "csrf_token=" + council.CsrfToken() +
                                                                             "&route=referral&reasons=Noisy+neighbour");
  EXPECT_EQ(referred.status, 403) << "referring needs the same access as reading";
  EXPECT_EQ(council.Get("/people/" + beth).status, 403);

  // Agencies that hold offence records read and change identities; they need no reason.
  const std::string om = Token("offman");
  const HttpReply read = Call("GET", "/api/v1/people/" + beth, om);
  ASSERT_EQ(read.status, 200);
  const HttpReply changed =
      Call("PUT", "/api/v1/people/" + beth, om, R"({"forenames":"Bethany"})", {{"If-Match", read.Header("etag")}});
  EXPECT_EQ(changed.status, 200) << changed.body;
}

// Regression (defect 3): an administrator created an account with practitioner, manager and auditor roles, signed
// in as it and read person records and the audit trail.
TEST_F(NeedToKnowTest, RolesThatReadPersonalDataNeedASecondAdministrator) {
  WebSession admin1 = SignedIn("admin1");
  const HttpReply added = admin1.Post(
      "/admin/users", "csrf_token=" + admin1.CsrfToken() +
                          "&username=sneaky&display_name=Sneaky&agency=Cleveland+Police&password=another+long+passphrase"
                          "&role=practitioner&role=manager&role=auditor");
  ASSERT_EQ(added.status, 303) << added.body;
  const HttpReply listed = admin1.Get(added.Header("location"));
  EXPECT_NE(listed.body.find("Waiting for a second administrator to approve: Practitioner, Manager, Auditor."),
            std::string::npos);

  WebSession sneaky(port_);
  ASSERT_EQ(sneaky.SignIn("sneaky", "another long passphrase").status, 303);
  EXPECT_EQ(sneaky.Get("/people?q=Testington").status, 403);
  EXPECT_EQ(sneaky.Get("/audit").status, 403);

  std::smatch match;
  EXPECT_FALSE(std::regex_search(listed.body, match, std::regex("/admin/role-requests/(\\d+)/approve")))
      << "the administrator who granted the roles is not offered the approval";
  WebSession admin2 = SignedIn("admin2");
  const std::string pending = admin2.Get("/admin/users").body;
  std::vector<std::string> requests;
  const std::regex approve("/admin/role-requests/(\\d+)/approve");
  for (auto it = std::sregex_iterator(pending.begin(), pending.end(), approve);
       it != std::sregex_iterator(); ++it) {
    requests.push_back((*it)[1]);
  }
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(admin1.Post("/admin/role-requests/" + requests[0] + "/approve", "csrf_token=" + admin1.CsrfToken()).status,
            403)
      << "nor may they approve by posting the form themselves";
  EXPECT_EQ(sneaky.Get("/people?q=Testington").status, 403);

  ASSERT_EQ(admin2.Post("/admin/role-requests/" + requests[0] + "/approve", "csrf_token=" + admin2.CsrfToken()).status,
            303);
  ASSERT_EQ(admin2.Post("/admin/role-requests/" + requests[2] + "/refuse", "csrf_token=" + admin2.CsrfToken()).status,
            303);
  EXPECT_EQ(admin2.Post("/admin/role-requests/" + requests[2] + "/approve", "csrf_token=" + admin2.CsrfToken()).status,
            409)
      << "a decided request stays decided";
  EXPECT_EQ(sneaky.Get("/people?q=Testington").status, 200) << "the approved practitioner role";
  EXPECT_EQ(sneaky.Get("/audit").status, 403) << "the refused auditor role";

  const std::string audit = AuditCsv();
  EXPECT_NE(audit.find("waiting for a second administrator: practitioner, manager, auditor"), std::string::npos);
  EXPECT_NE(audit.find("approve_role"), std::string::npos);
  EXPECT_NE(audit.find("refuse_role"), std::string::npos);
  EXPECT_NE(audit.find("a second administrator must approve a role you granted"), std::string::npos);
}

// Regression (defect 15): "My caseload" could never fill: nothing named a lead professional.
TEST_F(NeedToKnowTest, ThePanelNamesTheLeadProfessionalAndTheirCaseloadListsThePerson) {
  const std::string carl = PersonId("Caseworth");
  WebSession om = SignedIn("offman");
  EXPECT_NE(om.Get("/").body.find("You are not the lead professional for anyone"), std::string::npos);
  ASSERT_EQ(om.Post("/people/" + carl + "/refer", "csrf_token=" + om.CsrfToken() + "&route=referral&reasons=Prolific")
                .status,
            303);
  WebSession boss = SignedIn("boss");
  std::smatch match;
  const std::string panel = boss.Get("/panel").body;
  ASSERT_TRUE(std::regex_search(panel, match, std::regex("href=\"/panel/(\\d+)\">Record decision<span class=\"govuk-visually-hidden\"> for Caseworth")));
  const std::string decision = "/panel/" + match[1].str();
  const std::string form = boss.Get(decision).body;
  ASSERT_TRUE(std::regex_search(form, match, std::regex("<option value=\"(\\d+)\"[^>]*>User offman \\(Probation\\)")));
  const std::string om_id = match[1];
  EXPECT_EQ(form.find("User analyst"), std::string::npos) << "only practitioners and managers may lead";
  const std::string today = FormatIsoDate(LondonDate(SystemClock().Now()));
  const HttpReply bad_lead = boss.Post(decision, "csrf_token=" + boss.CsrfToken() +
                                                     "&version=1&decision=select&reason=Agreed&panel_date=" + today +
                                                     "&strand=fixed&scheme=ppo&lead_user=999999");
  EXPECT_EQ(bad_lead.status, 400);
  EXPECT_NE(bad_lead.body.find("Choose the lead professional from the list"), std::string::npos);
  ASSERT_EQ(boss.Post(decision, "csrf_token=" + boss.CsrfToken() + "&version=1&decision=select&reason=Agreed" +
                                    "&panel_date=" + today + "&strand=fixed&scheme=ppo&lead_user=" + om_id)
                .status,
            303);
  const std::string home = om.Get("/").body;
  EXPECT_NE(home.find("You are the lead professional for 1 person"), std::string::npos);
  EXPECT_NE(home.find("href=\"/people/" + carl + "\">Caseworth, Carl"), std::string::npos);
  const std::string selection = boss.Get("/people/" + carl + "/selection").body;
  EXPECT_NE(selection.find("User offman (Probation)"), std::string::npos);
  EXPECT_NE(selection.find(">Probation</dd>"), std::string::npos) << "the lead agency is the lead professional's";

  // A manager hands the case to a police officer from the person's page: it moves from one caseload to the other.
  ASSERT_TRUE(std::regex_search(selection, match, std::regex("/cohort/(\\d+)/lead")));
  const std::string lead = "/cohort/" + match[1].str() + "/lead";
  ASSERT_TRUE(std::regex_search(selection, match, std::regex("<option value=\"(\\d+)\"[^>]*>User officer")));
  EXPECT_EQ(om.Post(lead, "csrf_token=" + om.CsrfToken() + "&version=1&lead_user=" + match[1].str()).status, 403)
      << "managers change the lead professional";
  ASSERT_EQ(boss.Post(lead, "csrf_token=" + boss.CsrfToken() + "&version=1&lead_user=" + match[1].str()).status, 303);
  EXPECT_EQ(boss.Post(lead, "csrf_token=" + boss.CsrfToken() + "&version=1&lead_user=" + om_id).status, 412)
      << "a stale version changes nothing";
  EXPECT_NE(om.Get("/").body.find("You are not the lead professional for anyone"), std::string::npos);
  EXPECT_NE(SignedIn("officer").Get("/").body.find("Caseworth, Carl"), std::string::npos);
}

// Regressions (defects 16, 17): the analyst's home was a dead end; analysts, auditors and administrators were shown
// a search form whose every search answered 403.
TEST_F(NeedToKnowTest, EachRoleIsShownWhatItMayUse) {
  WebSession analyst = SignedIn("analyst");
  const std::string home = analyst.Get("/").body;
  EXPECT_NE(home.find("href=\"/scoring\""), std::string::npos);
  EXPECT_NE(home.find("href=\"/fairness\""), std::string::npos);
  EXPECT_EQ(home.find("href=\"/people\""), std::string::npos);
  EXPECT_EQ(analyst.Get("/fairness").status, 200);
  EXPECT_EQ(analyst.Get("/candidates").status, 403) << "names stay hidden from analysts";
  const HttpReply scored = analyst.Post("/candidates/score", "csrf_token=" + analyst.CsrfToken());
  ASSERT_EQ(scored.status, 303);
  EXPECT_EQ(scored.Header("location"), "/scoring?scored=1");
  const HttpReply scoring = analyst.Get("/scoring?scored=1");
  ASSERT_EQ(scoring.status, 200);
  EXPECT_NE(scoring.body.find("Everyone has been scored again."), std::string::npos);
  EXPECT_NE(scoring.body.find("People scored"), std::string::npos);
  for (const char* name : {"Testington", "Samplewood", "Caseworth"}) {
    EXPECT_EQ(scoring.body.find(name), std::string::npos) << name;
  }
  for (const char* user : {"analyst", "auditor", "admin1"}) {
    WebSession session = SignedIn(user);
    const HttpReply people = session.Get("/people");
    EXPECT_EQ(people.status, 403) << user;
    EXPECT_EQ(people.body.find("name=\"q\""), std::string::npos) << user << " is not shown the search form";
    EXPECT_EQ(session.Get("/").body.find("href=\"/people\""), std::string::npos) << user;
  }
}

}  // namespace
}  // namespace openiom
