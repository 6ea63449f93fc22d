// Relationships, households and their members (see household_repository.h).
#include <fmt/format.h>

#include "storage/cases/household_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kRelationshipColumns =
    "SELECT id, from_person_id, to_person_id, kind, CAST(from_on AS TEXT), CAST(until_on AS TEXT), source, notes, "
    "recorded_by, CAST(recorded_at AS TEXT), ended_by, version FROM relationship";

// The person's name is joined in when read, so a corrected name shows as it is now.
constexpr std::string_view kMemberColumns =
    "SELECT m.id, m.household_id, m.person_id, CAST(m.from_on AS TEXT), CAST(m.until_on AS TEXT), m.added_by, "
    "CAST(m.added_at AS TEXT), m.ended_by, m.version, p.surname, p.forenames FROM household_member m "
    "JOIN person p ON p.id = m.person_id";

// Variables a statement reads one relationship into (kRelationshipColumns, in order).
struct RelationshipRow {
  long long id = 0, from_person = 0, to_person = 0, version = 0;
  std::string kind, from_on, until_on, source, notes, recorded_by, recorded_at, ended_by;
  soci::indicator until_ind = soci::i_ok, ended_by_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(from_person));
    st.exchange(soci::into(to_person));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(from_on));
    st.exchange(soci::into(until_on, until_ind));
    st.exchange(soci::into(source));
    st.exchange(soci::into(notes));
    st.exchange(soci::into(recorded_by));
    st.exchange(soci::into(recorded_at));
    st.exchange(soci::into(ended_by, ended_by_ind));
    st.exchange(soci::into(version));
  }

  Result<Relationship> Get() const {
    Relationship r{.id = id, .from_person_id = from_person, .to_person_id = to_person, .source = source,
                   .notes = notes, .recorded_by = recorded_by, .ended_by = ValueOr(ended_by, ended_by_ind),
                   .version = static_cast<int>(version)};
    ASSIGN_OR_RETURN(r.kind, FromColumn<RelationshipKind>(kind, "kind"));
    ASSIGN_OR_RETURN(r.from, DateFromColumn(from_on, "from_on"));
    ASSIGN_OR_RETURN(r.until, OptionalDateFromColumn(until_on, until_ind, "until_on"));
    ASSIGN_OR_RETURN(r.recorded_at, TimestampFromColumn(recorded_at, "recorded_at"));
    return r;
  }
};

// Variables a statement reads one stay into (kMemberColumns, in order).
struct MemberRow {
  long long id = 0, household = 0, person = 0, version = 0;
  std::string from_on, until_on, added_by, added_at, ended_by, surname, forenames;
  soci::indicator until_ind = soci::i_ok, ended_by_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(household));
    st.exchange(soci::into(person));
    st.exchange(soci::into(from_on));
    st.exchange(soci::into(until_on, until_ind));
    st.exchange(soci::into(added_by));
    st.exchange(soci::into(added_at));
    st.exchange(soci::into(ended_by, ended_by_ind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(surname));
    st.exchange(soci::into(forenames));
  }

  Result<HouseholdMember> Get() const {
    HouseholdMember m{.id = id, .household_id = household, .person_id = person, .added_by = added_by,
                      .ended_by = ValueOr(ended_by, ended_by_ind), .version = static_cast<int>(version),
                      .surname = surname, .forenames = forenames};
    ASSIGN_OR_RETURN(m.from, DateFromColumn(from_on, "from_on"));
    ASSIGN_OR_RETURN(m.until, OptionalDateFromColumn(until_on, until_ind, "until_on"));
    ASSIGN_OR_RETURN(m.added_at, TimestampFromColumn(added_at, "added_at"));
    return m;
  }
};

class SociHouseholdRepository final : public HouseholdRepository {
 public:
  explicit SociHouseholdRepository(soci::session& sql) : sql_(sql) {}

