// The candidates page and a person's score tab, from outside: a real `openiom serve`, real sessions.
#include <gtest/gtest.h>

#include <regex>

#include "common/clock.h"
#include "http/http_fixture.h"

namespace openiom {
namespace {

using testing::HttpReply;
using testing::ProcessResult;
using testing::WebSession;

class CandidatesTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(SetUpSite({{"Cleveland Police", "police"}},
                                      {{"officer", "Cleveland Police", "practitioner"},
                                       {"boss", "Cleveland Police", "manager"},
                                       {"analyst", "Cleveland Police", "analyst"}}));
    // Aaron: four acquisitive arrests (RFG 66.00); "<b>Beth</b>": a homicide arrest the day before (63.92).
    const std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "A1,,Testington,Aaron,1990-01-01,M,arrest,2026-11-30,shoplifting,,,,,\n"
        "A2,,Testington,Aaron,1990-01-01,M,arrest,2026-10-01,shoplifting,,,,,\n"
        "A3,,Testington,Aaron,1990-01-01,M,arrest,2026-09-01,burglary_residential,,,,,\n"
        "A4,,Testington,Aaron,1990-01-01,M,arrest,2026-01-01,fraud,,,,,\n"
        "B1,,Samplewood,<b>Beth</b>,2010-06-01,F,arrest,2026-11-29,homicide,,,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    const ProcessResult scored = Openiom({"score", "--as-of", "2026-11-30"});
    ASSERT_EQ(scored.exit_code, 0) << scored.err;
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  // A person's id, found by searching for them (not through the scores, which depend on the day).
  static std::string PersonId(WebSession& session, const std::string& surname) {
    std::smatch match;
    const std::string html = session.Get("/people?q=" + surname).body;
    std::regex_search(html, match, std::regex("/people/(\\d+)\\?back=[^\"]*\">" + surname));
    return match[1];
  }
};

TEST_F(CandidatesTest, EachCandidateShowsTheRulesThatFiredAndTheScoreComponents) {
  WebSession session = SignedIn("officer");
  const HttpReply page = session.Get("/candidates");
  ASSERT_EQ(page.status, 200);
  const std::string& html = page.body;
  EXPECT_NE(html.find("Score run 1 as of <strong>30 November 2026</strong>"), std::string::npos);
  // Aaron first: both rules with their reasons, then RFG 66.00 = R 100.00, F 40.00, G 66.67; harm 26; £5,930.
  const size_t aaron = html.find("Testington, Aaron");
  const size_t beth = html.find("Samplewood, &lt;b&gt;Beth&lt;/b&gt;");
  ASSERT_NE(aaron, std::string::npos);
  ASSERT_NE(beth, std::string::npos) << "names are escaped";
  EXPECT_LT(aaron, beth) << "rank order";
  const std::string row = html.substr(aaron, beth - aaron);
  for (const char* expected :
       {"acquisitive-4</strong>", "4 acquisitive-crime events in the window (needs 4); aged 36 (needs 18 or over)",
        "high-rfg</strong>", "RFG 66.00 (needs 60.00)", "<strong>66.00</strong>", ">100.00<", ">40.00<", ">66.67<",
        ">26<", "£5,930", "Provisional"}) {
    EXPECT_NE(row.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(html.find("Score everyone now"), std::string::npos) << "practitioners do not run the scoring";
  EXPECT_EQ(html.find("<b>Beth"), std::string::npos);
}

TEST_F(CandidatesTest, FiltersAndTheirErrors) {
  WebSession session = SignedIn("officer");
  const HttpReply acquisitive = session.Get("/candidates?rule=acquisitive-4");
  ASSERT_EQ(acquisitive.status, 200);
  EXPECT_NE(acquisitive.body.find("Testington, Aaron"), std::string::npos);
  EXPECT_EQ(acquisitive.body.find("Samplewood"), std::string::npos);
  const HttpReply high = session.Get("/candidates?min_rfg=65");
  EXPECT_EQ(high.body.find("Samplewood"), std::string::npos);
  EXPECT_NE(high.body.find("1 person."), std::string::npos);
  const HttpReply bad = session.Get("/candidates?min_rfg=lots");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(bad.body.find("Enter a whole number from 0 to 100"), std::string::npos);
}

TEST_F(CandidatesTest, CsvExportListsTheSameCandidates) {
  WebSession session = SignedIn("officer");
  const HttpReply csv = session.Get("/candidates.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("cache-control"), "no-store") << "regression (issue 8, defect 8): the file holds names";
  EXPECT_EQ(session.Get("/cohort.csv").Header("cache-control"), "no-store");
  EXPECT_TRUE(csv.body.starts_with("rank,person_id,surname,forenames,district,rules,rfg,r,f,g,n,acquisitive_n,"));
  EXPECT_NE(csv.body.find(",Testington,Aaron,,acquisitive-4;high-rfg,66.00,100.00,40.00,66.67,4,4,2026-11-30,3,26,"
                          "5930,yes,"),
            std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("Samplewood,<b>Beth</b>"), std::string::npos);
}

TEST_F(CandidatesTest, ScoreTabExplainsThePersonsScore) {
  WebSession session = SignedIn("officer");
  const std::string id = PersonId(session, "Testington");
  ASSERT_FALSE(id.empty());
  const HttpReply page = session.Get("/people/" + id + "/score");
  ASSERT_EQ(page.status, 200);
  for (const char* expected : {"ranked <strong>1</strong> with RFG <strong>66.00</strong>",
                               "latest arrest 30 November 2026, 0 days before, in a 365-day window",
                               "4 qualifying events (counted up to 10)", "most serious gravity 3 of 4",
                               "Residential burglary", "OGRS3 needs a conviction"}) {
    EXPECT_NE(page.body.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(session.Get("/people/999999/score").status, 404);
}

TEST_F(CandidatesTest, OnlyManagersAndAnalystsRunTheScoringAndAnalystsSeeNoNames) {
  WebSession officer = SignedIn("officer");
  EXPECT_EQ(officer.Post("/candidates/score", "csrf_token=" + officer.CsrfToken()).status, 403);
  WebSession analyst = SignedIn("analyst");
  EXPECT_EQ(analyst.Get("/candidates").status, 403);
  EXPECT_EQ(analyst.Get("/candidates.csv").status, 403);
  WebSession boss = SignedIn("boss");
  EXPECT_EQ(boss.Post("/candidates/score", "").status, 403) << "no CSRF token, nothing done";
  const HttpReply page = boss.Get("/candidates");
  EXPECT_NE(page.body.find("Score everyone now"), std::string::npos);
  const HttpReply run = boss.Post("/candidates/score", "csrf_token=" + boss.CsrfToken());
  EXPECT_EQ(run.status, 303);
  EXPECT_EQ(run.Header("location"), "/candidates?scored=1");
  EXPECT_NE(boss.Get("/candidates?scored=1").body.find("Score run 2 as of"), std::string::npos);
}

// The whole route: a practitioner refers, a manager decides at panel, the cohort counts the person, and the
// manager de-selects; practitioners cannot decide and forms need their CSRF token.
TEST_F(CandidatesTest, ReferDecideAndDeselectThroughThePages) {
  WebSession officer = SignedIn("officer");
  const std::string id = PersonId(officer, "Testington");
  ASSERT_FALSE(id.empty());
  const std::string refer = "/people/" + id + "/refer";
  ASSERT_EQ(officer.Get(refer).status, 200);
  EXPECT_EQ(officer.Post(refer, "route=referral&reasons=x").status, 403) << "no CSRF token";
  const HttpReply empty = officer.Post(refer, "csrf_token=" + officer.CsrfToken() + "&route=referral&reasons=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("Enter the reasons for the referral"), std::string::npos);
  const HttpReply referred = officer.Post(
      refer, "csrf_token=" + officer.CsrfToken() + "&route=referral&reasons=Four+arrests+%3Cb%3Ethis%3C%2Fb%3E+year");
  ASSERT_EQ(referred.status, 303);
  EXPECT_EQ(referred.Header("location"), "/people/" + id + "/selection?saved=referred");

  const HttpReply panel = officer.Get("/panel");
  ASSERT_EQ(panel.status, 200);
  EXPECT_NE(panel.body.find("Four arrests &lt;b&gt;this&lt;/b&gt; year"), std::string::npos);
  EXPECT_EQ(panel.body.find("Record decision"), std::string::npos) << "practitioners do not decide";
  std::smatch match;
  ASSERT_TRUE(std::regex_search(panel.body, match, std::regex("/people/" + id + "/selection")));
  WebSession boss = SignedIn("boss");
  const std::string boss_panel = boss.Get("/panel").body;
  ASSERT_TRUE(std::regex_search(boss_panel, match, std::regex("href=\"/panel/(\\d+)\"")));
  const std::string decision = "/panel/" + match[1].str();
  EXPECT_EQ(officer.Get(decision).status, 403);
  EXPECT_EQ(officer.Post(decision, "csrf_token=" + officer.CsrfToken() + "&version=1&decision=decline").status, 403);

  const HttpReply incomplete = boss.Post(decision, "csrf_token=" + boss.CsrfToken() + "&version=1&decision=select");
  EXPECT_EQ(incomplete.status, 400);
  for (const char* expected : {"Enter the reason for the decision", "Choose the cohort strand", "Choose the scheme", "href=\"#strand\""}) {
    EXPECT_NE(incomplete.body.find(expected), std::string::npos) << expected;
  }
  // The server's today (Europe/London): a decision may be dated neither before its referral nor after today.
  const Date today = LondonDate(SystemClock().Now());
  const std::string panel_day = FormatIsoDate(today), next_review = FormatLongDate(today + std::chrono::days(91));
  const HttpReply before_referral =
      boss.Post(decision, "csrf_token=" + boss.CsrfToken() + "&version=1&decision=select&reason=Agreed&panel_date=" +
                              FormatIsoDate(today - std::chrono::days(1)) + "&strand=fixed&scheme=ppo&lead_agency=");
  EXPECT_EQ(before_referral.status, 400) << "regression: a decision dated before its referral was accepted";
  EXPECT_NE(before_referral.body.find("The panel date must be on or after the day of the referral"), std::string::npos);
  const HttpReply tomorrow =
      boss.Post(decision, "csrf_token=" + boss.CsrfToken() + "&version=1&decision=select&reason=Agreed&panel_date=" +
                              FormatIsoDate(today + std::chrono::days(1)) + "&strand=fixed&scheme=ppo&lead_agency=");
  EXPECT_EQ(tomorrow.status, 400);
  // Regression (issue 8, defect 20): dates are typed in the GOV.UK three-field date input.
  const HttpReply not_a_date =
      boss.Post(decision, "csrf_token=" + boss.CsrfToken() + "&version=1&decision=select&reason=Agreed" +
                              "&panel_date-day=31&panel_date-month=2&panel_date-year=2026&strand=fixed&scheme=ppo");
  EXPECT_EQ(not_a_date.status, 400);
  EXPECT_NE(not_a_date.body.find("The panel date must be a real date"), std::string::npos);
  EXPECT_NE(not_a_date.body.find("href=\"#panel_date-day\""), std::string::npos) << "the summary links to the day";
  EXPECT_NE(not_a_date.body.find("name=\"panel_date-month\" type=\"text\" inputmode=\"numeric\" value=\"2\""),
            std::string::npos)
      << "what was typed is shown again";
  const std::chrono::year_month_day ymd{today};
  const HttpReply selected = boss.Post(
      decision, "csrf_token=" + boss.CsrfToken() + "&version=1&decision=select&reason=Agreed" +
                    "&panel_date-day=" + std::to_string(static_cast<unsigned>(ymd.day())) +
                    "&panel_date-month=" + std::to_string(static_cast<unsigned>(ymd.month())) +
                    "&panel_date-year=" + std::to_string(static_cast<int>(ymd.year())) +
                    "&strand=fixed&scheme=ppo&lead_agency=");
  ASSERT_EQ(selected.status, 303);
  EXPECT_EQ(selected.Header("location"), "/panel?saved=select");
  const HttpReply again = boss.Post(decision, "csrf_token=" + boss.CsrfToken() +
                                                  "&version=1&decision=decline&reason=No&panel_date=" + panel_day);
  EXPECT_EQ(again.status, 412) << "a stale version changes nothing";

  const HttpReply cohort = officer.Get("/cohort");
  ASSERT_EQ(cohort.status, 200);
  EXPECT_NE(cohort.body.find("1 person is managed in the cohort today"), std::string::npos);
  EXPECT_NE(cohort.body.find(next_review), std::string::npos) << "next review";
  EXPECT_NE(cohort.body.find("Testington, Aaron"), std::string::npos);
  EXPECT_NE(officer.Get("/cohort.csv").body.find(",Testington,Aaron,,fixed,ppo,," + panel_day + ",boss,Agreed"),
            std::string::npos);

  const int64_t audited = AuditEntries();
  const HttpReply selection = boss.Get("/people/" + id + "/selection");
  EXPECT_EQ(AuditEntries(), audited + 1) << "one page view, one audit entry";
  EXPECT_NE(selection.body.find("In the cohort"), std::string::npos);
  EXPECT_NE(selection.body.find("Next review</dt><dd class=\"govuk-summary-list__value\">" + next_review),
            std::string::npos)
      << "the first review is due 91 days after the panel";
  ASSERT_TRUE(std::regex_search(selection.body, match, std::regex("/cohort/(\\d+)/review")));
  const std::string review = "/cohort/" + match[1].str() + "/review";
  EXPECT_EQ(officer.Post(review, "csrf_token=" + officer.CsrfToken() +
                                     "&version=1&outcome=deselect&notes=x&date=" + panel_day).status,
            403);
  const HttpReply incomplete_review =
      boss.Post(review, "csrf_token=" + boss.CsrfToken() + "&version=1&outcome=deselect&notes=&date=" + panel_day);
  EXPECT_EQ(incomplete_review.status, 400);
  EXPECT_NE(incomplete_review.body.find("Enter the review notes"), std::string::npos)
      << "regression (issue 8, defect 23): the Notes error said Enter the reason";
  const HttpReply ended = boss.Post(
      review, "csrf_token=" + boss.CsrfToken() + "&version=1&outcome=deselect&notes=Moved+away&date=" + panel_day);
  ASSERT_EQ(ended.status, 303);
  EXPECT_NE(officer.Get("/cohort").body.find("0 people are managed"), std::string::npos);
  EXPECT_NE(officer.Get("/people/" + id + "/selection").body.find("Moved away"), std::string::npos);

  EXPECT_EQ(officer.Get("/fairness").status, 403);
  const HttpReply fairness = boss.Get("/fairness");
  ASSERT_EQ(fairness.status, 200);
  EXPECT_NE(fairness.body.find("Age band"), std::string::npos);
}

// Regression (issue 9): a refused form post read the record again through an audited service to show the form,
// writing a "view" entry for a page that was never opened. Each failed post is now one call and no extra entry.
TEST_F(CandidatesTest, AFailedFormPostIsShownAgainWithoutAnotherAuditedRead) {
  const auto audit_entries = [] {
    std::smatch entries;
    const std::string verified = Openiom({"audit", "verify"}).out;
    std::regex_search(verified, entries, std::regex(R"((\d+) entries)"));
    return std::stoll(entries[1]);
  };
  WebSession officer = SignedIn("officer");
  const std::string id = PersonId(officer, "Testington");
  ASSERT_FALSE(id.empty());
  const std::string refer = "/people/" + id + "/refer";
  int64_t audited = audit_entries();
  const HttpReply empty = officer.Post(refer, "csrf_token=" + officer.CsrfToken() + "&route=referral&reasons=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("Enter the reasons for the referral"), std::string::npos);
  EXPECT_NE(empty.body.find("Testington"), std::string::npos) << "the form still names the person";
  EXPECT_EQ(audit_entries(), audited + 1) << "the person shown again is recorded once, by the refused referral";

  ASSERT_EQ(officer.Post(refer, "csrf_token=" + officer.CsrfToken() + "&route=referral&reasons=Four+arrests").status,
            303);
  audited = audit_entries();
  const HttpReply again = officer.Post(refer, "csrf_token=" + officer.CsrfToken() + "&route=referral&reasons=Again");
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("already waiting for the panel"), std::string::npos);
  EXPECT_EQ(audit_entries(), audited + 1) << "one entry for the refused referral that showed the person, no view";

  WebSession boss = SignedIn("boss");
  std::smatch match;
  const std::string boss_panel = boss.Get("/panel").body;
  ASSERT_TRUE(std::regex_search(boss_panel, match, std::regex("href=\"/panel/(\\d+)\"")));
  audited = audit_entries();
  const HttpReply incomplete =
      boss.Post("/panel/" + match[1].str(), "csrf_token=" + boss.CsrfToken() + "&version=1&decision=select");
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_EQ(audit_entries(), audited + 1) << "the decision form is shown again from what the decision read, once";
}

}  // namespace
}  // namespace openiom
