// Team members (see team_repository.h).
#include <fmt/format.h>

#include "storage/cases/team_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

// The agency's and user's names are joined in when read, so a renamed agency or user shows as they are now.
constexpr std::string_view kMemberColumns =
    "SELECT t.id, t.person_id, t.agency_id, a.name, t.user_id, u.display_name, t.worker_name, t.role, "
    "CAST(t.joined_on AS TEXT), CAST(t.left_on AS TEXT), t.added_by, t.ended_by, CAST(t.added_at AS TEXT), "
    "t.version FROM team_member t JOIN agency a ON a.id = t.agency_id LEFT JOIN app_user u ON u.id = t.user_id";
constexpr std::string_view kInsertMember =
    "INSERT INTO team_member (person_id, agency_id, user_id, worker_name, role, joined_on, added_by, added_at) "
    "VALUES (:person, :agency, :user, :name, :role, :joined, :by, :at) RETURNING id";
constexpr std::string_view kEndMember =
    "UPDATE team_member SET left_on = :left, ended_by = :by, version = version + 1 "
    "WHERE id = :id AND version = :version AND left_on IS NULL";
constexpr std::string_view kSelectPlaces =
    "SELECT person_id, role FROM team_member WHERE user_id = :user AND left_on IS NULL ORDER BY person_id, id";

// Variables a statement reads one member into (kMemberColumns, in order).
struct MemberRow {
  long long id = 0, person_id = 0, agency_id = 0, user_id = 0, version = 0;
  std::string agency, user_name, worker_name, role, joined_on, left_on, added_by, ended_by, added_at;
  soci::indicator user_ind = soci::i_ok, user_name_ind = soci::i_ok, left_ind = soci::i_ok, ended_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(agency_id));
    st.exchange(soci::into(agency));
    st.exchange(soci::into(user_id, user_ind));
    st.exchange(soci::into(user_name, user_name_ind));
    st.exchange(soci::into(worker_name));
    st.exchange(soci::into(role));
    st.exchange(soci::into(joined_on));
    st.exchange(soci::into(left_on, left_ind));
    st.exchange(soci::into(added_by));
    st.exchange(soci::into(ended_by, ended_ind));
    st.exchange(soci::into(added_at));
    st.exchange(soci::into(version));
  }

  Result<TeamMember> Get() const {
    TeamMember m{.id = id, .person_id = person_id, .agency_id = agency_id, .agency = agency,
                 .worker_name = worker_name, .added_by = added_by, .ended_by = ValueOr(ended_by, ended_ind),
                 .version = static_cast<int>(version)};
    if (user_ind == soci::i_ok) m.user_id = user_id;
    m.worker = m.user_id ? ValueOr(user_name, user_name_ind) : worker_name;
    ASSIGN_OR_RETURN(m.role, FromColumn<TeamRole>(role, "role"));
    ASSIGN_OR_RETURN(m.joined_on, DateFromColumn(joined_on, "joined_on"));
    ASSIGN_OR_RETURN(m.left_on, OptionalDateFromColumn(left_on, left_ind, "left_on"));
    ASSIGN_OR_RETURN(m.added_at, TimestampFromColumn(added_at, "added_at"));
    return m;
  }
};

class SociTeamRepository final : public TeamRepository {
 public:
  explicit SociTeamRepository(soci::session& sql) : sql_(sql) {}

  Result<TeamMemberId> Add(const TeamMember& m) override {
    return Guard("adding a team member", [&]() -> Result<TeamMemberId> {
      long long person = m.person_id, agency = m.agency_id, user = m.user_id.value_or(0), id = 0;
      std::string name = m.worker_name, role(CodeOf(m.role)), joined = FormatIsoDate(m.joined_on), by = m.added_by,
                  at = FormatIsoTimestamp(m.added_at);
      soci::indicator user_ind = m.user_id ? soci::i_ok : soci::i_null;
      sql_ << kInsertMember, soci::use(person, "person"), soci::use(agency, "agency"),
          soci::use(user, user_ind, "user"), soci::use(name, "name"), soci::use(role, "role"),
          soci::use(joined, "joined"), soci::use(by, "by"), soci::use(at, "at"), soci::into(id);
      return TeamMemberId{id};
    });
  }

  Result<TeamMember> Get(TeamMemberId id) override {
    ASSIGN_OR_RETURN(std::vector<TeamMember> found, Members(" WHERE t.id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("team member {} does not exist", id));
    return found.front();
  }

  Status End(const TeamMember& m) override {
    return Guard("ending a team membership", [&]() -> Status {
      long long id = m.id;
      int version = m.version;
      std::string left = m.left_on ? FormatIsoDate(*m.left_on) : "", by = m.ended_by;
      soci::statement st = (sql_.prepare << kEndMember, soci::use(left, "left"), soci::use(by, "by"),
                            soci::use(id, "id"), soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Stale("someone changed this team membership meanwhile: reload and check");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<TeamMember>> TeamFor(PersonId person_id) override {
    return Members(" WHERE t.person_id = :id ORDER BY t.id", person_id);
  }

  Result<std::vector<TeamPlace>> CurrentPlacesOf(UserId user_id) override {
    return Guard("reading a worker's teams", [&]() -> Result<std::vector<TeamPlace>> {
      long long user = user_id, person = 0;
      std::string role;
      soci::statement st = (sql_.prepare << kSelectPlaces, soci::use(user, "user"), soci::into(person),
                            soci::into(role));
      st.execute();
      std::vector<TeamPlace> places;
      while (st.fetch()) {
        if (!places.empty() && places.back().person_id == person) continue;  // the earliest membership's role
        ASSIGN_OR_RETURN(const TeamRole parsed, FromColumn<TeamRole>(role, "role"));
        places.push_back({person, parsed});
      }
      return places;
    });
  }

 private:
  Result<std::vector<TeamMember>> Members(const std::string& where, long long id) {
    return Guard("reading team members", [&]() -> Result<std::vector<TeamMember>> {
      MemberRow row;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string(kMemberColumns) + where);
      row.Bind(st);
      st.exchange(soci::use(id, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<TeamMember> found;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(TeamMember member, row.Get());
        found.push_back(std::move(member));
      }
      return found;
    });
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<TeamRepository> MakeRepository(RepositoryTag<TeamRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociTeamRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::TeamRepository& openiom::Transaction::Get<openiom::TeamRepository>();
