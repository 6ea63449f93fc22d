// The audit trail on both backends: chained, append-only, and tampering is found.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "services/audit/audit_trail.h"
#include "services/people/people_service.h"
#include "storage/audit/audit_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoTimestamp("2026-11-23T10:00:00Z"));

class AuditTrailTest : public ::testing::Test {
 protected:
  AuditTrailTest() : database_(test_database_.OpenMigrated()) {}

  void AppendEntries(int count) {
    for (int index = 0; index < count; ++index) {
      ASSERT_TRUE(
          audit_
              .AppendAlone(*database_, actor_,
                           {"view_person", ObjectKind::kPerson, std::to_string(index), AuditOutcome::kSuccess, ""})
              .ok());
    }
  }

  AuditVerification Verify(std::string_view head = {}) {
    auto result = VerifyAuditTrail(*database_, head);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : AuditVerification{};
  }

  // Plays an attacker with the database's credentials: switches off the append-only triggers first.
  void Tamper(const std::string& sql) {
    const bool sqlite = test_database_.backend() == Backend::kSqlite;
    const std::string unlock = sqlite ? "DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;"
                                      : "ALTER TABLE audit_entry DISABLE TRIGGER USER;";
    ASSERT_EQ(testing::ExecuteSql(test_database_.url(), unlock + sql), "");
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  const Actor actor_{.user_id = 1, .username = "jsmith", .agency_name = "Cleveland Police",
                     .roles = {Role::kPractitioner}, .client_address = "192.0.2.1"};
};

TEST_F(AuditTrailTest, EntriesChainAndVerify) {
  EXPECT_EQ(Verify().entries, 0);
  AppendEntries(5);
  const AuditVerification result = Verify();
  EXPECT_EQ(result.entries, 5);
  EXPECT_FALSE(result.first_bad.has_value());
  EXPECT_EQ(result.head_hash.substr(0, 2), "5:");
}

TEST_F(AuditTrailTest, ConcurrentAppendsKeepTheChainWhole) {
  std::unique_ptr<Database> shared = test_database_.Open(4);
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int writer = 0; writer < 4; ++writer) {
    writers.emplace_back([&, writer] {
      for (int index = 0; index < 25; ++index) {
        const Status status = audit_.AppendAlone(
            *shared, actor_,
            {"view_person", ObjectKind::kPerson, std::to_string(writer * 100 + index), AuditOutcome::kSuccess, ""});
        if (!status.ok()) ++failures;
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(failures, 0);
  const AuditVerification result = Verify();
  EXPECT_EQ(result.entries, 100);
  EXPECT_FALSE(result.first_bad.has_value()) << result.problem;
}

TEST_F(AuditTrailTest, IsAppendOnlyInTheDatabase) {
  AppendEntries(2);
  EXPECT_NE(testing::ExecuteSql(test_database_.url(), "UPDATE audit_entry SET detail = 'x' WHERE seq = 1"), "");
  EXPECT_NE(testing::ExecuteSql(test_database_.url(), "DELETE FROM audit_entry WHERE seq = 2"), "");
  EXPECT_FALSE(Verify().first_bad.has_value());
}

TEST_F(AuditTrailTest, FindsAnAlteredEntry) {
  AppendEntries(5);
  Tamper("UPDATE audit_entry SET object_id = '999' WHERE seq = 3;");
  const AuditVerification result = Verify();
  EXPECT_EQ(result.first_bad, 3);
  EXPECT_EQ(result.problem, "entry 3 has been altered");
}

// Issue 8, defect 9: a changed stored form of a column (fractional seconds, another time format, '' for NULL)
// hashed like the entry that was written, or stopped verification with an internal error naming no entry.
TEST_F(AuditTrailTest, FindsEveryChangeToAColumnsStoredFormNamingTheEntryAndColumn) {
  AppendEntries(2);
  const Actor no_address{.user_id = 1, .username = "jsmith", .agency_name = "Cleveland Police",
                         .roles = {Role::kPractitioner}};
  ASSERT_TRUE(
      audit_.AppendAlone(*database_, no_address, {"list_people", ObjectKind::kPerson, "", AuditOutcome::kSuccess, ""})
          .ok());  // entry 3: object_id, client_address and detail NULL
  AppendEntries(1);
  const bool sqlite = test_database_.backend() == Backend::kSqlite;
  Tamper("");
  struct Case {
    std::string tamper, restore, problem;
  };
  const std::string not_a_time = "' is not a time as OpenIOM writes it (YYYY-MM-DDTHH:MM:SSZ)";
  std::vector<Case> cases = {
      {"UPDATE audit_entry SET object_id = '' WHERE seq = 3", "UPDATE audit_entry SET object_id = NULL WHERE seq = 3",
       "entry 3 has been altered: column object_id: is '' where OpenIOM writes NULL"},
      {"UPDATE audit_entry SET client_address = '' WHERE seq = 3",
       "UPDATE audit_entry SET client_address = NULL WHERE seq = 3",
       "entry 3 has been altered: column client_address: is '' where OpenIOM writes NULL"},
      {"UPDATE audit_entry SET detail = '' WHERE seq = 3", "UPDATE audit_entry SET detail = NULL WHERE seq = 3",
       "entry 3 has been altered: column detail: is '' where OpenIOM writes NULL"},
  };
  if (sqlite) {
    // SQLite keeps `at` as the text written, so another spelling of the same time can be stored.
    cases.push_back({"UPDATE audit_entry SET at = replace(at, 'Z', '.5Z') WHERE seq = 3",
                     "UPDATE audit_entry SET at = replace(at, '.5Z', 'Z') WHERE seq = 3",
                     "entry 3 has been altered: column at: '2026-11-23T10:00:00.5Z" + not_a_time});
    cases.push_back({"UPDATE audit_entry SET at = replace(at, 'T', ' ') WHERE seq = 3",
                     "UPDATE audit_entry SET at = replace(at, ' ', 'T') WHERE seq = 3",
                     "entry 3 has been altered: column at: '2026-11-23 10:00:00Z" + not_a_time});
    cases.push_back({"UPDATE audit_entry SET at = '23/11/2026 10:00' WHERE seq = 3",
                     "UPDATE audit_entry SET at = '2026-11-23T10:00:00Z' WHERE seq = 3",
                     "entry 3 has been altered: column at: '23/11/2026 10:00" + not_a_time});
    cases.push_back({"UPDATE audit_entry SET at = 1795428000 WHERE seq = 3",
                     "UPDATE audit_entry SET at = '2026-11-23T10:00:00Z' WHERE seq = 3",
                     "entry 3 has been altered: column at: '1795428000" + not_a_time});
  } else {
    // PostgreSQL keeps a point in time: only its value, to the microsecond, can change.
    cases.push_back({"UPDATE audit_entry SET at = at + interval '0.5 second' WHERE seq = 3",
                     "UPDATE audit_entry SET at = at - interval '0.5 second' WHERE seq = 3",
                     "entry 3 has been altered: column at: '2026-11-23T10:00:00.5Z" + not_a_time});
    cases.push_back({"UPDATE audit_entry SET at = at + interval '0.000001 second' WHERE seq = 3",
                     "UPDATE audit_entry SET at = at - interval '0.000001 second' WHERE seq = 3",
                     "entry 3 has been altered: column at: '2026-11-23T10:00:00.000001Z" + not_a_time});
  }
  for (const Case& c : cases) {
    ASSERT_EQ(testing::ExecuteSql(test_database_.url(), c.tamper), "") << c.tamper;
    const AuditVerification tampered = Verify();
    EXPECT_EQ(tampered.first_bad, 3) << c.tamper;
    EXPECT_EQ(tampered.problem, c.problem) << c.tamper;
    ASSERT_EQ(testing::ExecuteSql(test_database_.url(), c.restore), "") << c.restore;
    const AuditVerification restored = Verify();
    EXPECT_FALSE(restored.first_bad.has_value()) << c.restore << ": " << restored.problem;
    EXPECT_EQ(restored.entries, 4);
  }
}

TEST_F(AuditTrailTest, FindsAnAlteredEntryWhoseHashWasRecomputed) {
  AppendEntries(5);
  // Rewriting an entry's own hash does not help: the next entry no longer follows it.
  Tamper("UPDATE audit_entry SET hash = 'f00d' WHERE seq = 2;");
  EXPECT_EQ(Verify().first_bad, 2);
}

TEST_F(AuditTrailTest, FindsARemovedEntry) {
  AppendEntries(5);
  Tamper("DELETE FROM audit_entry WHERE seq = 4;");
  const AuditVerification result = Verify();
  EXPECT_EQ(result.first_bad, 5);
  EXPECT_EQ(result.problem, "entry 4 is missing (the next entry is 5)");
}

TEST_F(AuditTrailTest, FindsEntriesRemovedFromTheEndAgainstARecordedHead) {
  AppendEntries(5);
  const std::string head = Verify().head_hash;
  AppendEntries(1);
  EXPECT_FALSE(Verify(head).first_bad.has_value()) << "the recorded head is still there";
  Tamper("DELETE FROM audit_entry WHERE seq >= 5;");
  EXPECT_FALSE(Verify().first_bad.has_value()) << "a removed tail leaves a valid chain...";
  const AuditVerification result = Verify(head);
  EXPECT_EQ(result.first_bad, 5) << "...but not the head recorded earlier";
}

TEST_F(AuditTrailTest, EveryPersonViewIsRecordedExactlyOnce) {
  PersonId id = 0;
  ASSERT_TRUE(database_->Write([&](Transaction& tx) -> Status {
    Person person{.surname = "Testington", .forenames = "Aaron", .created_at = kClock.Now(),
                  .updated_at = kClock.Now()};
    ASSIGN_OR_RETURN(id, tx.Get<PersonRepository>().Create(person));
    return Status::Ok();
  }).ok());
  PeopleService people(*database_, audit_, kClock);
  ASSERT_TRUE(people.Get(actor_, id).ok());
  ASSERT_TRUE(people.Get(actor_, id).ok());
  EXPECT_EQ(people.Get(actor_, id + 1).status().code(), StatusCode::kNotFound);
  const Actor analyst{.user_id = 2, .username = "an.analyst", .roles = {Role::kAnalyst}};
  EXPECT_EQ(people.Get(analyst, id).status().code(), StatusCode::kPermissionDenied);

  auto found = SearchAuditTrail(*database_, audit_, Actor::LocalOperator("auditor"),
                                {.object_type = "person", .object_id = std::to_string(id)});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->second, 3);  // two views and one denial, newest first
  EXPECT_EQ(found->first[0].outcome, AuditOutcome::kDenied);
  EXPECT_EQ(found->first[0].username, "an.analyst");
  EXPECT_EQ(found->first[1].action, "view_person");
  EXPECT_EQ(found->first[1].outcome, AuditOutcome::kSuccess);
  EXPECT_EQ(found->first[1].client_address, "192.0.2.1");
  auto missing = SearchAuditTrail(*database_, audit_, Actor::LocalOperator("auditor"),
                                  {.object_type = "person", .object_id = std::to_string(id + 1)});
  ASSERT_EQ(missing->second, 1);
  EXPECT_EQ(missing->first[0].outcome, AuditOutcome::kFailure);
}

TEST_F(AuditTrailTest, CreatesUpdatesAndExportsAreRecorded) {
  PeopleService people(*database_, audit_, kClock);
  auto created = people.Create(actor_, Person{.surname = "Testington", .forenames = "Aaron"});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const PersonId id = created->person.id;
  auto record = people.Get(actor_, id);
  ASSERT_TRUE(record.ok());
  auto change = [](Person& person) {
    person.forenames = "Ron";
    person.address.district = "Hartlepool";
  };
  auto changed = people.Change(actor_, id, record->person.version, change);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->person.version, 2);
  EXPECT_EQ(changed->person.forenames, "Ron");
  EXPECT_EQ(people.Change(actor_, id, record->person.version, change).status().code(), StatusCode::kStale)
      << "the same stale version again";
  const Actor auditor{.user_id = 9, .username = "aud", .roles = {Role::kAuditor}};
  ASSERT_TRUE(ExportAuditTrailCsv(*database_, audit_, auditor, {}).ok());
  std::vector<AuditEntry> entries;
  ASSERT_TRUE(database_->Read([&](Transaction& tx) {
    return tx.Get<AuditRepository>().ForEach([&](const AuditEntry& entry) {
      entries.push_back(entry);
      return true;
    });
  }).ok());
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].action, "create_person");
  EXPECT_EQ(entries[1].action, "view_person");
  EXPECT_EQ(entries[2].action, "update_person");
  EXPECT_EQ(entries[2].detail, "changed: forenames, address");
  EXPECT_EQ(entries[3].outcome, AuditOutcome::kFailure);
  EXPECT_EQ(entries[4].action, "export_audit");
  EXPECT_EQ(entries[4].username, "aud");
}

