#include "domain/access/object.h"

#include <utility>

namespace openiom {
namespace {

template <typename E>
struct Term {
  E value;
  std::string_view code, label;
};

// Each set's codes and labels, in the enum's order (checked below), so a value's entry is at its index.
constexpr Term<ObjectKind> kObjectKinds[] = {
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
};
constexpr Term<Sensitivity> kSensitivities[] = {{Sensitivity::kNormal, "normal", "Normal"}};
constexpr Term<SharingState> kSharingStates[] = {
    {SharingState::kConsentNotRecorded, "consent_not_recorded", "Consent not recorded"}};

template <typename E, size_t N>
constexpr bool InEnumOrder(const Term<E> (&terms)[N]) {
  for (size_t index = 0; index < N; ++index) {
    if (static_cast<size_t>(terms[index].value) != index) return false;
  }
  return true;
}
static_assert(InEnumOrder(kObjectKinds) && std::size(kObjectKinds) == std::size(kAllObjectKinds));
static_assert(InEnumOrder(kSensitivities) && std::size(kSensitivities) == std::size(kAllSensitivities));
static_assert(InEnumOrder(kSharingStates) && std::size(kSharingStates) == std::size(kAllSharingStates));

template <typename E, size_t N>
const Term<E>* Find(const Term<E> (&terms)[N], E value) {
  const auto index = static_cast<size_t>(value);
  return index < N ? &terms[index] : nullptr;
}

template <typename E, size_t N>
std::optional<E> FromCode(const Term<E> (&terms)[N], std::string_view code) {
  for (const Term<E>& term : terms) {
    if (term.code == code) return term.value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ObjectKindCode(ObjectKind kind) {
  const auto* term = Find(kObjectKinds, kind);
  return term ? term->code : "?";
}
std::string_view ObjectKindLabel(ObjectKind kind) {
  const auto* term = Find(kObjectKinds, kind);
  return term ? term->label : "?";
}
std::optional<ObjectKind> ObjectKindFromCode(std::string_view code) { return FromCode(kObjectKinds, code); }

std::string_view SensitivityCode(Sensitivity sensitivity) {
  const auto* term = Find(kSensitivities, sensitivity);
  return term ? term->code : "?";
}
std::string_view SensitivityLabel(Sensitivity sensitivity) {
  const auto* term = Find(kSensitivities, sensitivity);
  return term ? term->label : "?";
}
std::optional<Sensitivity> SensitivityFromCode(std::string_view code) { return FromCode(kSensitivities, code); }

std::string_view SharingStateCode(SharingState state) {
  const auto* term = Find(kSharingStates, state);
  return term ? term->code : "?";
}
std::string_view SharingStateLabel(SharingState state) {
  const auto* term = Find(kSharingStates, state);
  return term ? term->label : "?";
}
std::optional<SharingState> SharingStateFromCode(std::string_view code) { return FromCode(kSharingStates, code); }

}  // namespace openiom
