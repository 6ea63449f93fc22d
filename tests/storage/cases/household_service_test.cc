// Households and relationships on both backends: a link stored once and read from both sides ("Child of" from the
// child's), duplicates refused in either direction, ending with versions; a person in at most one current household;
// "also at this address" from the recorded addresses as normalised; connected cohort members with the rating
// CaseService gives them; and need-to-know on each connected person: one the reader may not view is hidden, with the
// refusal audited on their record, and a link to someone the writer does not work with is refused and audited. The
// rules themselves are tested in domain/cases/household_test.cc.
#include "services/cases/household_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "services/audit/audit_trail.h"
#include "services/cases/case_service.h"
#include "storage/accounts/agency_repository.h"
#include "storage/cases/household_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

Date D(const char* iso) { return *ParseIsoDate(iso); }

const FixedClock kClock(*ParseIsoTimestamp("2026-11-30T10:00:00Z"));

class HouseholdServiceTest : public ::testing::Test {
 protected:
  HouseholdServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    ASSERT_TRUE(database_->Write([&](Transaction& tx) -> Status {
      AgencyRepository& agencies = tx.Get<AgencyRepository>();
      ASSIGN_OR_RETURN(police_id_, agencies.Create({0, "Cleveland Police", AgencyKind::kPolice}));
      ASSIGN_OR_RETURN(housing_id_, agencies.Create({0, "Tees Housing", AgencyKind::kHousing}));
      // Ann and Bob live at the same address, written two ways; Cal lives elsewhere; Dee is not in the cohort.
      const auto person = [&](PersonId* id, const char* surname, const char* line, const char* postcode) -> Status {
        ASSIGN_OR_RETURN(*id, tx.Get<PersonRepository>().Create({.surname = surname,
                                                                 .forenames = "Test",
                                                                 .address = {.line = line, .postcode = postcode},
                                                                 .created_at = kClock.Now(),
                                                                 .updated_at = kClock.Now()}));
        return Status::Ok();
      };
      RETURN_IF_ERROR(person(&ann_, "Annson", "12, High St.", "ts1 2ab"));
      RETURN_IF_ERROR(person(&bob_, "Bobson", "12 High Street", "TS1 2AB"));
      RETURN_IF_ERROR(person(&cal_, "Calson", "Flat 2, 12 High Street", "TS1 2AB"));
      RETURN_IF_ERROR(person(&dee_, "Deeson", "", ""));
      // Housing leads Ann's case, the police Bob's and Cal's: housing works with Ann only.
      PanelRepository& panel = tx.Get<PanelRepository>();
      for (auto [id, agency] : {std::pair{ann_, housing_id_}, std::pair{bob_, police_id_}, std::pair{cal_, police_id_}}) {
        RETURN_IF_ERROR(panel
                            .AddMembership({.person_id = id, .scheme = Scheme::kPpo, .lead_agency_id = agency,
                                            .selected_on = D("2026-01-05"), .selection_reason = "panel",
                                            .selected_by = "m"})
                            .status());
      }
      // Bob was arrested last week: Red.
      RETURN_IF_ERROR(tx.Get<EventRepository>()
                          .Create({.person_id = bob_, .kind = EventKind::kArrest, .event_date = D("2026-11-23"),
                                   .source_system = "test", .source_record_id = "B1", .recorded_at = kClock.Now()},
                                  std::nullopt)
                          .status());
      return Status::Ok();
    }).ok());
    officer_.agency_id = police_id_;
    housing_.agency_id = housing_id_;
  }

  std::vector<AuditEntry> AuditOf(PersonId person) {
    auto found = SearchAuditTrail(*database_, audit_, auditor_,
                                  {.object_type = "person", .object_id = std::to_string(person), .limit = 100});
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? found->first : std::vector<AuditEntry>{};
  }

  static std::vector<std::string> Fields(const Status& status) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : status.problems()) fields.push_back(problem.field);
    return fields;
  }

  HouseholdView View(const Actor& actor, PersonId person) {
    Result<HouseholdView> view = households_.Household(actor, person);
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return view.ok() ? *view : HouseholdView{};
  }

  RelationshipInput Link(std::string kind, PersonId other, std::string from = "2026-01-01") {
    return {.kind = std::move(kind), .other_person_id = std::to_string(other), .from = std::move(from),
            .source = "PNC co-accused"};
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  HouseholdService households_{*database_, audit_, kClock};
  Actor officer_{.user_id = 0, .username = "o.fficer", .agency_name = "Cleveland Police",
                 .agency_kind = AgencyKind::kPolice, .roles = {Role::kPractitioner}};
  Actor housing_{.user_id = 0, .username = "h.ousing", .agency_name = "Tees Housing",
                 .agency_kind = AgencyKind::kHousing, .roles = {Role::kPractitioner}};
  const Actor auditor_{.username = "a.uditor", .roles = {Role::kAuditor}};
  AgencyId police_id_ = 0, housing_id_ = 0;
  PersonId ann_ = 0, bob_ = 0, cal_ = 0, dee_ = 0;
};

