// Need-to-know facts and break-glass grants (see access_repository.h).
#include <fmt/format.h>

#include "domain/cases/team.h"
#include "domain/selection/referral.h"
#include "storage/access/access_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kIsLeadProfessional =
    "SELECT COUNT(*) FROM cohort_membership WHERE person_id = :person AND deselected_on IS NULL "
    "AND lead_user_id = :user";
constexpr std::string_view kAgencyLeads =
    "SELECT COUNT(*) FROM cohort_membership m LEFT JOIN app_user u ON u.id = m.lead_user_id "
    "WHERE m.person_id = :person AND m.deselected_on IS NULL AND (m.lead_agency_id = :agency OR u.agency_id = :agency)";
// A current team member (issue 10): the user named on the team, or any worker of the agency (left_on IS NULL).
constexpr std::string_view kTeamRole =
    "SELECT role FROM team_member WHERE person_id = :person AND user_id = :user AND left_on IS NULL ORDER BY id LIMIT 1";
constexpr std::string_view kAgencyOnTeam =
    "SELECT COUNT(*) FROM team_member WHERE person_id = :person AND agency_id = :agency AND left_on IS NULL";
// A referral awaiting the panel (:open, :deferred), or one the panel accepted (:selected) while the person is still
// in the cohort. The statuses are bound as their codes (domain/selection/referral.h), not spelled out here.
constexpr std::string_view kAgencyReferred =
    "SELECT COUNT(*) FROM referral r JOIN app_user u ON u.username = r.referred_by "
    "WHERE r.person_id = :person AND u.agency_id = :agency AND (r.status IN (:open, :deferred) OR "
    "(r.status = :selected AND EXISTS (SELECT 1 FROM cohort_membership m WHERE m.person_id = r.person_id "
    "AND m.deselected_on IS NULL)))";
constexpr std::string_view kInsertBreakGlass =
    "INSERT INTO break_glass (user_id, person_id, reason, granted_at, expires_at) "
    "VALUES (:user, :person, :reason, :granted_at, :expires_at) RETURNING id";
constexpr std::string_view kSelectActiveBreakGlass =
    "SELECT id, reason, CAST(granted_at AS TEXT), CAST(expires_at AS TEXT) FROM break_glass "
    "WHERE user_id = :user AND person_id = :person AND expires_at > :now ORDER BY expires_at DESC, id DESC LIMIT 1";

constexpr std::string_view kInsertRoleRequest =
    "INSERT INTO role_request (user_id, role, requested_by_id, requested_by, requested_at, status) "
    "VALUES (:user, :role, :by_id, :by, :at, :status) RETURNING id";
constexpr std::string_view kSelectRoleRequests =
    "SELECT r.id, r.user_id, u.username, r.role, r.requested_by_id, r.requested_by, CAST(r.requested_at AS TEXT), "
    "r.status, r.decided_by, CAST(r.decided_at AS TEXT) FROM role_request r JOIN app_user u ON u.id = r.user_id ";
constexpr std::string_view kDecideRoleRequest =
    "UPDATE role_request SET status = :status, decided_by = :by, decided_at = :at WHERE id = :id AND status = :pending";

class SociAccessRepository final : public AccessRepository {
 public:
  explicit SociAccessRepository(soci::session& sql) : sql_(sql) {}

  Result<std::string> Involvement(PersonId person_id, AgencyId agency_id, UserId user_id) override {
    return Guard("reading who works with a person", [&]() -> Result<std::string> {
      long long person = person_id, agency = agency_id, user = user_id;
      int count = 0;
      sql_ << kIsLeadProfessional, soci::use(person, "person"), soci::use(user, "user"), soci::into(count);
      if (count > 0) return std::string("you are their lead professional");
      std::string role;
      soci::indicator role_ind = soci::i_null;
      sql_ << kTeamRole, soci::use(person, "person"), soci::use(user, "user"), soci::into(role, role_ind);
      if (sql_.got_data() && role_ind == soci::i_ok) {
        ASSIGN_OR_RETURN(const TeamRole team_role, FromColumn<TeamRole>(role, "role"));
        return fmt::format("you are on their team ({})", LabelOf(team_role));
      }
      sql_ << kAgencyLeads, soci::use(person, "person"), soci::use(agency, "agency"), soci::into(count);
      if (count > 0) return std::string("your agency leads their case");
      sql_ << kAgencyOnTeam, soci::use(person, "person"), soci::use(agency, "agency"), soci::into(count);
      if (count > 0) return std::string("your agency is on their team");
      const std::string open(CodeOf(ReferralStatus::kOpen)), deferred(CodeOf(ReferralStatus::kDeferred)),
          selected(CodeOf(ReferralStatus::kSelected));
      sql_ << kAgencyReferred, soci::use(person, "person"), soci::use(agency, "agency"), soci::use(open, "open"),
          soci::use(deferred, "deferred"), soci::use(selected, "selected"), soci::into(count);
      if (count > 0) return std::string("your agency referred them to the panel");
      return std::string();
    });
  }

