#include "domain/audit_entry.h"

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

}  // namespace
}  // namespace openiom
