// Case notes with sensitivity from outside (issue 10): who reads a note's text through the page, the API and the
// CSV export, what everyone else sees of it, and what the audit trail keeps of each read and each refusal. A real
// `openiom serve`, real sessions.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <set>
#include <string>

#include "http/http_fixture.h"

namespace openiom {
namespace {

namespace json = boost::json;
using testing::HttpReply;
using testing::WebSession;

// Each note's text is a string found nowhere else, so a body that holds it has leaked it.
constexpr std::string_view kHealthText = "Methadone script reviewed, dose unchanged";
constexpr std::string_view kVictimText = "Victim liaison letter sent to the complainant";
constexpr std::string_view kIntelligenceText = "Seen with a known associate at the Sandpiper";
constexpr std::string_view kStandardText = "Attended the appointment on time";

class CaseNotesTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(SetUpSite({{"Cleveland Police", "police"},
                                       {"Probation", "probation"},
                                       {"Tees Drug Service", "treatment"},
                                       {"Tees Housing", "housing"},
                                       {"Mentoring", "voluntary"}},
                                      {{"officer", "Cleveland Police", "practitioner"},
                                       {"offman", "Probation", "practitioner"},
                                       {"drugs", "Tees Drug Service", "practitioner"},
                                       {"housing", "Tees Housing", "practitioner"},
                                       {"mentor", "Mentoring", "practitioner"},
                                       {"auditor", "Cleveland Police", "auditor"}}));
    const std::string csv =
        "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
        "outcome,latitude,longitude,lsoa_code\n"
        "A1,,Testington,Aaron,1990-01-01,M,arrest,2026-01-05,shoplifting,,,,,\n";
    ASSERT_EQ(Openiom({"import", "events", "-"}, csv).exit_code, 0);
    ASSERT_NO_FATAL_FAILURE(StartServer());

    const HttpReply found = Call("GET", "/api/v1/people?q=Testington", Tok("officer"));
    aaron_ = std::to_string(json::parse(found.body).at("items").as_array().at(0).at("id").as_int64());
    // The treatment agency works with Aaron: it broke the glass and referred him to the panel. Housing only breaks the
    // glass, which lets it read his record (and see that notes exist) but add nothing.
    WebSession drugs = SignedIn("drugs");
    ASSERT_EQ(drugs.Post("/people/" + aaron_ + "/break-glass",
                         "csrf_token=" + drugs.CsrfToken() + "&reason=Assessment+booked+for+treatment")
                  .status,
              303);
    ASSERT_EQ(drugs.Post("/people/" + aaron_ + "/refer",
                         "csrf_token=" + drugs.CsrfToken() + "&route=referral&reasons=Heroin+use+and+shoplifting")
                  .status,
              303);

    // One note of each level, each by an agency that may add it: through the API, and one through the page's form.
    const auto add = [](const std::string& user, std::string_view text, const std::string& level) {
      const HttpReply added = Call("POST", "/api/v1/people/" + aaron_ + "/notes", Tok(user),
                                   json::serialize(json::object{{"text", text}, {"sensitivity", level}}));
      EXPECT_EQ(added.status, 201) << added.body;
      return added.status == 201 ? std::to_string(json::parse(added.body).at("id").as_int64()) : "0";
    };
    ids_["health"] = add("drugs", kHealthText, "health");
    ids_["victim"] = add("offman", kVictimText, "victim");
    WebSession officer = SignedIn("officer");
    const HttpReply posted = officer.Post(
        "/people/" + aaron_ + "/notes",
        "csrf_token=" + officer.CsrfToken() + "&sensitivity=intelligence&text=" + Encoded(kIntelligenceText));
    ASSERT_EQ(posted.status, 303) << posted.body;
    ASSERT_EQ(posted.Header("location"), "/people/" + aaron_ + "/notes?saved=1");
    ids_["standard"] = add("officer", kStandardText, "normal");
    const json::array all =
        json::parse(Call("GET", "/api/v1/people/" + aaron_ + "/notes", Tok("officer")).body).at("items").as_array();
    for (const json::value& note : all) {
      if (note.at("sensitivity").as_string() == "intelligence") {
        ids_["intelligence"] = std::to_string(note.at("id").as_int64());
      }
    }
    ASSERT_EQ(ids_.size(), 4u);
  }

