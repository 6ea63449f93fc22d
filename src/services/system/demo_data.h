// Synthetic demonstration data for Cleveland: people with skewed offending histories, identifiers, homes in
// real LSOAs, and the partnership's agencies. Deterministic for a seed and an "as of" date. Names are
// obviously synthetic (surnames such as "Testington"); NHS numbers come only from the never-issued 999 range.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/accounts/agency.h"
#include "domain/people/event.h"
#include "domain/people/identifier.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"
#include "services/audit/audit_trail.h"
#include "storage/database.h"

namespace openiom {

struct DemoDataOptions {
  int people = 2000;
  uint64_t seed = 1;
  Date as_of{};  // histories end on this date
};

struct DemoPerson {
  Person person;  // id unset
  std::vector<Identifier> identifiers;
  std::vector<Event> events;  // person_id unset; source "demo"
};

struct DemoDataset {
  std::vector<Agency> agencies;
  std::vector<DemoPerson> people;
};

// Pure: the same options always give the same dataset. REQUIRES: options.people >= 1.
DemoDataset GenerateDemoDataset(const DemoDataOptions& options);

struct DemoDataReport {
  int64_t people = 0;
  int64_t events = 0;
  int64_t identifiers = 0;
  int64_t agencies = 0;
  double top_5_percent_share_of_arrests = 0;  // how skewed the offending is
};

// Writes a generated dataset into an empty database in one transaction. FailedPrecondition when the database
// already holds people (demo data never mixes with real records); InvalidArgument for people outside 1-1,000,000.
// Only the local operator may do this; it is audited.
Result<DemoDataReport> LoadDemoData(Database& database, const AuditTrail& audit, const Actor& actor,
                                    const DemoDataOptions& options, const Clock& clock);

// The demo users, one per role, in the demo agencies: "demo.practitioner" (police), "demo.manager"
// (probation, manager and practitioner), "demo.analyst", "demo.auditor" and "demo.admin", all with `password`.
inline constexpr std::string_view kDemoUsernames[] = {"demo.practitioner", "demo.manager", "demo.analyst",
                                                       "demo.auditor", "demo.admin"};
class AccountService;
Status CreateDemoUsers(AccountService& accounts, const Actor& actor, std::string_view password);

struct DemoCaseloadReport {
  int64_t members = 0;      // cohort members
  int64_t contacts = 0;
  int64_t assessments = 0;
  int64_t overrides = 0;
  int64_t plan_actions = 0;
  int64_t overdue_actions = 0;  // of the plan actions, those overdue on the day
  int64_t plan_reviews = 0;
  int64_t notes = 0;  // case notes, of every sensitivity
  int64_t team_members = 0;       // named workers on the members' teams (a few of whom have left)
  int64_t service_referrals = 0;  // referrals to services, in every status
  int64_t households = 0, relationships = 0;  // demo_households.h
  int64_t level_changes = 0, schemes = 0, statuses = 0, enforcement_steps = 0;  // demo_levels.cc
};

// After LoadDemoData (and CreateDemoUsers, when there are demo users): puts `members` of the people with the most
// arrests in the year to `as_of` (every other one, so that candidates remain for the panel) into the IOM cohort on
// realistic strands and schemes, and gives each a case: appointments over the last 90 days with their outcomes
// (mostly kept, some missed) and some still to come, pathway assessments, a signed-off and a pending BRAG override,
// and a plan (support on the significant needs, enforcement or disruption for every other member, some done, some
// overdue, with a review date), so that every case page, the plan, the caseload and the tasking list have something to
// show. demo.practitioner
// and demo.manager, if they exist, lead a share of the members (their caseloads). Deterministic for a seed and day;
// one transaction; audited. FailedPrecondition when the database already has a cohort; only the local operator.
Result<DemoCaseloadReport> LoadDemoCaseload(Database& database, const AuditTrail& audit, const Actor& actor,
                                            uint64_t seed, Date as_of, const Clock& clock, int members = 40);

// Part of LoadDemoCaseload, in its transaction, once the members are in the cohort (demo_team_referrals.cc): gives
// most members named workers of the other demo agencies (a drug worker, some a housing officer, an employment adviser
// or a mentor, a few of whom have left), demo.practitioner (if they exist) the IOM police officer's place on some
// teams they do not lead, and every other member a referral to a service, the statuses in turn. Adds to `report`.
// Nothing when the demo agencies are missing.
class Transaction;
Status AddDemoTeamsAndReferrals(Transaction& transaction, uint64_t seed, Date as_of, Timestamp now,
                                DemoCaseloadReport& report);
// Part of LoadDemoCaseload, after the contacts (demo_levels.cc): a service level for each member from their panel
// scheme (PPO intensive, HCC enhanced, the rest standard; some moved up once since), their schemes (the panel's, and
// the women's cohort or young adults where they apply, DRR and SCPO with an end date), a statutory status in turn
// (licence, community order, post-sentence supervision, voluntary), and for every other member under an order or
// licence a warning for their first unacceptable failure, then breach action or a recall request for a second
// (awaiting their outcome), leaving other failures due. Adds to `report`; nothing without the demo probation agency.
Status AddDemoLevelsAndEnforcement(Transaction& transaction, Date as_of, Timestamp now, DemoCaseloadReport& report);

// After LoadDemoCaseload, through the custody service (so each episode has its checklist, its events and its audit
// entry, as if recorded by hand): custody episodes for three of the cohort members seen longest ago and not in
// custody, each starting the day after their last recorded event or past appointment, with releases due in 6 days,
// on a Friday about a fortnight away and in 24 days, and half of each checklist done. Returns how many were made.
class CustodyService;
Result<int> AddDemoCustody(Database& database, CustodyService& custody, const Actor& actor, Date today);

}  // namespace openiom
