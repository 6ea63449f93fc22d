// Case notes on both backends (issue 10): the repository stores them append-only and reads them newest first; the
// service shows each reader the notes their agency may read, withholds the rest, and audits the read and each
// refusal; adding a note is limited to what one's agency reads.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "services/access/use_case.h"
#include "services/audit/audit_trail.h"
#include "services/cases/case_note_service.h"
#include "storage/accounts/agency_repository.h"
#include "storage/accounts/user_repository.h"
#include "storage/audit/audit_repository.h"
#include "storage/cases/case_note_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoTimestamp("2026-03-03T10:15:00Z"));

class CaseNoteServiceTest : public ::testing::Test {
 protected:
  CaseNoteServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    const Status set_up = database_->Write([&](Transaction& tx) -> Status {
      const auto person = [&](std::string surname) {
        return tx.Get<PersonRepository>().Create({.surname = std::move(surname),
                                                  .forenames = "Aaron",
                                                  .gender = Gender::kMale,
                                                  .created_at = kClock.Now(),
                                                  .updated_at = kClock.Now()});
      };
      ASSIGN_OR_RETURN(aaron_, person("Testington"));
      ASSIGN_OR_RETURN(beth_, person("Samplewood"));
      // One user per agency kind the rules name, each a real account (notes keep their author's id).
      const auto user = [&](std::string name, std::string agency, AgencyKind kind, Role role) -> Result<Actor> {
        ASSIGN_OR_RETURN(const AgencyId agency_id, tx.Get<AgencyRepository>().Create({0, agency, kind}));
        User stored{.username = name, .display_name = name, .agency_id = agency_id, .agency_name = agency,
                    .agency_kind = kind, .roles = {role}, .created_at = kClock.Now()};
        ASSIGN_OR_RETURN(stored.id, tx.Get<UserRepository>().Create(stored, "not-a-real-hash"));
        return Actor::FromUser(stored, "127.0.0.1");
      };
      ASSIGN_OR_RETURN(officer_, user("officer", "Cleveland Police", AgencyKind::kPolice, Role::kPractitioner));
      ASSIGN_OR_RETURN(offman_, user("offman", "Probation", AgencyKind::kProbation, Role::kPractitioner));
      ASSIGN_OR_RETURN(nurse_, user("nurse", "Tees Drug Service", AgencyKind::kTreatment, Role::kPractitioner));
      ASSIGN_OR_RETURN(housing_, user("housing", "Tees Housing", AgencyKind::kHousing, Role::kPractitioner));
      ASSIGN_OR_RETURN(housing_manager_, user("hboss", "Housing Trust", AgencyKind::kHousing, Role::kManager));
      ASSIGN_OR_RETURN(mentor_, user("mentor", "Mentoring", AgencyKind::kVoluntary, Role::kPractitioner));
      // The treatment and housing agencies work with Aaron: housing leads his case, the nurse is his lead
      // professional.
      RETURN_IF_ERROR(tx.Get<PanelRepository>()
                          .AddMembership({.person_id = aaron_,
                                          .lead_agency_id = housing_.agency_id,
                                          .lead_user_id = nurse_.user_id,
                                          .selected_on = kClock.Today(),
                                          .selection_reason = "Agreed at panel",
                                          .selected_by = "boss"})
                          .status());
      return Status::Ok();
    });
    ASSERT_TRUE(set_up.ok()) << set_up.ToString();
  }

  NoteView Add(const Actor& actor, const std::string& text, const std::string& sensitivity) {
    const Result<NoteView> added = notes_.Add(actor, aaron_, text, sensitivity);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : NoteView::Withheld({});
  }

  std::vector<AuditEntry> Trail() {
    std::vector<AuditEntry> entries;
    EXPECT_TRUE(database_->Read([&](Transaction& tx) {
      return tx.Get<AuditRepository>().ForEach([&](const AuditEntry& entry) {
        entries.push_back(entry);
        return true;
      });
    }).ok());
    return entries;
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  CaseNoteService notes_{*database_, audit_, kClock};
  PersonId aaron_ = 0, beth_ = 0;
  Actor officer_, offman_, nurse_, housing_, housing_manager_, mentor_;
};