TEST_F(HouseholdServiceTest, ALinkIsStoredOnceAndReadFromEachSide) {
  // Typed on Bob's page: Bob is the child of Ann.
  const Result<RelationshipId> id = households_.AddRelationship(officer_, bob_, Link("child_of", ann_));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(database_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(const Relationship stored, tx.Get<HouseholdRepository>().GetRelationship(*id));
    EXPECT_EQ(stored.kind, RelationshipKind::kParentOf);
    EXPECT_EQ(stored.from_person_id, ann_) << "stored from the parent";
    EXPECT_EQ(stored.to_person_id, bob_);
    EXPECT_EQ(stored.from, D("2026-01-01"));
    EXPECT_FALSE(stored.until.has_value());
    EXPECT_EQ(stored.source, "PNC co-accused");
    EXPECT_EQ(stored.recorded_by, "o.fficer");
    EXPECT_EQ(stored.version, 1);
    return Status::Ok();
  }).ok());

  const HouseholdView bob = View(officer_, bob_);
  ASSERT_EQ(bob.relationships.size(), 1u);
  EXPECT_EQ(bob.relationships[0].role, "Child of");
  EXPECT_EQ(bob.relationships[0].other.person_id, ann_);
  EXPECT_EQ(bob.relationships[0].other.surname, "Annson");
  EXPECT_TRUE(bob.relationships[0].other.in_cohort);
  const HouseholdView ann = View(officer_, ann_);
  ASSERT_EQ(ann.relationships.size(), 1u);
  EXPECT_EQ(ann.relationships[0].role, "Parent of");
  EXPECT_EQ(ann.relationships[0].other.surname, "Bobson");
  // Bob's rating beside Ann's record is the one CaseService gives him: Red for last week's arrest.
  ASSERT_TRUE(ann.relationships[0].other.rating.has_value());
  EXPECT_EQ(ann.relationships[0].other.rating->Shown(), BragRating::kRed);
  CaseService cases(*database_, audit_, kClock);
  const Result<BragView> brag = cases.Brag(officer_, bob_);
  ASSERT_TRUE(brag.ok());
  EXPECT_EQ(ann.relationships[0].other.rating->Shown(), brag->rating.Shown());
  EXPECT_EQ(ann.relationships[0].other.rating->reasons.size(), brag->rating.reasons.size());

  // The same link again, from either side or either way round, is refused on "kind"; another kind is not.
  for (const auto& [person, input] : {std::pair{bob_, Link("child_of", ann_)}, std::pair{ann_, Link("parent_of", bob_)},
                                      std::pair{ann_, Link("child_of", bob_)}}) {
    const Result<RelationshipId> again = households_.AddRelationship(officer_, person, input);
    EXPECT_EQ(again.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(Fields(again.status()), std::vector<std::string>{"kind"});
  }
  EXPECT_TRUE(households_.AddRelationship(officer_, ann_, Link("co_defendant", bob_)).ok());
  const Result<RelationshipId> self = households_.AddRelationship(officer_, ann_, Link("sibling", ann_));
  EXPECT_EQ(Fields(self.status()), std::vector<std::string>{"other_person"});
  const Result<RelationshipId> nobody = households_.AddRelationship(officer_, ann_, Link("sibling", 999999));
  EXPECT_EQ(Fields(nobody.status()), std::vector<std::string>{"other_person"});
  const Result<RelationshipId> bad = households_.AddRelationship(
      officer_, ann_, {.kind = "cousin", .other_person_id = "x", .from = "2026-12-01", .source = ""});
  EXPECT_EQ(Fields(bad.status()), (std::vector<std::string>{"kind", "other_person", "source", "from"}));
  // A person with no cohort membership is shown with no rating.
  ASSERT_TRUE(households_.AddRelationship(officer_, ann_, Link("associate", dee_)).ok());
  const HouseholdView with_dee = View(officer_, ann_);
  const auto dee = std::find_if(with_dee.relationships.begin(), with_dee.relationships.end(),
                                [&](const RelationshipRow& row) { return row.other.person_id == dee_; });
  ASSERT_NE(dee, with_dee.relationships.end());
  EXPECT_FALSE(dee->other.in_cohort);
  EXPECT_FALSE(dee->other.rating.has_value());
}

