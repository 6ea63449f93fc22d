// The team and referrals to services from outside (issue 10, parts 2 and 9): a housing practitioner refused a record
// until a probation officer names them on the team (API and Case page), refused again once they have left; the team
// on the Case page; If-Match on leaving (428 without it, 412 for another version or kind, 409 once left); a housing
// practitioner refused to change a team; referrals made and moved on through the API and the Referrals tab, with the
// moves the rules refuse (409) and the outcome they need (400, in the form's error summary). A real `openiom serve`.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

#include "http/http_fixture.h"

namespace openiom {
namespace {

namespace json = boost::json;
using testing::HttpReply;
using testing::WebSession;

class TeamReferralsTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(
        SetUpSite({{"Cleveland Police", "police"}, {"Probation", "probation"}, {"Tees Housing", "housing"}},
                  {{"offman", "Probation", "practitioner", "User offman"},
                   {"officer", "Cleveland Police", "practitioner", "User officer"},
                   {"housing", "Tees Housing", "practitioner", "User housing"},
                   {"auditor", "Cleveland Police", "auditor", "User auditor"}}));
    const std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "T1,,Teamed,Terry,1990-01-01,M,arrest,2026-01-10,shoplifting,,,,,\n"
        "R1,,Referred,Rita,1991-01-01,F,arrest,2026-01-10,shoplifting,,,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  // The id of the option labelled `label` in the add-a-team-member form of `person`.
  static std::string OptionId(const std::string& person, const std::string& label) {
    const std::string form = SignedIn("offman").Get("/people/" + person + "/team/new").body;
    std::smatch match;
    EXPECT_TRUE(std::regex_search(form, match, std::regex("<option value=\"(\\d+)\"[^>]*>" + label + "</option>")))
        << label;
    return match.empty() ? "0" : match[1].str();
  }

  static std::string ErrorField(const HttpReply& reply) {
    const json::array details = json::parse(reply.body).at("error").at("details").as_array();
    return details.empty() ? "" : std::string(details[0].at("field").as_string());
  }
};

TEST_F(TeamReferralsTest, AHousingPractitionerReadsTheRecordOnlyWhileOnTheTeam) {
  const std::string terry = PersonId("Teamed");
  const std::string housing = Token("housing"), offman = Token("offman");
  const std::string team = "/api/v1/people/" + terry + "/team";
  EXPECT_EQ(Call("GET", "/api/v1/people/" + terry, housing).status, 403);
  EXPECT_EQ(Call("GET", team, housing).status, 403);
  WebSession web = SignedIn("housing");
  EXPECT_EQ(web.Get("/people/" + terry + "/case").status, 403);

  const std::string user = OptionId(terry, "User housing \\(Tees Housing\\)");
  const HttpReply added =
      Call("POST", team, offman, json::serialize(json::object{{"user_id", user}, {"role", "housing_officer"}}));
  ASSERT_EQ(added.status, 201) << added.body;
  const int64_t member = json::parse(added.body).at("id").as_int64();
  EXPECT_EQ(added.Header("etag"), "\"team-member-" + std::to_string(member) + ".1\"");

  // On the team: the record, its team and its Case page open to them.
  EXPECT_EQ(Call("GET", "/api/v1/people/" + terry, housing).status, 200);
  const HttpReply read = Call("GET", team, housing);
  ASSERT_EQ(read.status, 200) << read.body;
  const json::object body = json::parse(read.body).as_object();
  EXPECT_TRUE(body.at("lead_professional").is_null()) << "not in the cohort, so no lead";
  const json::array items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("worker").as_string(), "User housing");
  EXPECT_EQ(items[0].at("agency").as_string(), "Tees Housing");
  EXPECT_EQ(items[0].at("role").as_string(), "housing_officer");
  EXPECT_TRUE(items[0].at("current").as_bool());
  EXPECT_TRUE(items[0].at("left_on").is_null());
  const HttpReply page = web.Get("/people/" + terry + "/case");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"team-lead\""), std::string::npos);
  EXPECT_LT(page.body.find("id=\"team-lead\""), page.body.find("id=\"team-member-" + std::to_string(member) + "\""))
      << "the lead professional first";
  EXPECT_NE(page.body.find("Housing officer"), std::string::npos);
  EXPECT_EQ(page.body.find("/team/new"), std::string::npos) << "not offered to a housing practitioner";

  // A housing practitioner does not change a team, even one they are on.
  EXPECT_EQ(Call("POST", team, housing, R"({"worker_name":"Pal","agency_id":"1","role":"mentor"})").status, 403);
  EXPECT_EQ(web.Get("/people/" + terry + "/team/new").status, 403);

  // Leaving, with the ETag read.
  const std::string put = team + "/" + std::to_string(member);
  EXPECT_EQ(Call("PUT", put, offman, "{}").status, 428);
  EXPECT_EQ(Call("PUT", put, offman, "{}", {{"If-Match", "\"team-member-" + std::to_string(member) + ".9\""}}).status,
            412);
  EXPECT_EQ(Call("PUT", put, offman, "{}", {{"If-Match", "\"action-" + std::to_string(member) + ".1\""}}).status, 412);
  EXPECT_EQ(Call("PUT", put, housing, "{}", {{"If-Match", added.Header("etag")}}).status, 403);
  const HttpReply left = Call("PUT", put, offman, "{}", {{"If-Match", added.Header("etag")}});
  ASSERT_EQ(left.status, 200) << left.body;
  EXPECT_EQ(left.Header("etag"), "\"team-member-" + std::to_string(member) + ".2\"");
  EXPECT_EQ(Call("PUT", put, offman, "{}", {{"If-Match", left.Header("etag")}}).status, 409) << "already left";

  EXPECT_EQ(Call("GET", team, housing).status, 403) << "off the team";
  EXPECT_EQ(web.Get("/people/" + terry + "/case").status, 403);
  const json::object after = json::parse(Call("GET", team, offman).body).as_object();
  ASSERT_EQ(after.at("items").as_array().size(), 1u) << "kept as history";
  EXPECT_FALSE(after.at("items").as_array()[0].at("current").as_bool());
  const std::string audit = SignedIn("auditor").Get("/audit.csv").body;
  EXPECT_NE(audit.find("you are on their team (Housing officer)"), std::string::npos);
  EXPECT_NE(audit.find("Manage a person's team needs"), std::string::npos) << "the refusal is audited";
}

