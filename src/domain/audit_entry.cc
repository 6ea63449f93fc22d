#include "domain/audit_entry.h"

#include <array>
#include <optional>

#include <fmt/format.h>
#include <sodium.h>

namespace openiom {

std::string_view AuditOutcomeCode(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::kSuccess: return "success";
    case AuditOutcome::kDenied: return "denied";
    case AuditOutcome::kFailure: return "failure";
  }
  return "failure";
}

std::optional<AuditOutcome> AuditOutcomeFromCode(std::string_view code) {
  for (AuditOutcome outcome : {AuditOutcome::kSuccess, AuditOutcome::kDenied, AuditOutcome::kFailure}) {
    if (AuditOutcomeCode(outcome) == code) return outcome;
  }
  return std::nullopt;
}

std::string ComputeAuditHash(const AuditEntry& entry) {
  const std::string seq = std::to_string(entry.seq);
  const std::string at = FormatIsoTimestamp(entry.at);
  std::string message;
  for (std::string_view field :
       {std::string_view(entry.previous_hash), std::string_view(seq), std::string_view(at),
        std::string_view(entry.username),
        std::string_view(entry.agency), std::string_view(entry.action), std::string_view(entry.object_type),
        std::string_view(entry.object_id), AuditOutcomeCode(entry.outcome), std::string_view(entry.client_address),
        std::string_view(entry.detail)}) {
    message += std::to_string(field.size());
    message += ':';
    message += field;
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size());
  std::string hex;
  for (unsigned char byte : digest) hex += fmt::format("{:02x}", byte);
  return hex;
}

}  // namespace openiom
