// Service levels and the non-compliance workflow from outside (issue 10, parts 1 and 6), against a real `openiom
// serve`: a manager sets a level on the Level tab, an arrest after it makes the tab suggest a move up with the fact
// named, the answer is refused to a practitioner (403), for a suggestion that has changed (412) and without a reason
// (400 on the form), and accepted it moves the level keeping the reasons; schemes and statutory status through the
// API with If-Match on taking someone off (428 without, 412 for another version or kind, 409 once off) and need-to-know (a housing practitioner refused);
// an unacceptable failure makes a warning due, a second one breach action, a proven breach becomes a breach event
// that turns the BRAG rating Red, each step refused to an agency that does not hold offence records.
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
// A GOV.UK date input's fields for `name`, days ago: "on-day=3&on-month=2&on-year=2026".
std::string DateFields(const std::string& name, int days) {
  const std::string iso = DaysAgo(days);
  return name + "-day=" + std::to_string(std::stoi(iso.substr(8, 2))) + "&" + name +
         "-month=" + std::to_string(std::stoi(iso.substr(5, 2))) + "&" + name + "-year=" + iso.substr(0, 4);
}

class LevelsEnforcementTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(
        SetUpSite({{"Cleveland Police", "police"}, {"Probation", "probation"}, {"Tees Housing", "housing"}},
                  {{"officer", "Cleveland Police", "practitioner", "User officer"},
                   {"offman", "Probation", "practitioner", "User offman"},
                   {"boss", "Probation", "manager", "User boss"},
                   {"housing", "Tees Housing", "practitioner", "User housing"}}));
    const std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "L1,,Levelled,Lee,1990-01-01,M,arrest," + DaysAgo(30) + ",burglary_residential,,,,,\n"
        "S1,,Schemed,Sam,1991-01-01,M,arrest," + DaysAgo(300) + ",shoplifting,,,,,\n"
        "B1,,Breacher,Bea,1992-01-01,F,arrest," + DaysAgo(300) + ",shoplifting,,,,,\n"
        "P1,,Profiled,Pat,1993-01-01,M,arrest," + DaysAgo(200) + ",theft_from_vehicle,,,,,\n"
        "P2,,Profiled,Pat,1993-01-01,M,charge," + DaysAgo(199) + ",theft_from_vehicle,,,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  static json::object Json(const HttpReply& reply) { return json::parse(reply.body).as_object(); }
  static std::string ErrorField(const HttpReply& reply) {
    const json::array details = json::parse(reply.body).at("error").at("details").as_array();
    return details.empty() ? "" : std::string(details[0].at("field").as_string());
  }
};