TEST_F(CaseNoteServiceTest, TheRepositoryKeepsEveryFieldAndReadsNewestFirst) {
  const Timestamp first = *ParseIsoTimestamp("2026-03-01T08:00:00Z");
  const Timestamp later = *ParseIsoTimestamp("2026-03-02T17:45:30Z");
  std::vector<int64_t> ids;
  ASSERT_TRUE(database_->Write([&](Transaction& tx) -> Status {
    CaseNoteRepository& repository = tx.Get<CaseNoteRepository>();
    for (const CaseNote& note :
         {CaseNote{.person_id = aaron_, .sensitivity = Sensitivity::kHealth,
                   .text = "Script reviewed.\nNext: 10 March.", .author_user_id = nurse_.user_id, .author = "nurse",
                   .agency_id = nurse_.agency_id, .agency = "Tees Drug Service", .created_at = first},
          // The local operator has no account or agency: kept as names alone.
          CaseNote{.person_id = aaron_, .sensitivity = Sensitivity::kIntelligence,
                   .text = "Seen with a known associate.", .author = "cli:root", .agency = "local operator",
                   .created_at = later},
          CaseNote{.person_id = aaron_, .text = "Same second, added after.", .author_user_id = officer_.user_id,
                   .author = "officer", .agency_id = officer_.agency_id, .agency = "Cleveland Police",
                   .created_at = later},
          CaseNote{.person_id = beth_, .text = "Beth's note.", .author = "officer", .agency = "Cleveland Police",
                   .created_at = later}}) {
      ASSIGN_OR_RETURN(const int64_t id, repository.Add(note));
      ids.push_back(id);
    }
    EXPECT_EQ(repository.Add({.person_id = 999999, .text = "x", .author = "officer", .agency = "Cleveland Police",
                              .created_at = first})
                  .status()
                  .code(),
              StatusCode::kNotFound);
    return Status::Ok();
  }).ok());
  std::vector<CaseNote> read;
  ASSERT_TRUE(database_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(read, tx.Get<CaseNoteRepository>().ForPerson(aaron_));
    return Status::Ok();
  }).ok());
  ASSERT_EQ(read.size(), 3u) << "Beth's note is hers alone";
  EXPECT_EQ(read[0].id, ids[2]) << "newest first; the same second by id";
  EXPECT_EQ(read[1].id, ids[1]);
  EXPECT_EQ(read[2].id, ids[0]);
  EXPECT_EQ(read[2].person_id, aaron_);
  EXPECT_EQ(read[2].sensitivity, Sensitivity::kHealth);
  EXPECT_EQ(read[2].text, "Script reviewed.\nNext: 10 March.");
  EXPECT_EQ(read[2].author_user_id, nurse_.user_id);
  EXPECT_EQ(read[2].author, "nurse");
  EXPECT_EQ(read[2].agency_id, nurse_.agency_id);
  EXPECT_EQ(read[2].agency, "Tees Drug Service");
  EXPECT_EQ(read[2].created_at, first);
  EXPECT_EQ(read[1].sensitivity, Sensitivity::kIntelligence);
  EXPECT_EQ(read[1].author_user_id, 0);
  EXPECT_EQ(read[1].agency_id, 0);
  EXPECT_EQ(read[1].created_at, later);
}

