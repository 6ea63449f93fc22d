// The case area's pages: a person's case (BRAG with its reasons, contacts and compliance, pathway assessments,
// overrides), their plan, the forms that add to them, their case notes, custody and Through-the-Gate, my
// caseload, the police tasking list, the wanted list and the releases due.
#pragma once

#include "web/app.h"

namespace openiom::web {

// The GOV.UK tag class of a BRAG rating (Amber is GOV.UK's orange), for every page that shows one.
std::string_view RatingClass(BragRating rating);
// Why a person is wanted: "Warrant issued on 3 November 2026; Recalled to custody on 9 November 2026", or "".
std::string WantedFor(const std::vector<Event>& open_warrants, const std::vector<Event>& open_recalls);
// A failed post's errors: the date inputs' own problems (a month that is not one) first, then the service's, whose
// problems with a date are shown on its input's first part unless the input already has a problem of its own.
FieldProblems FormErrors(const FieldProblems& input_errors, const Status& status, std::string_view date_field);
FieldProblems FormErrors(const FieldProblems& input_errors, const Status& status,
                         std::initializer_list<std::string_view> date_fields);
// The caption and heading of a person's form page, from the person the service read.
ViewData FormHeading(const Person& person);
// The Team section of the Case tab (partial_team): the lead professional first, then the current named workers with
// their roles and a button for each that records they left, then those who left.
ViewData TeamSection(const PageRequest& page, PersonId person_id, const PersonTeam& team);

// /people/{id}/case: the rating with its reasons and override, compliance, contacts, assessments, rating history.
HttpResponse CaseGet(PageRequest& page);
// /people/{id}/contacts/new and /people/{id}/contacts/{contact_id} (what came of an appointment).
HttpResponse ContactNewGet(PageRequest& page);
HttpResponse ContactNewPost(PageRequest& page);
HttpResponse ContactGet(PageRequest& page);
HttpResponse ContactPost(PageRequest& page);
// /people/{id}/assessments/new and /people/{id}/assessments/{assessment_id} (beside the one before it).
HttpResponse AssessmentNewGet(PageRequest& page);
HttpResponse AssessmentNewPost(PageRequest& page);
HttpResponse AssessmentGet(PageRequest& page);
// /people/{id}/brag/override, and a manager's sign-off or a withdrawal of /people/{id}/brag/overrides/{override_id}.
HttpResponse OverrideNewGet(PageRequest& page);
HttpResponse OverrideNewPost(PageRequest& page);
HttpResponse OverrideSignOffPost(PageRequest& page);
HttpResponse OverrideWithdrawPost(PageRequest& page);

// /people/{id}/plan: support beside enforcement and disruption, each action's owner, due date and status (Overdue
// worked out today), the review date; /people/{id}/plan/new adds an action, /people/{id}/plan/{action_id}/status
// marks one done or cancelled (or reopens it), /people/{id}/plan/review sets the review date.
HttpResponse PlanGet(PageRequest& page);
HttpResponse PlanActionNewGet(PageRequest& page);
HttpResponse PlanActionNewPost(PageRequest& page);
HttpResponse PlanActionStatusPost(PageRequest& page);
HttpResponse PlanReviewGet(PageRequest& page);
HttpResponse PlanReviewPost(PageRequest& page);
// /people/{id}/level: the Level tab (service level and history, the suggestion to move with its reasons and a
// manager's answer to it, statutory status, schemes); /people/{id}/level/change moves the level (managers);
// /people/{id}/schemes/new and /people/{id}/schemes/{scheme_id}/leave put the person on a scheme or take them off;
// /people/{id}/statutory/new records their statutory status.
HttpResponse LevelGet(PageRequest& page);
HttpResponse LevelDecisionPost(PageRequest& page);
HttpResponse LevelChangeGet(PageRequest& page);
HttpResponse LevelChangePost(PageRequest& page);
HttpResponse SchemeNewGet(PageRequest& page);
HttpResponse SchemeNewPost(PageRequest& page);
HttpResponse SchemeLeavePost(PageRequest& page);
HttpResponse StatutoryNewGet(PageRequest& page);
HttpResponse StatutoryNewPost(PageRequest& page);
// "Move up to Level 2: HCC enhanced": for the Level tab and the case page.
std::string SuggestionText(const LevelSuggestion& suggestion);

// The Case tab's "Enforcement" section (partial_enforcement): the steps due, each with a button to its form, and
// the steps taken with their outcomes. /people/{id}/enforcement/new records a step; /people/{id}/enforcement/{step_id}
// records what came of breach action or a recall request.
ViewData EnforcementSection(const PageRequest& page, const CaseView& view);
HttpResponse EnforcementNewGet(PageRequest& page);
HttpResponse EnforcementNewPost(PageRequest& page);
HttpResponse EnforcementStepGet(PageRequest& page);
HttpResponse EnforcementStepPost(PageRequest& page);

// /people/{id}/household: the household and relationships, with the BRAG of connected cohort members; the forms
// that add a person to a household (new or existing, or a suggestion at the same address) or end their stay, and
// that add and end relationships.
HttpResponse HouseholdGet(PageRequest& page);
// The case page's short household section: the address and the connected cohort members with their BRAG (connected
// people the reader may not view are only counted).
ViewData HouseholdSummary(const HouseholdView& view);
HttpResponse HouseholdNewGet(PageRequest& page);
HttpResponse HouseholdNewPost(PageRequest& page);
HttpResponse HouseholdAddPost(PageRequest& page);
HttpResponse HouseholdEndGet(PageRequest& page);
HttpResponse HouseholdEndPost(PageRequest& page);
HttpResponse RelationshipNewGet(PageRequest& page);
HttpResponse RelationshipNewPost(PageRequest& page);
HttpResponse RelationshipEndGet(PageRequest& page);
HttpResponse RelationshipEndPost(PageRequest& page);

// /people/{id}/team/new adds a named worker to the person's team; /people/{id}/team/{member_id}/end records that one
// left the team today.
HttpResponse TeamMemberNewGet(PageRequest& page);
HttpResponse TeamMemberNewPost(PageRequest& page);
HttpResponse TeamMemberEndPost(PageRequest& page);

// /people/{id}/referrals: the Referrals tab, the person's referrals to services; /people/{id}/referrals/new makes one
// and /people/{id}/referrals/{referral_id} records where one has got to.
HttpResponse ServiceReferralsGet(PageRequest& page);
HttpResponse ServiceReferralNewGet(PageRequest& page);
HttpResponse ServiceReferralNewPost(PageRequest& page);
HttpResponse ServiceReferralGet(PageRequest& page);
HttpResponse ServiceReferralPost(PageRequest& page);

// /caseload (and .csv): my people, or for managers the whole cohort by worker and agency; /tasking (and .csv):
// everyone rated Red, for the IOM police team.
HttpResponse CaseloadGet(PageRequest& page);
HttpResponse CaseloadCsvGet(PageRequest& page);
HttpResponse TaskingGet(PageRequest& page);
HttpResponse TaskingCsvGet(PageRequest& page);
// /wanted (and .csv): the cohort members with an open warrant or recall, and how many per scheme.
HttpResponse WantedGet(PageRequest& page);
HttpResponse WantedCsvGet(PageRequest& page);

// Case notes (issue 10): /people/{id}/notes lists the person's notes, newest first, each note the user may not read
// shown only as "Restricted: ...", with the form to add one; /people/{id}/notes.csv downloads the same list, as
// withheld.
HttpResponse NotesGet(PageRequest& page);
HttpResponse NotesCsvGet(PageRequest& page);
HttpResponse NotesPost(PageRequest& page);
// /people/{id}/custody: the Custody tab of a person's record: episodes, countdown, checklist.
HttpResponse CustodyGet(PageRequest& page);
// /people/{id}/custody/new: the form to record a custody episode, and its post.
HttpResponse CustodyNewGet(PageRequest& page);
HttpResponse CustodyNewPost(PageRequest& page);
// /people/{id}/custody/{episode}/edit: the form to change an episode (release, recall, dates), and its post.
HttpResponse CustodyEditGet(PageRequest& page);
HttpResponse CustodyEditPost(PageRequest& page);
// /people/{id}/custody/{episode}/checklist/{item}: the form to mark a checklist item done or not applicable.
HttpResponse ChecklistItemGet(PageRequest& page);
HttpResponse ChecklistItemPost(PageRequest& page);
// /releases and /releases.csv: releases in the next 28 days, for the prison liaison.
HttpResponse ReleasesGet(PageRequest& page);
HttpResponse ReleasesCsvGet(PageRequest& page);

}  // namespace openiom::web
