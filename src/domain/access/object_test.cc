#include "domain/access/object.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace openiom {
namespace {

// The codes are the audit trail's stored object types: these are the strings entries were written with before
// the kinds became an enum, and must stay so.
TEST(ObjectKind, CodesAreTheStoredAuditObjectTypes) {
  EXPECT_EQ(ObjectKindCode(ObjectKind::kPerson), "person");
  EXPECT_EQ(ObjectKindCode(ObjectKind::kReferral), "referral");
  EXPECT_EQ(ObjectKindCode(ObjectKind::kMembership), "cohort_membership");
  EXPECT_EQ(ObjectKindCode(ObjectKind::kScoreRun), "score_run");
  EXPECT_EQ(ObjectKindCode(ObjectKind::kAudit), "audit");
  EXPECT_EQ(ObjectKindCode(ObjectKind::kUser), "user");
  EXPECT_EQ(ObjectKindCode(ObjectKind::kRoleRequest), "role_request");
  EXPECT_EQ(ObjectKindCode(ObjectKind::kAgency), "agency");
  EXPECT_EQ(ObjectKindCode(ObjectKind::kFile), "file");
  EXPECT_EQ(ObjectKindCode(ObjectKind::kImportRun), "import_run");
}

TEST(ObjectKind, EveryKindParsesBackFromItsCodeAndHasItsOwnLabel) {
  std::set<std::string_view> labels;
  for (ObjectKind kind : kAllObjectKinds) {
    EXPECT_EQ(ObjectKindFromCode(ObjectKindCode(kind)), kind) << ObjectKindCode(kind);
    EXPECT_TRUE(labels.insert(ObjectKindLabel(kind)).second) << ObjectKindLabel(kind);
  }
  EXPECT_EQ(ObjectKindFromCode("Person"), std::nullopt) << "codes are exact";
  EXPECT_EQ(ObjectKindFromCode(""), std::nullopt);
}

TEST(Sensitivity, EveryValueParsesBackFromItsCode) {
  for (Sensitivity sensitivity : kAllSensitivities) {
    EXPECT_EQ(SensitivityFromCode(SensitivityCode(sensitivity)), sensitivity);
    EXPECT_FALSE(SensitivityLabel(sensitivity).empty());
  }
  EXPECT_EQ(SensitivityCode(Sensitivity::kNormal), "normal");
  EXPECT_EQ(SensitivityFromCode("secret"), std::nullopt);
}

TEST(SharingState, EveryValueParsesBackFromItsCode) {
  for (SharingState state : kAllSharingStates) {
    EXPECT_EQ(SharingStateFromCode(SharingStateCode(state)), state);
    EXPECT_FALSE(SharingStateLabel(state).empty());
  }
  EXPECT_EQ(SharingStateCode(SharingState::kConsentNotRecorded), "consent_not_recorded");
  EXPECT_EQ(SharingStateFromCode("refused"), std::nullopt);
}

}  // namespace
}  // namespace openiom
