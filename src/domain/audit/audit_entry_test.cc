#include "domain/audit/audit_entry.h"

#include <gtest/gtest.h>

#include <functional>

namespace openiom {
namespace {

AuditEntry MakeEntry() {
  AuditEntry entry;
  entry.seq = 1;
  entry.at = *ParseIsoTimestamp("2026-11-23T10:00:00Z");
  entry.username = "jsmith";
  entry.agency = "Cleveland Police";
  entry.action = "view_person";
  entry.object_type = "person";
  entry.object_id = "42";
  entry.client_address = "127.0.0.1";
  entry.previous_hash = std::string(kGenesisHash);
  return entry;
}

TEST(AuditHash, IsSha256HexAndStable) {
  const std::string hash = ComputeAuditHash(MakeEntry());
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(hash, ComputeAuditHash(MakeEntry()));
}

TEST(AuditHash, ChangesWithEveryField) {
  const std::string original = ComputeAuditHash(MakeEntry());
  std::vector<std::function<void(AuditEntry&)>> changes = {
      [](AuditEntry& e) { e.seq = 2; },
      [](AuditEntry& e) { e.at += std::chrono::seconds{1}; },
      [](AuditEntry& e) { e.username = "jsmith2"; },
      [](AuditEntry& e) { e.agency = "Other"; },
      [](AuditEntry& e) { e.action = "update_person"; },
      [](AuditEntry& e) { e.object_type = "user"; },
      [](AuditEntry& e) { e.object_id = "43"; },
      [](AuditEntry& e) { e.outcome = AuditOutcome::kDenied; },
      [](AuditEntry& e) { e.client_address = "10.0.0.1"; },
      [](AuditEntry& e) { e.detail = "x"; },
      [](AuditEntry& e) { e.previous_hash[0] = '1'; },
  };
  for (size_t index = 0; index < changes.size(); ++index) {
    AuditEntry changed = MakeEntry();
    changes[index](changed);
    EXPECT_NE(ComputeAuditHash(changed), original) << "change " << index;
  }
}

TEST(AuditHash, FieldBoundariesCannotBeShifted) {
  AuditEntry a = MakeEntry(), b = MakeEntry();
  a.object_type = "person4";
  a.object_id = "2";
  b.object_type = "person";
  b.object_id = "42";
  EXPECT_NE(ComputeAuditHash(a), ComputeAuditHash(b));
}

StoredAuditEntry MakeStored() {
  return {.seq = "7", .at = "2026-11-23T10:00:00Z", .username = "jsmith", .agency = "Cleveland Police",
          .action = "view_person", .object_type = "person", .object_id = std::nullopt, .outcome = "success",
          .client_address = std::nullopt, .detail = std::nullopt, .previous_hash = std::string(kGenesisHash),
          .hash = "ab"};
}

TEST(AuditEntryFromStored, ReadsARowAsOpeniomWritesIt) {
  const Result<AuditEntry> entry = AuditEntryFromStored(MakeStored());
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(entry->seq, 7);
  EXPECT_EQ(FormatIsoTimestamp(entry->at), "2026-11-23T10:00:00Z");
  EXPECT_EQ(entry->object_id, "");
  EXPECT_EQ(entry->client_address, "");
  EXPECT_EQ(entry->outcome, AuditOutcome::kSuccess);
  EXPECT_EQ(entry->hash, "ab");
}

// Issue 8, defect 9: each of these stored forms hashed like the entry that was written (or failed to load at
// all), so `audit verify` passed or stopped with an internal error instead of naming the entry and column.
TEST(AuditEntryFromStored, RefusesEveryStoredFormOpeniomNeverWritesNamingTheColumn) {
  struct Case {
    std::function<void(StoredAuditEntry&)> change;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](StoredAuditEntry& s) { s.at = "2026-11-23T10:00:00.5Z"; },
       "column at: '2026-11-23T10:00:00.5Z' is not a time as OpenIOM writes it (YYYY-MM-DDTHH:MM:SSZ)"},
      {[](StoredAuditEntry& s) { s.at = "2026-11-23 10:00:00Z"; },
       "column at: '2026-11-23 10:00:00Z' is not a time as OpenIOM writes it (YYYY-MM-DDTHH:MM:SSZ)"},
      {[](StoredAuditEntry& s) { s.at = "2026-11-23T10:00:00+00:00"; },
       "column at: '2026-11-23T10:00:00+00:00' is not a time as OpenIOM writes it (YYYY-MM-DDTHH:MM:SSZ)"},
      {[](StoredAuditEntry& s) { s.at = "23/11/2026 10:00"; },
       "column at: '23/11/2026 10:00' is not a time as OpenIOM writes it (YYYY-MM-DDTHH:MM:SSZ)"},
      {[](StoredAuditEntry& s) { s.at = std::nullopt; }, "column at: is NULL"},
      {[](StoredAuditEntry& s) { s.seq = "7.0"; }, "column seq: '7.0' is not a sequence number as OpenIOM writes it"},
      {[](StoredAuditEntry& s) { s.seq = "07"; }, "column seq: '07' is not a sequence number as OpenIOM writes it"},
      {[](StoredAuditEntry& s) { s.object_id = ""; }, "column object_id: is '' where OpenIOM writes NULL"},
      {[](StoredAuditEntry& s) { s.client_address = ""; }, "column client_address: is '' where OpenIOM writes NULL"},
      {[](StoredAuditEntry& s) { s.username = ""; }, "column username: is '' where OpenIOM writes NULL"},
      {[](StoredAuditEntry& s) { s.agency = ""; }, "column agency: is '' where OpenIOM writes NULL"},
      {[](StoredAuditEntry& s) { s.object_type = ""; }, "column object_type: is '' where OpenIOM writes NULL"},
      {[](StoredAuditEntry& s) { s.detail = ""; }, "column detail: is '' where OpenIOM writes NULL"},
      {[](StoredAuditEntry& s) { s.outcome = "maybe"; }, "column outcome: 'maybe' is not an outcome"},
      {[](StoredAuditEntry& s) { s.action = std::nullopt; }, "column action: is NULL"},
      {[](StoredAuditEntry& s) { s.hash = std::nullopt; }, "column hash: is NULL"},
  };
  for (const Case& c : cases) {
    StoredAuditEntry stored = MakeStored();
    c.change(stored);
    const Result<AuditEntry> entry = AuditEntryFromStored(stored);
    ASSERT_FALSE(entry.ok()) << c.message;
    EXPECT_EQ(entry.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(entry.status().message(), c.message);
  }
}

}  // namespace
}  // namespace openiom
