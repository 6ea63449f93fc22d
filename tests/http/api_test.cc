// The JSON API from outside: tokens, error shape, pagination, ETag and If-Match, events and imports.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/http_fixture.h"

namespace openiom {
namespace {

namespace json = boost::json;
using testing::HttpReply;
using testing::ProcessResult;

const std::string kCsvHeader =
    "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
    "outcome,latitude,longitude,lsoa_code\n";

class ApiTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(SetUpSite({{"Cleveland Police", "police"}},
                                      {{"officer", "Cleveland Police", "practitioner"},
                                       {"analyst", "Cleveland Police", "analyst"}}));
    std::string csv = kCsvHeader;
    for (int index = 1; index <= 25; ++index) {
      csv += "P" + std::to_string(index) + ",,Apitest,Person" + std::to_string(index) +
             ",1990-01-02,M,arrest,2026-01-05,shoplifting,,,,,\n";
    }
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(StartServer());
    officer_ = new std::string(Token("officer"));
  }

  static void TearDownTestSuite() {
    delete officer_;
    officer_ = nullptr;
    HttpFixture::TearDownTestSuite();
  }

  // Asserts the API's one error shape and returns the error object.
  static json::object Error(const HttpReply& reply) {
    EXPECT_EQ(reply.Header("content-type"), "application/json");
    const json::object error = json::parse(reply.body).at("error").as_object();
    EXPECT_TRUE(error.contains("code"));
    EXPECT_TRUE(error.contains("message"));
    EXPECT_TRUE(error.at("details").is_array());
    return error;
  }

  static inline std::string* officer_ = nullptr;
};

TEST_F(ApiTest, SessionsAndAuthentication) {
  const HttpReply wrong = Call("POST", "/api/v1/sessions", "",
                               json::serialize(json::object{{"username", "officer"}, {"password", "nope nope nope"}}));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(Error(wrong).at("code").as_string(), "unauthenticated");
  EXPECT_EQ(Error(wrong).at("message").as_string(), "Enter a correct username and password");

  const HttpReply anonymous = Call("GET", "/api/v1/people", "");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Header("www-authenticate"), "Bearer");
  EXPECT_EQ(Call("GET", "/api/v1/people", "not-a-token").status, 401);

  const std::string token = Token("officer");
  EXPECT_EQ(Call("GET", "/api/v1/people?q=smith", token).status, 200);
  EXPECT_EQ(Call("DELETE", "/api/v1/sessions/current", token).status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/people?q=smith", token).status, 401) << "signed out";
}

TEST_F(ApiTest, RolesAreEnforcedWith403) {
  const HttpReply denied = Call("GET", "/api/v1/people/1", Token("analyst"));
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(Error(denied).at("code").as_string(), "permission_denied");
}

TEST_F(ApiTest, PeopleArePaged) {
  const HttpReply first = Call("GET", "/api/v1/people?q=apitest&page_size=10", *officer_);
  ASSERT_EQ(first.status, 200);
  const json::object page = json::parse(first.body).as_object();
  EXPECT_EQ(page.at("total").as_int64(), 25);
  EXPECT_EQ(page.at("items").as_array().size(), 10u);
  const HttpReply third = Call("GET", "/api/v1/people?q=apitest&page_size=10&page=3", *officer_);
  EXPECT_EQ(json::parse(third.body).at("items").as_array().size(), 5u);
  EXPECT_EQ(first.Header("cache-control"), "no-store");
  const HttpReply bad = Call("GET", "/api/v1/people?pnc=2000/0160946A", *officer_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Error(bad).at("details").as_array()[0].at("field").as_string(), "pnc");
}

TEST_F(ApiTest, ReadsAreAuditedOnceAndNeverCached) {
  const int64_t before = AuditEntries();
  const HttpReply person = Call("GET", "/api/v1/people/3", *officer_);
  ASSERT_EQ(person.status, 200);
  EXPECT_EQ(AuditEntries(), before + 1);
  EXPECT_EQ(person.Header("cache-control"), "no-store");
  const HttpReply events = Call("GET", "/api/v1/people/3/events", *officer_);
  EXPECT_EQ(events.Header("cache-control"), "no-store");
  EXPECT_EQ(events.Header("etag").substr(0, 3), "W/\"");
  EXPECT_EQ(AuditEntries(), before + 2);
  const HttpReply change = Call("PUT", "/api/v1/people/3", *officer_,
                                json::serialize(json::object{{"forenames", "Once"}}), {{"If-Match", person.Header("etag")}});
  ASSERT_EQ(change.status, 200) << change.body;
  EXPECT_EQ(AuditEntries(), before + 3) << "a change is one entry, not a read and a change";
}

