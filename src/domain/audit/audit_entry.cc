#include "domain/audit/audit_entry.h"

#include <array>
#include <optional>

#include <fmt/format.h>
#include <sodium.h>

namespace openiom {

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

Result<AuditEntry> AuditEntryFromStored(const StoredAuditEntry& stored) {
  const auto bad = [](std::string_view column, std::string_view why) {
    return Status::InvalidArgument(fmt::format("column {}: {}", column, why));
  };
  const auto quoted = [](const std::string& text) { return fmt::format("'{}'", text); };
  AuditEntry entry;

  if (!stored.seq) return bad("seq", "is NULL");
  const std::string& seq = *stored.seq;
  const bool plain_decimal = !seq.empty() && seq.size() <= 18 && seq[0] != '0' &&
                             seq.find_first_not_of("0123456789") == std::string::npos;
  if (!plain_decimal) return bad("seq", quoted(seq) + " is not a sequence number as OpenIOM writes it");
  entry.seq = std::stoll(seq);

  if (!stored.at) return bad("at", "is NULL");
  const Result<Timestamp> at = ParseIsoTimestamp(*stored.at);
  if (!at.ok() || FormatIsoTimestamp(*at) != *stored.at) {
    return bad("at", quoted(*stored.at) + " is not a time as OpenIOM writes it (YYYY-MM-DDTHH:MM:SSZ)");
  }
  entry.at = *at;

  // OpenIOM stores an empty optional value as NULL, never as '', so '' is not the same entry.
  const auto optional_text = [&](std::string_view column, const std::optional<std::string>& value,
                                 std::string& into) -> Status {
    if (value && value->empty()) return bad(column, "is '' where OpenIOM writes NULL");
    into = value.value_or("");
    return Status::Ok();
  };
  RETURN_IF_ERROR(optional_text("username", stored.username, entry.username));
  RETURN_IF_ERROR(optional_text("agency", stored.agency, entry.agency));
  if (!stored.action) return bad("action", "is NULL");
  entry.action = *stored.action;
  RETURN_IF_ERROR(optional_text("object_type", stored.object_type, entry.object_type));
  RETURN_IF_ERROR(optional_text("object_id", stored.object_id, entry.object_id));
  if (!stored.outcome) return bad("outcome", "is NULL");
  const std::optional<AuditOutcome> outcome = AuditOutcomeFromCode(*stored.outcome);
  if (!outcome) return bad("outcome", quoted(*stored.outcome) + " is not an outcome");
  entry.outcome = *outcome;
  RETURN_IF_ERROR(optional_text("client_address", stored.client_address, entry.client_address));
  RETURN_IF_ERROR(optional_text("detail", stored.detail, entry.detail));
  if (!stored.previous_hash) return bad("previous_hash", "is NULL");
  entry.previous_hash = *stored.previous_hash;
  if (!stored.hash) return bad("hash", "is NULL");
  entry.hash = *stored.hash;
  return entry;
}

}  // namespace openiom
