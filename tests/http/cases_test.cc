// Managing each person from outside (issue 10): the BRAG rating with its reasons through the API, the command line
// and the page (which agree), assessments and contacts that change it, overrides that need a justification and a
// manager, need-to-know on every case route, the caseload and the police tasking list. A real `openiom serve`.
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

const Date kToday = LondonDate(SystemClock().Now());
std::string DaysAgo(int days) { return FormatIsoDate(kToday - std::chrono::days(days)); }

class CasesTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(SetUpSite({{"Cleveland Police", "police"},
                                       {"Probation", "probation"},
                                       {"Tees Housing", "housing"},
                                       {"Drug Service", "treatment"}},
                                      {{"officer", "Cleveland Police", "practitioner", "User officer"},
                                       {"offman", "Probation", "practitioner", "User offman"},
                                       {"boss", "Probation", "manager", "User boss"},
                                       {"boss2", "Probation", "manager", "User boss2"},
                                       {"housing", "Tees Housing", "practitioner", "User housing"},
                                       {"auditor", "Cleveland Police", "auditor", "User auditor"}}));
    const std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "A1,,Arrestson,Aaron,1990-01-01,M,arrest," + DaysAgo(10) + ",shoplifting,,,,,\n"
        "B1,,Custodia,Beth,1991-02-03,F,custody_start," + DaysAgo(40) + ",,,,,,\n"
        "C1,,Quietly,Carl,1992-03-04,M,caution," + DaysAgo(400) + ",shoplifting," + DaysAgo(410) + ",,,,\n"
        "D1,,Appointed,Dora,1993-04-05,F,caution," + DaysAgo(400) + ",fraud," + DaysAgo(410) + ",,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  static json::object Brag(const std::string& person, const std::string& user = "officer") {
    const HttpReply reply = Call("GET", "/api/v1/people/" + person + "/brag", Token(user));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.status == 200 ? json::parse(reply.body).as_object() : json::object{};
  }

  static std::string AuditCsv() { return SignedIn("auditor").Get("/audit.csv").body; }

  // Every pathway of the form at `level`, as the API takes an assessment.
  static std::string AssessmentBody(const std::string& significant_on, const std::string& level_elsewhere,
                                    bool womens) {
    json::object needs;
    for (const char* pathway : {"accommodation", "education_training_employment", "health", "drugs_alcohol",
                                "finance_benefits_debt", "children_families", "attitudes_thinking_behaviour"}) {
      needs[pathway] = significant_on.find(pathway) != std::string::npos ? "significant" : level_elsewhere;
    }
    if (womens) {
      needs["abuse_rape_domestic_violence"] = json::object{{"level", "some"}, {"notes", "ex-partner"}};
      needs["sexual_exploitation"] = "none";
    }
    return json::serialize(json::object{{"assessed_on", DaysAgo(1)}, {"needs", needs}});
  }
};

