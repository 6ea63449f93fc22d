// Lists as a new user meets them (issue 8, defect 23): search results with status and advice, GOV.UK pagination
// with page numbers and totals, Back that keeps the search, and the messages around them.
#include <gtest/gtest.h>

#include <regex>

#include "http/http_fixture.h"

namespace openiom {
namespace {

using testing::HttpReply;
using testing::ProcessResult;
using testing::WebSession;

class ListsTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(
        SetUpSite({{"Cleveland Police", "police"}}, {{"officer", "Cleveland Police", "practitioner"}}));
    // 45 people called Listwell; the first has an open warrant.
    std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "W1,,Listwell,Aaa,1990-01-01,M,warrant,2026-11-01,,,,,,\n";
    for (int person = 1; person < 45; ++person) {
      csv += "L" + std::to_string(person) + ",,Listwell,P" + std::to_string(100 + person) +
             ",1990-01-01,M,arrest,2026-10-01,fraud,,,,,\n";
    }
    const ProcessResult imported = Openiom({"import", "events", "-"}, csv);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }
};

TEST_F(ListsTest, PaginationShowsPageNumbersAndTotals) {
  WebSession session = SignedIn("officer");
  const std::string page2 = session.Get("/people?q=Listwell&page=2").body;
  EXPECT_NE(page2.find("Showing 21 to 40 of 45"), std::string::npos);
  for (const char* number : {"1", "2", "3"}) {
    EXPECT_NE(page2.find(std::string("aria-label=\"Page ") + number + " of 3\""), std::string::npos) << number;
  }
  EXPECT_NE(page2.find("aria-label=\"Page 2 of 3\" aria-current=\"page\""), std::string::npos);
  EXPECT_NE(page2.find("rel=\"prev\""), std::string::npos);
  EXPECT_NE(page2.find("rel=\"next\""), std::string::npos);
  EXPECT_NE(session.Get("/people?q=Listwell&page=3").body.find("Showing 41 to 45 of 45"), std::string::npos);
}

TEST_F(ListsTest, SearchResultsShowWarrantStatusAndAdviseWhenNobodyMatches) {
  WebSession session = SignedIn("officer");
  const std::string first = session.Get("/people?q=Listwell").body;
  const size_t aaa = first.find("Listwell, Aaa");
  ASSERT_NE(aaa, std::string::npos);
  const size_t row_end = first.find("</tr>", aaa);
  EXPECT_NE(first.substr(aaa, row_end - aaa).find("Open warrant"), std::string::npos);
  const size_t other = first.find("Listwell, P101");
  EXPECT_EQ(first.substr(other, first.find("</tr>", other) - other).find("Open warrant"), std::string::npos);

  const std::string none = session.Get("/people?q=Nobodyhere").body;
  EXPECT_NE(none.find("0 people found"), std::string::npos);
  EXPECT_NE(none.find("check the spelling"), std::string::npos);
}

TEST_F(ListsTest, BackFromAPersonsTabsReturnsToTheSearch) {
  WebSession session = SignedIn("officer");
  std::smatch match;
  const std::string results = session.Get("/people?q=Listwell&page=2").body;
  ASSERT_TRUE(std::regex_search(results, match, std::regex("href=\"(/people/\\d+\\?back=[^\"]+)\"")));
  const std::string person = session.Get(match[1].str()).body;
  EXPECT_NE(person.find("href=\"/people?q=Listwell&amp;page=2\" class=\"govuk-back-link\""), std::string::npos);
  ASSERT_TRUE(std::regex_search(person, match, std::regex("href=\"(/people/\\d+/history\\?back=[^\"]+)\"")));
  EXPECT_NE(session.Get(match[1].str()).body.find("href=\"/people?q=Listwell&amp;page=2\" class=\"govuk-back-link\""),
            std::string::npos)
      << "the search is kept from tab to tab";
  const std::string forged = session.Get("/people/1?back=https%3A%2F%2Fevil.example%2F").body;
  EXPECT_EQ(forged.find("evil.example"), std::string::npos) << "only a people search may be a back link";
  EXPECT_NE(forged.find("href=\"/people\" class=\"govuk-back-link\""), std::string::npos);
}

TEST_F(ListsTest, SigningOutSaysSoAndAnEmptyCohortHasNoWarning) {
  WebSession session = SignedIn("officer");
  const std::string cohort = session.Get("/cohort").body;
  EXPECT_EQ(cohort.find("govuk-warning-text"), std::string::npos) << "no warning for 0 overdue reviews";
  const HttpReply out = session.Post("/sign-out", "csrf_token=" + session.CsrfToken());
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Header("location"), "/sign-in?signed_out=1");
  EXPECT_NE(session.Get("/sign-in?signed_out=1").body.find("You have signed out"), std::string::npos);
}

}  // namespace
}  // namespace openiom