  Result<RelationshipId> AddRelationship(const Relationship& r) override {
    return Guard("recording a relationship", [&]() -> Result<RelationshipId> {
      long long from_person = r.from_person_id, to_person = r.to_person_id, id = 0;
      std::string kind(CodeOf(r.kind)), from = FormatIsoDate(r.from), until = r.until ? FormatIsoDate(*r.until) : "",
          source = r.source, notes = r.notes, by = r.recorded_by, at = FormatIsoTimestamp(r.recorded_at);
      soci::indicator until_ind = NullIfEmpty(until);
      sql_ << "INSERT INTO relationship (from_person_id, to_person_id, kind, from_on, until_on, source, notes, "
              "recorded_by, recorded_at) VALUES (:from_person, :to_person, :kind, :from_on, :until_on, :source, "
              ":notes, :by, :at) RETURNING id",
          soci::use(from_person, "from_person"), soci::use(to_person, "to_person"), soci::use(kind, "kind"),
          soci::use(from, "from_on"), soci::use(until, until_ind, "until_on"), soci::use(source, "source"),
          soci::use(notes, "notes"), soci::use(by, "by"), soci::use(at, "at"), soci::into(id);
      return RelationshipId{id};
    });
  }

  Result<Relationship> GetRelationship(RelationshipId id) override {
    ASSIGN_OR_RETURN(std::vector<Relationship> found, Relationships(" WHERE id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("relationship {} does not exist", id));
    return found.front();
  }

  Status EndRelationship(const Relationship& r) override {
    return Guard("ending a relationship", [&]() -> Status {
      return EndRow("relationship", r.id, r.version, r.until, r.ended_by, "relationship");
    });
  }

  Result<std::vector<Relationship>> RelationshipsOf(PersonId person_id) override {
    return Relationships(" WHERE from_person_id = :id OR to_person_id = :other ORDER BY from_on, id", person_id,
                         /*both_ends=*/true);
  }

  Result<HouseholdId> CreateHousehold(const Household& h) override {
    return Guard("recording a household", [&]() -> Result<HouseholdId> {
      long long id = 0;
      std::string line = h.address_line, postcode = h.postcode, by = h.created_by,
                  at = FormatIsoTimestamp(h.created_at);
      sql_ << "INSERT INTO household (address_line, postcode, created_by, created_at) VALUES (:line, :postcode, :by, "
              ":at) RETURNING id",
          soci::use(line, "line"), soci::use(postcode, "postcode"), soci::use(by, "by"), soci::use(at, "at"),
          soci::into(id);
      return HouseholdId{id};
    });
  }

  Result<Household> GetHousehold(HouseholdId id) override {
    Household household{.id = id};
    RETURN_IF_ERROR(Guard("reading a household", [&]() -> Status {
      long long key = id;
      std::string at;
      sql_ << "SELECT address_line, postcode, created_by, CAST(created_at AS TEXT) FROM household WHERE id = :id",
          soci::use(key, "id"), soci::into(household.address_line), soci::into(household.postcode),
          soci::into(household.created_by), soci::into(at);
      if (!sql_.got_data()) return Status::NotFound(fmt::format("household {} does not exist", id));
      ASSIGN_OR_RETURN(household.created_at, TimestampFromColumn(at, "created_at"));
      return Status::Ok();
    }));
    ASSIGN_OR_RETURN(household.members, Members(" WHERE m.household_id = :id ORDER BY m.from_on, m.id", id));
    return household;
  }

  Result<int64_t> AddMember(const HouseholdMember& m) override {
    return Guard("adding a household member", [&]() -> Result<int64_t> {
      long long household = m.household_id, person = m.person_id, id = 0;
      std::string from = FormatIsoDate(m.from), until = m.until ? FormatIsoDate(*m.until) : "", by = m.added_by,
                  at = FormatIsoTimestamp(m.added_at);
      soci::indicator until_ind = NullIfEmpty(until);
      sql_ << "INSERT INTO household_member (household_id, person_id, from_on, until_on, added_by, added_at) VALUES "
              "(:household, :person, :from_on, :until_on, :by, :at) RETURNING id",
          soci::use(household, "household"), soci::use(person, "person"), soci::use(from, "from_on"),
          soci::use(until, until_ind, "until_on"), soci::use(by, "by"), soci::use(at, "at"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<HouseholdMember> GetMember(int64_t id) override {
    ASSIGN_OR_RETURN(std::vector<HouseholdMember> found, Members(" WHERE m.id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("household stay {} does not exist", id));
    return found.front();
  }

  Status EndMember(const HouseholdMember& m) override {
    return Guard("ending a household stay", [&]() -> Status {
      return EndRow("household_member", m.id, m.version, m.until, m.ended_by, "household stay");
    });
  }

  Result<std::vector<HouseholdMember>> MembershipsOf(PersonId person_id) override {
    return Members(" WHERE m.person_id = :id ORDER BY m.from_on, m.id", person_id);
  }

  Result<std::vector<AddressedPerson>> PeopleAtPostcode(const std::string& normalised_postcode) override {
    return Guard("finding people at a postcode", [&]() -> Result<std::vector<AddressedPerson>> {
      std::string key = normalised_postcode;
      AddressedPerson row;
      long long id = 0;
      soci::indicator line_ind = soci::i_ok, postcode_ind = soci::i_ok;
      // The expression is the index's (0011_households.sql), so both backends use it.
      soci::statement st =
          (sql_.prepare << "SELECT id, surname, forenames, address_line, postcode FROM person "
                           "WHERE UPPER(REPLACE(postcode, ' ', '')) = :key ORDER BY id",
           soci::use(key, "key"), soci::into(id), soci::into(row.surname), soci::into(row.forenames),
           soci::into(row.address_line, line_ind), soci::into(row.postcode, postcode_ind));
      st.execute();
      std::vector<AddressedPerson> found;
      while (st.fetch()) {
        AddressedPerson person = row;
        person.person_id = id;
        if (line_ind != soci::i_ok) person.address_line.clear();
        if (postcode_ind != soci::i_ok) person.postcode.clear();
        found.push_back(std::move(person));
      }
      return found;
    });
  }

 private:
  // Sets until_on and ended_by on row `id` of `table` if its version is still `version`.
  Status EndRow(std::string_view table, int64_t id, int version, std::optional<Date> until, const std::string& by,
                std::string_view what) {
    long long key = id;
    int expected = version;
    std::string on = until ? FormatIsoDate(*until) : "", ended_by = by;
    soci::indicator on_ind = NullIfEmpty(on);
    soci::statement st = (sql_.prepare << fmt::format("UPDATE {} SET until_on = :until_on, ended_by = :by, version = "
                                                      "version + 1 WHERE id = :id AND version = :version",
                                                      table),
                          soci::use(on, on_ind, "until_on"), soci::use(ended_by, "by"), soci::use(key, "id"),
                          soci::use(expected, "version"));
    st.execute(true);
    if (st.get_affected_rows() != 1) return Status::Stale(fmt::format("someone changed this {} meanwhile: reload and check", what));
    return Status::Ok();
  }

  // The links matching `where`, which binds :id, and with `both_ends` :other (the same id: a name is bound once).
  Result<std::vector<Relationship>> Relationships(const std::string& where, long long id, bool both_ends = false) {
    return Guard("reading relationships", [&]() -> Result<std::vector<Relationship>> {
      RelationshipRow row;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string(kRelationshipColumns) + where);
      row.Bind(st);
      long long other = id;
      st.exchange(soci::use(id, "id"));
      if (both_ends) st.exchange(soci::use(other, "other"));
      st.define_and_bind();
      st.execute();
      std::vector<Relationship> found;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(Relationship r, row.Get());
        found.push_back(std::move(r));
      }
      return found;
    });
  }

  Result<std::vector<HouseholdMember>> Members(const std::string& where, long long id) {
    return Guard("reading household members", [&]() -> Result<std::vector<HouseholdMember>> {
      MemberRow row;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string(kMemberColumns) + where);
      row.Bind(st);
      st.exchange(soci::use(id, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<HouseholdMember> found;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(HouseholdMember m, row.Get());
        found.push_back(std::move(m));
      }
      return found;
    });
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<HouseholdRepository> MakeRepository(RepositoryTag<HouseholdRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociHouseholdRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::HouseholdRepository& openiom::Transaction::Get<openiom::HouseholdRepository>();
