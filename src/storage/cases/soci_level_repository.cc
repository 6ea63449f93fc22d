// Service levels, schemes, statutory status and level decisions (see level_repository.h).
#include <type_traits>

#include <fmt/format.h>

#include "storage/cases/level_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

// Runs `select` for `person_id`, reading each row into `row` (which binds its own variables) and collecting
// row.Get().
template <typename Row, typename Value = std::remove_cvref_t<decltype(*std::declval<Row>().Get())>>
auto Rows(soci::session& sql, std::string_view what, const std::string& select, long long person_id) {
  return Guard(what, [&]() -> Result<std::vector<Value>> {
    Row row;
    soci::statement st(sql);
    st.alloc();
    st.prepare(select);
    row.Bind(st);
    st.exchange(soci::use(person_id, "person"));
    st.define_and_bind();
    st.execute();
    std::vector<Value> found;
    while (st.fetch()) {
      ASSIGN_OR_RETURN(Value value, row.Get());
      found.push_back(std::move(value));
    }
    return found;
  });
}

struct ChangeRow {
  long long id = 0, person_id = 0;
  std::string level, on, reason, by, at;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(level));
    st.exchange(soci::into(on));
    st.exchange(soci::into(reason));
    st.exchange(soci::into(by));
    st.exchange(soci::into(at));
  }
  Result<LevelChange> Get() const {
    LevelChange c{.id = id, .person_id = person_id, .reason = reason, .changed_by = by};
    ASSIGN_OR_RETURN(c.level, FromColumn<ServiceLevel>(level, "level"));
    ASSIGN_OR_RETURN(c.on, DateFromColumn(on, "changed_on"));
    ASSIGN_OR_RETURN(c.changed_at, TimestampFromColumn(at, "changed_at"));
    return c;
  }
};

struct SchemeRow {
  long long id = 0, person_id = 0, version = 0;
  std::string scheme, starts, ends, left, reason, added_by, left_by;
  soci::indicator ends_ind = soci::i_ok, left_ind = soci::i_ok, left_by_ind = soci::i_ok;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(scheme));
    st.exchange(soci::into(starts));
    st.exchange(soci::into(ends, ends_ind));
    st.exchange(soci::into(left, left_ind));
    st.exchange(soci::into(reason));
    st.exchange(soci::into(added_by));
    st.exchange(soci::into(left_by, left_by_ind));
    st.exchange(soci::into(version));
  }
  Result<SchemeMembership> Get() const {
    SchemeMembership m{.id = id, .person_id = person_id, .reason = reason, .added_by = added_by,
                       .left_by = ValueOr(left_by, left_by_ind), .version = static_cast<int>(version)};
    ASSIGN_OR_RETURN(m.scheme, FromColumn<CaseScheme>(scheme, "scheme"));
    ASSIGN_OR_RETURN(m.starts_on, DateFromColumn(starts, "starts_on"));
    ASSIGN_OR_RETURN(m.ends_on, OptionalDateFromColumn(ends, ends_ind, "ends_on"));
    ASSIGN_OR_RETURN(m.left_on, OptionalDateFromColumn(left, left_ind, "left_on"));
    return m;
  }
};

struct StatusRow {
  long long id = 0, person_id = 0;
  std::string kind, starts, ends, by, at;
  soci::indicator ends_ind = soci::i_ok;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(starts));
    st.exchange(soci::into(ends, ends_ind));
    st.exchange(soci::into(by));
    st.exchange(soci::into(at));
  }
  Result<StatutoryStatus> Get() const {
    StatutoryStatus s{.id = id, .person_id = person_id, .recorded_by = by};
    ASSIGN_OR_RETURN(s.kind, FromColumn<StatutoryKind>(kind, "kind"));
    ASSIGN_OR_RETURN(s.starts_on, DateFromColumn(starts, "starts_on"));
    ASSIGN_OR_RETURN(s.ends_on, OptionalDateFromColumn(ends, ends_ind, "ends_on"));
    ASSIGN_OR_RETURN(s.recorded_at, TimestampFromColumn(at, "recorded_at"));
    return s;
  }
};