  static std::string Encoded(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
      if (c == ' ') c = '+';
    }
    return out;
  }

  // One token per user for the suite (each sign-in costs a password hash).
  static std::string Tok(const std::string& user) {
    static std::map<std::string, std::string> tokens;
    if (!tokens.contains(user)) tokens[user] = Token(user);
    return tokens[user];
  }

  static std::string AuditCsv() { return SignedIn("auditor").Get("/audit.csv").body; }

  // The texts of the notes `body` holds, by level.
  static std::set<std::string> LeakedTexts(const std::string& body) {
    std::set<std::string> found;
    for (const auto& [level, text] : std::map<std::string, std::string_view>{{"health", kHealthText},
                                                                              {"victim", kVictimText},
                                                                              {"intelligence", kIntelligenceText},
                                                                              {"normal", kStandardText}}) {
      if (body.find(text) != std::string::npos) found.insert(level);
    }
    return found;
  }

  static inline std::string aaron_;
  static inline std::map<std::string, std::string> ids_;
};

// The acceptance test: a housing practitioner cannot read a health note's text through the page, the API or an
// export, and the attempt is in the audit trail; a treatment worker can.
TEST_F(CaseNotesTest, AHousingPractitionerSeesThatAHealthNoteExistsButNeverItsText) {
  WebSession housing = SignedIn("housing");
  const std::string notes = "/people/" + aaron_ + "/notes";
  const HttpReply refused = housing.Get(notes);
  EXPECT_EQ(refused.status, 403) << "housing does not work with Aaron yet";
  EXPECT_NE(refused.body.find("value=\"" + notes + "\""), std::string::npos) << "break the glass, back to the notes";
  EXPECT_TRUE(LeakedTexts(refused.body).empty());
  ASSERT_EQ(housing.Post("/people/" + aaron_ + "/break-glass",
                         "csrf_token=" + housing.CsrfToken() + "&reason=Tenancy+review+this+week&next=" + notes)
                .Header("location"),
            notes);

  const HttpReply page = housing.Get(notes);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(LeakedTexts(page.body), std::set<std::string>{"normal"});
  EXPECT_NE(page.body.find("Restricted: health note by Tees Drug Service, "), std::string::npos);
  EXPECT_NE(page.body.find("Restricted: victim note by Probation, "), std::string::npos);
  EXPECT_NE(page.body.find("Restricted: intelligence note by Cleveland Police, "), std::string::npos);
  EXPECT_NE(page.body.find("aria-current=\"page\" href=\"/people/" + aaron_ + "/notes\""), std::string::npos)
      << "the Notes tab of the record";
  EXPECT_EQ(page.body.find("name=\"text\""), std::string::npos) << "breaking the glass reads; it adds no note";
  EXPECT_NE(page.body.find("you cannot add notes"), std::string::npos);

  const HttpReply api = Call("GET", "/api/v1/people/" + aaron_ + "/notes", Tok("housing"));
  ASSERT_EQ(api.status, 200);
  EXPECT_EQ(LeakedTexts(api.body), std::set<std::string>{"normal"});
  const json::value listed = json::parse(api.body);
  for (const json::value& item : listed.at("items").as_array()) {
    const json::object& note = item.as_object();
    if (note.at("sensitivity").as_string() == "normal") {
      EXPECT_EQ(note.at("restricted").as_bool(), false);
      EXPECT_EQ(note.at("author").as_string(), "officer");
      continue;
    }
    // Exactly these members, and nothing that says more.
    std::set<std::string> keys;
    for (const auto& member : note) keys.insert(std::string(member.key()));
    EXPECT_EQ(keys, (std::set<std::string>{"id", "sensitivity", "agency", "created_at", "restricted"})) << item;
    EXPECT_EQ(note.at("restricted").as_bool(), true);
  }

  const HttpReply csv = housing.Get("/people/" + aaron_ + "/notes.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(LeakedTexts(csv.body), std::set<std::string>{"normal"});
  EXPECT_NE(csv.body.find("\n" + ids_["health"] + ","), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",health,Tees Drug Service,,true,"), std::string::npos) << "no author, no text: " << csv.body;

  // Each of the three reads refused the health note, and the trail says so, against the note, with the reason.
  const std::string audit = AuditCsv();
  const std::string denied = "housing,Tees Housing,view_notes,case_note," + ids_["health"] + ",denied,";
  int refusals = 0;
  for (size_t at = audit.find(denied); at != std::string::npos; at = audit.find(denied, at + 1)) ++refusals;
  EXPECT_EQ(refusals, 3) << audit;
  EXPECT_NE(audit.find(denied + "127.0.0.1,Only health and treatment agencies and a note's author may read health "
                                "notes"),
            std::string::npos);
  EXPECT_NE(audit.find("view_notes,person," + aaron_ + ",success,127.0.0.1,\"exported as CSV; break-glass: Tenancy "
                       "review this week; notes shown: 1, withheld: 3\""),
            std::string::npos)
      << "the export is audited as one";
  EXPECT_TRUE(LeakedTexts(audit).empty()) << "the trail never holds a note's text";

  // The treatment worker reads the health note's text everywhere.
  WebSession drugs = SignedIn("drugs");
  EXPECT_EQ(LeakedTexts(drugs.Get(notes).body), (std::set<std::string>{"health", "normal"}));
  EXPECT_EQ(LeakedTexts(Call("GET", "/api/v1/people/" + aaron_ + "/notes", Tok("drugs")).body),
            (std::set<std::string>{"health", "normal"}));
  EXPECT_EQ(LeakedTexts(drugs.Get("/people/" + aaron_ + "/notes.csv").body),
            (std::set<std::string>{"health", "normal"}));
}

