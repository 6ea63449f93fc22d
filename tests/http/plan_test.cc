// The plan from outside (issue 10, part 5): actions added through the API and the pages, an action that is overdue
// and then done (with If-Match: 428 without it, 412 when stale), support beside enforcement and disruption on the
// page, the owner's overdue actions on their caseload and in the API, the review date, bad input named by field, and
// need-to-know on every plan route. A real `openiom serve`; the day is today, so due dates are counted from it.
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
std::string DaysAgo(int days) {
  return FormatIsoDate(kToday - std::chrono::days(days));
}

class PlanTest : public testing::HttpFixture {
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
        "P1,,Planned,Pat,1990-01-01,M,arrest," +
        DaysAgo(100) +
        ",shoplifting,,,,,\n"
        "Q1,,Quiet,Quentin,1991-01-01,M,arrest," +
        DaysAgo(100) + ",shoplifting,,,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  // The id of the option labelled `label` in the add-an-action form of `person` (users and agencies are chosen from
  // lists there).
  static std::string OptionId(const std::string& person, const std::string& label) {
    const std::string form = SignedIn("offman").Get("/people/" + person + "/plan/new").body;
    std::smatch match;
    EXPECT_TRUE(std::regex_search(form, match, std::regex("<option value=\"(\\d+)\"[^>]*>" + label + "</option>")))
        << label;
    return match.empty() ? "0" : match[1].str();
  }

  static HttpReply AddAction(const std::string& person, const json::object& body, const std::string& user = "offman") {
    return Call("POST", "/api/v1/people/" + person + "/plan", Token(user), json::serialize(body));
  }

  static json::object Plan(const std::string& person) {
    const HttpReply reply = Call("GET", "/api/v1/people/" + person + "/plan", Token("offman"));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.status == 200 ? json::parse(reply.body).as_object() : json::object{};
  }

  static std::string ErrorField(const HttpReply& reply) {
    const json::array details = json::parse(reply.body).at("error").at("details").as_array();
    return details.empty() ? "" : std::string(details[0].at("field").as_string());
  }
};