TEST_F(LevelsEnforcementTest, AnArrestAfterTheLevelWasSetSuggestsAMoveUpWhichAManagerAnswersOnTheLevelTab) {
  const std::string lee = PersonId("Levelled");
  WebSession boss = SignedIn("boss");
  // The manager sets level 3 from 60 days ago (before the arrest 30 days ago) with the form.
  const HttpReply short_reason = boss.Post("/people/" + lee + "/level/change",
                                           "csrf_token=" + boss.CsrfToken() + "&level=standard&reason=new&" +
                                               DateFields("on", 60));
  EXPECT_EQ(short_reason.status, 400);
  EXPECT_NE(short_reason.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(short_reason.body.find("href=\"#reason\""), std::string::npos) << "the summary links to the reason";
  const HttpReply bad_day = boss.Post("/people/" + lee + "/level/change",
                                      "csrf_token=" + boss.CsrfToken() +
                                          "&level=standard&reason=Selected+at+panel&on-day=31&on-month=2&on-year=2026");
  EXPECT_EQ(bad_day.status, 400) << "31 February is no day, and is not read as today";
  ASSERT_EQ(boss.Post("/people/" + lee + "/level/change", "csrf_token=" + boss.CsrfToken() +
                                                              "&level=standard&reason=Selected+at+panel&" +
                                                              DateFields("on", 60))
                .status,
            303);
  const HttpReply tab = boss.Get("/people/" + lee + "/level");
  ASSERT_EQ(tab.status, 200);
  EXPECT_NE(tab.body.find("Level 3: standard IOM"), std::string::npos);
  EXPECT_NE(tab.body.find("Suggested: Move up to Level 2: HCC enhanced"), std::string::npos) << tab.body;
  EXPECT_NE(tab.body.find("Arrest on " + FormatLongDate(kToday - std::chrono::days(30))), std::string::npos)
      << "the suggestion names its fact";
  EXPECT_NE(tab.body.find("Save the answer"), std::string::npos);

  // A practitioner sees the suggestion but may not answer it.
  WebSession officer = SignedIn("officer");
  const HttpReply officer_tab = officer.Get("/people/" + lee + "/level");
  ASSERT_EQ(officer_tab.status, 200);
  EXPECT_NE(officer_tab.body.find("A manager accepts or dismisses it"), std::string::npos);
  EXPECT_EQ(officer_tab.body.find("Save the answer"), std::string::npos);
  EXPECT_EQ(officer.Post("/people/" + lee + "/level/decision",
                         "csrf_token=" + officer.CsrfToken() +
                             "&direction=up&to=enhanced&decision=accepted&reason=Agreed+at+BRAG+meeting")
                .status,
            403);
  // An answer to another suggestion than the one now made is stale; one without a reason is shown on the form.
  const HttpReply stale = boss.Post("/people/" + lee + "/level/decision",
                                    "csrf_token=" + boss.CsrfToken() +
                                        "&direction=up&to=intensive&decision=accepted&reason=Agreed+at+BRAG+meeting");
  EXPECT_EQ(stale.status, 412);
  EXPECT_NE(stale.body.find("the suggestion has changed since it was shown"), std::string::npos);
  const HttpReply no_reason = boss.Post("/people/" + lee + "/level/decision",
                                        "csrf_token=" + boss.CsrfToken() +
                                            "&direction=up&to=enhanced&decision=accepted&reason=");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("href=\"#reason\""), std::string::npos);
  EXPECT_EQ(Json(Call("GET", "/api/v1/people/" + lee + "/level", Token("boss"))).at("history").as_array().size(), 1u)
      << "nothing stored by the refused answers";

  ASSERT_EQ(boss.Post("/people/" + lee + "/level/decision",
                      "csrf_token=" + boss.CsrfToken() +
                          "&direction=up&to=enhanced&decision=accepted&reason=Agreed+at+the+BRAG+meeting")
                .status,
            303);
  const json::object level = Json(Call("GET", "/api/v1/people/" + lee + "/level", Token("officer")));
  EXPECT_EQ(level.at("level").at("level").as_string(), "enhanced");
  EXPECT_EQ(level.at("level").at("number").as_int64(), 2);
  EXPECT_NE(std::string(level.at("level").at("reason").as_string()).find("Agreed at the BRAG meeting (suggested: Arrest"),
            std::string::npos)
      << "the move keeps the manager's reason and the rules'";
  EXPECT_TRUE(level.at("suggestion").is_null()) << "answered: no newer fact";
  ASSERT_EQ(level.at("decisions").as_array().size(), 1u);
  EXPECT_EQ(level.at("decisions").as_array()[0].at("decision").as_string(), "accepted");
  EXPECT_NE(boss.Get("/people/" + lee + "/case").body.find("Level 2: HCC enhanced"), std::string::npos)
      << "the case page shows the level";
  // The API's own checks: a practitioner may not move the level; a manager's unknown level is named.
  EXPECT_EQ(Call("PUT", "/api/v1/people/" + lee + "/level", Token("officer"),
                 R"({"level":"intensive","reason":"Charged with robbery"})")
                .status,
            403);
  const HttpReply unknown = Call("PUT", "/api/v1/people/" + lee + "/level", Token("boss"),
                                 R"({"level":"platinum","reason":"Charged with robbery"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(ErrorField(unknown), "level");
  EXPECT_EQ(Call("POST", "/api/v1/people/" + lee + "/level/decisions", Token("boss"),
                 R"({"direction":"up","to":"enhanced","decision":"dismissed","reason":"Nothing to answer now"})")
                .status,
            409)
      << "no suggestion to answer";
}

TEST_F(LevelsEnforcementTest, SchemesAndStatusThroughTheApiWithIfMatchAndNeedToKnow) {
  const std::string sam = PersonId("Schemed"), lee = PersonId("Levelled");
  const std::string offman = Token("offman");
  const std::string schemes = "/api/v1/people/" + sam + "/schemes";
  const HttpReply no_end = Call("POST", schemes, offman, R"({"scheme":"drr","reason":"Court order"})");
  EXPECT_EQ(no_end.status, 400);
  EXPECT_EQ(ErrorField(no_end), "ends_on") << "a DRR has an end date";
  const HttpReply added = Call("POST", schemes, offman,
                               R"({"scheme":"drr","ends_on":")" + FormatIsoDate(kToday + std::chrono::days(180)) +
                                   R"(","reason":"Court order"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const int64_t scheme_id = Json(added).at("id").as_int64();
  EXPECT_EQ(added.Header("etag"), "\"scheme-" + std::to_string(scheme_id) + ".1\"");
  EXPECT_EQ(Call("POST", schemes, Token("housing"), R"({"scheme":"ppo"})").status, 403) << "housing does not work with Sam";
  EXPECT_EQ(Call("GET", "/api/v1/people/" + sam + "/level", Token("housing")).status, 403);

  const std::string put = schemes + "/" + std::to_string(scheme_id);
  EXPECT_EQ(Call("PUT", put, offman, R"({"left":true})").status, 428);
  EXPECT_EQ(Call("PUT", put, offman, R"({"left":true})", {{"If-Match", "\"scheme-" + std::to_string(scheme_id) + ".7\""}})
                .status,
            412)
      << "another version is stale";
  EXPECT_EQ(Call("PUT", put, offman, R"({"left":true})", {{"If-Match", "\"action-" + std::to_string(scheme_id) + ".1\""}})
                .status,
            412);
  EXPECT_EQ(Call("PUT", "/api/v1/people/" + lee + "/schemes/" + std::to_string(scheme_id), offman, R"({"left":true})",
                 {{"If-Match", "\"scheme-" + std::to_string(scheme_id) + ".1\""}})
                .status,
            404)
      << "Sam's scheme is not found on Lee's record";
  const std::string etag = "\"scheme-" + std::to_string(scheme_id) + ".1\"";
  EXPECT_EQ(Call("PUT", put, offman, R"({"left":false})", {{"If-Match", etag}}).status, 400);
  const HttpReply left = Call("PUT", put, offman, R"({"left":true})", {{"If-Match", etag}});
  ASSERT_EQ(left.status, 200) << left.body;
  EXPECT_EQ(left.Header("etag"), "\"scheme-" + std::to_string(scheme_id) + ".2\"");
  EXPECT_EQ(Call("PUT", put, offman, R"({"left":true})", {{"If-Match", left.Header("etag")}}).status, 409)
      << "no longer on it";

  const std::string status = "/api/v1/people/" + sam + "/statutory-status";
  const HttpReply licence_no_end = Call("POST", status, offman, R"({"kind":"licence"})");
  EXPECT_EQ(licence_no_end.status, 400);
  EXPECT_EQ(ErrorField(licence_no_end), "ends_on");
  ASSERT_EQ(Call("POST", status, offman,
                 R"({"kind":"licence","ends_on":")" + FormatIsoDate(kToday + std::chrono::days(200)) + R"("})")
                .status,
            201);
  const json::object level = Json(Call("GET", "/api/v1/people/" + sam + "/level", offman));
  EXPECT_EQ(level.at("status").at("kind").as_string(), "licence");
  ASSERT_EQ(level.at("schemes").as_array().size(), 1u);
  EXPECT_FALSE(level.at("schemes").as_array()[0].at("current").as_bool());
  EXPECT_EQ(Call("POST", status, offman, "kind=licence", {}, "application/x-www-form-urlencoded").status, 400)
      << "a form is not JSON";
}

TEST_F(LevelsEnforcementTest, AMissedAppointmentNeedsAWarningThenBreachActionAndAProvenBreachTurnsTheRatingRed) {
  const std::string bea = PersonId("Breacher");
  const std::string offman = Token("offman"), housing = Token("housing");
  ASSERT_EQ(Call("POST", "/api/v1/people/" + bea + "/statutory-status", offman,
                 R"({"kind":"community_order","starts_on":")" + DaysAgo(200) + R"(","ends_on":")" +
                     FormatIsoDate(kToday + std::chrono::days(200)) + R"("})")
                .status,
            201);
  const auto failure = [&](int days_ago) {
    const HttpReply added = Call("POST", "/api/v1/people/" + bea + "/contacts", offman,
                                 R"({"kind":"office","on":")" + DaysAgo(days_ago) +
                                     R"(","outcome":"failed_unacceptable","notes":"No reason given"})");
    EXPECT_EQ(added.status, 201) << added.body;
    return Json(added).at("id").as_int64();
  };
  const int64_t first = failure(40);
  const std::string enforcement = "/api/v1/people/" + bea + "/enforcement";
  json::object view = Json(Call("GET", enforcement, offman));
  ASSERT_EQ(view.at("due").as_array().size(), 1u);
  EXPECT_EQ(view.at("due").as_array()[0].at("kind").as_string(), "warning");
  EXPECT_EQ(view.at("due").as_array()[0].at("contact_id").as_int64(), first);
  WebSession web = SignedIn("offman");
  const HttpReply case_page = web.Get("/people/" + bea + "/case");
  EXPECT_NE(case_page.body.find("Warning due"), std::string::npos);
  EXPECT_NE(case_page.body.find("/people/" + bea + "/enforcement/new?kind=warning&amp;contact=" + std::to_string(first)),
            std::string::npos);

  const std::string warning = R"({"kind":"warning","contact_id":)" + std::to_string(first) +
                              R"(,"on":")" + DaysAgo(39) + R"(","reason":"Warning letter sent"})";
  EXPECT_EQ(Call("POST", enforcement, housing, warning).status, 403)
      << "housing holds no offence records, and does not work with Bea";
  // The warning by the form, with the failure chosen.
  const HttpReply no_contact = web.Post("/people/" + bea + "/enforcement/new",
                                        "csrf_token=" + web.CsrfToken() + "&kind=warning&contact=&reason=Letter");
  EXPECT_EQ(no_contact.status, 400);
  EXPECT_NE(no_contact.body.find("href=\"#contact\""), std::string::npos);
  ASSERT_EQ(web.Post("/people/" + bea + "/enforcement/new", "csrf_token=" + web.CsrfToken() +
                                                                "&kind=warning&contact=" + std::to_string(first) +
                                                                "&reason=Warning+letter+sent&" + DateFields("on", 39))
                .status,
            303);
  EXPECT_TRUE(Json(Call("GET", enforcement, offman)).at("due").as_array().empty());

  const int64_t second = failure(10);
  view = Json(Call("GET", enforcement, offman));
  ASSERT_EQ(view.at("due").as_array().size(), 1u);
  EXPECT_EQ(view.at("due").as_array()[0].at("kind").as_string(), "breach") << "a second failure within the year";
  const HttpReply short_reason = Call("POST", enforcement, offman,
                                      R"({"kind":"breach","contact_id":)" + std::to_string(second) + R"(,"reason":"x"})");
  EXPECT_EQ(short_reason.status, 400);
  EXPECT_EQ(ErrorField(short_reason), "reason");
  const HttpReply breach = Call("POST", enforcement, offman,
                                R"({"kind":"breach","contact_id":)" + std::to_string(second) +
                                    R"(,"reason":"Second unacceptable failure: breach laid"})");
  ASSERT_EQ(breach.status, 201) << breach.body;
  const int64_t step = Json(breach).at("id").as_int64();
  const std::string put = enforcement + "/" + std::to_string(step);
  EXPECT_EQ(Call("PUT", put, offman, R"({"outcome":"proven"})").status, 428);
  const HttpReply wrong_kind = Call("PUT", put, offman, R"({"outcome":"recalled"})", {{"If-Match", breach.Header("etag")}});
  EXPECT_EQ(wrong_kind.status, 400) << "a breach is proven or not, never recalled";
  EXPECT_EQ(ErrorField(wrong_kind), "outcome");
  EXPECT_NE(Json(Call("GET", "/api/v1/people/" + bea + "/brag", offman)).at("rating").as_string(), "red");
  const HttpReply proven = Call("PUT", put, offman, R"({"outcome":"proven"})", {{"If-Match", breach.Header("etag")}});
  ASSERT_EQ(proven.status, 200) << proven.body;
  EXPECT_EQ(Call("PUT", put, offman, R"({"outcome":"proven"})", {{"If-Match", breach.Header("etag")}}).status, 412)
      << "the old version is stale";

  view = Json(Call("GET", enforcement, offman));
  const json::array& steps = view.at("steps").as_array();
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[1].at("outcome").as_string(), "proven");
  EXPECT_FALSE(steps[1].at("event_id").is_null()) << "the proven breach is an event";
  const json::object brag = Json(Call("GET", "/api/v1/people/" + bea + "/brag", offman));
  EXPECT_EQ(brag.at("rating").as_string(), "red");
  EXPECT_NE(json::serialize(brag.at("reasons")).find("breach"), std::string::npos) << json::serialize(brag);
  // The case page lists both steps, the breach with its outcome.
  const std::string page = web.Get("/people/" + bea + "/case").body;
  EXPECT_NE(page.find("Breach proven on " + FormatShortDate(kToday)), std::string::npos);
}

