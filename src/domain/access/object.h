// What an access request is about: the kind of object, how sensitive it is, and how far the person it concerns has
// agreed to their record being shared. The access policy decides on them (services/access/access_policy.h) and the
// audit trail records the kind of object of every entry.
#pragma once

#include <optional>
#include <string_view>

namespace openiom {

// The kinds of object a use case acts on. The code is the audit trail's object type, stored in every entry, so it
// never changes once written.
enum class ObjectKind {
  kPerson,       // a nominal's record (and what hangs off it: identifiers, events, scores shown by person)
  kReferral,     // a referral to the selection panel
  kMembership,   // a cohort membership
  kScoreRun,     // a score run and the scores it stored
  kAudit,        // the audit trail itself
  kUser,         // an account
  kRoleRequest,  // a role granted by one administrator, awaiting a second
  kAgency,       // a partner agency
  kFile,         // a file imported (events CSV, data.police.uk files)
  kImportRun,    // a load recorded in the import log that came from no file (the demo data)
};
inline constexpr ObjectKind kAllObjectKinds[] = {
    ObjectKind::kPerson, ObjectKind::kReferral, ObjectKind::kMembership,  ObjectKind::kScoreRun,
    ObjectKind::kAudit,  ObjectKind::kUser,     ObjectKind::kRoleRequest, ObjectKind::kAgency,
    ObjectKind::kFile,   ObjectKind::kImportRun};
// "person", "referral", "cohort_membership", "score_run", "audit", "user", "role_request", "agency", "file",
// "import_run".
std::string_view ObjectKindCode(ObjectKind kind);
// "Person", "Referral", "Cohort membership", ...
std::string_view ObjectKindLabel(ObjectKind kind);
std::optional<ObjectKind> ObjectKindFromCode(std::string_view code);

// How sensitive what is read is. Today every record is kNormal; notes will carry their own sensitivity, and each new
// value says in the policy what it withholds.
enum class Sensitivity { kNormal };
inline constexpr Sensitivity kAllSensitivities[] = {Sensitivity::kNormal};
std::string_view SensitivityCode(Sensitivity sensitivity);   // "normal"
std::string_view SensitivityLabel(Sensitivity sensitivity);  // "Normal"
std::optional<Sensitivity> SensitivityFromCode(std::string_view code);

// How far the person has agreed to their record being shared between agencies. Consent is not recorded yet (issue
// 11), so every person is kConsentNotRecorded, which limits nothing beyond need-to-know.
enum class SharingState { kConsentNotRecorded };
inline constexpr SharingState kAllSharingStates[] = {SharingState::kConsentNotRecorded};
std::string_view SharingStateCode(SharingState state);   // "consent_not_recorded"
std::string_view SharingStateLabel(SharingState state);  // "Consent not recorded"
std::optional<SharingState> SharingStateFromCode(std::string_view code);

}  // namespace openiom
