// Custody episodes and checklists (see custody_repository.h).
#include <algorithm>

#include <fmt/format.h>

#include "storage/cases/custody_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kEpisodeColumns =
    "e.id, e.person_id, e.establishment, CAST(e.started_on AS TEXT), e.sentence, "
    "CAST(e.expected_release_on AS TEXT), CAST(e.released_on AS TEXT), CAST(e.recalled_on AS TEXT), "
    "CAST(e.licence_end_on AS TEXT), e.recorded_by, e.version";
constexpr std::string_view kItemColumns =
    "i.id, i.episode_id, i.item, CAST(i.due_on AS TEXT), i.state, CAST(i.completed_on AS TEXT), i.completed_by, "
    "i.note, i.version";
constexpr std::string_view kInsertEpisode =
    "INSERT INTO custody_episode (person_id, establishment, started_on, sentence, expected_release_on, released_on, "
    "recalled_on, licence_end_on, recorded_by) VALUES (:person, :establishment, :started, :sentence, :expected, "
    ":released, :recalled, :licence_end, :by) RETURNING id";
constexpr std::string_view kUpdateEpisode =
    "UPDATE custody_episode SET establishment = :establishment, started_on = :started, sentence = :sentence, "
    "expected_release_on = :expected, released_on = :released, recalled_on = :recalled, "
    "licence_end_on = :licence_end, version = version + 1 WHERE id = :id AND version = :version";
constexpr std::string_view kCountPersonById = "SELECT COUNT(*) FROM person WHERE id = :id";
constexpr std::string_view kCountEpisodeById = "SELECT COUNT(*) FROM custody_episode WHERE id = :id";
constexpr std::string_view kSelectEvents =
    "SELECT start_event_id, release_event_id, recall_event_id FROM custody_episode WHERE id = :id";
constexpr std::string_view kSetEvents =
    "UPDATE custody_episode SET start_event_id = :start, release_event_id = :release, recall_event_id = :recall "
    "WHERE id = :id";
constexpr std::string_view kInsertItem =
    "INSERT INTO custody_checklist_item (episode_id, item, due_on, state, completed_on, completed_by, note) VALUES "
    "(:episode, :item, :due, :state, :completed_on, :completed_by, :note) RETURNING id";
constexpr std::string_view kUpdateItem =
    "UPDATE custody_checklist_item SET state = :state, completed_on = :completed_on, completed_by = :completed_by, "
    "note = :note, version = version + 1 WHERE id = :id AND version = :version";
constexpr std::string_view kSetDueOn =
    "UPDATE custody_checklist_item SET due_on = :due WHERE episode_id = :episode AND item = :item";
// Still in custody (no release recorded) with the release expected in the window; the checklist counted per episode.
constexpr std::string_view kReleasesBetween =
    "SELECT {}, p.surname, p.forenames, "
    "(SELECT COUNT(*) FROM custody_checklist_item i WHERE i.episode_id = e.id AND i.state = 'open'), "
    "(SELECT COUNT(*) FROM custody_checklist_item i WHERE i.episode_id = e.id AND i.state = 'open' "
    "AND i.due_on < :overdue_before) "
    "FROM custody_episode e JOIN person p ON p.id = e.person_id "
    "WHERE e.released_on IS NULL AND e.expected_release_on >= :from AND e.expected_release_on <= :to "
    "ORDER BY e.expected_release_on, p.name_key, e.id";

std::string OptionalIso(const std::optional<Date>& date) { return date ? FormatIsoDate(*date) : std::string(); }

// Variables a statement reads one episode into (kEpisodeColumns, in order).
struct EpisodeRow {
  long long id = 0, person_id = 0;
  int version = 0;
  std::string establishment, started_on, sentence, expected, released, recalled, licence_end, recorded_by;
  soci::indicator expected_ind = soci::i_ok, released_ind = soci::i_ok, recalled_ind = soci::i_ok,
                  licence_end_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(establishment));
    st.exchange(soci::into(started_on));
    st.exchange(soci::into(sentence));
    st.exchange(soci::into(expected, expected_ind));
    st.exchange(soci::into(released, released_ind));
    st.exchange(soci::into(recalled, recalled_ind));
    st.exchange(soci::into(licence_end, licence_end_ind));
    st.exchange(soci::into(recorded_by));
    st.exchange(soci::into(version));
  }

  Result<CustodyEpisode> Get() const {
    CustodyEpisode episode{.id = id, .person_id = person_id, .establishment = establishment, .sentence = sentence,
                           .recorded_by = recorded_by, .version = version};
    ASSIGN_OR_RETURN(episode.started_on, DateFromColumn(started_on, "started_on"));
    ASSIGN_OR_RETURN(episode.expected_release_on,
                     OptionalDateFromColumn(expected, expected_ind, "expected_release_on"));
    ASSIGN_OR_RETURN(episode.released_on, OptionalDateFromColumn(released, released_ind, "released_on"));
    ASSIGN_OR_RETURN(episode.recalled_on, OptionalDateFromColumn(recalled, recalled_ind, "recalled_on"));
    ASSIGN_OR_RETURN(episode.licence_end_on, OptionalDateFromColumn(licence_end, licence_end_ind, "licence_end_on"));
    return episode;
  }
};