TEST_F(ApiTest, UpdatesNeedTheCurrentETag) {
  const HttpReply read = Call("GET", "/api/v1/people/1", *officer_);
  ASSERT_EQ(read.status, 200);
  const std::string etag = read.Header("etag");
  EXPECT_EQ(etag, "\"1.1\"");
  const std::string change = json::serialize(json::object{{"forenames", "Changed"}});
  const HttpReply no_precondition = Call("PUT", "/api/v1/people/1", *officer_, change);
  EXPECT_EQ(no_precondition.status, 428);
  const HttpReply stale = Call("PUT", "/api/v1/people/1", *officer_, change, {{"If-Match", "\"1.7\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(Error(stale).at("code").as_string(), "precondition_failed");
  const HttpReply ok = Call("PUT", "/api/v1/people/1", *officer_, change, {{"If-Match", etag}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Header("etag"), "\"1.2\"");
  EXPECT_EQ(json::parse(ok.body).at("forenames").as_string(), "Changed");
  // A second client still holding the first ETag cannot overwrite the change.
  const HttpReply lost = Call("PUT", "/api/v1/people/1", *officer_,
                              json::serialize(json::object{{"forenames", "Overwritten"}}), {{"If-Match", etag}});
  EXPECT_EQ(lost.status, 412);
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/people/1", *officer_).body).at("forenames").as_string(), "Changed");
}

TEST_F(ApiTest, CreatingAPersonValidates) {
  const HttpReply invalid = Call("POST", "/api/v1/people", *officer_,
                                 json::serialize(json::object{{"surname", ""}, {"forenames", "X"}, {"gender", "Q"}}));
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(Error(invalid).at("details").as_array()[0].at("field").as_string(), "gender");
  const HttpReply blank = Call("POST", "/api/v1/people", *officer_,
                               json::serialize(json::object{{"surname", ""}, {"forenames", "X"}}));
  EXPECT_EQ(blank.status, 400);
  EXPECT_EQ(Error(blank).at("details").as_array()[0].at("field").as_string(), "surname");
  EXPECT_EQ(Call("POST", "/api/v1/people", *officer_, "not json").status, 400);
  const HttpReply created = Call(
      "POST", "/api/v1/people", *officer_,
      json::serialize(json::object{{"surname", "Newperson"}, {"forenames", "Api"}, {"date_of_birth", "1985-05-05"},
                                   {"gender", "F"}, {"address", json::object{{"lsoa_code", "E01012000"}}}}));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("location").substr(0, 15), "/api/v1/people/");
  EXPECT_EQ(json::parse(created.body).at("address").at("lsoa_code").as_string(), "E01012000");
}

TEST_F(ApiTest, EventsFollowTheImportRules) {
  const auto event = [](std::string source_id, std::string date) {
    return json::serialize(json::object{{"source_id", source_id},
                                        {"event_type", "arrest"}, {"event_date", date},
                                        {"offence_category", "burglary_residential"}, {"latitude", 54.57},
                                        {"longitude", -1.23}});
  };
  const HttpReply invalid = Call("POST", "/api/v1/people/2/events", *officer_, event("E1", "2026-02-30"));
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(Error(invalid).at("details").as_array()[0].at("field").as_string(), "event_date");
  const HttpReply created = Call("POST", "/api/v1/people/2/events", *officer_, event("E1", "2026-02-03"));
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Call("POST", "/api/v1/people/2/events", *officer_, event("E1", "2026-02-03")).status, 409);
  EXPECT_EQ(Call("POST", "/api/v1/people/99999/events", *officer_, event("E2", "2026-02-03")).status, 404);
  const HttpReply listed = Call("GET", "/api/v1/people/2/events", *officer_);
  const json::array items = json::parse(listed.body).at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].at("source_record_id").as_string(), "E1");
  EXPECT_EQ(items[1].at("source_system").as_string(), "Cleveland Police") << "the recording user's agency";
}