TEST_F(CaseNotesTest, VictimAndIntelligenceNotesAreReadByPoliceAndProbationOnly) {
  for (const char* user : {"officer", "offman"}) {
    const HttpReply api = Call("GET", "/api/v1/people/" + aaron_ + "/notes", Tok(user));
    ASSERT_EQ(api.status, 200) << user;
    EXPECT_EQ(LeakedTexts(api.body), (std::set<std::string>{"victim", "intelligence", "normal"})) << user;
    WebSession web = SignedIn(user);
    EXPECT_EQ(LeakedTexts(web.Get("/people/" + aaron_ + "/notes").body),
              (std::set<std::string>{"victim", "intelligence", "normal"}))
        << user;
  }
  const json::array drugs =
      json::parse(Call("GET", "/api/v1/people/" + aaron_ + "/notes", Tok("drugs")).body).at("items").as_array();
  ASSERT_EQ(drugs.size(), 4u);
  // Newest first: standard, intelligence, victim, health.
  EXPECT_EQ(std::to_string(drugs[0].at("id").as_int64()), ids_["standard"]);
  EXPECT_EQ(std::to_string(drugs[3].at("id").as_int64()), ids_["health"]);
  for (const json::value& note : drugs) {
    const std::string level(note.at("sensitivity").as_string());
    EXPECT_EQ(note.at("restricted").as_bool(), level == "victim" || level == "intelligence") << level;
  }
  // The author reads their own note, named as its author.
  EXPECT_EQ(drugs[3].at("author").as_string(), "drugs");
  EXPECT_EQ(drugs[3].at("agency").as_string(), "Tees Drug Service");
}

TEST_F(CaseNotesTest, AgenciesAddOnlyNotesTheyMayReadAndOnlyToRecordsOfPeopleTheyWorkWith) {
  const std::string target = "/api/v1/people/" + aaron_ + "/notes";
  const HttpReply health_by_police =
      Call("POST", target, Tok("officer"), R"({"text":"Says he is using again","sensitivity":"health"})");
  EXPECT_EQ(health_by_police.status, 403);
  EXPECT_EQ(json::parse(health_by_police.body).at("error").at("message").as_string(),
            "Only health and treatment agencies may add health notes");
  const HttpReply intelligence_by_treatment =
      Call("POST", target, Tok("drugs"), R"({"text":"Heard a rumour","sensitivity":"intelligence"})");
  EXPECT_EQ(intelligence_by_treatment.status, 403);

  // The voluntary agency does not work with Aaron: refused, through the API and the page, and audited.
  EXPECT_EQ(Call("POST", target, Tok("mentor"), R"({"text":"Met at the hub","sensitivity":"normal"})").status, 403);
  WebSession mentor = SignedIn("mentor");
  const HttpReply page =
      mentor.Post("/people/" + aaron_ + "/notes", "csrf_token=" + mentor.CsrfToken() + "&sensitivity=normal&text=Hi");
  EXPECT_EQ(page.status, 403);
  EXPECT_EQ(page.body.find("Testington"), std::string::npos);
  const HttpReply no_csrf = mentor.Post("/people/" + aaron_ + "/notes", "sensitivity=normal&text=Hi");
  EXPECT_EQ(no_csrf.status, 403) << "a form without its token changes nothing";
  const std::string audit = AuditCsv();
  int refusals = 0;
  const std::string denied = "mentor,Mentoring,add_note,person," + aaron_ + ",denied,";
  for (size_t at = audit.find(denied); at != std::string::npos; at = audit.find(denied, at + 1)) ++refusals;
  EXPECT_EQ(refusals, 2) << audit;
  EXPECT_NE(audit.find("officer,Cleveland Police,add_note,person," + aaron_ +
                       ",denied,127.0.0.1,Only health and treatment agencies may add health notes"),
            std::string::npos);

  const json::array after =
      json::parse(Call("GET", target, Tok("officer")).body).at("items").as_array();
  EXPECT_EQ(after.size(), 4u) << "nothing refused was kept";
}

