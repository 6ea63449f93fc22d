// What an access request is about: the kind of object, how sensitive it is, and how far the person it concerns has
// agreed to their record being shared. The access policy decides on them (services/access/access_policy.h) and the
// audit trail records the kind of object of every entry. Each is a closed set (domain/vocabulary.h): CodeOf,
// LabelOf, Parse<E> and All<E>.
#pragma once

#include "domain/vocabulary.h"

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
  kRuleSet,      // a set of rule parameters (the BRAG rules)
  kCaseNote,     // a case note on a person's record (its sensitivity decides who reads its text)
  kCustodyEpisode,  // a custody episode and its resettlement checklist
};
inline constexpr Term<ObjectKind> kObjectKindTerms[] = {
    {ObjectKind::kPerson, "person", "Person"},
    {ObjectKind::kReferral, "referral", "Referral"},
    {ObjectKind::kMembership, "cohort_membership", "Cohort membership"},
    {ObjectKind::kScoreRun, "score_run", "Score run"},
    {ObjectKind::kAudit, "audit", "Audit trail"},
    {ObjectKind::kUser, "user", "User"},
    {ObjectKind::kRoleRequest, "role_request", "Role request"},
    {ObjectKind::kAgency, "agency", "Agency"},
    {ObjectKind::kFile, "file", "File"},
    {ObjectKind::kImportRun, "import_run", "Import run"},
    {ObjectKind::kRuleSet, "rule_set", "Rule set"},
    {ObjectKind::kCaseNote, "case_note", "Case note"},
    {ObjectKind::kCustodyEpisode, "custody_episode", "Custody episode"},
};
constexpr const auto& TermsOf(ObjectKind) { return kObjectKindTerms; }
static_assert(InEnumOrder(kObjectKindTerms));

// How sensitive what is read is. Records are kNormal; a case note carries its own sensitivity, stored as the code,
// and the access policy says who reads each level (services/access/access_policy.h): health notes (treatment and
// medical) only health and treatment agencies, victim and intelligence notes only police and probation, and every
// note its author.
enum class Sensitivity { kNormal, kHealth, kVictim, kIntelligence };
inline constexpr Term<Sensitivity> kSensitivityTerms[] = {
    {Sensitivity::kNormal, "normal", "Standard"},
    {Sensitivity::kHealth, "health", "Health"},
    {Sensitivity::kVictim, "victim", "Victim"},
    {Sensitivity::kIntelligence, "intelligence", "Intelligence"},
};
constexpr const auto& TermsOf(Sensitivity) { return kSensitivityTerms; }
static_assert(InEnumOrder(kSensitivityTerms));

// How far the person has agreed to their record being shared between agencies. Consent is not recorded yet (issue
// 11), so every person is kConsentNotRecorded, which limits nothing beyond need-to-know.
enum class SharingState { kConsentNotRecorded };
inline constexpr Term<SharingState> kSharingStateTerms[] = {
    {SharingState::kConsentNotRecorded, "consent_not_recorded", "Consent not recorded"}};
constexpr const auto& TermsOf(SharingState) { return kSharingStateTerms; }
static_assert(InEnumOrder(kSharingStateTerms));

}  // namespace openiom