struct DecisionRow {
  long long id = 0, person_id = 0;
  std::string direction, from, to, decision, through, on, reason, by;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(direction));
    st.exchange(soci::into(from));
    st.exchange(soci::into(to));
    st.exchange(soci::into(decision));
    st.exchange(soci::into(through));
    st.exchange(soci::into(on));
    st.exchange(soci::into(reason));
    st.exchange(soci::into(by));
  }
  Result<LevelDecision> Get() const {
    LevelDecision d{.id = id, .person_id = person_id, .reason = reason, .decided_by = by};
    ASSIGN_OR_RETURN(d.direction, FromColumn<LevelDirection>(direction, "direction"));
    ASSIGN_OR_RETURN(d.from, FromColumn<ServiceLevel>(from, "from_level"));
    ASSIGN_OR_RETURN(d.to, FromColumn<ServiceLevel>(to, "to_level"));
    ASSIGN_OR_RETURN(d.decision, FromColumn<LevelDecisionKind>(decision, "decision"));
    ASSIGN_OR_RETURN(d.facts_through, DateFromColumn(through, "facts_through"));
    ASSIGN_OR_RETURN(d.decided_on, DateFromColumn(on, "decided_on"));
    return d;
  }
};

class SociLevelRepository final : public LevelRepository {
 public:
  explicit SociLevelRepository(soci::session& sql) : sql_(sql) {}