TEST_F(HouseholdServiceTest, EndingALinkChecksTheVersionAndTheDay) {
  const Result<RelationshipId> id = households_.AddRelationship(officer_, ann_, Link("partner", bob_, "2026-06-01"));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(households_.EndRelationship(officer_, ann_, *id, 2, "2026-11-01").code(), StatusCode::kStale);
  EXPECT_EQ(Fields(households_.EndRelationship(officer_, ann_, *id, 1, "2026-05-31")),
            std::vector<std::string>{"until"});
  EXPECT_EQ(Fields(households_.EndRelationship(officer_, ann_, *id, 1, "2026-12-01")),
            std::vector<std::string>{"until"});
  EXPECT_EQ(households_.EndRelationship(officer_, cal_, *id, 1, "").code(), StatusCode::kNotFound)
      << "not Cal's link";
  ASSERT_TRUE(households_.EndRelationship(officer_, bob_, *id, 1, "").ok()) << "from either side; today by default";
  EXPECT_EQ(households_.EndRelationship(officer_, ann_, *id, 2, "").code(), StatusCode::kFailedPrecondition);
  const HouseholdView ann = View(officer_, ann_);
  ASSERT_EQ(ann.relationships.size(), 1u);
  EXPECT_EQ(ann.relationships[0].relationship.until, D("2026-11-30"));
  EXPECT_EQ(ann.relationships[0].relationship.ended_by, "o.fficer");
  // Once ended, a new partnership between them is no duplicate; current links come before ended ones.
  ASSERT_TRUE(households_.AddRelationship(officer_, ann_, Link("ex_partner", bob_, "2026-11-30")).ok());
  ASSERT_TRUE(households_.AddRelationship(officer_, ann_, Link("partner", bob_, "2026-11-30")).ok());
  const HouseholdView again = View(officer_, ann_);
  ASSERT_EQ(again.relationships.size(), 3u);
  EXPECT_TRUE(again.relationships[0].relationship.Current());
  EXPECT_TRUE(again.relationships[1].relationship.Current());
  EXPECT_FALSE(again.relationships[2].relationship.Current());
}

