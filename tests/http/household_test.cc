// Households and relationships from outside (issue 10, part 11): a link added through the API and read from both
// sides, ended with If-Match (428 without it, 412 when stale), a household joined by two people and shown with the
// connected cohort members' BRAG on the Household tab and the case page, bad input named by field, and need-to-know:
// a connected person the reader may not view is shown without name or rating (and audited), and a link to someone the
// writer does not work with is refused (and audited). A real `openiom serve`.
#include <gtest/gtest.h>

#include <boost/json.hpp>

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

class HouseholdTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(
        SetUpSite({{"Cleveland Police", "police"}, {"Tees Housing", "housing"}},
                  {{"officer", "Cleveland Police", "practitioner", "User officer"},
                   {"housing", "Tees Housing", "practitioner", "User housing"},
                   {"auditor", "Cleveland Police", "auditor", "User auditor"}}));
    const std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "H1,,Pater,Hal,1970-01-01,M,arrest," + DaysAgo(100) + ",shoplifting,,,,,\n"
        "H2,,Filius,Hank,1995-01-01,M,arrest," + DaysAgo(100) + ",shoplifting,,,,,\n"
        "S1,,Stranger,Stan,1990-01-01,M,arrest," + DaysAgo(100) + ",shoplifting,,,,,\n"
        "T1,,Tenant,Tia,1992-01-01,F,arrest," + DaysAgo(100) + ",shoplifting,,,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  static HttpReply AddLink(const std::string& person, const json::object& body, const std::string& user = "officer") {
    return Call("POST", "/api/v1/people/" + person + "/relationships", Token(user), json::serialize(body));
  }

  static json::object Household(const std::string& person, const std::string& user = "officer") {
    const HttpReply reply = Call("GET", "/api/v1/people/" + person + "/household", Token(user));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.status == 200 ? json::parse(reply.body).as_object() : json::object{};
  }

  static std::string ErrorField(const HttpReply& reply) {
    const json::array details = json::parse(reply.body).at("error").at("details").as_array();
    return details.empty() ? "" : std::string(details[0].at("field").as_string());
  }

  static int64_t Id(const std::string& person) { return std::stoll(person); }
};