TEST_F(PlanTest, AnActionPastItsDueDateIsOverdueForItsOwnerUntilItIsDone) {
  const std::string pat = PersonId("Planned");
  const std::string offman = OptionId(pat, "User offman \\(Probation\\)");
  const std::string police = OptionId(pat, "Cleveland Police");
  const HttpReply late = AddAction(pat, {{"kind", "support"},
                                         {"pathway", "accommodation"},
                                         {"description", "Housing options appointment"},
                                         {"owner_user_id", offman},
                                         {"due_on", DaysAgo(1)}});
  ASSERT_EQ(late.status, 201) << late.body;
  const int64_t late_id = json::parse(late.body).at("id").as_int64();
  EXPECT_EQ(late.Header("etag"), "\"action-" + std::to_string(late_id) + ".1\"");
  ASSERT_EQ(AddAction(pat, {{"kind", "support"},
                            {"pathway", "health"},
                            {"description", "Register with a GP"},
                            {"owner_user_id", offman},
                            {"due_on", DaysAgo(0)}})
                .status,
            201);
  ASSERT_EQ(AddAction(pat, {{"kind", "disruption"},
                            {"description", "Curfew checks at the address"},
                            {"owner_agency_id", police},
                            {"due_on", DaysAgo(-7)}})
                .status,
            201);

  json::object plan = Plan(pat);
  EXPECT_EQ(plan.at("overdue").as_int64(), 1) << "due yesterday is overdue; due today is not yet";
  const json::array items = plan.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("id").as_int64(), late_id) << "open actions by due date";
  EXPECT_TRUE(items[0].at("overdue").as_bool());
  EXPECT_EQ(items[0].at("status").as_string(), "open");
  EXPECT_EQ(items[0].at("owner").as_string(), "User offman");
  EXPECT_EQ(items[0].at("owner_agency").as_string(), "Probation");
  EXPECT_FALSE(items[1].at("overdue").as_bool());
  EXPECT_TRUE(items[2].at("pathway").is_null());
  EXPECT_TRUE(items[2].at("owner_user_id").is_null());
  EXPECT_EQ(items[2].at("owner_agency").as_string(), "Cleveland Police");

  // The owner sees it in their overdue actions: the API and the caseload page.
  json::array mine = json::parse(Call("GET", "/api/v1/plan/overdue", Token("offman")).body).at("items").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("surname").as_string(), "Planned");
  EXPECT_TRUE(json::parse(Call("GET", "/api/v1/plan/overdue", Token("officer")).body).at("items").as_array().empty());
  WebSession web = SignedIn("offman");
  const std::string caseload = web.Get("/caseload").body;
  EXPECT_NE(caseload.find("My overdue actions"), std::string::npos);
  EXPECT_NE(caseload.find("Housing options appointment"), std::string::npos) << caseload;
  // The page: support beside enforcement and disruption, the late one tagged Overdue.
  const std::string page = web.Get("/people/" + pat + "/plan").body;
  EXPECT_NE(page.find(">Support</h3>"), std::string::npos);
  EXPECT_NE(page.find(">Enforcement and disruption</h3>"), std::string::npos);
  EXPECT_LT(page.find("Housing options appointment"), page.find("id=\"sanctions\""));
  EXPECT_GT(page.find("Curfew checks at the address"), page.find("id=\"sanctions\""));
  EXPECT_NE(page.find("data-status=\"Overdue\""), std::string::npos);
  EXPECT_NE(page.find(">Plan</a>"), std::string::npos) << "a tab of the record";

  // Done, with the ETag read: without one 428, a stale or another kind's 412.
  const std::string put = "/api/v1/people/" + pat + "/plan/" + std::to_string(late_id);
  const std::string done = R"({"status":"done"})";
  EXPECT_EQ(Call("PUT", put, Token("offman"), done).status, 428);
  EXPECT_EQ(
      Call("PUT", put, Token("offman"), done, {{"If-Match", "\"action-" + std::to_string(late_id) + ".9\""}}).status,
      412);
  EXPECT_EQ(
      Call("PUT", put, Token("offman"), done, {{"If-Match", "\"contact-" + std::to_string(late_id) + ".1\""}}).status,
      412);
  const HttpReply marked = Call("PUT", put, Token("offman"), done, {{"If-Match", late.Header("etag")}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_EQ(marked.Header("etag"), "\"action-" + std::to_string(late_id) + ".2\"");
  EXPECT_EQ(Call("PUT", put, Token("offman"), done, {{"If-Match", late.Header("etag")}}).status, 412) << "now stale";
  EXPECT_EQ(Call("PUT", put, Token("offman"), done, {{"If-Match", marked.Header("etag")}}).status, 409)
      << "already done";
  plan = Plan(pat);
  EXPECT_EQ(plan.at("overdue").as_int64(), 0);
  const json::object& closed = plan.at("items").as_array().back().as_object();
  EXPECT_EQ(closed.at("id").as_int64(), late_id) << "closed actions after open ones";
  EXPECT_EQ(closed.at("status").as_string(), "done");
  EXPECT_EQ(closed.at("done_on").as_string(), DaysAgo(0));
  EXPECT_TRUE(json::parse(Call("GET", "/api/v1/plan/overdue", Token("offman")).body).at("items").as_array().empty());

  // The page's buttons post the version shown: cancelling the GP action, then the same form again is refused.
  const int64_t gp_id = plan.at("items").as_array()[0].at("id").as_int64();
  const std::string status_path = "/people/" + pat + "/plan/" + std::to_string(gp_id) + "/status";
  ASSERT_EQ(web.Post(status_path, "csrf_token=" + web.CsrfToken() + "&version=1&status=cancelled").status, 303);
  EXPECT_EQ(web.Post(status_path, "csrf_token=" + web.CsrfToken() + "&version=1&status=cancelled").status, 412);
  EXPECT_NE(web.Get("/people/" + pat + "/plan").body.find("data-status=\"Cancelled\""), std::string::npos);
  EXPECT_EQ(Call("DELETE", "/api/v1/people/" + pat + "/plan", Token("offman")).status, 405);
}

TEST_F(PlanTest, BadInputIsRefusedWithTheFieldNamedAndTheReviewDateIsFlaggedWhenDue) {
  const std::string quentin = PersonId("Quiet");
  const std::string offman = OptionId(quentin, "User offman \\(Probation\\)");
  const HttpReply no_pathway = AddAction(
      quentin,
      {{"kind", "support"}, {"description", "Debt advice"}, {"owner_user_id", offman}, {"due_on", DaysAgo(0)}});
  EXPECT_EQ(no_pathway.status, 400);
  EXPECT_EQ(ErrorField(no_pathway), "pathway");
  const HttpReply no_owner =
      AddAction(quentin, {{"kind", "enforcement"}, {"description", "Warning letter"}, {"due_on", DaysAgo(0)}});
  EXPECT_EQ(no_owner.status, 400);
  EXPECT_EQ(ErrorField(no_owner), "owner_agency");
  const HttpReply bad_kind = AddAction(quentin, {{"kind", "sanction"},
                                                 {"pathway", "health"},
                                                 {"description", "x"},
                                                 {"owner_user_id", offman},
                                                 {"due_on", "2026-02-30"}});
  EXPECT_EQ(bad_kind.status, 400);
  const json::array details = json::parse(bad_kind.body).at("error").at("details").as_array();
  ASSERT_EQ(details.size(), 2u) << bad_kind.body;
  EXPECT_EQ(details[0].at("field").as_string(), "kind");
  EXPECT_EQ(details[1].at("field").as_string(), "due_on");
  EXPECT_TRUE(Plan(quentin).at("items").as_array().empty());

  // The form shows the problems in its error summary and keeps what was typed.
  WebSession web = SignedIn("offman");
  const HttpReply form =
      web.Post("/people/" + quentin + "/plan/new", "csrf_token=" + web.CsrfToken() +
                                                       "&kind=support&pathway=&description=&owner_user=" + offman +
                                                       "&owner_agency=&due_on-day=1&due_on-month=13&due_on-year=2026");
  EXPECT_EQ(form.status, 400);
  EXPECT_NE(form.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(form.body.find("Describe the action"), std::string::npos);
  EXPECT_NE(form.body.find("Select the pathway a support action is on"), std::string::npos);

  const std::string review = "/api/v1/people/" + quentin + "/plan/review";
  const HttpReply past = Call("PUT", review, Token("offman"), R"({"review_on":")" + DaysAgo(1) + "\"}");
  EXPECT_EQ(past.status, 400);
  EXPECT_EQ(ErrorField(past), "review_on");
  ASSERT_EQ(Call("PUT", review, Token("offman"), R"({"review_on":")" + DaysAgo(0) + "\"}").status, 200);
  const json::object plan = Plan(quentin);
  EXPECT_EQ(plan.at("review").at("review_on").as_string(), DaysAgo(0));
  EXPECT_TRUE(plan.at("review").at("due").as_bool()) << "due on its day";
  EXPECT_NE(web.Get("/people/" + quentin + "/plan").body.find("Review due"), std::string::npos);
  const HttpReply later = web.Post(
      "/people/" + quentin + "/plan/review",
      "csrf_token=" + web.CsrfToken() + "&review_on-day=" +
          std::to_string(static_cast<unsigned>(std::chrono::year_month_day(kToday + std::chrono::days(30)).day())) +
          "&review_on-month=" +
          std::to_string(static_cast<unsigned>(std::chrono::year_month_day(kToday + std::chrono::days(30)).month())) +
          "&review_on-year=" +
          std::to_string(static_cast<int>(std::chrono::year_month_day(kToday + std::chrono::days(30)).year())));
  EXPECT_EQ(later.status, 303);
  EXPECT_EQ(Plan(quentin).at("review").at("review_on").as_string(), DaysAgo(-30));
  EXPECT_EQ(web.Get("/people/" + quentin + "/plan").body.find("Review due"), std::string::npos);
}

