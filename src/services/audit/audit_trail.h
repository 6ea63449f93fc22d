// Writing, searching and verifying the audit trail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/object.h"
#include "domain/audit/audit_entry.h"
#include "services/access/access_policy.h"
#include "storage/audit/audit_repository.h"
#include "storage/database.h"

namespace openiom {

class Transaction;

struct AuditRecord {
  std::string_view action;  // ActionCode(...) or "sign_in", "sign_out", ...
  ObjectKind object;        // stored as its code
  std::string object_id;
  AuditOutcome outcome = AuditOutcome::kSuccess;
  std::string detail;
};

class AuditTrail {
 public:
  explicit AuditTrail(const Clock& clock) : clock_(clock) {}

  // Appends an entry inside the caller's write transaction, so it stands or falls with what it records.
  Status Append(Transaction& transaction, const Actor& actor, const AuditRecord& record) const;
  // Appends in a write transaction of its own: for denials and failures, whose own work is rolled back.
  Status AppendAlone(Database& database, const Actor& actor, const AuditRecord& record) const;

  // Asks the access policy. When the actor may not, records the denial and returns PermissionDenied with the
  // policy's reason; otherwise Ok (the caller then audits what it does).
  Status Authorise(Database& database, const Actor& actor, Action action, ObjectKind object,
                   std::string object_id) const;
  // The same for an action on one person's record, with need-to-know (an AccessRequest with the relationship):
  // reads how the actor works with the person and any unexpired break-glass grant. On a denial, records it and returns
  // PermissionDenied (an actor whom Decide(actor, action) allows was refused for need-to-know: breaking the glass, if
  // Decide allows kBreakGlass, gives access). On success returns the basis of the decision for the caller's audit entry
  // ("your agency holds offence records", "break-glass: <reason>").
  Result<std::string> AuthorisePerson(Database& database, const Actor& actor, Action action, PersonId person_id) const;

 private:
  const Clock& clock_;
};

struct AuditVerification {
  int64_t entries = 0;
  std::string head_hash;            // hash of the last entry: keep it elsewhere to detect a removed tail later
  std::optional<int64_t> first_bad;  // seq of the first entry that does not verify
  std::string problem;              // what is wrong with it
};

// Recomputes the chain from the first entry. `expected_head` (optional, "SEQ:HASH" from an earlier run)
// must still be present unchanged, which detects entries removed from the end.
Result<AuditVerification> VerifyAuditTrail(Database& database, std::string_view expected_head = {});

// Auditor pages and exports: requires Action::kViewAudit (searching) or kExportAudit (CSV), and is itself audited.
Result<std::pair<std::vector<AuditEntry>, int64_t>> SearchAuditTrail(Database& database, const AuditTrail& audit,
                                                                     const Actor& actor, const AuditQuery& query);
Result<std::string> ExportAuditTrailCsv(Database& database, const AuditTrail& audit, const Actor& actor,
                                        AuditQuery query);

}  // namespace openiom