TEST_F(HouseholdTest, ALinkReadsFromBothSidesAndAHouseholdShowsOnTheTabAndTheCasePage) {
  const std::string father = PersonId("Pater"), son = PersonId("Filius");
  // Typed on the son's record: he is the child of Hal.
  const HttpReply added =
      AddLink(son, {{"kind", "child_of"}, {"other_person_id", Id(father)}, {"from", DaysAgo(9000)},
                    {"source", "Family details at induction"}});
  ASSERT_EQ(added.status, 201) << added.body;
  const int64_t link_id = json::parse(added.body).at("id").as_int64();
  EXPECT_EQ(added.Header("etag"), "\"relationship-" + std::to_string(link_id) + ".1\"");
  const json::object from_son = Household(son);
  ASSERT_EQ(from_son.at("relationships").as_array().size(), 1u);
  const json::object& as_child = from_son.at("relationships").as_array()[0].as_object();
  EXPECT_EQ(as_child.at("kind").as_string(), "parent_of");
  EXPECT_EQ(as_child.at("role").as_string(), "Child of");
  EXPECT_EQ(as_child.at("other").at("forenames").as_string(), "Hal");
  EXPECT_FALSE(as_child.at("other").at("in_cohort").as_bool());
  EXPECT_TRUE(as_child.at("other").at("brag").is_null()) << "no rating outside the cohort";
  const json::object from_father = Household(father);
  EXPECT_EQ(from_father.at("relationships").as_array()[0].at("role").as_string(), "Parent of");

  // The same link the other way round, or with oneself, is refused by field.
  const HttpReply reversed = AddLink(father, {{"kind", "parent_of"}, {"other_person_id", Id(son)}, {"source", "PNC"}});
  EXPECT_EQ(reversed.status, 400);
  EXPECT_EQ(ErrorField(reversed), "kind");
  const HttpReply self = AddLink(father, {{"kind", "sibling"}, {"other_person_id", Id(father)}, {"source", "PNC"}});
  EXPECT_EQ(self.status, 400);
  EXPECT_EQ(ErrorField(self), "other_person");

  // A household: the father starts it, the son joins it by its number.
  const HttpReply home = Call("POST", "/api/v1/people/" + father + "/household", Token("officer"),
                              R"({"address_line":"7 Acklam Road","postcode":"ts5 7aa"})");
  ASSERT_EQ(home.status, 201) << home.body;
  const int64_t household_id = Household(father).at("household").at("id").as_int64();
  const HttpReply bad = Call("POST", "/api/v1/people/" + son + "/household", Token("officer"), R"({"postcode":"x"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorField(bad), "address_line");
  ASSERT_EQ(Call("POST", "/api/v1/people/" + son + "/household", Token("officer"),
                 "{\"household_id\":" + std::to_string(household_id) + "}")
                .status,
            201);
  EXPECT_EQ(Call("POST", "/api/v1/people/" + son + "/household", Token("officer"),
                 "{\"household_id\":" + std::to_string(household_id) + "}")
                .status,
            400)
      << "already in a household";
  const json::array members = Household(son).at("household").at("members").as_array();
  ASSERT_EQ(members.size(), 2u);

  // The Household tab and the case page's section.
  WebSession web = SignedIn("officer");
  const HttpReply tab = web.Get("/people/" + son + "/household");
  ASSERT_EQ(tab.status, 200);
  EXPECT_NE(tab.body.find(">Household</a>"), std::string::npos) << "a tab of the record";
  EXPECT_NE(tab.body.find("7 Acklam Road"), std::string::npos);
  EXPECT_NE(tab.body.find("Child of"), std::string::npos);
  EXPECT_NE(tab.body.find("Pater, Hal"), std::string::npos);
  EXPECT_NE(tab.body.find("Not in the cohort"), std::string::npos);
  const HttpReply case_page = web.Get("/people/" + son + "/case");
  ASSERT_EQ(case_page.status, 200);
  EXPECT_NE(case_page.body.find("id=\"household-summary\""), std::string::npos);
  EXPECT_NE(case_page.body.find("7 Acklam Road"), std::string::npos);

  // Ending the link: If-Match needed, then it is ended; the page's end form posts the version shown.
  const std::string put = "/api/v1/people/" + son + "/relationships/" + std::to_string(link_id);
  const std::string body = "{\"until\":\"" + DaysAgo(0) + "\"}";
  EXPECT_EQ(Call("PUT", put, Token("officer"), body).status, 428);
  EXPECT_EQ(Call("PUT", put, Token("officer"), body, {{"If-Match", "\"stay-" + std::to_string(link_id) + ".1\""}}).status,
            412);
  const HttpReply ended = Call("PUT", put, Token("officer"), body, {{"If-Match", added.Header("etag")}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.Header("etag"), "\"relationship-" + std::to_string(link_id) + ".2\"");
  EXPECT_EQ(Call("PUT", put, Token("officer"), body, {{"If-Match", added.Header("etag")}}).status, 412) << "stale";
  EXPECT_EQ(Call("PUT", put, Token("officer"), body, {{"If-Match", ended.Header("etag")}}).status, 409)
      << "already ended";
  EXPECT_FALSE(Household(son).at("relationships").as_array()[0].at("current").as_bool());

  // The relationship form shows its problems in an error summary.
  const HttpReply form = web.Post("/people/" + son + "/relationships/new",
                                  "csrf_token=" + web.CsrfToken() + "&kind=&other_person=" + son +
                                      "&source=&from-day=&from-month=&from-year=");
  EXPECT_EQ(form.status, 400);
  EXPECT_NE(form.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(form.body.find("Select how they are related"), std::string::npos);
  EXPECT_NE(form.body.find("Say where this link is known from"), std::string::npos);
  const HttpReply linked = web.Post("/people/" + son + "/relationships/new",
                                    "csrf_token=" + web.CsrfToken() + "&kind=associate&other_person=" + father +
                                        "&source=Seen+together");
  EXPECT_EQ(linked.status, 303);
  EXPECT_EQ(Call("DELETE", "/api/v1/people/" + son + "/household", Token("officer")).status, 405);
}

TEST_F(HouseholdTest, AConnectedPersonTheReaderMayNotViewIsHiddenAndALinkToThemRefused) {
  const std::string tia = PersonId("Tenant"), stan = PersonId("Stranger");
  // Housing opens Tia's record with a reason and refers her to the panel: from then on housing works with her.
  WebSession housing_web = SignedIn("housing");
  ASSERT_EQ(housing_web.Post("/people/" + tia + "/break-glass",
                             "csrf_token=" + housing_web.CsrfToken() + "&reason=Tenancy+sustainment+referral")
                .status,
            303);
  ASSERT_EQ(housing_web.Post("/people/" + tia + "/refer", "csrf_token=" + housing_web.CsrfToken() +
                                                               "&route=referral&reasons=Tenancy+at+risk")
                .status,
            303);
  // The police link Tia and Stan; housing does not work with Stan.
  ASSERT_EQ(AddLink(tia, {{"kind", "co_defendant"}, {"other_person_id", Id(stan)}, {"source", "PNC co-accused"}}).status,
            201);
  const HttpReply api = Call("GET", "/api/v1/people/" + tia + "/household", Token("housing"));
  ASSERT_EQ(api.status, 200) << api.body;
  const json::value parsed = json::parse(api.body);  // kept: `other` refers into it
  const json::object& other = parsed.at("relationships").as_array()[0].at("other").as_object();
  EXPECT_TRUE(other.at("hidden").as_bool());
  EXPECT_EQ(other.at("text").as_string(), "A connected person you have no involvement with");
  EXPECT_FALSE(other.contains("person_id"));
  EXPECT_FALSE(other.contains("brag"));
  EXPECT_EQ(api.body.find("Stranger"), std::string::npos) << api.body;
  const HttpReply page = housing_web.Get("/people/" + tia + "/household");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("A connected person you have no involvement with"), std::string::npos);
  EXPECT_EQ(page.body.find("Stranger"), std::string::npos);
  EXPECT_EQ(page.body.find("/people/" + stan + "\""), std::string::npos) << "no link to their record";
  // The officer sees Stan.
  EXPECT_EQ(Household(tia).at("relationships").as_array()[0].at("other").at("surname").as_string(), "Stranger");

  // A link from Tia to Stan by housing changes Stan's record too: refused, and nothing stored.
  const HttpReply refused = AddLink(tia, {{"kind", "partner"}, {"other_person_id", Id(stan)}, {"source", "Tenant"}},
                                    "housing");
  EXPECT_EQ(refused.status, 403) << refused.body;
  const HttpReply refused_page = housing_web.Post("/people/" + tia + "/relationships/new",
                                                  "csrf_token=" + housing_web.CsrfToken() +
                                                      "&kind=partner&other_person=" + stan + "&source=Tenant");
  EXPECT_EQ(refused_page.status, 403);
  EXPECT_EQ(Household(tia).at("relationships").as_array().size(), 1u);
  const std::string audit = SignedIn("auditor").Get("/audit.csv").body;
  EXPECT_NE(audit.find("shown without name or rating"), std::string::npos);
  EXPECT_NE(audit.find("Manage relationships and households needs your agency to work with this person"),
            std::string::npos);
}

}  // namespace
}  // namespace openiom