TEST_F(TeamReferralsTest, TheCasePageAddsANamedWorkerAndRecordsThatTheyLeft) {
  const std::string terry = PersonId("Teamed");
  WebSession web = SignedIn("offman");
  const std::string form = web.Get("/people/" + terry + "/team/new").body;
  EXPECT_NE(form.find("Add a team member"), std::string::npos);
  const HttpReply bad = web.Post("/people/" + terry + "/team/new", "csrf_token=" + web.CsrfToken() +
                                                                       "&role=&user=&worker_name=&agency=" +
                                                                       "&joined_on-day=1&joined_on-month=13&joined_on-year=2026");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(bad.body.find("Select the role of the worker"), std::string::npos) << bad.body.substr(0, 3000);
  EXPECT_NE(bad.body.find("Choose the worker or type their name"), std::string::npos);

  const std::string housing = OptionId(terry, "Tees Housing");
  const HttpReply added = web.Post("/people/" + terry + "/team/new",
                                   "csrf_token=" + web.CsrfToken() + "&role=mentor&user=&worker_name=Mo+Mentor&agency=" +
                                       housing + "&joined_on-day=&joined_on-month=&joined_on-year=");
  ASSERT_EQ(added.status, 303) << added.body.substr(0, 2000);
  std::string page = web.Get("/people/" + terry + "/case").body;
  EXPECT_NE(page.find("Mo Mentor (Tees Housing)"), std::string::npos);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(page, match, std::regex("action=\"(/people/\\d+/team/\\d+/end)\"")));
  const std::string end = match[1].str();
  ASSERT_EQ(web.Post(end, "csrf_token=" + web.CsrfToken() + "&version=1").status, 303);
  EXPECT_EQ(web.Post(end, "csrf_token=" + web.CsrfToken() + "&version=1").status, 412) << "the form is stale";
  page = web.Get("/people/" + terry + "/case").body;
  EXPECT_NE(page.find("Who was on the team before"), std::string::npos);
}

