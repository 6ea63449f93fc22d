#include "domain/access/object.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace openiom {
namespace {

// The codes are the audit trail's stored object types: these are the strings entries were written with before
// the kinds became an enum, and must stay so.
TEST(ObjectKind, CodesAreTheStoredAuditObjectTypes) {
  EXPECT_EQ(CodeOf(ObjectKind::kPerson), "person");
  EXPECT_EQ(CodeOf(ObjectKind::kReferral), "referral");
  EXPECT_EQ(CodeOf(ObjectKind::kMembership), "cohort_membership");
  EXPECT_EQ(CodeOf(ObjectKind::kScoreRun), "score_run");
  EXPECT_EQ(CodeOf(ObjectKind::kAudit), "audit");
  EXPECT_EQ(CodeOf(ObjectKind::kUser), "user");
  EXPECT_EQ(CodeOf(ObjectKind::kRoleRequest), "role_request");
  EXPECT_EQ(CodeOf(ObjectKind::kAgency), "agency");
  EXPECT_EQ(CodeOf(ObjectKind::kFile), "file");
  EXPECT_EQ(CodeOf(ObjectKind::kImportRun), "import_run");
  EXPECT_EQ(CodeOf(ObjectKind::kRuleSet), "rule_set");
  EXPECT_EQ(CodeOf(ObjectKind::kCaseNote), "case_note");
  EXPECT_EQ(CodeOf(ObjectKind::kCustodyEpisode), "custody_episode");
}

TEST(ObjectKind, EveryKindParsesBackFromItsCodeAndHasItsOwnLabel) {
  std::set<std::string_view> labels;
  for (ObjectKind kind : All<ObjectKind>()) {
    EXPECT_EQ(Parse<ObjectKind>(CodeOf(kind)), kind) << CodeOf(kind);
    EXPECT_TRUE(labels.insert(LabelOf(kind)).second) << LabelOf(kind);
  }
  EXPECT_EQ(Parse<ObjectKind>("Person"), std::nullopt) << "codes are exact";
}

TEST(Sensitivity, EveryValueParsesBackFromItsCode) {
  for (Sensitivity sensitivity : All<Sensitivity>()) {
    EXPECT_EQ(Parse<Sensitivity>(CodeOf(sensitivity)), sensitivity);
    EXPECT_FALSE(LabelOf(sensitivity).empty());
  }
  EXPECT_EQ(CodeOf(Sensitivity::kNormal), "normal");
  EXPECT_EQ(Parse<Sensitivity>("secret"), std::nullopt);
}

// Standard notes are stored as "normal", the code every record had before notes carried a sensitivity.
TEST(Sensitivity, StandardIsTheNormalLevel) {
  EXPECT_EQ(LabelOf(Sensitivity::kNormal), "Standard");
  EXPECT_EQ(Parse<Sensitivity>("standard"), std::nullopt);
}

TEST(SharingState, EveryValueParsesBackFromItsCode) {
  for (SharingState state : All<SharingState>()) {
    EXPECT_EQ(Parse<SharingState>(CodeOf(state)), state);
    EXPECT_FALSE(LabelOf(state).empty());
  }
  EXPECT_EQ(CodeOf(SharingState::kConsentNotRecorded), "consent_not_recorded");
  EXPECT_EQ(Parse<SharingState>("refused"), std::nullopt);
}

}  // namespace
}  // namespace openiom