TEST_F(HouseholdServiceTest, APersonIsInOneCurrentHouseholdAndOthersAtTheAddressAreSuggested) {
  // Bob's record gives Ann's address written another way ("12 High Street, TS1 2AB"); Cal's is a flat at number 12.
  HouseholdView ann = View(officer_, ann_);
  EXPECT_FALSE(ann.household.has_value());
  ASSERT_EQ(ann.also_at_address.size(), 1u);
  EXPECT_EQ(ann.also_at_address[0].person_id, bob_);
  EXPECT_EQ(ann.also_at_address[0].surname, "Bobson");

  const Result<int64_t> stay =
      households_.JoinHousehold(officer_, ann_, {.address_line = "12 High Street", .postcode = "TS1 2AB"});
  ASSERT_TRUE(stay.ok()) << stay.status().ToString();
  ann = View(officer_, ann_);
  ASSERT_TRUE(ann.household.has_value());
  EXPECT_EQ(ann.household->address_line, "12 High Street");
  ASSERT_TRUE(ann.own_stay.has_value());
  EXPECT_EQ(ann.own_stay->id, *stay);
  EXPECT_EQ(ann.own_stay->from, D("2026-11-30")) << "today by default";
  ASSERT_EQ(ann.members.size(), 1u);
  EXPECT_TRUE(ann.members[0].is_viewed);

  const Result<int64_t> twice = households_.JoinHousehold(officer_, ann_, {.household_id = std::to_string(ann.household->id)});
  EXPECT_EQ(Fields(twice.status()), std::vector<std::string>{"household"});
  const Result<int64_t> missing = households_.JoinHousehold(officer_, bob_, {.household_id = "999999"});
  EXPECT_EQ(Fields(missing.status()), std::vector<std::string>{"household"});
  const Result<int64_t> bad = households_.JoinHousehold(officer_, bob_, {.address_line = "", .postcode = "TS1", .from = "2027-01-01"});
  EXPECT_EQ(Fields(bad.status()), (std::vector<std::string>{"address_line", "postcode", "from"}));

  ASSERT_TRUE(households_.JoinHousehold(officer_, bob_, {.household_id = std::to_string(ann.household->id),
                                                          .from = "2026-10-01"})
                  .ok());
  ann = View(officer_, ann_);
  ASSERT_EQ(ann.members.size(), 2u);
  EXPECT_EQ(ann.members[0].person.surname, "Bobson") << "by start day";
  EXPECT_TRUE(ann.members[0].person.rating.has_value());
  EXPECT_TRUE(ann.also_at_address.empty()) << "Bob is in the household now";

  // Leaving: the version, then the day.
  EXPECT_EQ(households_.LeaveHousehold(officer_, ann_, *stay, 5, "").code(), StatusCode::kStale);
  EXPECT_EQ(households_.LeaveHousehold(officer_, bob_, *stay, 1, "").code(), StatusCode::kNotFound);
  ASSERT_TRUE(households_.LeaveHousehold(officer_, ann_, *stay, 1, "").ok());
  EXPECT_EQ(households_.LeaveHousehold(officer_, ann_, *stay, 2, "").code(), StatusCode::kFailedPrecondition);
  ann = View(officer_, ann_);
  EXPECT_FALSE(ann.household.has_value());
  ASSERT_EQ(ann.also_at_address.size(), 1u) << "suggested again";
  const Result<int64_t> new_home =
      households_.JoinHousehold(officer_, ann_, {.address_line = "3 Low Lane", .postcode = "TS2 1AA"});
  EXPECT_TRUE(new_home.ok()) << "a new household once the last stay ended";
}