// Variables a statement reads one checklist item into (kItemColumns, in order).
struct ItemRow {
  long long id = 0, episode_id = 0;
  int version = 0;
  std::string item, due_on, state, completed_on, completed_by, note;
  soci::indicator due_ind = soci::i_ok, completed_on_ind = soci::i_ok, completed_by_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(episode_id));
    st.exchange(soci::into(item));
    st.exchange(soci::into(due_on, due_ind));
    st.exchange(soci::into(state));
    st.exchange(soci::into(completed_on, completed_on_ind));
    st.exchange(soci::into(completed_by, completed_by_ind));
    st.exchange(soci::into(note));
    st.exchange(soci::into(version));
  }

  Result<CustodyChecklistItem> Get() const {
    CustodyChecklistItem row{.id = id, .episode_id = episode_id,
                             .completed_by = ValueOr(completed_by, completed_by_ind), .note = note,
                             .version = version};
    ASSIGN_OR_RETURN(row.item, FromColumn<ChecklistItem>(item, "item"));
    ASSIGN_OR_RETURN(row.state, FromColumn<ChecklistState>(state, "state"));
    ASSIGN_OR_RETURN(row.due_on, OptionalDateFromColumn(due_on, due_ind, "due_on"));
    ASSIGN_OR_RETURN(row.completed_on, OptionalDateFromColumn(completed_on, completed_on_ind, "completed_on"));
    return row;
  }
};

class SociCustodyRepository final : public CustodyRepository {
 public:
  explicit SociCustodyRepository(soci::session& sql) : sql_(sql) {}

  Result<CustodyEpisodeId> Create(const CustodyEpisode& episode) override {
    return Guard("recording a custody episode", [&]() -> Result<CustodyEpisodeId> {
      long long person = episode.person_id, id = 0;
      int count = 0;
      // Checked first so the caller gets a reason rather than a bare constraint failure.
      sql_ << kCountPersonById, soci::use(person, "id"), soci::into(count);
      if (count == 0) return Status::NotFound(fmt::format("person {} does not exist", episode.person_id));
      std::string establishment = episode.establishment, started = FormatIsoDate(episode.started_on),
                  sentence = episode.sentence, expected = OptionalIso(episode.expected_release_on),
                  released = OptionalIso(episode.released_on), recalled = OptionalIso(episode.recalled_on),
                  licence_end = OptionalIso(episode.licence_end_on), by = episode.recorded_by;
      soci::indicator expected_ind = NullIfEmpty(expected), released_ind = NullIfEmpty(released),
                      recalled_ind = NullIfEmpty(recalled), licence_end_ind = NullIfEmpty(licence_end);
      sql_ << kInsertEpisode, soci::use(person, "person"), soci::use(establishment, "establishment"),
          soci::use(started, "started"), soci::use(sentence, "sentence"),
          soci::use(expected, expected_ind, "expected"), soci::use(released, released_ind, "released"),
          soci::use(recalled, recalled_ind, "recalled"), soci::use(licence_end, licence_end_ind, "licence_end"),
          soci::use(by, "by"), soci::into(id);
      return CustodyEpisodeId{id};
    });
  }

