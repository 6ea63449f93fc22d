// Referrals, panel decisions and cohort membership (see panel_repository.h).
#include <fmt/format.h>

#include "storage/selection/panel_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kReferralColumns =
    "r.id, r.person_id, r.route, r.reasons, r.referred_by, CAST(r.referred_at AS TEXT), r.status, r.decision_reason, "
    "CAST(r.panel_date AS TEXT), r.decided_by, CAST(r.decided_at AS TEXT), r.version, p.surname, p.forenames "
    "FROM referral r JOIN person p ON p.id = r.person_id";
constexpr std::string_view kMembershipColumns =
    "m.id, m.person_id, m.strand, m.scheme, m.lead_agency_id, a.name, CAST(m.selected_on AS TEXT), "
    "m.selection_reason, m.selected_by, CAST(m.deselected_on AS TEXT), m.deselection_reason, m.deselected_by, "
    "CAST(m.next_review_on AS TEXT), m.version, p.surname, p.forenames, p.district, m.lead_user_id, "
    "lu.display_name, la.name FROM cohort_membership m "
    "JOIN person p ON p.id = m.person_id "
    "LEFT JOIN agency a ON a.id = m.lead_agency_id "
    "LEFT JOIN app_user lu ON lu.id = m.lead_user_id LEFT JOIN agency la ON la.id = lu.agency_id";

// The referrals awaiting the panel (AwaitsPanel), in SQL; the referral_one_awaiting index says the same.
constexpr std::string_view kAwaitingPanel = "r.status IN ('open', 'deferred')";

// Variables a statement reads one referral into (kReferralColumns, in order). Routes, statuses, strands, schemes
// and review outcomes are stored as their codes (CodeOf, FromColumn); the need-to-know query
// (storage/access/soci_access_repository.cc) binds the status codes the same way.
struct ReferralRow {
  long long id = 0, person_id = 0, version = 0;
  std::string route, reasons, referred_by, referred_at, status, decision_reason, panel_date, decided_by, decided_at,
      surname, forenames;
  soci::indicator decision_ind = soci::i_ok, panel_ind = soci::i_ok, decided_by_ind = soci::i_ok,
                  decided_at_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(route));
    st.exchange(soci::into(reasons));
    st.exchange(soci::into(referred_by));
    st.exchange(soci::into(referred_at));
    st.exchange(soci::into(status));
    st.exchange(soci::into(decision_reason, decision_ind));
    st.exchange(soci::into(panel_date, panel_ind));
    st.exchange(soci::into(decided_by, decided_by_ind));
    st.exchange(soci::into(decided_at, decided_at_ind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(surname));
    st.exchange(soci::into(forenames));
  }

  Result<Referral> Get() const {
    Referral r{.id = id, .person_id = person_id, .reasons = reasons, .referred_by = referred_by,
               .decision_reason = ValueOr(decision_reason, decision_ind),
               .decided_by = ValueOr(decided_by, decided_by_ind), .version = static_cast<int>(version),
               .surname = surname, .forenames = forenames};
    ASSIGN_OR_RETURN(r.route, FromColumn<ReferralRoute>(route, "route"));
    ASSIGN_OR_RETURN(r.status, FromColumn<ReferralStatus>(status, "status"));
    ASSIGN_OR_RETURN(r.referred_at, TimestampFromColumn(referred_at, "referred_at"));
    ASSIGN_OR_RETURN(r.panel_date, OptionalDateFromColumn(panel_date, panel_ind, "panel_date"));
    if (decided_at_ind == soci::i_ok) {
      ASSIGN_OR_RETURN(Timestamp at, TimestampFromColumn(decided_at, "decided_at"));
      r.decided_at = at;
    }
    return r;
  }
};