TEST_F(HouseholdServiceTest, AConnectedPersonTheReaderMayNotViewIsHiddenAndTheRefusalAudited) {
  ASSERT_TRUE(households_.AddRelationship(officer_, ann_, Link("sibling", bob_)).ok());
  ASSERT_TRUE(households_.JoinHousehold(officer_, ann_, {.address_line = "12 High Street", .postcode = "TS1 2AB"}).ok());
  const HouseholdView officer_view = View(officer_, ann_);
  ASSERT_TRUE(households_.JoinHousehold(officer_, bob_, {.household_id = std::to_string(officer_view.household->id)})
                  .ok());
  const size_t before = AuditOf(bob_).size();

  // Housing works with Ann (it leads her case), not with Bob.
  const HouseholdView view = View(housing_, ann_);
  ASSERT_EQ(view.relationships.size(), 1u);
  const ConnectedPerson& bob = view.relationships[0].other;
  EXPECT_TRUE(bob.hidden);
  EXPECT_EQ(bob.person_id, 0) << "not even the id";
  EXPECT_TRUE(bob.surname.empty());
  EXPECT_FALSE(bob.rating.has_value());
  EXPECT_EQ(view.relationships[0].role, "Sibling of") << "how they are related is Ann's record";
  ASSERT_EQ(view.members.size(), 2u);
  for (const HouseholdMemberRow& row : view.members) {
    if (row.is_viewed) continue;
    EXPECT_TRUE(row.person.hidden);
    EXPECT_TRUE(row.member.surname.empty());
  }
  EXPECT_TRUE(view.also_at_address.empty()) << "no one is suggested whom the reader may not view";

  // One refusal on Bob's record for the one view, however many times he is connected; and the view on Ann's.
  const std::vector<AuditEntry> bob_entries = AuditOf(bob_);
  ASSERT_EQ(bob_entries.size(), before + 1);
  const AuditEntry& refused = bob_entries.front();  // newest first
  EXPECT_EQ(refused.action, "view_person");
  EXPECT_EQ(refused.outcome, AuditOutcome::kDenied);
  EXPECT_EQ(refused.username, "h.ousing");
  EXPECT_NE(refused.detail.find("connected to person " + std::to_string(ann_)), std::string::npos) << refused.detail;
  EXPECT_NE(refused.detail.find("shown without name or rating"), std::string::npos);
  const AuditEntry viewed = AuditOf(ann_).front();
  EXPECT_EQ(viewed.outcome, AuditOutcome::kSuccess);
  EXPECT_NE(viewed.detail.find("connected people 0 shown, 1 hidden"), std::string::npos) << viewed.detail;

  // The police see Bob, with his rating; that read is on Bob's record too.
  const HouseholdView police = View(officer_, ann_);
  EXPECT_FALSE(police.relationships[0].other.hidden);
  EXPECT_EQ(police.relationships[0].other.rating->Shown(), BragRating::kRed);
  const AuditEntry shown = AuditOf(bob_).front();
  EXPECT_EQ(shown.outcome, AuditOutcome::kSuccess);
  EXPECT_EQ(shown.username, "o.fficer");
  EXPECT_NE(shown.detail.find("BRAG red"), std::string::npos) << shown.detail;
}

TEST_F(HouseholdServiceTest, ALinkToSomeoneTheWriterDoesNotWorkWithIsRefusedAndAudited) {
  const Result<RelationshipId> refused = households_.AddRelationship(housing_, ann_, Link("partner", bob_));
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(refused.status().message().find("(the other person, " + std::to_string(bob_) + ")"), std::string::npos)
      << refused.status().message();
  const AuditEntry entry = AuditOf(ann_).front();
  EXPECT_EQ(entry.action, "manage_relationships");
  EXPECT_EQ(entry.outcome, AuditOutcome::kDenied);
  EXPECT_TRUE(View(officer_, ann_).relationships.empty()) << "nothing stored";
  // On Bob's own record housing is refused before anything is read; on Ann's a link to Dee (no lead agency, so no
  // one's) is refused too; a household stay is Ann's record alone.
  EXPECT_EQ(households_.AddRelationship(housing_, bob_, Link("partner", ann_)).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(households_.AddRelationship(housing_, ann_, Link("associate", dee_)).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(households_.JoinHousehold(housing_, ann_, {.address_line = "12 High Street", .postcode = "TS1 2AB"}).ok());
  EXPECT_EQ(households_.JoinHousehold(housing_, bob_, {.address_line = "12 High Street", .postcode = "TS1 2AB"})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace openiom
