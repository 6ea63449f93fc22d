// Custody episodes and their resettlement checklists (domain/cases/custody.h).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/status.h"
#include "domain/cases/custody.h"
#include "domain/people/event.h"

namespace openiom {

// The events an episode recorded in the person's history (custody_start, release, recall): their ids, so that a
// changed date changes its event and a cleared one removes it.
struct CustodyEvents {
  std::optional<EventId> start, release, recall;
};

// One row of the releases list: an episode still in custody, its person and its checklist's open items.
struct ReleaseDue {
  CustodyEpisode episode;
  std::string surname, forenames;
  int open_items = 0;     // checklist items still open
  int overdue_items = 0;  // of which past their due date on the day asked
};

class CustodyRepository {
 public:
  virtual ~CustodyRepository() = default;

  // Inserts `episode` (its id and version are ignored: it is stored as version 1) and returns its id. NotFound when
  // the person does not exist.
  virtual Result<CustodyEpisodeId> Create(const CustodyEpisode& episode) = 0;
  // The episode with `id`, NotFound when there is none.
  virtual Result<CustodyEpisode> Get(CustodyEpisodeId id) = 0;
  // A person's episodes, newest first (by start, then id).
  virtual Result<std::vector<CustodyEpisode>> ListForPerson(PersonId person_id) = 0;
  // Saves the episode's fields if its stored version is still `episode.version`, and increments the version; Stale
  // otherwise (someone changed it since it was read), NotFound when there is no such episode.
  virtual Status Update(const CustodyEpisode& episode) = 0;

  // The events the episode recorded (none for an episode just created).
  virtual Result<CustodyEvents> Events(CustodyEpisodeId id) = 0;
  virtual Status SetEvents(CustodyEpisodeId id, const CustodyEvents& events) = 0;

  // Inserts one checklist item (state open unless `item.state` says otherwise) and returns its id; Conflict when the
  // episode already has that item.
  virtual Result<int64_t> AddItem(const CustodyChecklistItem& item) = 0;
  // The item with `id`, NotFound when there is none.
  virtual Result<CustodyChecklistItem> GetItem(int64_t id) = 0;
  // The episode's items, in the order of the ChecklistItem table.
  virtual Result<std::vector<CustodyChecklistItem>> Items(CustodyEpisodeId episode_id) = 0;
  // Saves the item's state, completion and note if its stored version is still `item.version`, and increments the
  // version; Stale otherwise.
  virtual Status UpdateItem(const CustodyChecklistItem& item) = 0;
  // Sets the due date of the episode's item `item` (after the expected release changed); no version change, as
  // nothing the user typed is overwritten.
  virtual Status SetDueOn(CustodyEpisodeId episode_id, ChecklistItem item, std::optional<Date> due_on) = 0;

  // The episodes with no release recorded whose expected release is from `from` to `to` inclusive, soonest first
  // (then by surname), with their open and overdue (on `from`) checklist items counted.
  virtual Result<std::vector<ReleaseDue>> ReleasesBetween(Date from, Date to) = 0;
};

}  // namespace openiom