TEST_F(CasesTest, TheApiTheCommandLineAndThePageGiveTheSameRatingAndEveryReasonNamesItsFactAndDate) {
  const std::string aaron = PersonId("Arrestson");
  const json::object api = Brag(aaron);
  EXPECT_EQ(api.at("rating").as_string(), "red");
  EXPECT_EQ(api.at("computed_rating").as_string(), "red");
  EXPECT_TRUE(api.at("provisional").as_bool()) << "no pathway assessment yet";
  EXPECT_TRUE(api.at("override").is_null());
  ASSERT_EQ(api.at("reasons").as_array().size(), 1u);
  const json::object& reason = api.at("reasons").as_array()[0].as_object();
  EXPECT_EQ(reason.at("rule").as_string(), "recent_arrest_or_charge");
  EXPECT_EQ(reason.at("date").as_string(), DaysAgo(10));
  const std::string text(reason.at("text").as_string());
  EXPECT_EQ(text, "Arrest on " + FormatLongDate(kToday - std::chrono::days(10)) + " (Shoplifting)");

  const testing::ProcessResult cli = Openiom({"brag", aaron, "--format", "json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(json::parse(cli.out), json::value(api)) << "the command line and the API agree";
  const testing::ProcessResult cli_text = Openiom({"brag", aaron});
  EXPECT_NE(cli_text.out.find("RED on " + FormatIsoDate(kToday) + " (provisional"), std::string::npos) << cli_text.out;
  EXPECT_NE(cli_text.out.find(text), std::string::npos);

  const std::string page = SignedIn("officer").Get("/people/" + aaron + "/case").body;
  EXPECT_NE(page.find("data-rating=\"Red\""), std::string::npos);
  EXPECT_NE(page.find(text), std::string::npos) << "the page names the same fact and date";
  EXPECT_NE(page.find("Provisional"), std::string::npos);

  // On a day before the arrest, all three say Green; a day after today is refused with the field named.
  const std::string before = DaysAgo(11);
  const json::value api_before =
      json::parse(Call("GET", "/api/v1/people/" + aaron + "/brag?as_of=" + before, Token("officer")).body);
  EXPECT_EQ(api_before.at("rating").as_string(), "green");
  EXPECT_EQ(json::parse(Openiom({"brag", aaron, "--as-of", before, "--format", "json"}).out), api_before);
  const HttpReply future =
      Call("GET", "/api/v1/people/" + aaron + "/brag?as_of=" + FormatIsoDate(kToday + std::chrono::days(1)),
           Token("officer"));
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(json::parse(future.body).at("error").at("details").as_array()[0].at("field").as_string(), "as_of");
  EXPECT_EQ(Call("GET", "/api/v1/people/" + aaron + "/brag?as_of=2026-02-30", Token("officer")).status, 400);
  EXPECT_NE(Openiom({"brag", aaron, "--as-of", "tomorrow"}).exit_code, 0);
  EXPECT_EQ(Call("GET", "/api/v1/people/999999/brag", Token("officer")).status, 404);
  EXPECT_EQ(Openiom({"brag", "999999"}).exit_code, Openiom({"people", "show", "999999"}).exit_code);
}

TEST_F(CasesTest, InCustodyIsBlueAndAnAssessmentWithThreeSignificantNeedsMakesAmberWithItsPathways) {
  const std::string beth = PersonId("Custodia");
  EXPECT_EQ(Brag(beth).at("rating").as_string(), "blue");

  const std::string carl = PersonId("Quietly");
  EXPECT_EQ(Brag(carl).at("rating").as_string(), "green");
  const std::string token = Token("offman");
  // Incomplete: a man's seven pathways must all be answered; each problem names its pathway.
  const HttpReply incomplete = Call("POST", "/api/v1/people/" + carl + "/assessments", token,
                                    R"({"assessed_on":")" + DaysAgo(1) + R"(","needs":{"accommodation":"some"}})");
  EXPECT_EQ(incomplete.status, 400);
  const json::array details = json::parse(incomplete.body).at("error").at("details").as_array();
  ASSERT_EQ(details.size(), 6u) << incomplete.body;
  EXPECT_EQ(details[0].at("field").as_string(), "education_training_employment");
  const HttpReply bad_level = Call("POST", "/api/v1/people/" + carl + "/assessments", token,
                                   AssessmentBody("", "lots", false));
  EXPECT_EQ(bad_level.status, 400);
  EXPECT_NE(bad_level.body.find("is not a level of need"), std::string::npos);

  ASSERT_EQ(Call("POST", "/api/v1/people/" + carl + "/assessments", token,
                 AssessmentBody("accommodation drugs_alcohol", "some", false))
                .status,
            201);
  json::object rating = Brag(carl);
  EXPECT_EQ(rating.at("rating").as_string(), "green") << "two significant needs are not enough";
  EXPECT_FALSE(rating.at("provisional").as_bool()) << "assessed now";
  ASSERT_EQ(Call("POST", "/api/v1/people/" + carl + "/assessments", token,
                 AssessmentBody("accommodation drugs_alcohol finance_benefits_debt", "none", false))
                .status,
            201);
  rating = Brag(carl);
  EXPECT_EQ(rating.at("rating").as_string(), "amber");
  ASSERT_EQ(rating.at("reasons").as_array().size(), 1u);
  EXPECT_EQ(rating.at("reasons").as_array()[0].at("text").as_string(),
            "Significant need on 3 pathways in the assessment of " + FormatLongDate(kToday - std::chrono::days(1)) +
                ": Accommodation, Drugs and alcohol, Finance, benefits and debt");
  const json::array assessments =
      json::parse(Call("GET", "/api/v1/people/" + carl + "/assessments", token).body).at("items").as_array();
  ASSERT_EQ(assessments.size(), 2u);
  EXPECT_EQ(assessments[1].at("total").as_int64(), 6);
  EXPECT_EQ(assessments[0].at("total").as_int64(), 2 * 2 + 5);

  // A woman's assessment needs the two women's pathways too.
  const std::string dora = PersonId("Appointed");
  EXPECT_EQ(Call("POST", "/api/v1/people/" + dora + "/assessments", token, AssessmentBody("", "none", false)).status,
            400);
  EXPECT_EQ(Call("POST", "/api/v1/people/" + dora + "/assessments", token, AssessmentBody("", "none", true)).status,
            201);
}

TEST_F(CasesTest, FailedAppointmentsTurnTheRatingAmberThenRedAndCountAgainstCompliance) {
  const std::string dora = PersonId("Appointed");
  const std::string token = Token("offman");
  const auto contact = [&](const std::string& on, const std::string& outcome) {
    return Call("POST", "/api/v1/people/" + dora + "/contacts", token,
                json::serialize(json::object{{"kind", "office"}, {"on", on}, {"time", "10:00"}, {"outcome", outcome}}));
  };
  ASSERT_EQ(contact(DaysAgo(20), "attended").status, 201);
  ASSERT_EQ(contact(DaysAgo(15), "failed_acceptable").status, 201);
  const HttpReply failed = contact(DaysAgo(5), "failed_unacceptable");
  ASSERT_EQ(failed.status, 201);
  json::object rating = Brag(dora);
  EXPECT_EQ(rating.at("rating").as_string(), "amber");
  EXPECT_EQ(rating.at("reasons").as_array()[0].at("rule").as_string(), "failed_appointment");
  EXPECT_EQ(rating.at("reasons").as_array()[0].at("date").as_string(), DaysAgo(5));

  // A booking still to come has no outcome yet; its outcome recorded later, with the ETag, makes two failures: Red.
  const HttpReply booked = contact(DaysAgo(2), "");
  ASSERT_EQ(booked.status, 201);
  const std::string id = std::to_string(json::parse(booked.body).at("id").as_int64());
  const std::string put = "/api/v1/people/" + dora + "/contacts/" + id;
  const std::string body = R"({"kind":"office","on":")" + DaysAgo(2) + R"(","outcome":"failed_unacceptable"})";
  EXPECT_EQ(Call("PUT", put, token, body).status, 428) << "If-Match is required";
  EXPECT_EQ(Call("PUT", put, token, body, {{"If-Match", "\"contact-" + id + ".9\""}}).status, 412);
  EXPECT_EQ(Call("PUT", put, token, body, {{"If-Match", "\"1.1\""}}).status, 412) << "a person's ETag is not a contact's";
  EXPECT_EQ(Call("PUT", put, token, body, {{"If-Match", booked.Header("etag")}}).status, 200);
  EXPECT_EQ(Call("PUT", put, token, body, {{"If-Match", booked.Header("etag")}}).status, 412) << "now stale";
  rating = Brag(dora);
  EXPECT_EQ(rating.at("rating").as_string(), "red");
  EXPECT_EQ(rating.at("reasons").as_array().size(), 2u);
  EXPECT_EQ(rating.at("reasons").as_array()[0].at("rule").as_string(), "repeated_failed_appointments");

  const json::value contacts = json::parse(Call("GET", "/api/v1/people/" + dora + "/contacts", token).body);
  EXPECT_EQ(contacts.at("items").as_array().size(), 4u);
  EXPECT_DOUBLE_EQ(contacts.at("compliance_28_days").as_double(), 50.0) << "attended and excused of four";

  // Bad input names the field: an outcome for a day still to come, a time that is not one, an unknown kind.
  const std::string tomorrow = FormatIsoDate(kToday + std::chrono::days(1));
  const HttpReply early = contact(tomorrow, "attended");
  EXPECT_EQ(early.status, 400);
  EXPECT_EQ(json::parse(early.body).at("error").at("details").as_array()[0].at("field").as_string(), "outcome");
  const HttpReply odd = Call("POST", "/api/v1/people/" + dora + "/contacts", token,
                             R"({"kind":"seance","on":")" + tomorrow + R"(","time":"25:00"})");
  EXPECT_EQ(odd.status, 400);
  const json::array details = json::parse(odd.body).at("error").at("details").as_array();
  ASSERT_EQ(details.size(), 2u) << odd.body;
  EXPECT_EQ(details[0].at("field").as_string(), "kind");
  EXPECT_EQ(details[1].at("field").as_string(), "time");
}

TEST_F(CasesTest, AnOverrideNeedsAJustificationAnExpiryAndAnotherManagersSignOff) {
  const std::string aaron = PersonId("Arrestson");
  const std::string offman = Token("offman");
  const std::string path = "/api/v1/people/" + aaron + "/brag/overrides";
  const std::string in_a_month = FormatIsoDate(kToday + std::chrono::days(30));
  const HttpReply short_reason = Call("POST", path, offman,
                                      R"({"rating":"amber","justification":"mistake","expires_on":")" + in_a_month + "\"}");
  EXPECT_EQ(short_reason.status, 400);
  EXPECT_EQ(json::parse(short_reason.body).at("error").at("details").as_array()[0].at("field").as_string(),
            "justification");
  const HttpReply past = Call("POST", path, offman,
                              R"({"rating":"amber","justification":"The arrest was a case of mistaken identity","expires_on":")" +
                                  DaysAgo(1) + "\"}");
  EXPECT_EQ(past.status, 400);
  EXPECT_EQ(json::parse(past.body).at("error").at("details").as_array()[0].at("field").as_string(), "expires_on");

  const HttpReply asked = Call("POST", path, offman,
                               R"({"rating":"amber","justification":"The arrest was a case of mistaken identity","expires_on":")" +
                                   in_a_month + "\"}");
  ASSERT_EQ(asked.status, 201) << asked.body;
  json::object rating = Brag(aaron);
  EXPECT_EQ(rating.at("rating").as_string(), "red") << "not yet signed off";
  ASSERT_TRUE(rating.at("pending_override").is_object());
  EXPECT_EQ(rating.at("pending_override").at("requested_by").as_string(), "offman");

  const std::string id = std::to_string(json::parse(asked.body).at("id").as_int64());
  const std::string sign_off = path + "/" + id + "/sign-off";
  EXPECT_EQ(Call("POST", sign_off, offman, "", {{"If-Match", asked.Header("etag")}}).status, 403)
      << "a practitioner cannot sign off";
  EXPECT_EQ(Call("POST", sign_off, Token("boss"), "").status, 428);
  EXPECT_EQ(Call("POST", sign_off, Token("boss"), "", {{"If-Match", "\"override-" + id + ".2\""}}).status, 412);
  ASSERT_EQ(Call("POST", sign_off, Token("boss"), "", {{"If-Match", asked.Header("etag")}}).status, 200);
  rating = Brag(aaron);
  EXPECT_EQ(rating.at("rating").as_string(), "amber");
  EXPECT_EQ(rating.at("computed_rating").as_string(), "red") << "the rules' rating stays beside it";
  EXPECT_EQ(rating.at("override").at("approved_by").as_string(), "boss");
  EXPECT_EQ(rating.at("reasons").as_array().size(), 1u);
  const std::string page = SignedIn("officer").Get("/people/" + aaron + "/case").body;
  EXPECT_NE(page.find("Overridden to Amber"), std::string::npos);
  EXPECT_NE(page.find("The arrest was a case of mistaken identity"), std::string::npos);

  // A manager's own override applies at once, but one manager cannot sign off their own request twice over.
  const HttpReply own = Call("POST", path, Token("boss2"),
                             R"({"rating":"red","justification":"Intelligence of further shoplifting this week","expires_on":")" +
                                 in_a_month + "\"}");
  ASSERT_EQ(own.status, 201);
  EXPECT_EQ(Brag(aaron).at("rating").as_string(), "red");
  const std::string own_sign_off = path + "/" + std::to_string(json::parse(own.body).at("id").as_int64()) + "/sign-off";
  EXPECT_EQ(Call("POST", own_sign_off, Token("boss"), "", {{"If-Match", own.Header("etag")}}).status, 409)
      << "already signed off";
  const std::string audit = AuditCsv();
  EXPECT_NE(audit.find("sign_off_override"), std::string::npos);
  EXPECT_NE(audit.find("Sign off a BRAG override needs the manager role"), std::string::npos)
      << "the practitioner's attempt is audited as refused";
}

