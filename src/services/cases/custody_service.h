// Custody and Through-the-Gate: a person's custody episodes and resettlement checklists, recording and changing an
// episode (with the custody_start, release and recall events the BRAG rating and level suggestions read), marking
// checklist items, and the releases due for the prison liaison. Every call is authorised by the access policy and
// recorded in the audit trail (Audited), whichever entry point makes it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/cases/custody.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"
#include "services/audit/audit_trail.h"
#include "storage/database.h"

namespace openiom {

// How far ahead the releases list looks by default: the prison liaison's four weeks.
inline constexpr int kReleasesDueDays = 28;

// One episode with its checklist (in the order of the ChecklistItem table).
struct CustodyEpisodeView {
  CustodyEpisode episode;
  std::vector<CustodyChecklistItem> checklist;
};

// A person's custody record: who, for the record's header, and their episodes, newest first.
struct CustodyRecord {
  Person person;
  bool has_open_warrant = false;
  bool is_ppo = false;  // a current cohort member on the PPO scheme: restorative justice is on their checklist
  std::vector<CustodyEpisodeView> episodes;
};

// An episode as a form or the API sends it: text as typed, dates as YYYY-MM-DD ("" for none). The service parses
// and checks it, so every entry point gets the same problems on the same fields.
struct CustodyEpisodeInput {
  std::string establishment;
  std::string started_on;
  std::string sentence;
  std::string expected_release_on;
  std::string released_on;
  std::string recalled_on;
  std::string licence_end_on;
};

// Marking a checklist item: state "done" or "not_applicable", the date it was done (YYYY-MM-DD) and a note (the
// reason, for not applicable).
struct ChecklistUpdate {
  std::string state;
  std::string completed_on;
  std::string note;
};

// A checklist item with what its form shows around it.
struct ChecklistItemView {
  Person person;
  CustodyEpisode episode;
  CustodyChecklistItem item;
};

// One row of the releases list.
struct ReleaseDueView {
  CustodyEpisode episode;
  std::string surname, forenames;
  int countdown = 0;  // days to the expected release
  bool friday = false;
  int open_items = 0, overdue_items = 0;
};

class CustodyService {
 public:
  CustodyService(Database& database, const AuditTrail& audit, const Clock& clock,
                 ResettlementRules rules = kDefaultResettlementRules)
      : database_(database), audit_(audit), clock_(clock), rules_(rules) {}

  // Action::kViewCustody on the person (need-to-know): their episodes and checklists. PermissionDenied, or
  // NotFound when there is no such person; each attempt audited.
  Result<CustodyRecord> Get(const Actor& actor, PersonId person_id);

  // Action::kRecordCustody: records a new episode (version 1, recorded by the actor), its checklist (every item
  // open, due dates counted back from the expected release by the rules; restorative justice only for a PPO), and
  // its custody_start event (and release and recall events when those dates are given), sourced from the actor's
  // agency, all in one transaction. InvalidArgument with the problems (CustodyEpisodeProblems; or, when a date cannot
  // be read, that date's and the establishment's and sentence's own); Conflict when the person has another episode with no release recorded; NotFound (audited) when there
  // is no such person. `shown`, when given, receives the person for a form shown again (ShowAgain).
  Result<CustodyEpisodeView> Create(const Actor& actor, PersonId person_id, const CustodyEpisodeInput& input,
                                    std::optional<Person>* shown = nullptr);

  // Action::kRecordCustody: replaces the fields of episode `episode_id` of the person if its version is still
  // `expected_version` (Stale, audited, otherwise), moves its events to the new dates (adding or removing the release
  // and recall events as those dates are set or cleared), and recounts open items' due dates when the expected
  // release changed. NotFound when the episode is not this person's. Same problems as Create.
  Result<CustodyEpisodeView> Update(const Actor& actor, PersonId person_id, CustodyEpisodeId episode_id,
                                    int expected_version, const CustodyEpisodeInput& input,
                                    std::optional<Person>* shown = nullptr);

  // Action::kUpdateChecklist: marks item `item_id` of the person's episode `episode_id` done or not applicable, by
  // the actor, if its version is still `expected_version` (Stale otherwise). Problems as ChecklistUpdateProblems;
  // NotFound (audited) when the item is not of that episode of this person. `shown`, when given, receives the item
  // with its person and episode for a form shown again (ShowAgain).
  Result<CustodyChecklistItem> UpdateItem(const Actor& actor, PersonId person_id, CustodyEpisodeId episode_id,
                                          int64_t item_id, int expected_version, const ChecklistUpdate& update,
                                          std::optional<ChecklistItemView>* shown = nullptr);

  // Action::kViewReleases: everyone still in custody whose expected release is from today to `days` days ahead
  // (inclusive), soonest first, with the countdown, the Friday flag and their checklists' open and overdue items.
  // InvalidArgument unless 1 <= days <= 366. Audited as a list.
  Result<std::vector<ReleaseDueView>> ReleasesDue(const Actor& actor, int days = kReleasesDueDays);

  const ResettlementRules& rules() const { return rules_; }

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
  ResettlementRules rules_;
};

}  // namespace openiom
