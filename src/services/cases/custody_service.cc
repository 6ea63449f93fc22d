#include "services/cases/custody_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/strings.h"
#include "services/access/use_case.h"
#include "storage/cases/custody_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

constexpr int kMaxReleasesDays = 366;

// A date field as typed: "" is none; anything else must be YYYY-MM-DD. `required` fields say so when empty.
std::optional<Date> ReadDate(const std::string& text, std::string_view field, std::string_view label, bool required,
                             FieldProblems& problems) {
  const std::string_view trimmed = Trim(text);
  if (trimmed.empty()) {
    if (required) problems.push_back({std::string(field), fmt::format("Enter {}", label)});
    return std::nullopt;
  }
  auto date = ParseIsoDate(trimmed);
  if (!date.ok()) {
    problems.push_back({std::string(field), fmt::format("Enter {} as a real date, for example 2026-12-18", label)});
    return std::nullopt;
  }
  return *date;
}

// The episode the input describes (over `base`, which keeps its id, person, author and version), with the problems
// of dates that cannot be read; the domain's rules are checked on the result by the caller.
CustodyEpisode ReadEpisode(const CustodyEpisodeInput& input, CustodyEpisode base, FieldProblems& problems) {
  base.establishment = std::string(Trim(input.establishment));
  base.sentence = std::string(Trim(input.sentence));
  if (auto started = ReadDate(input.started_on, "started_on", "the date custody started", true, problems)) {
    base.started_on = *started;
  }
  base.expected_release_on =
      ReadDate(input.expected_release_on, "expected_release_on", "the expected release date", false, problems);
  base.released_on = ReadDate(input.released_on, "released_on", "the release date", false, problems);
  base.recalled_on = ReadDate(input.recalled_on, "recalled_on", "the recall date", false, problems);
  base.licence_end_on = ReadDate(input.licence_end_on, "licence_end_on", "the licence end date", false, problems);
  return base;
}

// Problems reading the input first (a date that is not one is not also "before the start"), then the rules.
Status CheckEpisode(const CustodyEpisodeInput& input, const CustodyEpisode& base, Date today) {
  FieldProblems problems;
  const CustodyEpisode episode = ReadEpisode(input, base, problems);
  if (problems.empty()) {
    problems = CustodyEpisodeProblems(episode, today);
  } else {
    // A date that cannot be read makes the rules about dates meaningless, but the form should still say at once
    // what else is wrong: the establishment's and the sentence's own problems, first, as the form asks for them.
    FieldProblems fields;
    for (FieldProblem& problem : CustodyEpisodeProblems(episode, today)) {
      if (problem.field == "establishment" || problem.field == "sentence") fields.push_back(std::move(problem));
    }
    problems.insert(problems.begin(), fields.begin(), fields.end());
  }
  if (problems.empty()) return Status::Ok();
  const size_t count = problems.size();
  return Status::Invalid(std::move(problems), fmt::format("the custody episode is not valid ({} {})", count,
                                                          count == 1 ? "problem" : "problems"));
}

bool IsPpo(const std::vector<CohortMembership>& memberships) {
  return std::any_of(memberships.begin(), memberships.end(), [](const CohortMembership& m) {
    return !m.deselected_on && m.scheme == Scheme::kPpo;
  });
}

// Another of the person's episodes with no release recorded, when `episode` has none either: one person is in one
// prison at a time, and the releases list and BRAG's "in custody" must not disagree about which.
Status CheckOneInCustody(const std::vector<CustodyEpisode>& episodes, const CustodyEpisode& episode) {
  if (!InCustody(episode)) return Status::Ok();
  for (const CustodyEpisode& other : episodes) {
    if (other.id != episode.id && InCustody(other)) {
      return Status::Conflict(fmt::format(
          "custody episode {} has no release recorded: record that release before another episode in custody",
          other.id));
    }
  }
  return Status::Ok();
}