TEST_F(CasesTest, AnAgencyThatDoesNotWorkWithThePersonNeitherReadsNorAddsToTheirCase) {
  const std::string aaron = PersonId("Arrestson");
  const std::string housing = Token("housing");
  EXPECT_EQ(Call("GET", "/api/v1/people/" + aaron + "/brag", housing).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/people/" + aaron + "/contacts", housing).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/people/" + aaron + "/assessments", housing).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/people/" + aaron + "/contacts", housing,
                 R"({"kind":"phone","on":")" + DaysAgo(0) + R"("})")
                .status,
            403);
  EXPECT_EQ(Call("GET", "/api/v1/tasking", housing).status, 403) << "the tasking list is police work";
  WebSession web = SignedIn("housing");
  const HttpReply page = web.Get("/people/" + aaron + "/case");
  EXPECT_EQ(page.status, 403);
  EXPECT_NE(page.body.find("break-glass"), std::string::npos) << "offered the break-glass form";
  // Breaking the glass opens the case to read, never to add to it.
  ASSERT_EQ(web.Post("/people/" + aaron + "/break-glass",
                     "csrf_token=" + web.CsrfToken() + "&reason=Tenancy+emergency+this+morning")
                .status,
            303);
  EXPECT_EQ(Call("GET", "/api/v1/people/" + aaron + "/brag", housing).status, 200);
  EXPECT_EQ(Call("POST", "/api/v1/people/" + aaron + "/contacts", housing,
                 R"({"kind":"phone","on":")" + DaysAgo(0) + R"("})")
                .status,
            403);
  const std::string audit = AuditCsv();
  EXPECT_NE(audit.find("Record a contact needs your agency to work with this person"), std::string::npos);
}