  Result<int64_t> AddBreakGlass(const BreakGlassGrant& grant) override {
    return Guard("recording a break-glass view", [&]() -> Result<int64_t> {
      long long user = grant.user_id, person = grant.person_id, id = 0;
      std::string reason = grant.reason, granted = FormatIsoTimestamp(grant.granted_at),
                  expires = FormatIsoTimestamp(grant.expires_at);
      sql_ << kInsertBreakGlass, soci::use(user, "user"), soci::use(person, "person"), soci::use(reason, "reason"),
          soci::use(granted, "granted_at"), soci::use(expires, "expires_at"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<std::optional<BreakGlassGrant>> ActiveBreakGlass(UserId user_id, PersonId person_id, Timestamp now) override {
    return Guard("reading break-glass views", [&]() -> Result<std::optional<BreakGlassGrant>> {
      long long user = user_id, person = person_id, id = 0;
      std::string at = FormatIsoTimestamp(now), reason, granted, expires;
      soci::indicator id_ind = soci::i_null;
      sql_ << kSelectActiveBreakGlass, soci::use(user, "user"), soci::use(person, "person"), soci::use(at, "now"),
          soci::into(id, id_ind), soci::into(reason), soci::into(granted), soci::into(expires);
      if (!sql_.got_data() || id_ind != soci::i_ok) return std::optional<BreakGlassGrant>();
      BreakGlassGrant grant{.id = id, .user_id = user_id, .person_id = person_id, .reason = reason};
      ASSIGN_OR_RETURN(grant.granted_at, TimestampFromColumn(granted, "granted_at"));
      ASSIGN_OR_RETURN(grant.expires_at, TimestampFromColumn(expires, "expires_at"));
      return std::optional<BreakGlassGrant>(grant);
    });
  }

  Result<int64_t> AddRoleRequest(const RoleRequest& request) override {
    return Guard("recording a role request", [&]() -> Result<int64_t> {
      long long user = request.user_id, by_id = request.requested_by_id, id = 0;
      soci::indicator by_id_ind = request.requested_by_id ? soci::i_ok : soci::i_null;
      std::string role(RoleCode(request.role)), by = request.requested_by, at = FormatIsoTimestamp(request.requested_at);
      const std::string status(CodeOf(RoleRequestStatus::kPending));
      sql_ << kInsertRoleRequest, soci::use(user, "user"), soci::use(role, "role"), soci::use(by_id, by_id_ind, "by_id"),
          soci::use(by, "by"), soci::use(at, "at"), soci::use(status, "status"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<std::vector<RoleRequest>> PendingRoleRequests() override {
    // The code is a constant of the vocabulary, written into the query as the role_request_one_pending index has it.
    return RoleRequests(fmt::format("{}WHERE r.status = '{}' ORDER BY r.requested_at, r.id", kSelectRoleRequests,
                                    CodeOf(RoleRequestStatus::kPending)),
                        0);
  }

  Result<RoleRequest> GetRoleRequest(int64_t id) override {
    ASSIGN_OR_RETURN(std::vector<RoleRequest> found,
                     RoleRequests(std::string(kSelectRoleRequests) + "WHERE r.id = :id", id));
    if (found.empty()) return Status::NotFound("there is no such role request");
    return found.front();
  }

  Status DecideRoleRequest(int64_t id, RoleRequestStatus status, const std::string& decided_by,
                           Timestamp decided_at) override {
    return Guard("deciding a role request", [&]() -> Status {
      long long bound = id;
      std::string status_text(CodeOf(status)), pending(CodeOf(RoleRequestStatus::kPending)), by = decided_by,
          at = FormatIsoTimestamp(decided_at);
      soci::statement st = (sql_.prepare << kDecideRoleRequest, soci::use(status_text, "status"), soci::use(by, "by"),
                            soci::use(at, "at"), soci::use(bound, "id"), soci::use(pending, "pending"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return Status::FailedPrecondition("the role request has already been decided");
      return Status::Ok();
    });
  }

 private:
  // Runs a role-request query; `id` is bound as :id when the query names it.
  Result<std::vector<RoleRequest>> RoleRequests(const std::string& query, long long id) {
    return Guard("reading role requests", [&]() -> Result<std::vector<RoleRequest>> {
      long long request_id = 0, user = 0, by_id = 0;
      std::string username, role, by, at, status, decided_by, decided_at;
      soci::indicator by_id_ind = soci::i_ok, decided_by_ind = soci::i_ok, decided_at_ind = soci::i_ok;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(query);
      st.exchange(soci::into(request_id));
      st.exchange(soci::into(user));
      st.exchange(soci::into(username));
      st.exchange(soci::into(role));
      st.exchange(soci::into(by_id, by_id_ind));
      st.exchange(soci::into(by));
      st.exchange(soci::into(at));
      st.exchange(soci::into(status));
      st.exchange(soci::into(decided_by, decided_by_ind));
      st.exchange(soci::into(decided_at, decided_at_ind));
      if (query.find(":id") != std::string::npos) st.exchange(soci::use(id, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<RoleRequest> requests;
      while (st.fetch()) {
        RoleRequest request{.id = request_id, .user_id = user, .username = username,
                            .requested_by_id = by_id_ind == soci::i_ok ? by_id : 0, .requested_by = by,
                            .decided_by = ValueOr(decided_by, decided_by_ind)};
        ASSIGN_OR_RETURN(request.status, FromColumn<RoleRequestStatus>(status, "role_request.status"));
        const std::optional<Role> parsed = RoleFromCode(role);
        if (!parsed) return Status::Internal("role_request.role holds an unknown role");
        request.role = *parsed;
        ASSIGN_OR_RETURN(request.requested_at, TimestampFromColumn(at, "role_request.requested_at"));
        if (decided_at_ind == soci::i_ok) {
          ASSIGN_OR_RETURN(Timestamp decided, TimestampFromColumn(decided_at, "role_request.decided_at"));
          request.decided_at = decided;
        }
        requests.push_back(std::move(request));
      }
      return requests;
    });
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<AccessRepository> MakeRepository(RepositoryTag<AccessRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociAccessRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::AccessRepository& openiom::Transaction::Get<openiom::AccessRepository>();