// Variables a statement reads one membership into (kMembershipColumns, in order).
struct MembershipRow {
  long long id = 0, person_id = 0, agency_id = 0, version = 0, lead_user_id = 0;
  std::string strand, scheme, agency, selected_on, selection_reason, selected_by, deselected_on, deselection_reason,
      deselected_by, next_review, surname, forenames, district, lead_name, lead_agency_name;
  soci::indicator agency_id_ind = soci::i_ok, agency_ind = soci::i_ok, deselected_on_ind = soci::i_ok,
                  deselection_reason_ind = soci::i_ok, deselected_by_ind = soci::i_ok, next_review_ind = soci::i_ok,
                  district_ind = soci::i_ok, lead_user_ind = soci::i_ok, lead_name_ind = soci::i_ok,
                  lead_agency_name_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(strand));
    st.exchange(soci::into(scheme));
    st.exchange(soci::into(agency_id, agency_id_ind));
    st.exchange(soci::into(agency, agency_ind));
    st.exchange(soci::into(selected_on));
    st.exchange(soci::into(selection_reason));
    st.exchange(soci::into(selected_by));
    st.exchange(soci::into(deselected_on, deselected_on_ind));
    st.exchange(soci::into(deselection_reason, deselection_reason_ind));
    st.exchange(soci::into(deselected_by, deselected_by_ind));
    st.exchange(soci::into(next_review, next_review_ind));
    st.exchange(soci::into(version));
    st.exchange(soci::into(surname));
    st.exchange(soci::into(forenames));
    st.exchange(soci::into(district, district_ind));
    st.exchange(soci::into(lead_user_id, lead_user_ind));
    st.exchange(soci::into(lead_name, lead_name_ind));
    st.exchange(soci::into(lead_agency_name, lead_agency_name_ind));
  }

  Result<CohortMembership> Get() const {
    CohortMembership m{.id = id, .person_id = person_id, .lead_agency = ValueOr(agency, agency_ind), .selection_reason = selection_reason,
                       .selected_by = selected_by, .deselection_reason = ValueOr(deselection_reason, deselection_reason_ind),
                       .deselected_by = ValueOr(deselected_by, deselected_by_ind), .version = static_cast<int>(version),
                       .surname = surname, .forenames = forenames, .district = ValueOr(district, district_ind)};
    if (agency_id_ind == soci::i_ok) m.lead_agency_id = agency_id;
    if (lead_user_ind == soci::i_ok) {
      m.lead_user_id = lead_user_id;
      m.lead_professional = ValueOr(lead_name, lead_name_ind);
      m.lead_professional_agency = ValueOr(lead_agency_name, lead_agency_name_ind);
    }
    ASSIGN_OR_RETURN(m.strand, FromColumn<Strand>(strand, "strand"));
    ASSIGN_OR_RETURN(m.scheme, FromColumn<Scheme>(scheme, "scheme"));
    ASSIGN_OR_RETURN(m.selected_on, DateFromColumn(selected_on, "selected_on"));
    ASSIGN_OR_RETURN(m.deselected_on, OptionalDateFromColumn(deselected_on, deselected_on_ind, "deselected_on"));
    ASSIGN_OR_RETURN(m.next_review_on, OptionalDateFromColumn(next_review, next_review_ind, "next_review_on"));
    return m;
  }
};

class SociPanelRepository final : public PanelRepository {
 public:
  explicit SociPanelRepository(soci::session& sql) : sql_(sql) {}

