// The case area's pages.
#include "web/handlers/cases/cases.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr PageRoute kPages[] = {
    {"GET", "/people/{id}/case", CaseGet},
    {"GET", "/people/{id}/contacts/new", ContactNewGet},
    {"POST", "/people/{id}/contacts/new", ContactNewPost},
    {"GET", "/people/{id}/contacts/{contact_id}", ContactGet},
    {"POST", "/people/{id}/contacts/{contact_id}", ContactPost},
    {"GET", "/people/{id}/assessments/new", AssessmentNewGet},
    {"POST", "/people/{id}/assessments/new", AssessmentNewPost},
    {"GET", "/people/{id}/assessments/{assessment_id}", AssessmentGet},
    {"GET", "/people/{id}/brag/override", OverrideNewGet},
    {"POST", "/people/{id}/brag/override", OverrideNewPost},
    {"POST", "/people/{id}/brag/overrides/{override_id}/sign-off", OverrideSignOffPost},
    {"POST", "/people/{id}/brag/overrides/{override_id}/withdraw", OverrideWithdrawPost},
    {"GET", "/people/{id}/plan", PlanGet},
    {"GET", "/people/{id}/plan/new", PlanActionNewGet},
    {"POST", "/people/{id}/plan/new", PlanActionNewPost},
    {"POST", "/people/{id}/plan/{action_id}/status", PlanActionStatusPost},
    {"GET", "/people/{id}/plan/review", PlanReviewGet},
    {"POST", "/people/{id}/plan/review", PlanReviewPost},
    {"GET", "/people/{id}/team/new", TeamMemberNewGet},
    {"POST", "/people/{id}/team/new", TeamMemberNewPost},
    {"POST", "/people/{id}/team/{member_id}/end", TeamMemberEndPost},
    {"GET", "/people/{id}/referrals", ServiceReferralsGet},
    {"GET", "/people/{id}/referrals/new", ServiceReferralNewGet},
    {"POST", "/people/{id}/referrals/new", ServiceReferralNewPost},
    {"GET", "/people/{id}/referrals/{referral_id}", ServiceReferralGet},
    {"POST", "/people/{id}/referrals/{referral_id}", ServiceReferralPost},
    {"GET", "/people/{id}/household", HouseholdGet},
    {"GET", "/people/{id}/household/new", HouseholdNewGet},
    {"POST", "/people/{id}/household/new", HouseholdNewPost},
    {"POST", "/people/{id}/household/add", HouseholdAddPost},
    {"GET", "/people/{id}/household/{stay_id}/end", HouseholdEndGet},
    {"POST", "/people/{id}/household/{stay_id}/end", HouseholdEndPost},
    {"GET", "/people/{id}/relationships/new", RelationshipNewGet},
    {"POST", "/people/{id}/relationships/new", RelationshipNewPost},
    {"GET", "/people/{id}/relationships/{relationship_id}/end", RelationshipEndGet},
    {"POST", "/people/{id}/relationships/{relationship_id}/end", RelationshipEndPost},
    {"GET", "/caseload", CaseloadGet},
    {"GET", "/caseload.csv", CaseloadCsvGet},
    {"GET", "/tasking", TaskingGet},
    {"GET", "/tasking.csv", TaskingCsvGet},
    {"GET", "/wanted", WantedGet},
    {"GET", "/wanted.csv", WantedCsvGet},
    {"GET", "/people/{id}/notes", NotesGet},
    {"POST", "/people/{id}/notes", NotesPost},
    {"GET", "/people/{id}/notes.csv", NotesCsvGet},
    {"GET", "/people/{id}/custody", CustodyGet},
    {"GET", "/people/{id}/custody/new", CustodyNewGet},
    {"POST", "/people/{id}/custody/new", CustodyNewPost},
    {"GET", "/people/{id}/custody/{episode}/edit", CustodyEditGet},
    {"POST", "/people/{id}/custody/{episode}/edit", CustodyEditPost},
    {"GET", "/people/{id}/custody/{episode}/checklist/{item}", ChecklistItemGet},
    {"POST", "/people/{id}/custody/{episode}/checklist/{item}", ChecklistItemPost},
    {"GET", "/releases", ReleasesGet},
    {"GET", "/releases.csv", ReleasesCsvGet},
};

}  // namespace

std::span<const PageRoute> CasesPages() { return kPages; }

}  // namespace openiom::web