// Makes the person's history hold one event of `kind` on `date` for this episode (source "custody-ID-SUFFIX"), or
// none when `date` is unset: creating, moving or removing the event the episode recorded, so that a corrected date
// corrects the history rather than adding to it. Returns the event's id, if any.
Result<std::optional<EventId>> KeepEvent(Transaction& transaction, const Actor& actor, const CustodyEpisode& episode,
                                         EventKind kind, std::string_view suffix, std::optional<Date> date,
                                         std::optional<EventId> existing, Timestamp now) {
  EventRepository& events = transaction.Get<EventRepository>();
  if (!date) {
    if (existing) {
      const Status removed = events.Remove(*existing);
      if (!removed.ok() && removed.code() != StatusCode::kNotFound) return removed;
    }
    return std::optional<EventId>();
  }
  if (existing) {
    const Status moved = events.SetEventDate(*existing, *date, now);
    if (moved.ok()) return existing;
    if (moved.code() != StatusCode::kNotFound) return moved;  // gone from the history: recorded again below
  }
  // The same rule as any event recorded by hand: only the agencies entitled to this kind record it.
  if (const Decision decision = Decide(AccessRequest{.actor = actor, .action = Action::kRecordEvent, .event_kind = kind});
      !decision.allowed) {
    return Status::PermissionDenied(decision.reason);
  }
  ASSIGN_OR_RETURN(const EventId id,
                   events.Create({.person_id = episode.person_id,
                                  .kind = kind,
                                  .event_date = *date,
                                  .source_system = actor.agency_name,
                                  .source_record_id = fmt::format("custody-{}-{}", episode.id, suffix),
                                  .recorded_at = now},
                                 std::nullopt));
  return std::optional<EventId>(id);
}

Result<CustodyEvents> KeepEvents(Transaction& transaction, const Actor& actor, const CustodyEpisode& episode,
                                 const CustodyEvents& existing, Timestamp now) {
  CustodyEvents events;
  ASSIGN_OR_RETURN(events.start, KeepEvent(transaction, actor, episode, EventKind::kCustodyStart, "start",
                                           episode.started_on, existing.start, now));
  ASSIGN_OR_RETURN(events.release, KeepEvent(transaction, actor, episode, EventKind::kRelease, "release",
                                             episode.released_on, existing.release, now));
  ASSIGN_OR_RETURN(events.recall, KeepEvent(transaction, actor, episode, EventKind::kRecall, "recall",
                                            episode.recalled_on, existing.recall, now));
  RETURN_IF_ERROR(transaction.Get<CustodyRepository>().SetEvents(episode.id, events));
  return events;
}

std::string EventIds(const CustodyEvents& events) {
  std::vector<std::string> ids;
  for (const auto& [name, id] : {std::pair{"start", events.start}, std::pair{"release", events.release},
                                 std::pair{"recall", events.recall}}) {
    if (id) ids.push_back(fmt::format("{} event {}", name, *id));
  }
  return ids.empty() ? "no events" : Join(ids, ", ");
}

}  // namespace

Result<CustodyRecord> CustodyService::Get(const Actor& actor, PersonId person_id) {
  CustodyRecord record;
  RETURN_IF_ERROR(Audited(
      database_, audit_, UseCase::OnPerson(actor, Action::kViewCustody, person_id, {NoSuchPerson()}),
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(record.person, transaction.Get<PersonRepository>().Get(person_id));
        ASSIGN_OR_RETURN(const std::vector<Event> warrants, transaction.Get<EventRepository>().OpenWarrants(person_id));
        record.has_open_warrant = !warrants.empty();
        ASSIGN_OR_RETURN(const std::vector<CohortMembership> memberships,
                         transaction.Get<PanelRepository>().MembershipsFor(person_id));
        record.is_ppo = IsPpo(memberships);
        CustodyRepository& custody = transaction.Get<CustodyRepository>();
        ASSIGN_OR_RETURN(const std::vector<CustodyEpisode> episodes, custody.ListForPerson(person_id));
        for (const CustodyEpisode& episode : episodes) {
          ASSIGN_OR_RETURN(std::vector<CustodyChecklistItem> checklist, custody.Items(episode.id));
          record.episodes.push_back({episode, std::move(checklist)});
        }
        entry.detail = fmt::format("{}; custody: {} episodes", entry.basis, record.episodes.size());
        return Status::Ok();
      }));
  return record;
}

