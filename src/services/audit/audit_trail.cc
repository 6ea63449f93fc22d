#include "services/audit/audit_trail.h"

#include <sstream>

#include <fmt/format.h>

#include "common/csv.h"
#include "services/access/use_case.h"
#include "storage/access/access_repository.h"
#include "storage/transaction.h"

namespace openiom {

Status AuditTrail::Append(Transaction& transaction, const Actor& actor, const AuditRecord& record) const {
  AuditRepository& trail = transaction.Get<AuditRepository>();
  ASSIGN_OR_RETURN(std::optional<AuditEntry> last, trail.LockAndReadLast());
  AuditEntry entry;
  entry.seq = last ? last->seq + 1 : 1;
  entry.at = clock_.Now();
  entry.username = actor.username;
  entry.agency = actor.agency_name;
  entry.action = std::string(record.action);
  entry.object_type = std::string(CodeOf(record.object));
  entry.object_id = record.object_id;
  entry.outcome = record.outcome;
  entry.client_address = actor.client_address;
  entry.detail = record.detail;
  entry.previous_hash = last ? last->hash : std::string(kGenesisHash);
  entry.hash = ComputeAuditHash(entry);
  return trail.Append(entry);
}

Status AuditTrail::AppendAlone(Database& database, const Actor& actor, const AuditRecord& record) const {
  return database.Write([&](Transaction& transaction) { return Append(transaction, actor, record); });
}

Status AuditTrail::Authorise(Database& database, const Actor& actor, Action action, ObjectKind object,
                             std::string object_id) const {
  const Decision decision = Decide(AccessRequest{.actor = actor, .action = action, .object = object});
  if (decision.allowed) return Status::Ok();
  RETURN_IF_ERROR(AppendAlone(
      database, actor, {ActionCode(action), object, std::move(object_id), AuditOutcome::kDenied, decision.reason}));
  return Status::PermissionDenied(decision.reason);
}

Result<std::string> AuditTrail::AuthorisePerson(Database& database, const Actor& actor, Action action,
                                                PersonId person_id) const {
  const std::string object_id = std::to_string(person_id);
  AccessRequest request{.actor = actor, .action = action, .object = ObjectKind::kPerson};
  Decision decision = Decide(request);
  PersonRelationship relationship;
  // The relationship is looked up only when it can change the answer: one read fewer on most views.
  if (decision.allowed && !SeesEveryone(actor)) {
    RETURN_IF_ERROR(database.Read([&](Transaction& transaction) -> Status {
      ASSIGN_OR_RETURN(relationship.involvement,
                       transaction.Get<AccessRepository>().Involvement(person_id, actor.agency_id, actor.user_id));
      ASSIGN_OR_RETURN(std::optional<BreakGlassGrant> grant,
                       transaction.Get<AccessRepository>().ActiveBreakGlass(actor.user_id, person_id, clock_.Now()));
      if (grant) relationship.break_glass_reason = grant->reason;
      return Status::Ok();
    }));
  }
  request.relationship = std::move(relationship);
  if (decision.allowed) decision = Decide(request);
  if (decision.allowed) return decision.basis;
  RETURN_IF_ERROR(AppendAlone(
      database, actor, {ActionCode(action), ObjectKind::kPerson, object_id, AuditOutcome::kDenied, decision.reason}));
  return Status::PermissionDenied(decision.reason);
}

Result<AuditVerification> VerifyAuditTrail(Database& database, std::string_view expected_head) {
  AuditVerification result;
  std::string previous(kGenesisHash);
  int64_t expected_seq = 1;
  std::optional<int64_t> head_seq;
  std::string head_hash;
  bool head_found = expected_head.empty();
  if (!expected_head.empty()) {
    const size_t colon = expected_head.find(':');
    if (colon == std::string_view::npos) return Status::InvalidArgument("--head must be SEQ:HASH as printed by verify");
    try {
      head_seq = std::stoll(std::string(expected_head.substr(0, colon)));
    } catch (const std::exception&) {
      return Status::InvalidArgument("--head must be SEQ:HASH as printed by verify");
    }
    head_hash = std::string(expected_head.substr(colon + 1));
  }
  RETURN_IF_ERROR(database.Read([&](Transaction& transaction) {
    return transaction.Get<AuditRepository>().ForEachStored([&](const StoredAuditEntry& stored) {
      ++result.entries;
      auto bad = [&](int64_t seq, std::string problem) {
        result.first_bad = seq;
        result.problem = std::move(problem);
        return false;
      };
      // Read as stored, not through the repository's parsing: a value OpenIOM would never write is tampering to
      // report against its entry, not a failure to read the trail.
      const Result<AuditEntry> parsed = AuditEntryFromStored(stored);
      if (!parsed.ok()) {
        return bad(expected_seq, fmt::format("entry {} has been altered: {}", expected_seq, parsed.status().message()));
      }
      const AuditEntry& entry = *parsed;
      if (entry.seq != expected_seq) {
        return bad(entry.seq, fmt::format("entry {} is missing (the next entry is {})", expected_seq, entry.seq));
      }
      if (entry.previous_hash != previous) {
        return bad(entry.seq, fmt::format("entry {} does not follow entry {}: an entry was removed or altered",
                                          entry.seq, entry.seq - 1));
      }
      if (ComputeAuditHash(entry) != entry.hash) {
        return bad(entry.seq, fmt::format("entry {} has been altered", entry.seq));
      }
      if (head_seq && entry.seq == *head_seq) {
        if (entry.hash != head_hash) {
          return bad(entry.seq, fmt::format("entry {} differs from the head recorded earlier", entry.seq));
        }
        head_found = true;
      }
      previous = entry.hash;
      result.head_hash = fmt::format("{}:{}", entry.seq, entry.hash);
      ++expected_seq;
      return true;
    });
  }));
  if (!result.first_bad && !head_found) {
    result.first_bad = *head_seq;
    result.problem = fmt::format("entry {} recorded earlier as the head is gone: entries were removed from the end",
                                 *head_seq);
  }
  return result;
}

Result<std::pair<std::vector<AuditEntry>, int64_t>> SearchAuditTrail(Database& database, const AuditTrail& audit,
                                                                     const Actor& actor, const AuditQuery& query) {
  std::pair<std::vector<AuditEntry>, int64_t> found;
  RETURN_IF_ERROR(Audited(database, audit, {.actor = actor, .action = Action::kViewAudit, .object = ObjectKind::kAudit},
                          [&](Transaction& transaction, UseCaseEntry&) -> Status {
                            ASSIGN_OR_RETURN(found, transaction.Get<AuditRepository>().Search(query));
                            return Status::Ok();
                          }));
  return found;
}

Result<std::string> ExportAuditTrailCsv(Database& database, const AuditTrail& audit, const Actor& actor,
                                        AuditQuery query) {
  std::ostringstream out;
  CsvWriter csv(out, CsvWriter::Mode::kSpreadsheetSafe);
  csv.WriteRecord({"seq", "at", "username", "agency", "action", "object_type", "object_id", "outcome",
                   "client_address", "detail", "hash"});
  query.offset = 0;
  query.limit = 1'000'000;
  const UseCase use_case{.actor = actor, .action = Action::kExportAudit, .object = ObjectKind::kAudit};
  RETURN_IF_ERROR(
      Audited(database, audit, use_case, [&](Transaction& transaction, UseCaseEntry& export_entry) -> Status {
        ASSIGN_OR_RETURN(auto found, transaction.Get<AuditRepository>().Search(query));
        for (const AuditEntry& entry : found.first) {
          csv.WriteRecord({std::to_string(entry.seq), FormatIsoTimestamp(entry.at), entry.username, entry.agency,
                           entry.action, entry.object_type, entry.object_id,
                           std::string(AuditOutcomeCode(entry.outcome)), entry.client_address, entry.detail,
                           entry.hash});
        }
        export_entry.detail = fmt::format("{} entries", found.first.size());
        return Status::Ok();
      }));
  return out.str();
}

}  // namespace openiom