TEST_F(CaseNotesTest, BadInputIsRefusedWithTheFieldNamed) {
  const std::string target = "/api/v1/people/" + aaron_ + "/notes";
  const HttpReply both = Call("POST", target, Tok("drugs"), R"({"text":"  ","sensitivity":"secret"})");
  EXPECT_EQ(both.status, 400);
  EXPECT_EQ(both.Header("content-type"), "application/json");
  const json::array details = json::parse(both.body).at("error").at("details").as_array();
  ASSERT_EQ(details.size(), 2u) << both.body;
  EXPECT_EQ(details[0].at("field").as_string(), "text");
  EXPECT_EQ(details[0].at("message").as_string(), "Enter the note");
  EXPECT_EQ(details[1].at("field").as_string(), "sensitivity");
  const HttpReply too_long =
      Call("POST", target, Tok("drugs"),
           json::serialize(json::object{{"text", std::string(20001, 'a')}, {"sensitivity", "normal"}}));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(json::parse(too_long.body).at("error").at("details").as_array()[0].at("message").as_string(),
            "Enter a note of at most 20,000 characters");
  const HttpReply number = Call("POST", target, Tok("drugs"), R"({"text":12,"sensitivity":"normal"})");
  EXPECT_EQ(number.status, 400);
  EXPECT_EQ(json::parse(number.body).at("error").at("details").as_array()[0].at("field").as_string(), "text");
  const HttpReply spoofed =
      Call("POST", target, Tok("drugs"), R"({"text":"Seen","sensitivity":"normal","author":"officer"})");
  EXPECT_EQ(spoofed.status, 400);
  EXPECT_EQ(json::parse(spoofed.body).at("error").at("details").as_array()[0].at("field").as_string(), "author");
  EXPECT_EQ(Call("POST", target, Tok("drugs"), "text=Seen", {}, "application/x-www-form-urlencoded").status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/people/999999/notes", Tok("officer"), R"({"text":"Seen","sensitivity":"normal"})")
                .status,
            404);
  EXPECT_EQ(Call("GET", "/api/v1/people/999999/notes", Tok("officer")).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/people/x/notes", Tok("officer")).status, 404);
  EXPECT_EQ(Call("DELETE", target, Tok("officer")).status, 405) << "notes are never removed";
  EXPECT_EQ(Call("PUT", target, Tok("officer"), "{}").status, 405) << "nor changed";
  EXPECT_EQ(Call("GET", target, "").status, 401);

  // The page shows its form again with the problems, what was typed, and the notes as this reader is shown them.
  WebSession drugs = SignedIn("drugs");
  const HttpReply page = drugs.Post("/people/" + aaron_ + "/notes",
                                    "csrf_token=" + drugs.CsrfToken() + "&sensitivity=health&text=+++");
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("There is a problem"), std::string::npos);
  EXPECT_NE(page.body.find("<a href=\"#text\">Enter the note</a>"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("value=\"health\" aria-describedby=\"sensitivity-health-hint\" checked"), std::string::npos)
      << "the level chosen is kept";
  EXPECT_EQ(page.body.find("value=\"intelligence\""), std::string::npos) << "only the levels treatment may add";
  EXPECT_EQ(LeakedTexts(page.body), (std::set<std::string>{"health", "normal"}));
  EXPECT_NE(page.body.find("Restricted: intelligence note by Cleveland Police"), std::string::npos);
}

}  // namespace
}  // namespace openiom
