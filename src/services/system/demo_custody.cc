// The demo cohort's custody episodes (issue 10, part 7): see AddDemoCustody in demo_data.h.
#include <algorithm>

#include "domain/cases/custody.h"
#include "services/cases/custody_service.h"
#include "services/system/demo_data.h"
#include "storage/cases/case_repository.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

using std::chrono::days;

constexpr std::string_view kEstablishments[] = {"HMP Holme House", "HMP Durham", "HMP Northumberland",
                                                "HMYOI Deerbolt"};

// A member's newest event or past appointment and whether they are in custody on `today` by their events (a custody
// start with no later release): an episode must not begin before what is already recorded, nor while they are inside.
struct Facts {
  PersonId person_id = 0;
  Date latest{};
  bool inside = false;
};

Date NextWeekday(Date day, std::chrono::weekday weekday) {
  while (std::chrono::weekday{day} != weekday) day += days(1);
  return day;
}

}  // namespace

Result<int> AddDemoCustody(Database& database, CustodyService& custody, const Actor& actor, Date today) {
  std::vector<Facts> candidates;
  RETURN_IF_ERROR(database.Read([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(const std::vector<CohortMembership> members, transaction.Get<PanelRepository>().CurrentMembers());
    for (const CohortMembership& member : members) {
      ASSIGN_OR_RETURN(const std::vector<Event> events,
                       transaction.Get<EventRepository>().ListForPerson(member.person_id));
      Facts facts{.person_id = member.person_id};
      std::optional<Date> custody_start, release;
      for (const Event& event : events) {
        facts.latest = std::max(facts.latest, event.event_date);
        if (event.kind == EventKind::kCustodyStart)
          custody_start = std::max(custody_start.value_or(Date{}), event.event_date);
        if (event.kind == EventKind::kRelease) release = std::max(release.value_or(Date{}), event.event_date);
      }
      facts.inside = custody_start && (!release || *release < *custody_start);
      ASSIGN_OR_RETURN(const std::vector<Contact> contacts,
                       transaction.Get<CaseRepository>().ContactsFor(member.person_id));
      for (const Contact& contact : contacts) {
        if (contact.on < today) facts.latest = std::max(facts.latest, contact.on);
      }
      candidates.push_back(facts);
    }
    return Status::Ok();
  }));
  // The quietest members first: those seen longest ago went to prison the day after.
  std::sort(candidates.begin(), candidates.end(), [](const Facts& a, const Facts& b) {
    return a.latest != b.latest ? a.latest < b.latest : a.person_id < b.person_id;
  });
  // Three short sentences, as prolific offenders' mostly are: releases due in 6 days, on the Friday about a
  // fortnight away (flagged), and in 24 days, each with its checklist under way.
  struct Plan {
    int release_in_days;
    const char* sentence;
    bool friday = false;
  };
  constexpr Plan kPlans[] = {{6, "12 weeks"}, {12, "16 weeks", true}, {24, "6 months"}};
  int made = 0;
  size_t next = 0;
  for (const Plan& plan : kPlans) {
    while (next < candidates.size() && (candidates[next].inside || candidates[next].latest >= today)) ++next;
    if (next == candidates.size()) break;
    const Date started = candidates[next].latest + days(1);
    const PersonId person_id = candidates[next++].person_id;
    Date release = today + days(plan.release_in_days);
    if (plan.friday) release = NextWeekday(release, std::chrono::Friday);
    CustodyEpisodeInput input{.establishment = std::string(kEstablishments[made % std::size(kEstablishments)]),
                              .started_on = FormatIsoDate(started),
                              .sentence = plan.sentence,
                              .expected_release_on = FormatIsoDate(release)};
    ASSIGN_OR_RETURN(const CustodyEpisodeView view, custody.Create(actor, person_id, input));
    ++made;
    // The first half of each checklist done, as the resettlement work would be by now.
    for (size_t item = 0; item < view.checklist.size() / 2; ++item) {
      const CustodyChecklistItem& entry = view.checklist[item];
      RETURN_IF_ERROR(custody
                          .UpdateItem(actor, person_id, view.episode.id, entry.id, entry.version,
                                      {.state = "done",
                                       .completed_on = FormatIsoDate(today - days(3)),
                                       .note = "Done with the prison offender manager"})
                          .status());
    }
  }
  return made;
}

}  // namespace openiom
