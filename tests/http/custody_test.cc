// Custody and Through-the-Gate from outside: an episode recorded through the API and the form creates its checklist
// (due dates counted back from the expected release) and its custody_start event; a release records a release
// event; If-Match guards changes; bad dates name their field; need-to-know refuses and audits; the releases list.
// The server runs on the real clock, so dates are set a whole number of days from today and due dates follow from
// the rules' offsets: 84, 0, 14, 28 and 28 days before the expected release.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"
#include "http/http_fixture.h"

namespace openiom {
namespace {

namespace json = boost::json;
using testing::HttpReply;
using testing::WebSession;

std::string Iso(Date date) { return FormatIsoDate(date); }

class CustodyTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(SetUpSite({{"Cleveland Police", "police"},
                                       {"HMP Holme House", "prison"},
                                       {"Tees Housing", "housing"}},
                                      {{"officer", "Cleveland Police", "practitioner", "User officer"},
                                       {"liaison", "HMP Holme House", "practitioner", "User liaison"},
                                       {"housing", "Tees Housing", "practitioner", "User housing"},
                                       {"auditor", "Cleveland Police", "auditor", "User auditor"}}));
    const std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "A1,,Testington,Aaron,1990-01-01,M,arrest,2026-01-05,shoplifting,,,,,\n"
        "B1,,Samplewood,Beth,1991-02-03,F,arrest,2026-01-06,burglary_residential,,,,,\n"
        "C1,,Caseworth,Carl,1992-03-04,M,arrest,2026-01-07,fraud,,,,,\n"
        "D1,,Dateline,Dora,1993-04-05,F,arrest,2026-01-08,fraud,,,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  static Date Today() { return SystemClock().Today(); }

  static HttpReply PostEpisode(const std::string& person, const json::object& body, const std::string& user = "officer") {
    return Call("POST", "/api/v1/people/" + person + "/custody", Token(user), json::serialize(body));
  }

  static std::vector<std::string> DetailFields(const HttpReply& reply) {
    std::vector<std::string> fields;
    const json::value body = json::parse(reply.body);
    for (const json::value& detail : body.at("error").at("details").as_array()) {
      fields.emplace_back(detail.at("field").as_string());
    }
    return fields;
  }

  // The events of a person's history as "kind date source" lines.
  static std::vector<std::string> History(const std::string& person) {
    std::vector<std::string> lines;
    const json::value events = json::parse(Call("GET", "/api/v1/people/" + person + "/events", Token("officer")).body);
    for (const json::value& event : events.at("items").as_array()) {
      lines.push_back(std::string(event.at("kind").as_string()) + " " + std::string(event.at("event_date").as_string()) +
                      " " + std::string(event.at("source_system").as_string()));
    }
    return lines;
  }
};

TEST_F(CustodyTest, ANewEpisodeCreatesItsChecklistAndCustodyStartEventAndARelease) {
  const std::string aaron = PersonId("Testington");
  const Date today = Today();
  const Date started = today - std::chrono::days{200}, release = today + std::chrono::days{100};
  const HttpReply created = PostEpisode(aaron, {{"establishment", "HMP Holme House"},
                                                {"started_on", Iso(started)},
                                                {"sentence", "18 months"},
                                                {"expected_release_on", Iso(release)}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("content-type"), "application/json");
  const json::object episode = json::parse(created.body).as_object();
  const std::string id = std::to_string(episode.at("id").as_int64());
  EXPECT_EQ(created.Header("etag"), "\"" + id + ".1\"");
  EXPECT_EQ(created.Header("location"), "/api/v1/people/" + aaron + "/custody/" + id);
  EXPECT_EQ(episode.at("release_countdown_days").as_int64(), 100);
  EXPECT_EQ(episode.at("in_custody").as_bool(), true);
  EXPECT_EQ(episode.at("friday_release").as_bool(), WeekdayOf(release) == std::chrono::Friday);
  // Aaron is not a PPO, so no restorative justice; the due dates by the offsets from 100 days ahead.
  const std::vector<std::pair<std::string, Date>> expected = {
      {"accommodation_advice", today + std::chrono::days{16}}, {"benefit_claim", today + std::chrono::days{100}},
      {"treatment_appointment", today + std::chrono::days{86}}, {"gp_registration", today + std::chrono::days{72}},
      {"id_documents", today + std::chrono::days{72}}};
  const json::array checklist = episode.at("checklist").as_array();
  ASSERT_EQ(checklist.size(), expected.size()) << created.body;
  for (size_t item_idx = 0; item_idx < expected.size(); ++item_idx) {
    EXPECT_EQ(checklist[item_idx].at("item").as_string(), expected[item_idx].first);
    EXPECT_EQ(checklist[item_idx].at("due_on").as_string(), Iso(expected[item_idx].second)) << expected[item_idx].first;
    EXPECT_EQ(checklist[item_idx].at("state").as_string(), "open");
    EXPECT_EQ(checklist[item_idx].at("overdue").as_bool(), false);
  }
  std::vector<std::string> history = History(aaron);
  EXPECT_NE(std::find(history.begin(), history.end(), "custody_start " + Iso(started) + " Cleveland Police"),
            history.end());

  // The countdown and the checklist on the person's Custody tab.
  WebSession officer = SignedIn("officer");
  const HttpReply page = officer.Get("/people/" + aaron + "/custody");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Release in 100 days — " + FormatDayAndDate(release)), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Accommodation advice started"), std::string::npos);
  EXPECT_NE(page.body.find("Due " + FormatLongDate(today + std::chrono::days{16})), std::string::npos);
  EXPECT_NE(page.body.find("aria-current=\"page\" href=\"/people/" + aaron + "/custody\""), std::string::npos)
      << "the Custody tab of the record";