  Result<int64_t> AddChange(const LevelChange& c) override {
    return Guard("recording a service level", [&]() -> Result<int64_t> {
      long long person = c.person_id, id = 0;
      std::string level(CodeOf(c.level)), on = FormatIsoDate(c.on), reason = c.reason, by = c.changed_by,
          at = FormatIsoTimestamp(c.changed_at);
      sql_ << "INSERT INTO service_level (person_id, level, changed_on, reason, changed_by, changed_at) VALUES "
              "(:person, :level, :on, :reason, :by, :at) RETURNING id",
          soci::use(person, "person"), soci::use(level, "level"), soci::use(on, "on"), soci::use(reason, "reason"),
          soci::use(by, "by"), soci::use(at, "at"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<int64_t> AddScheme(const SchemeMembership& m) override {
    return Guard("recording a scheme", [&]() -> Result<int64_t> {
      long long person = m.person_id, id = 0;
      std::string scheme(CodeOf(m.scheme)), starts = FormatIsoDate(m.starts_on),
          ends = m.ends_on ? FormatIsoDate(*m.ends_on) : "", reason = m.reason, by = m.added_by;
      soci::indicator ends_ind = NullIfEmpty(ends);
      sql_ << "INSERT INTO person_scheme (person_id, scheme, starts_on, ends_on, reason, added_by) VALUES "
              "(:person, :scheme, :starts, :ends, :reason, :by) RETURNING id",
          soci::use(person, "person"), soci::use(scheme, "scheme"), soci::use(starts, "starts"),
          soci::use(ends, ends_ind, "ends"), soci::use(reason, "reason"), soci::use(by, "by"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<int64_t> AddStatus(const StatutoryStatus& s) override {
    return Guard("recording a statutory status", [&]() -> Result<int64_t> {
      long long person = s.person_id, id = 0;
      std::string kind(CodeOf(s.kind)), starts = FormatIsoDate(s.starts_on),
          ends = s.ends_on ? FormatIsoDate(*s.ends_on) : "", by = s.recorded_by, at = FormatIsoTimestamp(s.recorded_at);
      soci::indicator ends_ind = NullIfEmpty(ends);
      sql_ << "INSERT INTO statutory_status (person_id, kind, starts_on, ends_on, recorded_by, recorded_at) VALUES "
              "(:person, :kind, :starts, :ends, :by, :at) RETURNING id",
          soci::use(person, "person"), soci::use(kind, "kind"), soci::use(starts, "starts"),
          soci::use(ends, ends_ind, "ends"), soci::use(by, "by"), soci::use(at, "at"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<int64_t> AddDecision(const LevelDecision& d) override {
    return Guard("recording a level decision", [&]() -> Result<int64_t> {
      long long person = d.person_id, id = 0;
      std::string direction(CodeOf(d.direction)), from(CodeOf(d.from)), to(CodeOf(d.to)),
          decision(CodeOf(d.decision)), through = FormatIsoDate(d.facts_through), on = FormatIsoDate(d.decided_on),
          reason = d.reason, by = d.decided_by;
      sql_ << "INSERT INTO level_decision (person_id, direction, from_level, to_level, decision, facts_through, "
              "decided_on, reason, decided_by) VALUES (:person, :direction, :from_level, :to_level, :decision, "
              ":through, :on, :reason, :by) RETURNING id",
          soci::use(person, "person"), soci::use(direction, "direction"), soci::use(from, "from_level"),
          soci::use(to, "to_level"), soci::use(decision, "decision"), soci::use(through, "through"),
          soci::use(on, "on"), soci::use(reason, "reason"), soci::use(by, "by"), soci::into(id);
      return int64_t{id};
    });
  }

  Status LeaveScheme(const SchemeMembership& m) override {
    return Guard("taking a person off a scheme", [&]() -> Status {
      long long id = m.id;
      int version = m.version;
      std::string left = m.left_on ? FormatIsoDate(*m.left_on) : "", by = m.left_by;
      soci::indicator left_ind = NullIfEmpty(left);
      soci::statement st = (sql_.prepare << "UPDATE person_scheme SET left_on = :left_on, left_by = :by, version = "
                                            "version + 1 WHERE id = :id AND version = :version",
                            soci::use(left, left_ind, "left_on"), soci::use(by, "by"), soci::use(id, "id"),
                            soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return Status::Stale("someone changed this scheme meanwhile: reload and check");
      return Status::Ok();
    });
  }

  Result<std::vector<LevelChange>> ChangesFor(PersonId person_id) override {
    return Rows<ChangeRow>(sql_, "reading service levels",
                           "SELECT id, person_id, level, CAST(changed_on AS TEXT), reason, changed_by, "
                           "CAST(changed_at AS TEXT) FROM service_level WHERE person_id = :person ORDER BY "
                           "changed_on, id",
                           person_id);
  }
  Result<std::vector<SchemeMembership>> SchemesFor(PersonId person_id) override {
    return Rows<SchemeRow>(sql_, "reading schemes",
                           "SELECT id, person_id, scheme, CAST(starts_on AS TEXT), CAST(ends_on AS TEXT), "
                           "CAST(left_on AS TEXT), reason, added_by, left_by, version FROM person_scheme WHERE "
                           "person_id = :person ORDER BY starts_on, id",
                           person_id);
  }
  Result<std::vector<StatutoryStatus>> StatusesFor(PersonId person_id) override {
    return Rows<StatusRow>(sql_, "reading statutory status",
                           "SELECT id, person_id, kind, CAST(starts_on AS TEXT), CAST(ends_on AS TEXT), recorded_by, "
                           "CAST(recorded_at AS TEXT) FROM statutory_status WHERE person_id = :person ORDER BY "
                           "starts_on, id",
                           person_id);
  }
  Result<std::vector<LevelDecision>> DecisionsFor(PersonId person_id) override {
    return Rows<DecisionRow>(sql_, "reading level decisions",
                             "SELECT id, person_id, direction, from_level, to_level, decision, "
                             "CAST(facts_through AS TEXT), CAST(decided_on AS TEXT), reason, decided_by FROM "
                             "level_decision WHERE person_id = :person ORDER BY decided_on, id",
                             person_id);
  }

 private:
  soci::session& sql_;
};

}  // namespace

std::unique_ptr<LevelRepository> MakeRepository(RepositoryTag<LevelRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociLevelRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::LevelRepository& openiom::Transaction::Get<openiom::LevelRepository>();