// Every reader against every level: the text is shown exactly where the policy's table says, and each note withheld
// is one denied entry beside the read's own.
TEST_F(CaseNoteServiceTest, EachReaderIsShownTheTextOnlyOfTheLevelsTheirAgencyReads) {
  const int64_t standard = Add(housing_, "Tenancy sustained.", "normal").id();
  const int64_t health = Add(nurse_, "Methadone script reviewed.", "health").id();
  const int64_t victim = Add(offman_, "Victim contact scheme letter sent.", "victim").id();
  const int64_t intelligence = Add(officer_, "Seen with a known associate.", "intelligence").id();
  struct Reader {
    const Actor* actor;
    std::set<int64_t> reads;
  };
  const std::vector<Reader> readers = {
      {&officer_, {standard, victim, intelligence}},
      {&offman_, {standard, victim, intelligence}},
      {&nurse_, {standard, health}},
      {&housing_, {standard}},
      {&housing_manager_, {standard}},  // a manager reads no health note unless their agency does
  };
  for (const Reader& reader : readers) {
    const size_t before = Trail().size();
    const Result<CaseNotes> read = notes_.List(*reader.actor, aaron_);
    ASSERT_TRUE(read.ok()) << reader.actor->username << ": " << read.status().ToString();
    EXPECT_EQ(read->person.surname, "Testington");
    ASSERT_EQ(read->notes.size(), 4u);
    EXPECT_EQ(read->notes[0].id(), intelligence) << "newest first";
    std::set<int64_t> withheld;
    for (const NoteView& note : read->notes) {
      const bool reads = reader.reads.contains(note.id());
      EXPECT_EQ(note.restricted(), !reads) << reader.actor->username << " note " << note.id();
      EXPECT_EQ(note.text().has_value(), reads) << reader.actor->username << " note " << note.id();
      if (!reads) withheld.insert(note.id());
    }
    EXPECT_EQ(read->withheld, static_cast<int>(withheld.size()));
    const std::vector<AuditEntry> trail = Trail();
    ASSERT_EQ(trail.size(), before + withheld.size() + 1) << reader.actor->username;
    std::set<int64_t> denied;
    for (size_t entry_idx = before; entry_idx + 1 < trail.size(); ++entry_idx) {
      const AuditEntry& entry = trail[entry_idx];
      EXPECT_EQ(entry.action, "view_notes");
      EXPECT_EQ(entry.object_type, "case_note");
      EXPECT_EQ(entry.outcome, AuditOutcome::kDenied);
      EXPECT_EQ(entry.username, reader.actor->username);
      EXPECT_TRUE(entry.detail.starts_with("Only ")) << entry.detail;
      denied.insert(std::stoll(entry.object_id));
    }
    EXPECT_EQ(denied, withheld) << reader.actor->username;
    const AuditEntry& success = trail.back();
    EXPECT_EQ(success.action, "view_notes");
    EXPECT_EQ(success.object_type, "person");
    EXPECT_EQ(success.object_id, std::to_string(aaron_));
    EXPECT_EQ(success.outcome, AuditOutcome::kSuccess);
    EXPECT_TRUE(success.detail.ends_with(fmt::format("notes shown: {}, withheld: {}", 4 - withheld.size(),
                                                     withheld.size())))
        << success.detail;
  }
  // The reason a practitioner reads for a withheld health note.
  ASSERT_TRUE(notes_.List(housing_, aaron_).ok());
  bool found = false;
  for (const AuditEntry& entry : Trail()) {
    if (entry.object_type == "case_note" && entry.object_id == std::to_string(health) && entry.username == "housing") {
      EXPECT_EQ(entry.detail, "Only health and treatment agencies and a note's author may read health notes");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(CaseNoteServiceTest, TheAuthorReadsTheirOwnNoteAfterMovingAgency) {
  const int64_t health = Add(nurse_, "Detox booked.", "health").id();
  Actor moved = nurse_;  // the same account, now with the housing agency (which works with Aaron too)
  moved.agency_id = housing_.agency_id;
  moved.agency_name = "Tees Housing";
  moved.agency_kind = AgencyKind::kHousing;
  const Result<CaseNotes> read = notes_.List(moved, aaron_);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->notes.size(), 1u);
  EXPECT_EQ(read->notes[0].id(), health);
  EXPECT_EQ(read->notes[0].text(), "Detox booked.");
  EXPECT_EQ(read->notes[0].author(), "nurse");
  EXPECT_EQ(read->withheld, 0);
  EXPECT_EQ(read->may_add, (std::vector<Sensitivity>{Sensitivity::kNormal})) << "but adds only what housing reads";
}

TEST_F(CaseNoteServiceTest, AddingIsLimitedToTheLevelsTheAgencyReadsAndTakesTheAuthorFromTheActor) {
  const NoteView added = Add(nurse_, "  Attended clinic.\n", "health");
  EXPECT_EQ(added.text(), "Attended clinic.") << "stored trimmed";
  EXPECT_EQ(added.author(), "nurse");
  EXPECT_EQ(added.agency(), "Tees Drug Service");
  EXPECT_EQ(added.created_at(), kClock.Now());
  EXPECT_EQ(Trail().back().detail, fmt::format("case note {} (health)", added.id()));

  struct Refusal {
    const Actor* actor;
    std::string sensitivity;
    std::string reason;
  };
  for (const Refusal& refusal : std::vector<Refusal>{
           {&housing_, "intelligence", "Only police and probation may add intelligence notes"},
           {&housing_, "victim", "Only police and probation may add victim notes"},
           {&housing_, "health", "Only health and treatment agencies may add health notes"},
           {&housing_manager_, "health", "Only health and treatment agencies may add health notes"},
           {&nurse_, "intelligence", "Only police and probation may add intelligence notes"},
           {&officer_, "health", "Only health and treatment agencies may add health notes"},
       }) {
    const Result<NoteView> refused = notes_.Add(*refusal.actor, aaron_, "A note.", refusal.sensitivity);
    EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied) << refusal.actor->username << refusal.sensitivity;
    EXPECT_EQ(refused.status().message(), refusal.reason);
    const AuditEntry last = Trail().back();
    EXPECT_EQ(last.action, "add_note");
    EXPECT_EQ(last.outcome, AuditOutcome::kDenied);
    EXPECT_EQ(last.detail, refusal.reason);
  }
  // An agency that does not work with Beth may add nothing to her record; one that does not work with Aaron neither.
  EXPECT_EQ(notes_.Add(housing_, beth_, "A note.", "normal").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(notes_.Add(mentor_, aaron_, "A note.", "normal").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Trail().back().outcome, AuditOutcome::kDenied);
  EXPECT_EQ(Trail().back().action, "add_note");
  // No such person: audited as a failure.
  EXPECT_EQ(notes_.Add(officer_, 999999, "A note.", "normal").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Trail().back().outcome, AuditOutcome::kFailure);

  const Result<CaseNotes> read = notes_.List(officer_, aaron_);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->notes.size(), 1u) << "nothing refused was kept";
  EXPECT_EQ(read->may_add, (std::vector<Sensitivity>{Sensitivity::kNormal, Sensitivity::kVictim,
                                                     Sensitivity::kIntelligence}));
  EXPECT_EQ(notes_.List(nurse_, aaron_)->may_add,
            (std::vector<Sensitivity>{Sensitivity::kNormal, Sensitivity::kHealth}));
}

TEST_F(CaseNoteServiceTest, BadInputIsRefusedUnauditedAndTheFormIsShownAgainWithTheNotesAsListed) {
  Add(nurse_, "Methadone script reviewed.", "health");
  const size_t before = Trail().size();
  std::optional<CaseNotes> shown;
  const Result<NoteView> refused = notes_.Add(housing_, aaron_, " ", "secret", &shown);
  ASSERT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(refused.status().problems().size(), 2u);
  EXPECT_EQ(refused.status().problems()[0].field, "text");
  EXPECT_EQ(refused.status().problems()[1].field, "sensitivity");
  // Shown again as housing reads it: the health note withheld, that refusal audited, and the showing once.
  ASSERT_TRUE(shown.has_value());
  ASSERT_EQ(shown->notes.size(), 1u);
  EXPECT_TRUE(shown->notes[0].restricted());
  const std::vector<AuditEntry> trail = Trail();
  ASSERT_EQ(trail.size(), before + 2);
  EXPECT_EQ(trail[before].object_type, "case_note");
  EXPECT_EQ(trail[before].outcome, AuditOutcome::kDenied);
  EXPECT_EQ(trail[before + 1].action, "add_note");
  EXPECT_EQ(trail[before + 1].outcome, AuditOutcome::kFailure);

  // A refusal is not a form problem: nothing is shown again.
  std::optional<CaseNotes> not_shown;
  EXPECT_EQ(notes_.Add(housing_, aaron_, "A note.", "health", &not_shown).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_FALSE(not_shown.has_value());
}

TEST_F(CaseNoteServiceTest, ReadingNeedsToKnowAndAnExportIsAuditedAsOne) {
  Add(officer_, "Seen at home.", "normal");
  EXPECT_EQ(notes_.List(mentor_, aaron_).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Trail().back().action, "view_notes");
  EXPECT_EQ(Trail().back().outcome, AuditOutcome::kDenied);
  EXPECT_EQ(notes_.List(officer_, 999999).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Trail().back().outcome, AuditOutcome::kFailure);
  ASSERT_TRUE(notes_.Export(housing_, aaron_).ok());
  EXPECT_EQ(Trail().back().detail, "exported as CSV; your agency leads their case; notes shown: 1, withheld: 0");
}

}  // namespace
}  // namespace openiom