TEST_F(PlanTest, AnAgencyThatDoesNotWorkWithThePersonNeitherReadsNorChangesTheirPlanAndIsAudited) {
  const std::string pat = PersonId("Planned");
  const std::string housing = Token("housing");
  const std::string base = "/api/v1/people/" + pat + "/plan";
  EXPECT_EQ(Call("GET", base, housing).status, 403);
  EXPECT_EQ(
      Call("POST", base, housing,
           R"({"kind":"support","pathway":"accommodation","description":"Tenancy","due_on":")" + DaysAgo(0) + "\"}")
          .status,
      403);
  EXPECT_EQ(Call("PUT", base + "/1", housing, R"({"status":"done"})", {{"If-Match", "\"action-1.1\""}}).status, 403);
  EXPECT_EQ(Call("PUT", base + "/review", housing, R"({"review_on":")" + DaysAgo(0) + "\"}").status, 403);
  WebSession web = SignedIn("housing");
  const HttpReply page = web.Get("/people/" + pat + "/plan");
  EXPECT_EQ(page.status, 403);
  EXPECT_NE(page.body.find("break-glass"), std::string::npos) << "offered the break-glass form to read";
  EXPECT_EQ(web.Get("/people/" + pat + "/plan/new").status, 403);
  const std::string audit = SignedIn("auditor").Get("/audit.csv").body;
  EXPECT_NE(audit.find("Manage a person's plan needs your agency to work with this person"), std::string::npos);
  EXPECT_NE(audit.find("manage_plan"), std::string::npos);
}

}  // namespace
}  // namespace openiom