  Result<CustodyEpisode> Get(CustodyEpisodeId id) override {
    ASSIGN_OR_RETURN(std::vector<CustodyEpisode> found, Episodes(" WHERE e.id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("custody episode {} does not exist", id));
    return found.front();
  }

  Result<std::vector<CustodyEpisode>> ListForPerson(PersonId person_id) override {
    return Episodes(" WHERE e.person_id = :id ORDER BY e.started_on DESC, e.id DESC", person_id);
  }

  Status Update(const CustodyEpisode& episode) override {
    return Guard("changing a custody episode", [&]() -> Status {
      long long id = episode.id;
      int version = episode.version;
      std::string establishment = episode.establishment, started = FormatIsoDate(episode.started_on),
                  sentence = episode.sentence, expected = OptionalIso(episode.expected_release_on),
                  released = OptionalIso(episode.released_on), recalled = OptionalIso(episode.recalled_on),
                  licence_end = OptionalIso(episode.licence_end_on);
      soci::indicator expected_ind = NullIfEmpty(expected), released_ind = NullIfEmpty(released),
                      recalled_ind = NullIfEmpty(recalled), licence_end_ind = NullIfEmpty(licence_end);
      soci::statement st =
          (sql_.prepare << kUpdateEpisode, soci::use(establishment, "establishment"), soci::use(started, "started"),
           soci::use(sentence, "sentence"), soci::use(expected, expected_ind, "expected"),
           soci::use(released, released_ind, "released"), soci::use(recalled, recalled_ind, "recalled"),
           soci::use(licence_end, licence_end_ind, "licence_end"), soci::use(id, "id"),
           soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() == 1) return Status::Ok();
      int count = 0;
      sql_ << kCountEpisodeById, soci::use(id, "id"), soci::into(count);
      if (count == 0) return Status::NotFound(fmt::format("custody episode {} does not exist", episode.id));
      return Status::Stale(fmt::format(
          "custody episode {} has been changed since version {} was read; read it again", episode.id, version));
    });
  }

  Result<CustodyEvents> Events(CustodyEpisodeId id) override {
    return Guard("reading a custody episode's events", [&]() -> Result<CustodyEvents> {
      long long episode = id, start = 0, release = 0, recall = 0;
      soci::indicator start_ind = soci::i_null, release_ind = soci::i_null, recall_ind = soci::i_null;
      sql_ << kSelectEvents, soci::use(episode, "id"), soci::into(start, start_ind),
          soci::into(release, release_ind), soci::into(recall, recall_ind);
      if (!sql_.got_data()) return Status::NotFound(fmt::format("custody episode {} does not exist", id));
      CustodyEvents events;
      if (start_ind == soci::i_ok) events.start = start;
      if (release_ind == soci::i_ok) events.release = release;
      if (recall_ind == soci::i_ok) events.recall = recall;
      return events;
    });
  }

  Status SetEvents(CustodyEpisodeId id, const CustodyEvents& events) override {
    return Guard("linking a custody episode's events", [&]() -> Status {
      long long episode = id, start = events.start.value_or(0), release = events.release.value_or(0),
                recall = events.recall.value_or(0);
      soci::indicator start_ind = events.start ? soci::i_ok : soci::i_null,
                      release_ind = events.release ? soci::i_ok : soci::i_null,
                      recall_ind = events.recall ? soci::i_ok : soci::i_null;
      soci::statement st = (sql_.prepare << kSetEvents, soci::use(start, start_ind, "start"),
                            soci::use(release, release_ind, "release"), soci::use(recall, recall_ind, "recall"),
                            soci::use(episode, "id"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return Status::NotFound(fmt::format("custody episode {} does not exist", id));
      return Status::Ok();
    });
  }

  Result<int64_t> AddItem(const CustodyChecklistItem& item) override {
    return Guard("adding a checklist item", [&]() -> Result<int64_t> {
      long long episode = item.episode_id, id = 0;
      std::string code(CodeOf(item.item)), due = OptionalIso(item.due_on), state(CodeOf(item.state)),
          completed_on = OptionalIso(item.completed_on), completed_by = item.completed_by, note = item.note;
      soci::indicator due_ind = NullIfEmpty(due), completed_on_ind = NullIfEmpty(completed_on),
                      completed_by_ind = NullIfEmpty(completed_by);
      sql_ << kInsertItem, soci::use(episode, "episode"), soci::use(code, "item"), soci::use(due, due_ind, "due"),
          soci::use(state, "state"), soci::use(completed_on, completed_on_ind, "completed_on"),
          soci::use(completed_by, completed_by_ind, "completed_by"), soci::use(note, "note"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<CustodyChecklistItem> GetItem(int64_t id) override {
    ASSIGN_OR_RETURN(std::vector<CustodyChecklistItem> found, SelectItems(" WHERE i.id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("checklist item {} does not exist", id));
    return found.front();
  }

  Result<std::vector<CustodyChecklistItem>> Items(CustodyEpisodeId episode_id) override {
    ASSIGN_OR_RETURN(std::vector<CustodyChecklistItem> items,
                     SelectItems(" WHERE i.episode_id = :id ORDER BY i.id", episode_id));
    // The table's order, whatever order they were added in.
    std::stable_sort(items.begin(), items.end(),
                     [](const CustodyChecklistItem& a, const CustodyChecklistItem& b) { return a.item < b.item; });
    return items;
  }

  Status UpdateItem(const CustodyChecklistItem& item) override {
    return Guard("changing a checklist item", [&]() -> Status {
      long long id = item.id;
      int version = item.version;
      std::string state(CodeOf(item.state)), completed_on = OptionalIso(item.completed_on),
          completed_by = item.completed_by, note = item.note;
      soci::indicator completed_on_ind = NullIfEmpty(completed_on), completed_by_ind = NullIfEmpty(completed_by);
      soci::statement st = (sql_.prepare << kUpdateItem, soci::use(state, "state"),
                            soci::use(completed_on, completed_on_ind, "completed_on"),
                            soci::use(completed_by, completed_by_ind, "completed_by"), soci::use(note, "note"),
                            soci::use(id, "id"), soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Stale(fmt::format("checklist item {} has been changed since version {} was read; read it again",
                                         item.id, version));
      }
      return Status::Ok();
    });
  }

  Status SetDueOn(CustodyEpisodeId episode_id, ChecklistItem item, std::optional<Date> due_on) override {
    return Guard("changing a checklist due date", [&]() -> Status {
      long long episode = episode_id;
      std::string code(CodeOf(item)), due = OptionalIso(due_on);
      soci::indicator due_ind = NullIfEmpty(due);
      sql_ << kSetDueOn, soci::use(due, due_ind, "due"), soci::use(episode, "episode"), soci::use(code, "item");
      return Status::Ok();
    });
  }

  Result<std::vector<ReleaseDue>> ReleasesBetween(Date from, Date to) override {
    return Guard("reading the releases due", [&]() -> Result<std::vector<ReleaseDue>> {
      EpisodeRow row;
      std::string surname, forenames, from_text = FormatIsoDate(from), to_text = FormatIsoDate(to),
                                      overdue_text = from_text;
      int open_items = 0, overdue_items = 0;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(fmt::format(fmt::runtime(kReleasesBetween), kEpisodeColumns));
      row.Bind(st);
      st.exchange(soci::into(surname));
      st.exchange(soci::into(forenames));
      st.exchange(soci::into(open_items));
      st.exchange(soci::into(overdue_items));
      st.exchange(soci::use(overdue_text, "overdue_before"));
      st.exchange(soci::use(from_text, "from"));
      st.exchange(soci::use(to_text, "to"));
      st.define_and_bind();
      st.execute();
      std::vector<ReleaseDue> releases;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(CustodyEpisode episode, row.Get());
        releases.push_back({.episode = std::move(episode), .surname = surname, .forenames = forenames,
                            .open_items = open_items, .overdue_items = overdue_items});
      }
      return releases;
    });
  }

 private:
  Result<std::vector<CustodyEpisode>> Episodes(const std::string& where, int64_t id) {
    return Guard("reading custody episodes", [&]() -> Result<std::vector<CustodyEpisode>> {
      EpisodeRow row;
      long long bound = id;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(fmt::format("SELECT {} FROM custody_episode e{}", kEpisodeColumns, where));
      row.Bind(st);
      st.exchange(soci::use(bound, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<CustodyEpisode> episodes;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(CustodyEpisode episode, row.Get());
        episodes.push_back(std::move(episode));
      }
      return episodes;
    });
  }

  Result<std::vector<CustodyChecklistItem>> SelectItems(const std::string& where, int64_t id) {
    return Guard("reading a checklist", [&]() -> Result<std::vector<CustodyChecklistItem>> {
      ItemRow row;
      long long bound = id;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(fmt::format("SELECT {} FROM custody_checklist_item i{}", kItemColumns, where));
      row.Bind(st);
      st.exchange(soci::use(bound, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<CustodyChecklistItem> items;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(CustodyChecklistItem item, row.Get());
        items.push_back(std::move(item));
      }
      return items;
    });
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<CustodyRepository> MakeRepository(RepositoryTag<CustodyRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociCustodyRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::CustodyRepository& openiom::Transaction::Get<openiom::CustodyRepository>();
