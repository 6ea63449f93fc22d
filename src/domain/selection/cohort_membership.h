// Cohort membership: who the IOM team manages, on which strand and scheme, led by whom, since when and why they
// joined or left, and the regular reviews that continue a membership, move it to another strand or end it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/date.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

// The cohort's strands (how intensively a member is managed).
enum class Strand { kFixed, kFlex, kFree };
inline constexpr Term<Strand> kStrandTerms[] = {
    {Strand::kFixed, "fixed", "Fixed"},
    {Strand::kFlex, "flex", "Flex"},
    {Strand::kFree, "free", "Free"},
};
constexpr const auto& TermsOf(Strand) { return kStrandTerms; }
static_assert(InEnumOrder(kStrandTerms));

// The schemes a member is managed under.
enum class Scheme { kPpo, kHcc, kDip, kDrr, kScpo, kDv, kOther };
inline constexpr Term<Scheme> kSchemeTerms[] = {
    {Scheme::kPpo, "ppo", "PPO (prolific and priority offenders)"},
    {Scheme::kHcc, "hcc", "HCC (high crime causers)"},
    {Scheme::kDip, "dip", "DIP (drug interventions programme)"},
    {Scheme::kDrr, "drr", "DRR (drug rehabilitation requirement)"},
    {Scheme::kScpo, "scpo", "SCPO (serious crime prevention order)"},
    {Scheme::kDv, "dv", "DV (domestic abuse perpetrators)"},
    {Scheme::kOther, "other", "Other"},
};
constexpr const auto& TermsOf(Scheme) { return kSchemeTerms; }
static_assert(InEnumOrder(kSchemeTerms));

// What a review decides.
enum class ReviewOutcome { kContinue, kChangeStrand, kDeselect };
inline constexpr Term<ReviewOutcome> kReviewOutcomeTerms[] = {
    {ReviewOutcome::kContinue, "continue", "Continue"},
    {ReviewOutcome::kChangeStrand, "change_strand", "Change strand"},
    {ReviewOutcome::kDeselect, "deselect", "De-select"},
};
constexpr const auto& TermsOf(ReviewOutcome) { return kReviewOutcomeTerms; }
static_assert(InEnumOrder(kReviewOutcomeTerms));

struct CohortMembership {
  int64_t id = 0;
  PersonId person_id = 0;
  Strand strand = Strand::kFixed;
  Scheme scheme = Scheme::kPpo;
  std::optional<int64_t> lead_agency_id;
  std::string lead_agency;  // name, for lists
  std::optional<int64_t> lead_user_id;   // the lead professional (a user), normally of probation
  std::string lead_professional;         // their name, for lists
  std::string lead_professional_agency;  // and agency
  Date selected_on{};
  std::string selection_reason, selected_by;
  std::optional<Date> deselected_on;
  std::string deselection_reason, deselected_by;
  std::optional<Date> next_review_on;
  int version = 1;
  std::string surname, forenames, district;  // for lists
};

struct CohortReview {
  int64_t id = 0;
  int64_t membership_id = 0;
  Date reviewed_on{};
  ReviewOutcome outcome = ReviewOutcome::kContinue;
  std::optional<Strand> strand;  // the new strand, for change_strand
  std::string notes;
  std::string reviewed_by;
  std::optional<Date> next_review_on;
};

}  // namespace openiom