Result<CustodyEpisodeView> CustodyService::Create(const Actor& actor, PersonId person_id,
                                                  const CustodyEpisodeInput& input, std::optional<Person>* shown) {
  const Date today = clock_.Today();
  const CustodyEpisode base{.person_id = person_id, .recorded_by = actor.username, .version = 1};
  CustodyEpisodeView view;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kRecordCustody, person_id, {NoSuchPerson()});
  const Status status = Audited(
      database_, audit_, use_case, [&] { return CheckEpisode(input, base, today); },
      [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = std::move(person);
        FieldProblems unused;
        CustodyEpisode episode = ReadEpisode(input, base, unused);
        CustodyRepository& custody = transaction.Get<CustodyRepository>();
        ASSIGN_OR_RETURN(const std::vector<CustodyEpisode> episodes, custody.ListForPerson(person_id));
        RETURN_IF_ERROR(CheckOneInCustody(episodes, episode));
        ASSIGN_OR_RETURN(episode.id, custody.Create(episode));
        ASSIGN_OR_RETURN(const std::vector<CohortMembership> memberships,
                         transaction.Get<PanelRepository>().MembershipsFor(person_id));
        // The checklist is made once, with the episode: later changes to the cohort do not add or remove items.
        for (ChecklistItem item : ChecklistFor(IsPpo(memberships))) {
          RETURN_IF_ERROR(custody
                              .AddItem({.episode_id = episode.id,
                                        .item = item,
                                        .due_on = ChecklistDueOn(rules_, item, episode.started_on,
                                                                 episode.expected_release_on)})
                              .status());
        }
        ASSIGN_OR_RETURN(const CustodyEvents events, KeepEvents(transaction, actor, episode, {}, clock_.Now()));
        ASSIGN_OR_RETURN(view.episode, custody.Get(episode.id));
        ASSIGN_OR_RETURN(view.checklist, custody.Items(episode.id));
        entry.detail = fmt::format("custody episode {} recorded: {} checklist items; {}", episode.id,
                                   view.checklist.size(), EventIds(events));
        return Status::Ok();
      });
  ShowAgain<Person>(database_, audit_, use_case, status, shown,
                    [&](Transaction& transaction) { return transaction.Get<PersonRepository>().Get(person_id); });
  RETURN_IF_ERROR(status);
  return view;
}

Result<CustodyEpisodeView> CustodyService::Update(const Actor& actor, PersonId person_id, CustodyEpisodeId episode_id,
                                                  int expected_version, const CustodyEpisodeInput& input,
                                                  std::optional<Person>* shown) {
  const Date today = clock_.Today();
  CustodyEpisodeView view;
  const UseCase use_case = UseCase::OnPerson(
      actor, Action::kRecordCustody, person_id,
      {{StatusCode::kNotFound, fmt::format("no such person or custody episode {}", episode_id)},
       {StatusCode::kStale, fmt::format("custody episode {}: stale version {}", episode_id, expected_version)}});
  // The dates' and fields' problems do not depend on what is stored, so they are found before anything is read.
  const auto check = [&] { return CheckEpisode(input, CustodyEpisode{}, today); };
  const Status status = Audited(
      database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(Person person, transaction.Get<PersonRepository>().Get(person_id));
        if (shown != nullptr) *shown = std::move(person);
        CustodyRepository& custody = transaction.Get<CustodyRepository>();
        auto before = custody.Get(episode_id);
        if (!before.ok() || before->person_id != person_id) {
          return Status::NotFound(fmt::format("custody episode {} is not one of person {}'s", episode_id, person_id));
        }
        if (before->version != expected_version) {
          return Status::Stale(fmt::format(
              "custody episode {} has been changed since version {} was read (it is now version {}); read it again",
              episode_id, expected_version, before->version));
        }
        FieldProblems unused;
        const CustodyEpisode episode = ReadEpisode(input, *before, unused);
        ASSIGN_OR_RETURN(const std::vector<CustodyEpisode> episodes, custody.ListForPerson(person_id));
        RETURN_IF_ERROR(CheckOneInCustody(episodes, episode));
        RETURN_IF_ERROR(custody.Update(episode));
        // Due dates follow the expected release and the start (ChecklistDueOn), whatever the item's state.
        if (episode.expected_release_on != before->expected_release_on || episode.started_on != before->started_on) {
          ASSIGN_OR_RETURN(const std::vector<CustodyChecklistItem> items, custody.Items(episode_id));
          for (const CustodyChecklistItem& item : items) {
            RETURN_IF_ERROR(custody.SetDueOn(
                episode_id, item.item,
                ChecklistDueOn(rules_, item.item, episode.started_on, episode.expected_release_on)));
          }
        }
        ASSIGN_OR_RETURN(const CustodyEvents existing, custody.Events(episode_id));
        ASSIGN_OR_RETURN(const CustodyEvents events, KeepEvents(transaction, actor, episode, existing, clock_.Now()));
        ASSIGN_OR_RETURN(view.episode, custody.Get(episode_id));
        ASSIGN_OR_RETURN(view.checklist, custody.Items(episode_id));
        entry.detail = fmt::format("custody episode {} changed to version {}; {}", episode_id, view.episode.version,
                                   EventIds(events));
        return Status::Ok();
      });
  ShowAgain<Person>(database_, audit_, use_case, status, shown,
                    [&](Transaction& transaction) { return transaction.Get<PersonRepository>().Get(person_id); });
  RETURN_IF_ERROR(status);
  return view;
}

