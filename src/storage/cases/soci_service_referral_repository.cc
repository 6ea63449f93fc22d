// Referrals to services (see service_referral_repository.h).
#include <fmt/format.h>

#include "storage/cases/service_referral_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kReferralColumns =
    "SELECT r.id, r.person_id, r.service, r.provider, CAST(r.referred_on AS TEXT), r.referred_by, "
    "r.referred_by_agency_id, a.name, r.status, CAST(r.status_on AS TEXT), r.outcome, r.updated_by, "
    "CAST(r.recorded_at AS TEXT), r.version FROM service_referral r LEFT JOIN agency a ON a.id = r.referred_by_agency_id";
constexpr std::string_view kInsertReferral =
    "INSERT INTO service_referral (person_id, service, provider, referred_on, referred_by, referred_by_agency_id, "
    "status, status_on, outcome, updated_by, recorded_at) VALUES (:person, :service, :provider, :referred_on, :by, "
    ":agency, :status, :status_on, :outcome, :updated_by, :at) RETURNING id";
constexpr std::string_view kUpdateStatus =
    "UPDATE service_referral SET status = :status, status_on = :status_on, outcome = :outcome, updated_by = :by, "
    "version = version + 1 WHERE id = :id AND version = :version";

// Variables a statement reads one referral into (kReferralColumns, in order).
struct ReferralRow {
  long long id = 0, person_id = 0, agency_id = 0, version = 0;
  std::string service, provider, referred_on, referred_by, agency, status, status_on, outcome, updated_by, recorded_at;
  soci::indicator agency_id_ind = soci::i_ok, agency_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(service));
    st.exchange(soci::into(provider));
    st.exchange(soci::into(referred_on));
    st.exchange(soci::into(referred_by));
    st.exchange(soci::into(agency_id, agency_id_ind));
    st.exchange(soci::into(agency, agency_ind));
    st.exchange(soci::into(status));
    st.exchange(soci::into(status_on));
    st.exchange(soci::into(outcome));
    st.exchange(soci::into(updated_by));
    st.exchange(soci::into(recorded_at));
    st.exchange(soci::into(version));
  }

  Result<ServiceReferral> Get() const {
    ServiceReferral r{.id = id, .person_id = person_id, .provider = provider, .referred_by = referred_by,
                      .referred_by_agency = ValueOr(agency, agency_ind), .outcome = outcome,
                      .updated_by = updated_by, .version = static_cast<int>(version)};
    if (agency_id_ind == soci::i_ok) r.referred_by_agency_id = agency_id;
    ASSIGN_OR_RETURN(r.service, FromColumn<ServiceKind>(service, "service"));
    ASSIGN_OR_RETURN(r.status, FromColumn<ServiceReferralStatus>(status, "status"));
    ASSIGN_OR_RETURN(r.referred_on, DateFromColumn(referred_on, "referred_on"));
    ASSIGN_OR_RETURN(r.status_on, DateFromColumn(status_on, "status_on"));
    ASSIGN_OR_RETURN(r.recorded_at, TimestampFromColumn(recorded_at, "recorded_at"));
    return r;
  }
};

class SociServiceReferralRepository final : public ServiceReferralRepository {
 public:
  explicit SociServiceReferralRepository(soci::session& sql) : sql_(sql) {}

  Result<ServiceReferralId> Add(const ServiceReferral& r) override {
    return Guard("recording a referral to a service", [&]() -> Result<ServiceReferralId> {
      long long person = r.person_id, agency = r.referred_by_agency_id.value_or(0), id = 0;
      std::string service(CodeOf(r.service)), provider = r.provider, referred_on = FormatIsoDate(r.referred_on),
          by = r.referred_by, status(CodeOf(r.status)), status_on = FormatIsoDate(r.status_on), outcome = r.outcome,
          updated_by = r.updated_by, at = FormatIsoTimestamp(r.recorded_at);
      soci::indicator agency_ind = r.referred_by_agency_id ? soci::i_ok : soci::i_null;
      sql_ << kInsertReferral, soci::use(person, "person"), soci::use(service, "service"),
          soci::use(provider, "provider"), soci::use(referred_on, "referred_on"), soci::use(by, "by"),
          soci::use(agency, agency_ind, "agency"), soci::use(status, "status"), soci::use(status_on, "status_on"),
          soci::use(outcome, "outcome"), soci::use(updated_by, "updated_by"), soci::use(at, "at"), soci::into(id);
      return ServiceReferralId{id};
    });
  }

  Result<ServiceReferral> Get(ServiceReferralId id) override {
    ASSIGN_OR_RETURN(std::vector<ServiceReferral> found, Referrals(" WHERE r.id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("referral to a service {} does not exist", id));
    return found.front();
  }

  Status UpdateStatus(const ServiceReferral& r) override {
    return Guard("changing a referral to a service", [&]() -> Status {
      long long id = r.id;
      int version = r.version;
      std::string status(CodeOf(r.status)), status_on = FormatIsoDate(r.status_on), outcome = r.outcome,
          by = r.updated_by;
      soci::statement st = (sql_.prepare << kUpdateStatus, soci::use(status, "status"),
                            soci::use(status_on, "status_on"), soci::use(outcome, "outcome"), soci::use(by, "by"),
                            soci::use(id, "id"), soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Stale("someone changed this referral meanwhile: reload and check");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<ServiceReferral>> ReferralsFor(PersonId person_id) override {
    return Referrals(" WHERE r.person_id = :id ORDER BY r.id", person_id);
  }

 private:
  Result<std::vector<ServiceReferral>> Referrals(const std::string& where, long long id) {
    return Guard("reading referrals to services", [&]() -> Result<std::vector<ServiceReferral>> {
      ReferralRow row;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string(kReferralColumns) + where);
      row.Bind(st);
      st.exchange(soci::use(id, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<ServiceReferral> found;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(ServiceReferral referral, row.Get());
        found.push_back(std::move(referral));
      }
      return found;
    });
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<ServiceReferralRepository> MakeRepository(RepositoryTag<ServiceReferralRepository>, soci::session& sql,
                                                          Backend) {
  return std::make_unique<SociServiceReferralRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::ServiceReferralRepository& openiom::Transaction::Get<openiom::ServiceReferralRepository>();
