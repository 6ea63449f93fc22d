// Every service over one database, built once: the web app holds one for the life of the server (web/app.h) and
// each command-line command one for its run (cli/commands/command_line.h). A new service is a member here.
#pragma once

#include "common/clock.h"
#include "services/accounts/account_service.h"
#include "services/audit/audit_trail.h"
#include "services/cases/case_service.h"
#include "services/cases/case_note_service.h"
#include "services/cases/custody_service.h"
#include "services/cases/enforcement_service.h"
#include "services/cases/level_service.h"
#include "services/cases/household_service.h"
#include "services/cases/plan_service.h"
#include "services/cases/service_referral_service.h"
#include "services/cases/team_service.h"
#include "services/people/people_service.h"
#include "services/selection/panel_service.h"
#include "services/selection/scoring_service.h"
#include "storage/database.h"

namespace openiom {

// Holds references to `database` and `clock`, which must outlive it; not copyable or movable, since the services
// hold references to its audit trail.
struct Services {
  Services(Database& database, const Clock& clock)
      : database(database),
        clock(clock),
        audit(clock),
        accounts(database, audit, clock),
        people(database, audit, clock),
        scoring(database, audit, clock),
        panel(database, audit, clock),
        cases(database, audit, clock),
        notes(database, audit, clock),
        custody(database, audit, clock),
        plans(database, audit, clock),
        levels(database, audit, clock),
        enforcement(database, audit, clock),
        teams(database, audit, clock),
        service_referrals(database, audit, clock),
        households(database, audit, clock) {}
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  Database& database;
  const Clock& clock;
  AuditTrail audit;
  AccountService accounts;
  PeopleService people;
  ScoringService scoring;
  PanelService panel;
  CaseService cases;
  CaseNoteService notes;
  CustodyService custody;
  PlanService plans;
  LevelService levels;
  EnforcementService enforcement;
  TeamService teams;
  ServiceReferralService service_referrals;
  HouseholdService households;
};

}  // namespace openiom