TEST_F(ApiTest, ImportsAreAllOrNothing) {
  const HttpReply good = Call("POST", "/api/v1/imports?source=api", *officer_,
                              kCsvHeader + "I1,,Imported,Viaapi,1970-01-01,M,arrest,2026-01-01,fraud,,,,,\n", {},
                              "text/csv");
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(json::parse(good.body).at("events_added").as_int64(), 1);
  const HttpReply rejected = Call("POST", "/api/v1/imports?source=api", *officer_,
                                  kCsvHeader + "I2,,Imported,Viaapi,1970-01-01,Q,arrest,2026-01-01,fraud,,,,,\n", {},
                                  "text/csv");
  EXPECT_EQ(rejected.status, 422);
  const json::object error = Error(rejected);
  EXPECT_EQ(error.at("details").as_array()[0].at("line").as_int64(), 2);
  EXPECT_EQ(error.at("details").as_array()[0].at("field").as_string(), "gender");
  EXPECT_EQ(Call("POST", "/api/v1/imports", *officer_, "x", {}, "application/json").status, 415);
  const HttpReply huge = Call("POST", "/api/v1/imports", *officer_, std::string(65 << 20, 'x'), {}, "text/csv");
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(Error(huge).at("code").as_string(), "payload_too_large");
}

TEST_F(ApiTest, UnknownRoutesAndMethodsAnswerInJson) {
  const HttpReply missing = Call("GET", "/api/v1/nothing", *officer_);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Error(missing).at("code").as_string(), "not_found");
  const HttpReply method = Call("DELETE", "/api/v1/people", *officer_);
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(Error(method).at("code").as_string(), "method_not_allowed");
  const HttpReply document = Call("GET", "/api/v1/openapi.json", "");
  EXPECT_EQ(document.status, 200);
  EXPECT_TRUE(json::parse(document.body).as_object().contains("paths"));
}

TEST_F(ApiTest, CandidatesComeWithTheirRulesAndEveryComponent) {
  const std::string analyst = Token("analyst");
  EXPECT_EQ(Call("GET", "/api/v1/candidates", analyst).status, 403) << "analysts see no names";
  const HttpReply before = Call("GET", "/api/v1/candidates", *officer_);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(json::parse(before.body).at("run").is_null());

  // A rule that proposes everyone arrested in the window, as of the day of the 25 arrests: d = 0, n = 1,
  // shoplifting (gravity 1): R 100, F 10, G 0, RFG 34.
  const testing::TempDir dir;
  const std::string config = dir.WriteFile(
      "config.json", R"({"rules": [{"name": "any-arrest", "explanation": "Arrested.", "min_events": 1}]})");
  const ProcessResult scored = Openiom({"score", "--as-of", "2026-01-05", "--config", config});
  ASSERT_EQ(scored.exit_code, 0) << scored.err;
  const HttpReply reply = Call("GET", "/api/v1/candidates?page_size=10&rule=any-arrest", *officer_);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Header("cache-control"), "no-store");
  const json::object body = json::parse(reply.body).as_object();
  EXPECT_EQ(body.at("run").as_object().at("as_of").as_string(), "2026-01-05");
  EXPECT_GE(body.at("total").as_int64(), 25);
  const json::array& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 10u);
  const json::object& first = items[0].as_object();
  EXPECT_EQ(first.at("rules").as_array()[0].as_object().at("name").as_string(), "any-arrest");
  for (const char* key : {"rfg", "r", "f", "g", "n", "acquisitive_n", "harm", "cost", "last_event_date", "provisional"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  const json::object& last = items[9].as_object();
  EXPECT_DOUBLE_EQ(last.at("rfg").to_number<double>(), 34.0);
  EXPECT_DOUBLE_EQ(last.at("g").to_number<double>(), 0.0);
  EXPECT_EQ(Call("GET", "/api/v1/candidates?page_size=0", *officer_).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/candidates?rule=Any%20Arrest", *officer_).status, 400);
}

}  // namespace
}  // namespace openiom
