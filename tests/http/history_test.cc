// A person's offending history and the custody and warrant summary, from outside (issue 8 defect 22): a real
// `openiom serve`, real sessions.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <regex>

#include "http/http_fixture.h"

namespace openiom {
namespace {

using testing::HttpReply;
using testing::ProcessResult;
using testing::WebSession;

class HistoryTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(
        SetUpSite({{"Cleveland Police", "police"}}, {{"officer", "Cleveland Police", "practitioner"}}));
    // Aaron's 30 events, 1 to 30 March 2025: arrests, custody from the 3rd, released on the 10th, a warrant on the
    // 20th that nothing has executed since (the drug tests after it do not bring him in).
    std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n";
    for (int day = 1; day <= 30; ++day) {
      std::string kind = "arrest", category = "shoplifting", outcome;
      if (day == 3) kind = "custody_start", category = "";
      if (day == 10) kind = "release", category = "";
      if (day == 20) kind = "warrant", category = "", outcome = "Failed to appear at Teesside Magistrates Court";
      if (day > 20) kind = "drug_test", category = "", outcome = "negative";
      csv += fmt::format("A{},,Testington,Aaron,1990-01-01,M,{},2025-03-{:02},{},,{},,,\n", day, kind, day, category,
                         outcome);
    }
    const ProcessResult imported = Openiom({"import", "events", "--source", "Cleveland Police", "-"}, csv);
    ASSERT_EQ(imported.exit_code, 0) << imported.err << imported.out;
    ASSERT_NO_FATAL_FAILURE(StartServer());
    WebSession session = SignedIn("officer");
    std::smatch match;
    const std::string html = session.Get("/people?q=Testington").body;
    ASSERT_TRUE(std::regex_search(html, match, std::regex("/people/(\\d+)\\?back=[^\"]*\">Testington"))) << html;
    aaron_ = new std::string("/people/" + match[1].str());
  }

  static void TearDownTestSuite() {
    delete aaron_;
    aaron_ = nullptr;
    HttpFixture::TearDownTestSuite();
  }

  static size_t Count(const std::string& html, const std::string& text) {
    size_t count = 0;
    for (size_t at = html.find(text); at != std::string::npos; at = html.find(text, at + 1)) ++count;
    return count;
  }

  static size_t Events(const std::string& html) { return Count(html, "class=\"moj-timeline__item\""); }

  static inline std::string* aaron_ = nullptr;
};

// Regression (defect 22): 76 events made one 13,400 px page.
TEST_F(HistoryTest, TheHistoryIsPagedTwentyFiveAtATimeNewestFirstWithGovUkPagination) {
  WebSession session = SignedIn("officer");
  const HttpReply first = session.Get(*aaron_ + "/history");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Events(first.body), 25u);
  EXPECT_NE(first.body.find("Showing 1 to 25 of 30 events"), std::string::npos);
  EXPECT_LT(first.body.find("30 March 2025"), first.body.find("29 March 2025")) << "newest first, dates as GOV.UK";
  EXPECT_EQ(first.body.find("2025-03-30</time>"), std::string::npos) << "no ISO dates shown";
  EXPECT_NE(first.body.find("aria-label=\"Page 1 of 2\" aria-current=\"page\""), std::string::npos);
  EXPECT_NE(first.body.find("href=\"" + *aaron_ + "/history?page=2\" aria-label=\"Page 2 of 2\""), std::string::npos);
  EXPECT_NE(first.body.find("rel=\"next\""), std::string::npos);
  EXPECT_EQ(first.body.find("rel=\"prev\""), std::string::npos);

  const HttpReply second = session.Get(*aaron_ + "/history?page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(Events(second.body), 5u);
  EXPECT_NE(second.body.find("Showing 26 to 30 of 30 events"), std::string::npos);
  EXPECT_NE(second.body.find("1 March 2025"), std::string::npos);
  EXPECT_NE(second.body.find("Custody started"), std::string::npos);
  EXPECT_NE(second.body.find("rel=\"prev\""), std::string::npos);
  EXPECT_EQ(second.body.find("rel=\"next\""), std::string::npos);
}

TEST_F(HistoryTest, TheKindFilterNarrowsTheHistoryAndOffersEveryKindByItsLabel) {
  WebSession session = SignedIn("officer");
  const HttpReply arrests = session.Get(*aaron_ + "/history?kind=arrest");
  ASSERT_EQ(arrests.status, 200);
  EXPECT_EQ(Events(arrests.body), 17u);
  EXPECT_NE(arrests.body.find("Showing 1 to 17 of 17 events"), std::string::npos);
  EXPECT_EQ(arrests.body.find("govuk-pagination"), std::string::npos) << "one page, no pagination";
  EXPECT_NE(arrests.body.find("<option value=\"arrest\" selected>Arrest</option>"), std::string::npos);
  EXPECT_NE(arrests.body.find("<option value=\"release\">Released from custody</option>"), std::string::npos);
  EXPECT_NE(arrests.body.find("Clear filters"), std::string::npos);

  const HttpReply warrants = session.Get(*aaron_ + "/history?kind=warrant");
  EXPECT_EQ(Events(warrants.body), 1u);
  EXPECT_NE(warrants.body.find("Showing 1 to 1 of 1 event<"), std::string::npos);
  EXPECT_NE(warrants.body.find("Warrant issued"), std::string::npos);
  EXPECT_NE(session.Get(*aaron_ + "/history?kind=recall").body.find("No events match these filters."),
            std::string::npos);

  const HttpReply unknown = session.Get(*aaron_ + "/history?kind=parking");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("Select a kind of event from the list"), std::string::npos);
}