  Result<int64_t> CreateReferral(const Referral& referral) override {
    return Guard("recording a referral", [&]() -> Result<int64_t> {
      long long person = referral.person_id, id = 0;
      // Every referral starts open, whatever `referral.status` says.
      std::string route(CodeOf(referral.route)), reasons = referral.reasons, by = referral.referred_by,
                  at = FormatIsoTimestamp(referral.referred_at), status(CodeOf(ReferralStatus::kOpen));
      sql_ << "INSERT INTO referral (person_id, route, reasons, referred_by, referred_at, status) VALUES "
              "(:person, :route, :reasons, :by, :at, :status) RETURNING id",
          soci::use(person, "person"), soci::use(route, "route"), soci::use(reasons, "reasons"), soci::use(by, "by"),
          soci::use(at, "at"), soci::use(status, "status"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<Referral> GetReferral(int64_t id) override {
    ASSIGN_OR_RETURN(std::vector<Referral> found, Referrals(" WHERE r.id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("referral {} does not exist", id));
    return found.front();
  }

  Status DecideReferral(const Referral& referral) override {
    return Guard("recording a panel decision", [&]() -> Status {
      long long id = referral.id;
      int version = referral.version;
      std::string status(CodeOf(referral.status)), reason = referral.decision_reason, by = referral.decided_by,
                  panel = referral.panel_date ? FormatIsoDate(*referral.panel_date) : std::string(),
                  at = referral.decided_at ? FormatIsoTimestamp(*referral.decided_at) : std::string();
      soci::indicator panel_ind = NullIfEmpty(panel), at_ind = NullIfEmpty(at);
      soci::statement st = (sql_.prepare << "UPDATE referral SET status = :status, decision_reason = :reason, "
                                            "panel_date = :panel, decided_by = :by, decided_at = :at, "
                                            "version = version + 1 WHERE id = :id AND version = :version",
                            soci::use(status, "status"), soci::use(reason, "reason"),
                            soci::use(panel, panel_ind, "panel"), soci::use(by, "by"), soci::use(at, at_ind, "at"),
                            soci::use(id, "id"),
                            soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Stale("someone else decided this referral meanwhile: reload and check");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<Referral>> OpenReferrals() override {
    return Referrals(fmt::format(" WHERE {} ORDER BY r.referred_at, r.id", kAwaitingPanel), std::nullopt);
  }

  Result<std::vector<Referral>> ReferralsFor(PersonId person_id) override {
    return Referrals(" WHERE r.person_id = :id ORDER BY r.referred_at, r.id", person_id);
  }

  Result<int64_t> AddMembership(const CohortMembership& m) override {
    return Guard("adding to the cohort", [&]() -> Result<int64_t> {
      long long person = m.person_id, agency = m.lead_agency_id.value_or(0), lead = m.lead_user_id.value_or(0), id = 0;
      soci::indicator agency_ind = m.lead_agency_id ? soci::i_ok : soci::i_null,
                      lead_ind = m.lead_user_id ? soci::i_ok : soci::i_null;
      std::string strand(CodeOf(m.strand)), scheme(CodeOf(m.scheme)), on = FormatIsoDate(m.selected_on),
                  reason = m.selection_reason, by = m.selected_by,
                  review = m.next_review_on ? FormatIsoDate(*m.next_review_on) : std::string();
      soci::indicator review_ind = NullIfEmpty(review);
      sql_ << "INSERT INTO cohort_membership (person_id, strand, scheme, lead_agency_id, lead_user_id, selected_on, "
              "selection_reason, selected_by, next_review_on) VALUES (:person, :strand, :scheme, :agency, :lead, :on, "
              ":reason, :by, :review) RETURNING id",
          soci::use(person, "person"), soci::use(strand, "strand"), soci::use(scheme, "scheme"),
          soci::use(agency, agency_ind, "agency"), soci::use(lead, lead_ind, "lead"), soci::use(on, "on"),
          soci::use(reason, "reason"),
          soci::use(by, "by"), soci::use(review, review_ind, "review"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<CohortMembership> GetMembership(int64_t id) override {
    ASSIGN_OR_RETURN(std::vector<CohortMembership> found, Memberships(" WHERE m.id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("cohort membership {} does not exist", id));
    return found.front();
  }

  Status UpdateMembership(const CohortMembership& m) override {
    return Guard("changing a cohort membership", [&]() -> Status {
      long long id = m.id;
      int version = m.version;
      std::string strand(CodeOf(m.strand)), on = m.deselected_on ? FormatIsoDate(*m.deselected_on) : std::string(),
                  reason = m.deselection_reason, by = m.deselected_by,
                  review = m.next_review_on ? FormatIsoDate(*m.next_review_on) : std::string();
      soci::indicator on_ind = NullIfEmpty(on), reason_ind = NullIfEmpty(reason), by_ind = NullIfEmpty(by),
                      review_ind = NullIfEmpty(review);
      soci::statement st = (sql_.prepare << "UPDATE cohort_membership SET strand = :strand, deselected_on = :on, "
                                            "deselection_reason = :reason, deselected_by = :by, "
                                            "next_review_on = :review, version = version + 1 "
                                            "WHERE id = :id AND version = :version AND deselected_on IS NULL",
                            soci::use(strand, "strand"), soci::use(on, on_ind, "on"),
                            soci::use(reason, reason_ind, "reason"), soci::use(by, by_ind, "by"),
                            soci::use(review, review_ind, "review"), soci::use(id, "id"),
                            soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Stale("this membership was changed or ended meanwhile: reload and check");
      }
      return Status::Ok();
    });
  }

  Result<int64_t> AddReview(const CohortReview& r) override {
    return Guard("recording a review", [&]() -> Result<int64_t> {
      long long membership = r.membership_id, id = 0;
      std::string on = FormatIsoDate(r.reviewed_on), outcome(CodeOf(r.outcome)), strand(CodeOf(r.strand)),
                  notes = r.notes,
                  by = r.reviewed_by, next = r.next_review_on ? FormatIsoDate(*r.next_review_on) : std::string();
      soci::indicator strand_ind = NullIfEmpty(strand), next_ind = NullIfEmpty(next);
      sql_ << "INSERT INTO cohort_review (membership_id, reviewed_on, outcome, strand, notes, reviewed_by, "
              "next_review_on) VALUES (:membership, :on, :outcome, :strand, :notes, :by, :next) RETURNING id",
          soci::use(membership, "membership"), soci::use(on, "on"), soci::use(outcome, "outcome"),
          soci::use(strand, strand_ind, "strand"), soci::use(notes, "notes"), soci::use(by, "by"),
          soci::use(next, next_ind, "next"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<std::vector<CohortReview>> ReviewsFor(PersonId person_id) override {
    return Guard("reading reviews", [&]() -> Result<std::vector<CohortReview>> {
      long long person = person_id, id = 0, membership = 0;
      std::string on, outcome, strand, notes, by, next;
      soci::indicator strand_ind, next_ind;
      soci::statement st =
          (sql_.prepare << "SELECT r.id, r.membership_id, CAST(r.reviewed_on AS TEXT), r.outcome, r.strand, r.notes, "
                           "r.reviewed_by, CAST(r.next_review_on AS TEXT) FROM cohort_review r JOIN cohort_membership "
                           "m ON m.id = r.membership_id WHERE m.person_id = :person ORDER BY r.reviewed_on, r.id",
           soci::use(person, "person"), soci::into(id), soci::into(membership), soci::into(on), soci::into(outcome),
           soci::into(strand, strand_ind), soci::into(notes), soci::into(by), soci::into(next, next_ind));
      st.execute();
      std::vector<CohortReview> reviews;
      while (st.fetch()) {
        CohortReview review{.id = id, .membership_id = membership, .notes = notes, .reviewed_by = by};
        ASSIGN_OR_RETURN(review.outcome, FromColumn<ReviewOutcome>(outcome, "outcome"));
        if (strand_ind == soci::i_ok) {
          ASSIGN_OR_RETURN(review.strand, FromColumn<Strand>(strand, "strand"));
        }
        ASSIGN_OR_RETURN(review.reviewed_on, DateFromColumn(on, "reviewed_on"));
        ASSIGN_OR_RETURN(review.next_review_on, OptionalDateFromColumn(next, next_ind, "next_review_on"));
        reviews.push_back(std::move(review));
      }
      return reviews;
    });
  }

  Result<std::vector<CohortMembership>> CurrentMembers() override {
    return Memberships(" WHERE m.deselected_on IS NULL ORDER BY p.name_key, m.id", std::nullopt);
  }

  Result<std::vector<CohortMembership>> CurrentMembersLedBy(int64_t user_id) override {
    return Memberships(" WHERE m.deselected_on IS NULL AND m.lead_user_id = :id ORDER BY p.name_key, m.id", user_id);
  }

  Status SetLead(const CohortMembership& m) override {
    return Guard("changing a lead professional", [&]() -> Status {
      long long id = m.id, agency = m.lead_agency_id.value_or(0), lead = m.lead_user_id.value_or(0);
      int version = m.version;
      soci::indicator agency_ind = m.lead_agency_id ? soci::i_ok : soci::i_null,
                      lead_ind = m.lead_user_id ? soci::i_ok : soci::i_null;
      soci::statement st = (sql_.prepare << "UPDATE cohort_membership SET lead_agency_id = :agency, lead_user_id = :lead, "
                                            "version = version + 1 WHERE id = :id AND version = :version "
                                            "AND deselected_on IS NULL",
                            soci::use(agency, agency_ind, "agency"), soci::use(lead, lead_ind, "lead"),
                            soci::use(id, "id"), soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Stale("someone else changed this membership meanwhile: reload and check");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<CohortMembership>> MembershipsFor(PersonId person_id) override {
    return Memberships(" WHERE m.person_id = :id ORDER BY m.selected_on, m.id", person_id);
  }

  Result<std::vector<FairnessRow>> FairnessRows(int64_t run_id) override {
    return Guard("reading the fairness check", [&]() -> Result<std::vector<FairnessRow>> {
      long long run = run_id;
      int candidate = 0, in_cohort = 0;
      std::string dob, gender, ethnicity, district;
      soci::indicator dob_ind, ethnicity_ind, district_ind;
      soci::statement st =
          (sql_.prepare << "SELECT CAST(p.date_of_birth AS TEXT), p.gender, p.ethnicity, p.district, "
                           "CASE WHEN s.rules <> '' THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM "
                           "cohort_membership m WHERE m.person_id = p.id AND m.deselected_on IS NULL) THEN 1 ELSE 0 "
                           "END FROM person_score s JOIN person p ON p.id = s.person_id WHERE s.run_id = :run",
           soci::use(run, "run"), soci::into(dob, dob_ind), soci::into(gender), soci::into(ethnicity, ethnicity_ind),
           soci::into(district, district_ind), soci::into(candidate), soci::into(in_cohort));
      st.execute();
      std::vector<FairnessRow> rows;
      while (st.fetch()) {
        FairnessRow row{.gender = gender, .ethnicity = ValueOr(ethnicity, ethnicity_ind),
                        .district = ValueOr(district, district_ind), .candidate = candidate != 0,
                        .in_cohort = in_cohort != 0};
        ASSIGN_OR_RETURN(row.date_of_birth, OptionalDateFromColumn(dob, dob_ind, "date_of_birth"));
        rows.push_back(std::move(row));
      }
      return rows;
    });
  }

 private:
  Result<std::vector<Referral>> Referrals(const std::string& where, std::optional<int64_t> id) {
    return Guard("reading referrals", [&]() -> Result<std::vector<Referral>> {
      ReferralRow row;
      long long bound = id.value_or(0);
      soci::statement st(sql_);
      st.alloc();
      st.prepare(fmt::format("SELECT {}{}", kReferralColumns, where));
      row.Bind(st);
      if (id) st.exchange(soci::use(bound, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<Referral> referrals;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(Referral referral, row.Get());
        referrals.push_back(std::move(referral));
      }
      return referrals;
    });
  }

  Result<std::vector<CohortMembership>> Memberships(const std::string& where, std::optional<int64_t> id) {
    return Guard("reading the cohort", [&]() -> Result<std::vector<CohortMembership>> {
      MembershipRow row;
      long long bound = id.value_or(0);
      soci::statement st(sql_);
      st.alloc();
      st.prepare(fmt::format("SELECT {}{}", kMembershipColumns, where));
      row.Bind(st);
      if (id) st.exchange(soci::use(bound, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<CohortMembership> members;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(CohortMembership member, row.Get());
        members.push_back(std::move(member));
      }
      return members;
    });
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<PanelRepository> MakeRepository(RepositoryTag<PanelRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociPanelRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::PanelRepository& openiom::Transaction::Get<openiom::PanelRepository>();