  // Released today (by the prison): a release event, the episode at version 2.
  const HttpReply released =
      Call("PUT", "/api/v1/people/" + aaron + "/custody/" + id, Token("liaison"),
           json::serialize(json::object{{"establishment", "HMP Holme House"},
                                        {"started_on", Iso(started)},
                                        {"sentence", "18 months"},
                                        {"expected_release_on", Iso(release)},
                                        {"released_on", Iso(today)}}),
           {{"If-Match", "\"" + id + ".1\""}});
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(released.Header("etag"), "\"" + id + ".2\"");
  EXPECT_EQ(json::parse(released.body).at("in_custody").as_bool(), false);
  history = History(aaron);
  EXPECT_NE(std::find(history.begin(), history.end(), "release " + Iso(today) + " HMP Holme House"), history.end());
  EXPECT_EQ(std::count_if(history.begin(), history.end(), [](const std::string& line) { return line.starts_with("custody_start"); }),
            1)
      << "changing the episode changes its events rather than adding to them";

  // A change sent with the version read before the release is refused, and one without If-Match is not tried.
  const std::string body = json::serialize(json::object{{"establishment", "HMP Durham"}, {"started_on", Iso(started)}});
  const HttpReply stale = Call("PUT", "/api/v1/people/" + aaron + "/custody/" + id, Token("officer"), body,
                               {{"If-Match", "\"" + id + ".1\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(json::parse(stale.body).at("error").at("code").as_string(), "precondition_failed");
  EXPECT_EQ(Call("PUT", "/api/v1/people/" + aaron + "/custody/" + id, Token("officer"), body).status, 428);
  const HttpReply read = Call("GET", "/api/v1/people/" + aaron + "/custody/" + id, Token("officer"));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.Header("etag"), "\"" + id + ".2\"");
  EXPECT_EQ(json::parse(read.body).at("establishment").as_string(), "HMP Holme House") << "nothing was overwritten";
}

TEST_F(CustodyTest, BadDatesAreRefusedNamingTheirFields) {
  const std::string beth = PersonId("Samplewood");
  HttpReply bad = PostEpisode(beth, {{"establishment", "HMP Low Newton"}, {"started_on", "2026-02-30"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(json::parse(bad.body).at("error").at("code").as_string(), "invalid_argument");
  EXPECT_EQ(DetailFields(bad), std::vector<std::string>{"started_on"});
  bad = PostEpisode(beth, {{"establishment", ""}, {"started_on", "2026-03-02"}, {"released_on", "2026-03-01"},
                           {"expected_release_on", "2026-01-01"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(DetailFields(bad), (std::vector<std::string>{"establishment", "expected_release_on", "released_on"}));
  bad = PostEpisode(beth, {{"establishment", "HMP Low Newton"}, {"started_on", Iso(Today() + std::chrono::days{1})}});
  EXPECT_EQ(DetailFields(bad), std::vector<std::string>{"started_on"}) << "custody cannot start tomorrow";
  EXPECT_EQ(Call("POST", "/api/v1/people/" + beth + "/custody", Token("officer"), "not json").status, 400);
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/people/" + beth + "/custody", Token("officer")).body)
                .at("items")
                .as_array()
                .size(),
            0u)
      << "nothing was recorded";
}

TEST_F(CustodyTest, AnAgencyNotWorkingWithThePersonIsRefusedAndAudited) {
  const std::string carl = PersonId("Caseworth");
  ASSERT_EQ(PostEpisode(carl, {{"establishment", "HMP Durham"}, {"started_on", "2026-05-01"}}).status, 201);
  const HttpReply refused = Call("GET", "/api/v1/people/" + carl + "/custody", Token("housing"));
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(json::parse(refused.body).at("error").at("code").as_string(), "permission_denied");
  WebSession housing = SignedIn("housing");
  EXPECT_EQ(housing.Get("/people/" + carl + "/custody").status, 403);
  EXPECT_EQ(PostEpisode(carl, {{"establishment", "HMP Durham"}, {"started_on", "2026-05-01"}}, "housing").status, 403)
      << "only agencies that hold offence records record custody";
  EXPECT_EQ(Call("GET", "/api/v1/releases", Token("housing")).status, 403);
  WebSession auditor = SignedIn("auditor");
  const std::string audit = auditor.Get("/audit.csv").body;
  EXPECT_NE(audit.find(",housing,Tees Housing,view_custody,person," + carl + ",denied,"), std::string::npos) << audit;
  EXPECT_NE(audit.find(",officer,Cleveland Police,record_custody,person," + carl + ",success,"), std::string::npos);
}

TEST_F(CustodyTest, TheFormRecordsAnEpisodeAndMarksItsChecklist) {
  const std::string dora = PersonId("Dateline");
  const Date today = Today();
  // The first Friday at least 10 days ahead: a Friday release within the liaison's 28 days.
  Date release = today + std::chrono::days{10};
  while (WeekdayOf(release) != std::chrono::Friday) release += std::chrono::days{1};
  const auto parts = [](std::string_view name, Date date) {
    const std::chrono::year_month_day ymd{date};
    return fmt::format("&{0}-day={1}&{0}-month={2}&{0}-year={3}", name, static_cast<unsigned>(ymd.day()),
                       static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
  };
  WebSession officer = SignedIn("officer");
  // Without an establishment: the form again, with the error summary, and nothing recorded.
  HttpReply posted = officer.Post("/people/" + dora + "/custody/new",
                                  "csrf_token=" + officer.CsrfToken() + "&establishment=" +
                                      parts("started_on", today - std::chrono::days{30}));
  EXPECT_EQ(posted.status, 400);
  EXPECT_NE(posted.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(posted.body.find("href=\"#establishment\""), std::string::npos);
  // A month that is not one: the date input's own problem, on its month.
  posted = officer.Post("/people/" + dora + "/custody/new", "csrf_token=" + officer.CsrfToken() +
                                                                "&establishment=HMP+Durham&started_on-day=1"
                                                                "&started_on-month=13&started_on-year=2026");
  EXPECT_EQ(posted.status, 400);
  EXPECT_NE(posted.body.find("href=\"#started_on-month\""), std::string::npos) << posted.body;
  EXPECT_EQ(officer.Post("/people/" + dora + "/custody/new",
                         "establishment=HMP+Durham" + parts("started_on", today - std::chrono::days{30}))
                .status,
            403)
      << "a form without its CSRF token";
  posted = officer.Post("/people/" + dora + "/custody/new",
                        "csrf_token=" + officer.CsrfToken() + "&establishment=HMP+Durham&sentence=6+months" +
                            parts("started_on", today - std::chrono::days{30}) + parts("expected_release_on", release));
  ASSERT_EQ(posted.status, 303) << posted.body;
  EXPECT_EQ(posted.Header("location"), "/people/" + dora + "/custody?saved=created");
  const HttpReply page = officer.Get("/people/" + dora + "/custody?saved=created");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Friday release"), std::string::npos);
  EXPECT_NE(page.body.find(FormatDayAndDate(release)), std::string::npos);

  // The liaison's list has Dora, flagged as a Friday release, and so has its CSV.
  WebSession liaison = SignedIn("liaison");
  const HttpReply list = liaison.Get("/releases");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Dateline, Dora"), std::string::npos) << list.body;
  EXPECT_NE(list.body.find("Friday release"), std::string::npos);
  EXPECT_EQ(liaison.Get("/releases?sort=name").status, 200);
  const HttpReply csv = liaison.Get("/releases.csv");
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find(",Dateline,Dora,HMP Durham," + Iso(release) + ","), std::string::npos) << csv.body;
  const json::array due = json::parse(Call("GET", "/api/v1/releases?days=28", Token("liaison")).body).at("items").as_array();
  bool found = false;
  for (const json::value& row : due) {
    if (std::to_string(row.at("person_id").as_int64()) != dora) continue;
    found = true;
    EXPECT_EQ(row.at("friday_release").as_bool(), true);
    EXPECT_EQ(row.at("release_countdown_days").as_int64(), (release - today).count());
    EXPECT_EQ(row.at("open_items").as_int64(), 5);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(Call("GET", "/api/v1/releases?days=0", Token("liaison")).status, 400);

  const json::object episode =
      json::parse(Call("GET", "/api/v1/people/" + dora + "/custody", Token("officer")).body).at("items").at(0).as_object();
  const std::string episode_id = std::to_string(episode.at("id").as_int64());

  // The change form shows the episode as stored; a post with an old version is refused on the form and changes
  // nothing; one with the version read saves.
  const std::string edit_path = "/people/" + dora + "/custody/" + episode_id + "/edit";
  const HttpReply edit = officer.Get(edit_path);
  ASSERT_EQ(edit.status, 200);
  EXPECT_EQ(testing::FormField(edit.body, "establishment"), "HMP Durham");
  EXPECT_EQ(testing::FormField(edit.body, "version"), "1");
  const std::string change = "&establishment=HMP+Durham&sentence=6+months" +
                             parts("started_on", today - std::chrono::days{30}) +
                             parts("expected_release_on", release + std::chrono::days{7});
  posted = officer.Post(edit_path, "csrf_token=" + officer.CsrfToken() + "&version=0" + change);
  EXPECT_EQ(posted.status, 412);
  EXPECT_NE(posted.body.find("has been changed since version 0 was read"), std::string::npos) << posted.body;
  EXPECT_EQ(SignedIn("housing").Get(edit_path).status, 403) << "housing does not record custody";
  const json::object gp = episode.at("checklist").at(3).as_object();
  ASSERT_EQ(gp.at("item").as_string(), "gp_registration");
  const std::string item_path =
      "/people/" + dora + "/custody/" + episode_id + "/checklist/" + std::to_string(gp.at("id").as_int64());
  ASSERT_EQ(liaison.Get(item_path).status, 200);
  posted = liaison.Post(item_path, "csrf_token=" + liaison.CsrfToken() + "&version=1&state=not_applicable&note=" +
                                       parts("completed_on", today));
  EXPECT_EQ(posted.status, 400) << "not applicable needs a reason";
  EXPECT_NE(posted.body.find("href=\"#note\""), std::string::npos);
  posted = liaison.Post(item_path, "csrf_token=" + liaison.CsrfToken() + "&version=1&state=done&note=Park+Surgery" +
                                       parts("completed_on", today));
  EXPECT_EQ(posted.status, 303) << posted.body;
  const HttpReply item_put =
      Call("PUT", "/api/v1/people/" + dora + "/custody/" + episode_id + "/checklist/" + std::to_string(gp.at("id").as_int64()),
           Token("liaison"), R"({"state":"done","completed_on":")" + Iso(today) + R"("})",
           {{"If-Match", "\"" + std::to_string(gp.at("id").as_int64()) + ".1\""}});
  EXPECT_EQ(item_put.status, 412) << "the form's change came first";
  const json::object after =
      json::parse(Call("GET", "/api/v1/people/" + dora + "/custody", Token("officer")).body).at("items").at(0).as_object();
  EXPECT_EQ(after.at("checklist").at(3).at("state").as_string(), "done");
  EXPECT_EQ(after.at("checklist").at(3).at("completed_by").as_string(), "liaison");

  // The release put back a week through the change form: saved, and the countdown follows.
  posted = officer.Post(edit_path, "csrf_token=" + officer.CsrfToken() + "&version=1" + change);
  EXPECT_EQ(posted.status, 303) << posted.body;
  const json::object moved =
      json::parse(Call("GET", "/api/v1/people/" + dora + "/custody", Token("officer")).body).at("items").at(0).as_object();
  EXPECT_EQ(moved.at("version").as_int64(), 2);
  EXPECT_EQ(moved.at("release_countdown_days").as_int64(), (release - today).count() + 7);
  EXPECT_EQ(moved.at("checklist").at(1).at("due_on").as_string(), Iso(release + std::chrono::days{7}))
      << "the benefit claim follows the release day";
}

TEST_F(CustodyTest, WrongMethodsAndUnknownRecords) {
  const std::string aaron = PersonId("Testington");
  EXPECT_EQ(Call("DELETE", "/api/v1/people/" + aaron + "/custody", Token("officer")).status, 405);
  EXPECT_EQ(Call("GET", "/api/v1/people/999999/custody", Token("officer")).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/people/" + aaron + "/custody/999999", Token("officer")).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/people/" + aaron + "/custody", "").status, 401);
}

}  // namespace
}  // namespace openiom
