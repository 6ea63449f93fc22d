// The non-compliance workflow's steps (see enforcement_repository.h).
#include <fmt/format.h>

#include "storage/cases/enforcement_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kStepColumns =
    "SELECT id, person_id, kind, contact_id, CAST(step_on AS TEXT), agency_id, agency, reason, recorded_by, "
    "CAST(recorded_at AS TEXT), outcome, CAST(outcome_on AS TEXT), outcome_by, event_id, version FROM "
    "enforcement_step";

struct StepRow {
  long long id = 0, person_id = 0, contact_id = 0, agency_id = 0, event_id = 0, version = 0;
  std::string kind, on, agency, reason, recorded_by, recorded_at, outcome, outcome_on, outcome_by;
  soci::indicator contact_ind = soci::i_ok, agency_id_ind = soci::i_ok, outcome_ind = soci::i_ok,
                  outcome_on_ind = soci::i_ok, outcome_by_ind = soci::i_ok, event_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(contact_id, contact_ind));
    st.exchange(soci::into(on));
    st.exchange(soci::into(agency_id, agency_id_ind));
    st.exchange(soci::into(agency));
    st.exchange(soci::into(reason));
    st.exchange(soci::into(recorded_by));
    st.exchange(soci::into(recorded_at));
    st.exchange(soci::into(outcome, outcome_ind));
    st.exchange(soci::into(outcome_on, outcome_on_ind));
    st.exchange(soci::into(outcome_by, outcome_by_ind));
    st.exchange(soci::into(event_id, event_ind));
    st.exchange(soci::into(version));
  }

  Result<EnforcementStep> Get() const {
    EnforcementStep s{.id = id, .person_id = person_id, .agency = agency, .reason = reason,
                      .recorded_by = recorded_by, .outcome_by = ValueOr(outcome_by, outcome_by_ind),
                      .version = static_cast<int>(version)};
    ASSIGN_OR_RETURN(s.kind, FromColumn<EnforcementKind>(kind, "kind"));
    if (contact_ind == soci::i_ok) s.contact_id = contact_id;
    if (agency_id_ind == soci::i_ok) s.agency_id = agency_id;
    if (event_ind == soci::i_ok) s.event_id = event_id;
    ASSIGN_OR_RETURN(s.on, DateFromColumn(on, "step_on"));
    ASSIGN_OR_RETURN(s.recorded_at, TimestampFromColumn(recorded_at, "recorded_at"));
    if (outcome_ind == soci::i_ok) {
      ASSIGN_OR_RETURN(s.outcome, FromColumn<EnforcementOutcome>(outcome, "outcome"));
    }
    ASSIGN_OR_RETURN(s.outcome_on, OptionalDateFromColumn(outcome_on, outcome_on_ind, "outcome_on"));
    return s;
  }
};

class SociEnforcementRepository final : public EnforcementRepository {
 public:
  explicit SociEnforcementRepository(soci::session& sql) : sql_(sql) {}

  Result<EnforcementStepId> Add(const EnforcementStep& s) override {
    return Guard("recording an enforcement step", [&]() -> Result<EnforcementStepId> {
      long long person = s.person_id, contact = s.contact_id.value_or(0), agency_id = s.agency_id, id = 0;
      std::string kind(CodeOf(s.kind)), on = FormatIsoDate(s.on), agency = s.agency, reason = s.reason,
          by = s.recorded_by, at = FormatIsoTimestamp(s.recorded_at);
      soci::indicator contact_ind = s.contact_id ? soci::i_ok : soci::i_null,
                      agency_ind = s.agency_id != 0 ? soci::i_ok : soci::i_null;
      sql_ << "INSERT INTO enforcement_step (person_id, kind, contact_id, step_on, agency_id, agency, reason, "
              "recorded_by, recorded_at) VALUES (:person, :kind, :contact, :on, :agency_id, :agency, :reason, :by, "
              ":at) RETURNING id",
          soci::use(person, "person"), soci::use(kind, "kind"), soci::use(contact, contact_ind, "contact"),
          soci::use(on, "on"), soci::use(agency_id, agency_ind, "agency_id"), soci::use(agency, "agency"),
          soci::use(reason, "reason"), soci::use(by, "by"), soci::use(at, "at"), soci::into(id);
      return EnforcementStepId{id};
    });
  }

  Result<EnforcementStep> Get(EnforcementStepId id) override {
    ASSIGN_OR_RETURN(std::vector<EnforcementStep> found, Steps(" WHERE id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("enforcement step {} does not exist", id));
    return found.front();
  }

  Status SetOutcome(const EnforcementStep& s) override {
    return Guard("recording what came of an enforcement step", [&]() -> Status {
      long long id = s.id, event = s.event_id.value_or(0);
      int version = s.version;
      std::string outcome(CodeOf(s.outcome)), on = s.outcome_on ? FormatIsoDate(*s.outcome_on) : "",
          by = s.outcome_by;
      soci::indicator outcome_ind = NullIfEmpty(outcome), on_ind = NullIfEmpty(on), by_ind = NullIfEmpty(by),
                      event_ind = s.event_id ? soci::i_ok : soci::i_null;
      soci::statement st =
          (sql_.prepare << "UPDATE enforcement_step SET outcome = :outcome, outcome_on = :on, outcome_by = :by, "
                           "event_id = :event, version = version + 1 WHERE id = :id AND version = :version",
           soci::use(outcome, outcome_ind, "outcome"), soci::use(on, on_ind, "on"), soci::use(by, by_ind, "by"),
           soci::use(event, event_ind, "event"), soci::use(id, "id"), soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Stale("someone changed this enforcement step meanwhile: reload and check");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<EnforcementStep>> ListForPerson(PersonId person_id) override {
    return Steps(" WHERE person_id = :id ORDER BY step_on, id", person_id);
  }

 private:
  Result<std::vector<EnforcementStep>> Steps(const std::string& where, long long id) {
    return Guard("reading enforcement steps", [&]() -> Result<std::vector<EnforcementStep>> {
      StepRow row;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string(kStepColumns) + where);
      row.Bind(st);
      st.exchange(soci::use(id, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<EnforcementStep> found;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(EnforcementStep step, row.Get());
        found.push_back(std::move(step));
      }
      return found;
    });
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<EnforcementRepository> MakeRepository(RepositoryTag<EnforcementRepository>, soci::session& sql,
                                                      Backend) {
  return std::make_unique<SociEnforcementRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::EnforcementRepository& openiom::Transaction::Get<openiom::EnforcementRepository>();