Result<CustodyChecklistItem> CustodyService::UpdateItem(const Actor& actor, PersonId person_id,
                                                        CustodyEpisodeId episode_id, int64_t item_id,
                                                        int expected_version, const ChecklistUpdate& update,
                                                        std::optional<ChecklistItemView>* shown) {
  const Date today = clock_.Today();
  const std::optional<ChecklistState> state = Parse<ChecklistState>(update.state);
  FieldProblems read_problems;
  const std::optional<Date> on = ReadDate(update.completed_on, "completed_on", "the date", true, read_problems);
  const auto check = [&]() -> Status {
    FieldProblems problems;
    if (!state || *state == ChecklistState::kOpen) problems.push_back({"state", "Select done or not applicable"});
    problems.insert(problems.end(), read_problems.begin(), read_problems.end());
    if (problems.empty()) return Status::Ok();
    return Status::Invalid(std::move(problems), "the checklist update is not valid");
  };
  // The item, its episode and its person, when the item is of that episode of that person.
  const auto read = [&](Transaction& transaction) -> Result<ChecklistItemView> {
    CustodyRepository& custody = transaction.Get<CustodyRepository>();
    const auto not_found = [&] {
      return Status::NotFound(
          fmt::format("checklist item {} is not one of custody episode {} of person {}", item_id, episode_id, person_id));
    };
    auto item = custody.GetItem(item_id);
    if (!item.ok() || item->episode_id != episode_id) return not_found();
    auto episode = custody.Get(episode_id);
    if (!episode.ok() || episode->person_id != person_id) return not_found();
    ASSIGN_OR_RETURN(Person person, transaction.Get<PersonRepository>().Get(person_id));
    return ChecklistItemView{std::move(person), *std::move(episode), *std::move(item)};
  };
  CustodyChecklistItem saved;
  const UseCase use_case = UseCase::OnPerson(
      actor, Action::kUpdateChecklist, person_id,
      {{StatusCode::kNotFound, fmt::format("no such person or checklist item {}", item_id)},
       {StatusCode::kStale, fmt::format("checklist item {}: stale version {}", item_id, expected_version)}});
  const Status status = Audited(
      database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(ChecklistItemView view, read(transaction));
        if (shown != nullptr) *shown = view;
        CustodyChecklistItem item = view.item;
        if (item.version != expected_version) {
          return Status::Stale(fmt::format(
              "checklist item {} has been changed since version {} was read (it is now version {}); read it again",
              item_id, expected_version, item.version));
        }
        if (FieldProblems problems = ChecklistUpdateProblems(*state, on, update.note, view.episode.started_on, today);
            !problems.empty()) {
          return Status::Invalid(std::move(problems), "the checklist update is not valid");
        }
        item.state = *state;
        item.completed_on = on;
        item.completed_by = actor.username;
        item.note = std::string(Trim(update.note));
        CustodyRepository& custody = transaction.Get<CustodyRepository>();
        RETURN_IF_ERROR(custody.UpdateItem(item));
        ASSIGN_OR_RETURN(saved, custody.GetItem(item_id));
        entry.detail = fmt::format("checklist item {} ({}) of custody episode {}: {}", item_id, CodeOf(saved.item),
                                   episode_id, CodeOf(saved.state));
        return Status::Ok();
      });
  ShowAgain<ChecklistItemView>(database_, audit_, use_case, status, shown, read);
  RETURN_IF_ERROR(status);
  return saved;
}

Result<std::vector<ReleaseDueView>> CustodyService::ReleasesDue(const Actor& actor, int days) {
  const Date today = clock_.Today();
  std::vector<ReleaseDueView> releases;
  const auto check = [&]() -> Status {
    if (days < 1 || days > kMaxReleasesDays) {
      return Status::Invalid("days", fmt::format("must be a whole number from 1 to {}", kMaxReleasesDays));
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(Audited(
      database_, audit_, {.actor = actor, .action = Action::kViewReleases, .object = ObjectKind::kCustodyEpisode},
      check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        ASSIGN_OR_RETURN(const std::vector<ReleaseDue> due,
                         transaction.Get<CustodyRepository>().ReleasesBetween(today, today + std::chrono::days{days}));
        for (const ReleaseDue& row : due) {
          releases.push_back({.episode = row.episode,
                              .surname = row.surname,
                              .forenames = row.forenames,
                              .countdown = ReleaseCountdown(row.episode, today).value_or(0),
                              .friday = IsFridayRelease(*row.episode.expected_release_on),
                              .open_items = row.open_items,
                              .overdue_items = row.overdue_items});
        }
        entry.detail = fmt::format("releases due in the next {} days: {}", days, releases.size());
        return Status::Ok();
      }));
  return releases;
}

}  // namespace openiom