// The case page is the profile: beside the rating, level, team, compliance and enforcement it shows the plan, the
// custody episode with its release countdown, the open referrals and a timeline of events, all from one view.
TEST_F(LevelsEnforcementTest, TheCasePageBringsThePlanCustodyReferralsAndTimelineTogether) {
  const std::string pat = PersonId("Profiled");
  const std::string offman = Token("offman");
  const HttpReply before = SignedIn("offman").Get("/people/" + pat + "/case");
  ASSERT_EQ(before.status, 200);
  EXPECT_NE(before.body.find("No custody episode recorded"), std::string::npos);
  EXPECT_NE(before.body.find("0 open actions"), std::string::npos);
  ASSERT_EQ(Call("POST", "/api/v1/people/" + pat + "/custody", offman,
                 R"({"establishment":"HMP Holme House","started_on":")" + DaysAgo(100) +
                     R"(","sentence":"8 months","expected_release_on":")" +
                     FormatIsoDate(kToday + std::chrono::days(9)) + R"("})")
                .status,
            201);
  ASSERT_EQ(Call("POST", "/api/v1/people/" + pat + "/referrals", offman,
                 R"({"service":"housing","provider":"Tees Housing Partnership housing options"})")
                .status,
            201);
  // The plan's form names the signed-in user as the owner, which gives their id.
  std::smatch owner;
  const std::string form = SignedIn("offman").Get("/people/" + pat + "/plan/new").body;
  ASSERT_TRUE(std::regex_search(form, owner, std::regex("<option value=\"(\\d+)\" selected>")));
  const HttpReply action = Call("POST", "/api/v1/people/" + pat + "/plan", offman,
                                R"({"kind":"support","pathway":"accommodation","description":"Housing on release",)"
                                R"("owner_user_id":)" + owner[1].str() + R"(,"due_on":")" +
                                    FormatIsoDate(kToday + std::chrono::days(7)) + R"("})");
  ASSERT_EQ(action.status, 201) << action.body;
  const int64_t entries = AuditEntries();
  const std::string page = SignedIn("offman").Get("/people/" + pat + "/case").body;
  EXPECT_NE(page.find("In custody at HMP Holme House since " + FormatShortDate(kToday - std::chrono::days(100))),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("in 9 days"), std::string::npos) << "the release countdown";
  EXPECT_NE(page.find("Housing: Tees Housing Partnership housing options (Sent since"), std::string::npos);
  EXPECT_NE(page.find("1 open action"), std::string::npos);
  // The timeline, newest first: the custody start recorded with the episode, then the charge, then the arrest.
  const size_t timeline = page.find("id=\"timeline\"");
  ASSERT_NE(timeline, std::string::npos);
  const size_t custody = page.find("Custody started", timeline), charge = page.find("Charge", timeline),
               arrest = page.find("Arrest", timeline);
  ASSERT_NE(custody, std::string::npos);
  ASSERT_NE(arrest, std::string::npos);
  EXPECT_LT(custody, charge);
  EXPECT_LT(charge, arrest);
  EXPECT_GT(AuditEntries(), entries) << "the view is audited";
}

}  // namespace
}  // namespace openiom