TEST_F(TeamReferralsTest, AReferralIsMadeAndMovedOnThroughTheApiAndTheReferralsTab) {
  const std::string rita = PersonId("Referred");
  const std::string offman = Token("offman");
  const std::string base = "/api/v1/people/" + rita + "/referrals";
  const HttpReply bad = Call("POST", base, offman, R"({"service":"astrology","provider":"x"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorField(bad), "service");
  const HttpReply made = Call("POST", base, offman, R"({"service":"housing","provider":"Housing options"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t id = json::parse(made.body).at("id").as_int64();
  EXPECT_EQ(made.Header("etag"), "\"service-referral-" + std::to_string(id) + ".1\"");
  json::array items = json::parse(Call("GET", base, offman).body).at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("status").as_string(), "sent");
  EXPECT_EQ(items[0].at("referred_by").as_string(), "offman");
  EXPECT_EQ(items[0].at("referred_by_agency").as_string(), "Probation");
  EXPECT_EQ(json::serialize(items[0].at("next_statuses")), R"(["accepted","declined","withdrawn"])");

  const std::string put = base + "/" + std::to_string(id);
  EXPECT_EQ(Call("PUT", put, offman, R"({"status":"accepted"})").status, 428);
  EXPECT_EQ(Call("PUT", put, offman, R"({"status":"accepted"})",
                 {{"If-Match", "\"service-referral-" + std::to_string(id) + ".5\""}})
                .status,
            412);
  EXPECT_EQ(Call("PUT", put, offman, R"({"status":"completed","outcome":"Housed"})",
                 {{"If-Match", made.Header("etag")}})
                .status,
            409)
      << "a sent referral is not completed";
  const HttpReply accepted = Call("PUT", put, offman, R"({"status":"accepted"})", {{"If-Match", made.Header("etag")}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  const HttpReply started = Call("PUT", put, offman, R"({"status":"started"})", {{"If-Match", accepted.Header("etag")}});
  ASSERT_EQ(started.status, 200) << started.body;
  const HttpReply no_outcome =
      Call("PUT", put, offman, R"({"status":"completed"})", {{"If-Match", started.Header("etag")}});
  EXPECT_EQ(no_outcome.status, 400);
  EXPECT_EQ(ErrorField(no_outcome), "outcome");
  ASSERT_EQ(Call("PUT", put, offman, R"({"status":"completed","outcome":"Housed in supported accommodation"})",
                 {{"If-Match", started.Header("etag")}})
                .status,
            200);

  // The tab: the list, the form that makes one and the one that moves it on, with only the allowed moves offered.
  WebSession web = SignedIn("offman");
  std::string page = web.Get("/people/" + rita + "/referrals").body;
  EXPECT_NE(page.find(">Referrals</a>"), std::string::npos) << "a tab of the record";
  EXPECT_NE(page.find("Housed in supported accommodation"), std::string::npos);
  EXPECT_NE(page.find("data-status=\"completed\""), std::string::npos);
  const HttpReply empty =
      web.Post("/people/" + rita + "/referrals/new", "csrf_token=" + web.CsrfToken() + "&service=&provider=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("Select the service"), std::string::npos);
  EXPECT_NE(empty.body.find("Enter the provider of the service"), std::string::npos);
  ASSERT_EQ(web.Post("/people/" + rita + "/referrals/new",
                     "csrf_token=" + web.CsrfToken() + "&service=mentoring&provider=Second+Chance")
                .status,
            303);
  items = json::parse(Call("GET", base, offman).body).at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  const std::string mentoring = std::to_string(items[0].at("id").as_int64());
  EXPECT_EQ(items[0].at("service").as_string(), "mentoring") << "open ones first";
  const std::string form = web.Get("/people/" + rita + "/referrals/" + mentoring).body;
  EXPECT_NE(form.find("value=\"declined\""), std::string::npos);
  EXPECT_EQ(form.find("value=\"completed\""), std::string::npos) << "not a move from sent";
  const HttpReply declined = web.Post("/people/" + rita + "/referrals/" + mentoring,
                                      "csrf_token=" + web.CsrfToken() + "&version=1&status=declined&outcome=");
  EXPECT_EQ(declined.status, 400);
  EXPECT_NE(declined.body.find("Say why the referral was declined"), std::string::npos);
  ASSERT_EQ(web.Post("/people/" + rita + "/referrals/" + mentoring,
                     "csrf_token=" + web.CsrfToken() + "&version=1&status=declined&outcome=No+mentor+free")
                .status,
            303);
  page = web.Get("/people/" + rita + "/referrals").body;
  EXPECT_NE(page.find("No mentor free"), std::string::npos);
  EXPECT_EQ(Call("DELETE", base, offman).status, 405);
}

TEST_F(TeamReferralsTest, AnAgencyThatDoesNotWorkWithThePersonNeitherReadsNorMakesReferrals) {
  const std::string rita = PersonId("Referred");
  const std::string housing = Token("housing");
  const std::string base = "/api/v1/people/" + rita + "/referrals";
  EXPECT_EQ(Call("GET", base, housing).status, 403);
  EXPECT_EQ(Call("POST", base, housing, R"({"service":"housing","provider":"Tenancy"})").status, 403);
  EXPECT_EQ(Call("PUT", base + "/1", housing, R"({"status":"withdrawn"})", {{"If-Match", "\"service-referral-1.1\""}})
                .status,
            403);
  WebSession web = SignedIn("housing");
  const HttpReply page = web.Get("/people/" + rita + "/referrals");
  EXPECT_EQ(page.status, 403);
  EXPECT_NE(page.body.find("break-glass"), std::string::npos) << "offered the break-glass form to read";
  EXPECT_EQ(web.Get("/people/" + rita + "/referrals/new").status, 403);
  const std::string audit = SignedIn("auditor").Get("/audit.csv").body;
  EXPECT_NE(audit.find("Record a referral to a service needs your agency to work with this person"),
            std::string::npos);
}

}  // namespace
}  // namespace openiom
