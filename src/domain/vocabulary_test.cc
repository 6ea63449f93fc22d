// Every vocabulary of the domain, row by row: each code parses back to its value, codes are unique and labels
// present, and unknown, empty and wrongly cased codes are refused.
#include "domain/vocabulary.h"

#include <cctype>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "domain/access/object.h"
#include "domain/accounts/account.h"
#include "domain/accounts/agency.h"
#include "domain/audit/audit_entry.h"
#include "domain/cases/assessment.h"
#include "domain/cases/brag.h"
#include "domain/cases/contact.h"
#include "domain/cases/custody.h"
#include "domain/cases/enforcement.h"
#include "domain/cases/level.h"
#include "domain/cases/household.h"
#include "domain/cases/plan.h"
#include "domain/cases/service_referral.h"
#include "domain/cases/team.h"
#include "domain/imports/import_outcome.h"
#include "domain/people/event.h"
#include "domain/people/identifier.h"
#include "domain/people/person.h"
#include "domain/reference/offence_scoring.h"
#include "domain/selection/cohort_membership.h"
#include "domain/selection/referral.h"

namespace openiom {
namespace {

// Upper case if the code has any lower-case letter, else lower case: a code differing only in case.
std::string OtherCase(std::string_view code) {
  std::string other(code);
  const bool has_lower = other.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos;
  for (char& c : other) c = static_cast<char>(has_lower ? std::toupper(static_cast<unsigned char>(c))
                                                        : std::tolower(static_cast<unsigned char>(c)));
  return other;
}

template <typename E>
class VocabularyTest : public ::testing::Test {};

using Vocabularies = ::testing::Types<Gender, Ethnicity, EventKind, IdentifierKind, Role, AgencyKind, AuditOutcome,
                                      FigureStatus, ReferralRoute, ReferralStatus, PanelDecisionKind, Strand, Scheme,
                                      ReviewOutcome, ImportOutcome, RoleRequestStatus, ContactKind, ContactOutcome,
                                      Pathway, NeedLevel, BragRating, BragRule, Sensitivity, ChecklistItem,
                                      ChecklistState, PlanActionKind, PlanActionStatus, ServiceLevel, CaseScheme,
                                      StatutoryKind, LevelDirection, LevelDecisionKind, LevelRule,
                                      EnforcementKind, EnforcementOutcome, TeamRole, ServiceKind,
                                      ServiceReferralStatus, RelationshipKind>;
TYPED_TEST_SUITE(VocabularyTest, Vocabularies);

TYPED_TEST(VocabularyTest, EveryCodeRoundTripsAndIsUnique) {
  std::set<std::string_view> codes;
  for (TypeParam value : All<TypeParam>()) {
    const std::string_view code = CodeOf(value);
    EXPECT_FALSE(code.empty());
    EXPECT_FALSE(LabelOf(value).empty()) << code;
    EXPECT_EQ(Parse<TypeParam>(code), value) << code;
    EXPECT_TRUE(codes.insert(code).second) << code << " appears twice";
    if (OtherCase(code) != code) EXPECT_EQ(Parse<TypeParam>(OtherCase(code)), std::nullopt) << "codes keep their case";
  }
}

TYPED_TEST(VocabularyTest, RefusesUnknownAndEmptyCodes) {
  EXPECT_EQ(Parse<TypeParam>(""), std::nullopt);
  EXPECT_EQ(Parse<TypeParam>("no such code"), std::nullopt);
  EXPECT_EQ(Parse<TypeParam>(std::string(CodeOf(All<TypeParam>()[0])) + " "), std::nullopt);
}

TYPED_TEST(VocabularyTest, AValueOutsideTheTableHasNoCode) {
  const auto outside = static_cast<TypeParam>(All<TypeParam>().size());
  EXPECT_EQ(CodeOf(outside), "?");
  EXPECT_EQ(LabelOf(outside), "?");
}

// The codes are stored, typed and sent, so they may never change: each set's codes in order.
TEST(Vocabulary, CodesAreTheStoredOnes) {
  const auto codes = [](auto all) {
    std::string joined;
    for (auto value : all) joined += (joined.empty() ? "" : " ") + std::string(CodeOf(value));
    return joined;
  };
  EXPECT_EQ(codes(All<Gender>()), "M F X U");
  EXPECT_EQ(codes(All<Ethnicity>()), "W1 W2 W3 W4 W9 M1 M2 M3 M9 A1 A2 A3 A4 A9 B1 B2 B9 O1 O9");
  EXPECT_EQ(codes(All<EventKind>()),
            "arrest charge conviction caution drug_test custody_start release warrant recall breach asb_incident");
  EXPECT_EQ(codes(All<IdentifierKind>()), "pnc cro crn nomis nhs");
  EXPECT_EQ(codes(All<Role>()), "practitioner manager analyst auditor admin");
  EXPECT_EQ(codes(All<AgencyKind>()),
            "police probation prison treatment housing council health youth_offending jobcentre voluntary");
  EXPECT_EQ(codes(All<AuditOutcome>()), "success denied failure");
  EXPECT_EQ(codes(All<FigureStatus>()), "verified check none");
  EXPECT_EQ(codes(All<ReferralRoute>()), "referral rule");
  EXPECT_EQ(codes(All<ReferralStatus>()), "open selected declined deferred");
  EXPECT_EQ(codes(All<PanelDecisionKind>()), "select decline defer");
  EXPECT_EQ(codes(All<Strand>()), "fixed flex free");
  EXPECT_EQ(codes(All<Scheme>()), "ppo hcc dip drr scpo dv other");
  EXPECT_EQ(codes(All<ReviewOutcome>()), "continue change_strand deselect");
  EXPECT_EQ(codes(All<ImportOutcome>()), "loaded partly_loaded rejected failed");
  EXPECT_EQ(codes(All<RoleRequestStatus>()), "pending approved refused");
  EXPECT_EQ(codes(All<ContactKind>()), "office home_visit phone drug_test treatment_session");
  EXPECT_EQ(codes(All<ContactOutcome>()), "attended failed_acceptable failed_unacceptable rescheduled");
  EXPECT_EQ(codes(All<Pathway>()),
            "accommodation education_training_employment health drugs_alcohol finance_benefits_debt children_families "
            "attitudes_thinking_behaviour abuse_rape_domestic_violence sexual_exploitation");
  EXPECT_EQ(codes(All<NeedLevel>()), "none some significant");
  EXPECT_EQ(codes(All<BragRating>()), "blue red amber green");
  EXPECT_EQ(codes(All<BragRule>()),
            "in_custody recent_arrest_or_charge open_warrant open_recall recent_breach repeated_failed_appointments "
            "significant_needs failed_appointment recent_release high_rfg");
  EXPECT_EQ(codes(All<Sensitivity>()), "normal health victim intelligence");
  EXPECT_EQ(codes(All<ChecklistItem>()),
            "accommodation_advice benefit_claim treatment_appointment gp_registration id_documents restorative_justice");
  EXPECT_EQ(codes(All<ChecklistState>()), "open done not_applicable");
  EXPECT_EQ(codes(All<PlanActionKind>()), "support enforcement disruption");
  EXPECT_EQ(codes(All<PlanActionStatus>()), "open done cancelled");
  EXPECT_EQ(codes(All<ServiceLevel>()), "intensive enhanced standard");
  EXPECT_EQ(codes(All<CaseScheme>()), "ppo hcc dip drr scpo dv_matac women young_adult");
  EXPECT_EQ(codes(All<StatutoryKind>()), "licence community_order post_sentence_supervision voluntary");
  EXPECT_EQ(codes(All<LevelDirection>()), "up down");
  EXPECT_EQ(codes(All<LevelDecisionKind>()), "accepted dismissed");
  EXPECT_EQ(codes(All<EnforcementKind>()), "warning breach recall_request");
  EXPECT_EQ(codes(All<EnforcementOutcome>()), "proven not_proven recalled refused withdrawn");
  EXPECT_EQ(codes(All<TeamRole>()),
            "offender_manager police_iom_officer prison_offender_manager drug_worker housing_officer "
            "mental_health_worker employment_adviser mentor other");
  EXPECT_EQ(codes(All<ServiceKind>()),
            "housing drug_alcohol_treatment employment_training mental_health_liaison restorative_justice mentoring "
            "community_payback");
  EXPECT_EQ(codes(All<ServiceReferralStatus>()), "sent accepted declined started completed withdrawn");
  EXPECT_EQ(codes(All<RelationshipKind>()), "parent_of sibling partner ex_partner associate co_defendant");
}

TEST(Vocabulary, AnOptionalValueWithoutOneHasAnEmptyCode) {
  EXPECT_EQ(CodeOf(std::optional<Strand>(Strand::kFlex)), "flex");
  EXPECT_EQ(CodeOf(std::optional<Strand>()), "");
}

TEST(Vocabulary, EachDecisionGivesItsStatusAndOnlyUndecidedReferralsAwaitThePanel) {
  EXPECT_EQ(StatusAfter(PanelDecisionKind::kSelect), ReferralStatus::kSelected);
  EXPECT_EQ(StatusAfter(PanelDecisionKind::kDecline), ReferralStatus::kDeclined);
  EXPECT_EQ(StatusAfter(PanelDecisionKind::kDefer), ReferralStatus::kDeferred);
  for (ReferralStatus status : All<ReferralStatus>()) {
    EXPECT_EQ(AwaitsPanel(status), status == ReferralStatus::kOpen || status == ReferralStatus::kDeferred)
        << CodeOf(status);
  }
}

}  // namespace
}  // namespace openiom