TEST_F(CasesTest, TheCaseloadListsTheLeadProfessionalsPeopleAndTheTaskingListEveryoneRed) {
  const std::string aaron = PersonId("Arrestson");
  WebSession om = SignedIn("offman");
  EXPECT_NE(om.Get("/caseload").body.find("No one matches"), std::string::npos);
  ASSERT_EQ(om.Post("/people/" + aaron + "/refer", "csrf_token=" + om.CsrfToken() + "&route=referral&reasons=Prolific")
                .status,
            303);
  WebSession boss = SignedIn("boss");
  std::smatch match;
  const std::string panel = boss.Get("/panel").body;
  ASSERT_TRUE(std::regex_search(panel, match, std::regex("href=\"/panel/(\\d+)\">Record decision")));
  const std::string decision = "/panel/" + match[1].str();
  const std::string form = boss.Get(decision).body;
  ASSERT_TRUE(std::regex_search(form, match, std::regex("<option value=\"(\\d+)\"[^>]*>User offman \\(Probation\\)")));
  ASSERT_EQ(boss.Post(decision, "csrf_token=" + boss.CsrfToken() + "&version=1&decision=select&reason=Agreed" +
                                    "&panel_date=" + FormatIsoDate(kToday) + "&strand=fixed&scheme=ppo&lead_user=" +
                                    match[1].str())
                .status,
            303);
  const std::string caseload = om.Get("/caseload").body;
  EXPECT_NE(caseload.find("href=\"/people/" + aaron + "/case\">Arrestson, Aaron"), std::string::npos) << caseload;
  const json::array mine = json::parse(Call("GET", "/api/v1/caseload", Token("offman")).body).at("items").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("scheme").as_string(), "ppo");
  const std::string csv = om.Get("/caseload.csv").body;
  EXPECT_NE(csv.find("Arrestson,Aaron"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/caseload?everyone=true", Token("offman")).status, 403)
      << "the whole cohort is for managers";
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/caseload?everyone=true", Token("boss")).body).at("items").as_array().size(),
            1u);
  EXPECT_EQ(Call("GET", "/api/v1/caseload?rating=purple", Token("boss")).status, 400);
  const json::array tasking = json::parse(Call("GET", "/api/v1/tasking", Token("officer")).body).at("items").as_array();
  for (const json::value& row : tasking) EXPECT_EQ(row.at("rating").as_string(), "red");
  EXPECT_NE(SignedIn("officer").Get("/tasking").status, 403);

  // A warrant makes a cohort member wanted, counted under their scheme; an arrest on or after it ends that.
  const auto wanted = [&] { return json::parse(Call("GET", "/api/v1/wanted", Token("offman")).body).as_object(); };
  EXPECT_EQ(wanted().at("total").as_int64(), 0);
  ASSERT_EQ(Call("POST", "/api/v1/people/" + aaron + "/events", Token("officer"),
                 R"({"source_id":"W1","event_type":"warrant","event_date":")" + DaysAgo(3) + "\"}")
                .status,
            201);
  json::object list = wanted();
  EXPECT_EQ(list.at("total").as_int64(), 1);
  EXPECT_EQ(list.at("items").as_array()[0].at("wanted_since").as_string(), DaysAgo(3));
  for (const json::value& scheme : list.at("by_scheme").as_array()) {
    if (scheme.at("scheme").as_string() == "ppo") {
      EXPECT_EQ(scheme.at("wanted").as_int64(), 1);
      EXPECT_EQ(scheme.at("members").as_int64(), 1);
    }
  }
  const std::string page = om.Get("/wanted").body;
  EXPECT_NE(page.find("Warrant issued on " + FormatLongDate(kToday - std::chrono::days(3))), std::string::npos);
  EXPECT_NE(om.Get("/wanted.csv").body.find("Arrestson,Aaron"), std::string::npos);
  EXPECT_NE(om.Get("/people/" + aaron + "/case").body.find("Warrant issued on"), std::string::npos);
  ASSERT_EQ(Call("POST", "/api/v1/people/" + aaron + "/events", Token("officer"),
                 R"({"source_id":"W1-arrest","event_type":"arrest","offence_category":"shoplifting","event_date":")" +
                     DaysAgo(1) + "\"}")
                .status,
            201);
  EXPECT_EQ(wanted().at("total").as_int64(), 0) << "arrested since: no longer wanted";
  EXPECT_EQ(Call("GET", "/api/v1/wanted", Token("housing")).status, 403) << "warrants are offence information";
  EXPECT_EQ(SignedIn("housing").Get("/wanted").status, 403);
}

}  // namespace
}  // namespace openiom
