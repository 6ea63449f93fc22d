// The audit trail's entries and the hash chain that makes tampering visible.
//
// Each entry's hash is SHA-256 over the previous entry's hash and the entry's own fields, so changing or
// removing any entry breaks every hash after it. The first entry chains to kGenesisHash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/status.h"
#include "domain/vocabulary.h"

namespace openiom {

enum class AuditOutcome { kSuccess, kDenied, kFailure };
inline constexpr Term<AuditOutcome> kAuditOutcomeTerms[] = {
    {AuditOutcome::kSuccess, "success", "Done"},
    {AuditOutcome::kDenied, "denied", "Refused"},    // not allowed
    {AuditOutcome::kFailure, "failure", "Failed"},   // allowed, but it did not work: a wrong password, bad input
};
constexpr const auto& TermsOf(AuditOutcome) { return kAuditOutcomeTerms; }
static_assert(InEnumOrder(kAuditOutcomeTerms));
inline std::string_view AuditOutcomeCode(AuditOutcome outcome) { return CodeOf(outcome); }
inline std::optional<AuditOutcome> AuditOutcomeFromCode(std::string_view code) { return Parse<AuditOutcome>(code); }
inline std::string_view AuditOutcomeLabel(AuditOutcome outcome) { return LabelOf(outcome); }

struct AuditEntry {
  int64_t seq = 0;  // 1, 2, 3, ... without gaps
  Timestamp at{};
  std::string username;  // who acted ("cli:OSUSER" for the command line), or empty (e.g. an unknown user)
  std::string agency;
  std::string action;       // "sign_in", "view_person", "import_events", ...
  std::string object_type;  // "person", "user", "file", ...
  std::string object_id;
  AuditOutcome outcome = AuditOutcome::kSuccess;
  std::string client_address;
  std::string detail;  // never personal data beyond the object id, never a secret
  std::string previous_hash;
  std::string hash;
};

inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 (lower-case hex) of previous_hash and every other field of `entry` except `hash`, each field
// length-prefixed so that no two different entries serialise alike.
std::string ComputeAuditHash(const AuditEntry& entry);

// An entry's columns exactly as the database holds them, each read as text (nullopt for NULL), nothing parsed.
struct StoredAuditEntry {
  std::optional<std::string> seq, at, username, agency, action, object_type, object_id, outcome, client_address,
      detail, previous_hash, hash;
};

// The entry that `stored` holds, if every column is exactly as OpenIOM writes it: seq in plain decimal, `at` as
// YYYY-MM-DDTHH:MM:SSZ, outcome a known code, action and the hashes present, and the optional text columns
// (username, agency, object_type, object_id, client_address, detail) NULL rather than empty. Otherwise
// InvalidArgument "column C: why", C naming the first column that is not.
//
// ComputeAuditHash covers the entry, not the stored text; this check makes the mapping from stored text to
// entry one-to-one, so the hash covers every column's stored form: fractional seconds, another time format or
// '' in place of NULL cannot hash like the entry that was written.
Result<AuditEntry> AuditEntryFromStored(const StoredAuditEntry& stored);

}  // namespace openiom