TEST_F(AuditTrailTest, SearchFiltersAndOnlyAuditorsSearch) {
  AppendEntries(3);
  const Actor auditor{.user_id = 9, .username = "aud", .roles = {Role::kAuditor}};
  auto by_user = SearchAuditTrail(*database_, audit_, auditor, {.username = "jsmith", .limit = 2});
  ASSERT_TRUE(by_user.ok());
  EXPECT_EQ(by_user->second, 3);
  EXPECT_EQ(by_user->first.size(), 2u);
  EXPECT_EQ(by_user->first[0].object_id, "2");
  auto later = SearchAuditTrail(*database_, audit_, auditor,
                                {.from = *ParseIsoDate("2026-11-24"), .to = *ParseIsoDate("2026-11-30")});
  EXPECT_EQ(later->second, 0);
  // The entries were made at 10:00 on 2026-11-23: "to" includes the whole of its day.
  auto that_day = SearchAuditTrail(*database_, audit_, auditor,
                                   {.username = "jsmith", .from = *ParseIsoDate("2026-11-23"),
                                    .to = *ParseIsoDate("2026-11-23")});
  EXPECT_EQ(that_day->second, 3);
  auto before = SearchAuditTrail(*database_, audit_, auditor, {.username = "jsmith", .to = *ParseIsoDate("2026-11-22")});
  EXPECT_EQ(before->second, 0);
  EXPECT_EQ(SearchAuditTrail(*database_, audit_, actor_, {}).status().code(), StatusCode::kPermissionDenied);
  auto csv = ExportAuditTrailCsv(*database_, audit_, auditor, {.username = "jsmith"});
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->substr(0, 13), "seq,at,userna");
  // Header + jsmith's 3 views + jsmith's denied attempt to search the trail.
  EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 5);
  EXPECT_NE(csv->find(",jsmith,Cleveland Police,view_audit,audit,,denied,"), std::string::npos) << *csv;
}

}  // namespace
}  // namespace openiom