TEST_F(HistoryTest, TheDateRangeNarrowsTheHistoryAndPageLinksKeepTheFilters) {
  WebSession session = SignedIn("officer");
  const HttpReply range = session.Get(*aaron_ +
                                      "/history?from-day=10&from-month=3&from-year=2025&to-day=12&to-month=March"
                                      "&to-year=2025");
  ASSERT_EQ(range.status, 200);
  EXPECT_EQ(Events(range.body), 3u);
  EXPECT_NE(range.body.find("Showing 1 to 3 of 3 events"), std::string::npos);
  EXPECT_NE(range.body.find("Released from custody"), std::string::npos) << "both ends included";
  EXPECT_NE(range.body.find("name=\"from-day\" type=\"text\" inputmode=\"numeric\" value=\"10\""), std::string::npos)
      << "the filters are shown as typed";

  const HttpReply wide = session.Get(*aaron_ + "/history?kind=&from-day=1&from-month=3&from-year=2025");
  ASSERT_EQ(wide.status, 200);
  EXPECT_NE(wide.body.find("Showing 1 to 25 of 30 events"), std::string::npos);
  EXPECT_NE(wide.body.find("?kind=&amp;from-day=1&amp;from-month=3&amp;from-year=2025&amp;page=2"),
            std::string::npos)
      << "page links keep the filters";
  const HttpReply wide_second = session.Get(*aaron_ + "/history?kind=&from-day=1&from-month=3&from-year=2025&page=2");
  EXPECT_NE(wide_second.body.find("Showing 26 to 30 of 30 events"), std::string::npos);
}

TEST_F(HistoryTest, ABadDateIsA400WithTheGovUkErrorText) {
  WebSession session = SignedIn("officer");
  const HttpReply impossible = session.Get(*aaron_ + "/history?from-day=31&from-month=2&from-year=2025");
  EXPECT_EQ(impossible.status, 400);
  EXPECT_NE(impossible.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(impossible.body.find("<a href=\"#from-day\">Date from must be a real date</a>"), std::string::npos);
  EXPECT_EQ(Events(impossible.body), 0u);
  EXPECT_NE(impossible.body.find("Testington, Aaron"), std::string::npos) << "whose history it is";

  const HttpReply no_month = session.Get(*aaron_ + "/history?to-day=2&to-year=2025");
  EXPECT_EQ(no_month.status, 400);
  EXPECT_NE(no_month.body.find("<a href=\"#to-month\">Date to must include a month</a>"), std::string::npos);

  const HttpReply backwards =
      session.Get(*aaron_ + "/history?from-day=2&from-month=3&from-year=2025&to-day=1&to-month=3&to-year=2025");
  EXPECT_EQ(backwards.status, 400);
  EXPECT_NE(backwards.body.find("Date to must be the same as or after date from"), std::string::npos);
}

// Regression (defect 22): an "Open warrant" tag had nothing behind it, and custody dates were only in the history.
TEST_F(HistoryTest, TheSummaryShowsTheOpenWarrantsDateAndIssuerAndTheLatestCustody) {
  WebSession session = SignedIn("officer");
  const HttpReply summary = session.Get(*aaron_);
  ASSERT_EQ(summary.status, 200);
  const std::string& html = summary.body;
  EXPECT_NE(html.find("Open warrant</strong>"), std::string::npos);
  EXPECT_NE(html.find("href=\"" + *aaron_ + "#custody-and-warrants\">Warrant details"), std::string::npos);
  const size_t section = html.find("id=\"custody-and-warrants\">Custody and warrants</h2>");
  ASSERT_NE(section, std::string::npos);
  const std::string custody = html.substr(section);
  for (const char* expected : {"Issued 20 March 2025", "Issued by Cleveland Police",
                               "Notes: Failed to appear at Teesside Magistrates Court", "Latest custody started",
                               "3 March 2025, recorded by Cleveland Police", "Latest release from custody",
                               "10 March 2025, recorded by Cleveland Police"}) {
    EXPECT_NE(custody.find(expected), std::string::npos) << expected;
  }
  EXPECT_NE(session.Get(*aaron_ + "/history").body.find("Open warrant</strong>"), std::string::npos)
      << "the history's header knows of the warrant without reading every event";
}

}  // namespace
}  // namespace openiom
