// The demo cohort's custody episodes (issue 10, part 7): see AddDemoCustody in demo_data.h.
#include <algorithm>

#include "domain/cases/custody.h"
#include "services/cases/custody_service.h"
#include "services/system/demo_data.h"
#include "storage/database.h"
#include "storage/people/event_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

using std::chrono::days;

constexpr std::string_view kEstablishments[] = {"HMP Holme House", "HMP Durham", "HMP Northumberland",
                                                 "HMYOI Deerbolt"};

// A member's newest event and whether they are in custody on `today` by their events (a custody start with no later
// release): an episode must not begin before what is already recorded, nor while they are inside.
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
    ASSIGN_OR_RETURN(const std::vector<CohortMembership> members,
                     transaction.Get<PanelRepository>().CurrentMembers());
    for (const CohortMembership& member : members) {
      ASSIGN_OR_RETURN(const std::vector<Event> events, transaction.Get<EventRepository>().ListForPerson(member.person_id));
      Facts facts{.person_id = member.person_id};
      std::optional<Date> custody_start, release;
      for (const Event& event : events) {
        facts.latest = std::max(facts.latest, event.event_date);
        if (event.kind == EventKind::kCustodyStart) custody_start = std::max(custody_start.value_or(Date{}), event.event_date);
        if (event.kind == EventKind::kRelease) release = std::max(release.value_or(Date{}), event.event_date);
      }
      facts.inside = custody_start && (!release || *release < *custody_start);
      candidates.push_back(facts);
    }
    return Status::Ok();
  }));
  // The quietest members first: those whose last recorded event is longest ago went to prison after it.
  std::sort(candidates.begin(), candidates.end(),
            [](const Facts& a, const Facts& b) { return a.latest != b.latest ? a.latest < b.latest : a.person_id < b.person_id; });
  // Four episodes: releases due in 6 days, on the Friday about a fortnight away (flagged), in 24 days (each with
  // the checklist under way), and one released 12 days ago on licence.
  struct Plan {
    int started_days_ago;
    int release_in_days;  // negative: already released that many days ago
    const char* sentence;
    bool friday = false;
  };
  constexpr Plan kPlans[] = {{150, 6, "10 months"}, {200, 12, "14 months", true}, {90, 24, "8 months"},
                             {160, -12, "6 months"}};
  int made = 0;
  size_t next = 0;
  for (const Plan& plan : kPlans) {
    const Date started = today - days(plan.started_days_ago);
    while (next < candidates.size() && (candidates[next].inside || candidates[next].latest >= started)) ++next;
    if (next == candidates.size()) break;
    const PersonId person_id = candidates[next++].person_id;
    Date release = today + days(plan.release_in_days);
    if (plan.friday) release = NextWeekday(release, std::chrono::Friday);
    CustodyEpisodeInput input{.establishment = std::string(kEstablishments[made % std::size(kEstablishments)]),
                              .started_on = FormatIsoDate(started),
                              .sentence = plan.sentence,
                              .expected_release_on = FormatIsoDate(release)};
    if (release <= today) {
      input.released_on = FormatIsoDate(release);
      input.licence_end_on = FormatIsoDate(release + days(180));
    }
    ASSIGN_OR_RETURN(const CustodyEpisodeView view, custody.Create(actor, person_id, input));
    ++made;
    // The first half of each checklist done, as the resettlement work would be by now.
    for (size_t item = 0; item < view.checklist.size() / 2; ++item) {
      const CustodyChecklistItem& entry = view.checklist[item];
      RETURN_IF_ERROR(custody
                          .UpdateItem(actor, person_id, view.episode.id, entry.id, entry.version,
                                      {.state = "done", .completed_on = FormatIsoDate(today - days(3)),
                                       .note = "Done with the prison offender manager"})
                          .status());
    }
  }
  return made;
}

}  // namespace openiom
