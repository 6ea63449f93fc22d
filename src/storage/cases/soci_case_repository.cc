// Contacts, pathway assessments, BRAG overrides and rule parameters (see case_repository.h).
#include <fmt/format.h>

#include "storage/cases/case_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kContactColumns =
    "SELECT id, person_id, kind, CAST(contact_on AS TEXT), contact_time, agency_id, agency, worker, outcome, notes, "
    "recorded_by, CAST(recorded_at AS TEXT), version FROM contact";

// Variables a statement reads one contact into (kContactColumns, in order).
struct ContactRow {
  long long id = 0, person_id = 0, agency_id = 0, version = 0;
  std::string kind, on, time, agency, worker, outcome, notes, recorded_by, recorded_at;
  soci::indicator time_ind = soci::i_ok, agency_id_ind = soci::i_ok, worker_ind = soci::i_ok,
                  outcome_ind = soci::i_ok, notes_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(on));
    st.exchange(soci::into(time, time_ind));
    st.exchange(soci::into(agency_id, agency_id_ind));
    st.exchange(soci::into(agency));
    st.exchange(soci::into(worker, worker_ind));
    st.exchange(soci::into(outcome, outcome_ind));
    st.exchange(soci::into(notes, notes_ind));
    st.exchange(soci::into(recorded_by));
    st.exchange(soci::into(recorded_at));
    st.exchange(soci::into(version));
  }

  Result<Contact> Get() const {
    Contact c{.id = id, .person_id = person_id, .time = ValueOr(time, time_ind),
              .agency_id = agency_id_ind == soci::i_ok ? agency_id : 0, .agency = agency,
              .worker = ValueOr(worker, worker_ind), .notes = ValueOr(notes, notes_ind), .recorded_by = recorded_by,
              .version = static_cast<int>(version)};
    ASSIGN_OR_RETURN(c.kind, FromColumn<ContactKind>(kind, "kind"));
    ASSIGN_OR_RETURN(c.on, DateFromColumn(on, "contact_on"));
    if (outcome_ind == soci::i_ok) {
      ASSIGN_OR_RETURN(c.outcome, FromColumn<ContactOutcome>(outcome, "outcome"));
    }
    ASSIGN_OR_RETURN(c.recorded_at, TimestampFromColumn(recorded_at, "recorded_at"));
    return c;
  }
};

constexpr std::string_view kOverrideColumns =
    "SELECT id, person_id, rating, justification, CAST(starts_on AS TEXT), CAST(expires_on AS TEXT), requested_by, "
    "approved_by, CAST(approved_at AS TEXT), CAST(ended_on AS TEXT), version FROM brag_override";

struct OverrideRow {
  long long id = 0, person_id = 0, version = 0;
  std::string rating, justification, starts_on, expires_on, requested_by, approved_by, approved_at, ended_on;
  soci::indicator approved_by_ind = soci::i_ok, approved_at_ind = soci::i_ok, ended_on_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(rating));
    st.exchange(soci::into(justification));
    st.exchange(soci::into(starts_on));
    st.exchange(soci::into(expires_on));
    st.exchange(soci::into(requested_by));
    st.exchange(soci::into(approved_by, approved_by_ind));
    st.exchange(soci::into(approved_at, approved_at_ind));
    st.exchange(soci::into(ended_on, ended_on_ind));
    st.exchange(soci::into(version));
  }

  Result<CaseRepository::StoredOverride> Get() const {
    CaseRepository::StoredOverride stored{.person_id = person_id, .version = static_cast<int>(version)};
    BragOverride& o = stored.override_;
    o.id = id;
    o.justification = justification;
    o.requested_by = requested_by;
    o.approved_by = ValueOr(approved_by, approved_by_ind);
    ASSIGN_OR_RETURN(o.rating, FromColumn<BragRating>(rating, "rating"));
    ASSIGN_OR_RETURN(o.starts_on, DateFromColumn(starts_on, "starts_on"));
    ASSIGN_OR_RETURN(o.expires_on, DateFromColumn(expires_on, "expires_on"));
    ASSIGN_OR_RETURN(o.ended_on, OptionalDateFromColumn(ended_on, ended_on_ind, "ended_on"));
    if (approved_at_ind == soci::i_ok) {
      ASSIGN_OR_RETURN(Timestamp at, TimestampFromColumn(approved_at, "approved_at"));
      o.approved_at = at;
    }
    return stored;
  }
};

class SociCaseRepository final : public CaseRepository {
 public:
  explicit SociCaseRepository(soci::session& sql) : sql_(sql) {}

  Result<ContactId> AddContact(const Contact& c) override {
    return Guard("recording a contact", [&]() -> Result<ContactId> {
      long long person = c.person_id, agency_id = c.agency_id, id = 0;
      std::string kind(CodeOf(c.kind)), on = FormatIsoDate(c.on), time = c.time, agency = c.agency,
                  worker = c.worker, outcome(CodeOf(c.outcome)), notes = c.notes, by = c.recorded_by,
                  at = FormatIsoTimestamp(c.recorded_at);
      soci::indicator agency_ind = c.agency_id > 0 ? soci::i_ok : soci::i_null, time_ind = NullIfEmpty(time),
                      worker_ind = NullIfEmpty(worker), outcome_ind = NullIfEmpty(outcome),
                      notes_ind = NullIfEmpty(notes);
      sql_ << "INSERT INTO contact (person_id, kind, contact_on, contact_time, agency_id, agency, worker, outcome, "
              "notes, recorded_by, recorded_at) VALUES (:person, :kind, :on, :time, :agency_id, :agency, :worker, "
              ":outcome, :notes, :by, :at) RETURNING id",
          soci::use(person, "person"), soci::use(kind, "kind"), soci::use(on, "on"), soci::use(time, time_ind, "time"),
          soci::use(agency_id, agency_ind, "agency_id"), soci::use(agency, "agency"),
          soci::use(worker, worker_ind, "worker"), soci::use(outcome, outcome_ind, "outcome"),
          soci::use(notes, notes_ind, "notes"), soci::use(by, "by"), soci::use(at, "at"), soci::into(id);
      return ContactId{id};
    });
  }

  Result<Contact> GetContact(ContactId id) override {
    ASSIGN_OR_RETURN(std::vector<Contact> found, Contacts(" WHERE id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("contact {} does not exist", id));
    return found.front();
  }

  Status UpdateContact(const Contact& c) override {
    return Guard("changing a contact", [&]() -> Status {
      long long id = c.id;
      int version = c.version;
      std::string on = FormatIsoDate(c.on), time = c.time, worker = c.worker, outcome(CodeOf(c.outcome)),
                  notes = c.notes;
      soci::indicator time_ind = NullIfEmpty(time), worker_ind = NullIfEmpty(worker),
                      outcome_ind = NullIfEmpty(outcome), notes_ind = NullIfEmpty(notes);
      soci::statement st = (sql_.prepare << "UPDATE contact SET contact_on = :on, contact_time = :time, "
                                            "worker = :worker, outcome = :outcome, notes = :notes, "
                                            "version = version + 1 WHERE id = :id AND version = :version",
                            soci::use(on, "on"), soci::use(time, time_ind, "time"),
                            soci::use(worker, worker_ind, "worker"), soci::use(outcome, outcome_ind, "outcome"),
                            soci::use(notes, notes_ind, "notes"), soci::use(id, "id"), soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return Status::Stale("someone changed this contact meanwhile: reload and check");
      return Status::Ok();
    });
  }

  Result<std::vector<Contact>> ContactsFor(PersonId person_id) override {
    return Contacts(" WHERE person_id = :id ORDER BY contact_on, COALESCE(contact_time, ''), id", person_id);
  }

  Result<AssessmentId> AddAssessment(const Assessment& a) override {
    return Guard("recording an assessment", [&]() -> Result<AssessmentId> {
      long long person = a.person_id, id = 0;
      int form = a.form_version;
      std::string on = FormatIsoDate(a.assessed_on), assessor = a.assessor, agency = a.agency,
                  at = FormatIsoTimestamp(a.recorded_at);
      sql_ << "INSERT INTO pathway_assessment (person_id, form_version, assessed_on, assessor, agency, recorded_at) "
              "VALUES (:person, :form, :on, :assessor, :agency, :at) RETURNING id",
          soci::use(person, "person"), soci::use(form, "form"), soci::use(on, "on"), soci::use(assessor, "assessor"),
          soci::use(agency, "agency"), soci::use(at, "at"), soci::into(id);
      for (size_t position = 0; position < a.needs.size(); ++position) {
        const PathwayNeed& need = a.needs[position];
        int pos = static_cast<int>(position);
        std::string pathway(CodeOf(need.pathway)), level(CodeOf(need.level)), notes = need.notes;
        soci::indicator notes_ind = NullIfEmpty(notes);
        sql_ << "INSERT INTO pathway_need (assessment_id, position, pathway, need, notes) VALUES (:id, :pos, "
                ":pathway, :need, :notes)",
            soci::use(id, "id"), soci::use(pos, "pos"), soci::use(pathway, "pathway"), soci::use(level, "need"),
            soci::use(notes, notes_ind, "notes");
      }
      return AssessmentId{id};
    });
  }

  Result<std::vector<Assessment>> AssessmentsFor(PersonId person_id) override {
    return Guard("reading assessments", [&]() -> Result<std::vector<Assessment>> {
      long long person = person_id, id = 0;
      int form = 0;
      std::string on, assessor, agency, at;
      std::vector<Assessment> assessments;
      {
        soci::statement st = (sql_.prepare << "SELECT id, form_version, CAST(assessed_on AS TEXT), assessor, agency, "
                                              "CAST(recorded_at AS TEXT) FROM pathway_assessment WHERE person_id = "
                                              ":person ORDER BY assessed_on, id",
                              soci::use(person, "person"), soci::into(id), soci::into(form), soci::into(on),
                              soci::into(assessor), soci::into(agency), soci::into(at));
        st.execute();
        while (st.fetch()) {
          Assessment a{.id = id, .person_id = person_id, .form_version = form, .assessor = assessor, .agency = agency};
          ASSIGN_OR_RETURN(a.assessed_on, DateFromColumn(on, "assessed_on"));
          ASSIGN_OR_RETURN(a.recorded_at, TimestampFromColumn(at, "recorded_at"));
          assessments.push_back(std::move(a));
        }
      }
      long long assessment_id = 0;
      std::string pathway, level, notes;
      soci::indicator notes_ind = soci::i_ok;
      soci::statement st = (sql_.prepare << "SELECT n.assessment_id, n.pathway, n.need, n.notes FROM pathway_need n "
                                            "JOIN pathway_assessment a ON a.id = n.assessment_id WHERE a.person_id = "
                                            ":person ORDER BY n.assessment_id, n.position",
                            soci::use(person, "person"), soci::into(assessment_id), soci::into(pathway),
                            soci::into(level), soci::into(notes, notes_ind));
      st.execute();
      while (st.fetch()) {
        PathwayNeed need{.notes = ValueOr(notes, notes_ind)};
        ASSIGN_OR_RETURN(need.pathway, FromColumn<Pathway>(pathway, "pathway"));
        ASSIGN_OR_RETURN(need.level, FromColumn<NeedLevel>(level, "need"));
        for (Assessment& a : assessments) {
          if (a.id == assessment_id) a.needs.push_back(std::move(need));
        }
      }
      return assessments;
    });
  }

  Result<int64_t> AddOverride(PersonId person_id, const BragOverride& o, Timestamp requested_at) override {
    return Guard("recording a BRAG override", [&]() -> Result<int64_t> {
      long long person = person_id, id = 0;
      std::string rating(CodeOf(o.rating)), justification = o.justification, starts = FormatIsoDate(o.starts_on),
                  expires = FormatIsoDate(o.expires_on), by = o.requested_by, at = FormatIsoTimestamp(requested_at),
                  approved_by = o.approved_by,
                  approved_at = o.approved_at ? FormatIsoTimestamp(*o.approved_at) : std::string();
      soci::indicator approved_by_ind = NullIfEmpty(approved_by), approved_at_ind = NullIfEmpty(approved_at);
      sql_ << "INSERT INTO brag_override (person_id, rating, justification, starts_on, expires_on, requested_by, "
              "requested_at, approved_by, approved_at) VALUES (:person, :rating, :justification, :starts, :expires, "
              ":by, :at, :approved_by, :approved_at) RETURNING id",
          soci::use(person, "person"), soci::use(rating, "rating"), soci::use(justification, "justification"),
          soci::use(starts, "starts"), soci::use(expires, "expires"), soci::use(by, "by"), soci::use(at, "at"),
          soci::use(approved_by, approved_by_ind, "approved_by"),
          soci::use(approved_at, approved_at_ind, "approved_at"), soci::into(id);
      return int64_t{id};
    });
  }

  Result<std::vector<StoredOverride>> OverridesFor(PersonId person_id) override {
    return Overrides(" WHERE person_id = :id ORDER BY id", person_id);
  }

  Result<StoredOverride> GetOverride(int64_t id) override {
    ASSIGN_OR_RETURN(std::vector<StoredOverride> found, Overrides(" WHERE id = :id", id));
    if (found.empty()) return Status::NotFound(fmt::format("BRAG override {} does not exist", id));
    return found.front();
  }

  Status UpdateOverride(const BragOverride& o, int version, const std::string& ended_by) override {
    return Guard("changing a BRAG override", [&]() -> Status {
      long long id = o.id;
      std::string approved_by = o.approved_by,
                  approved_at = o.approved_at ? FormatIsoTimestamp(*o.approved_at) : std::string(),
                  ended_on = o.ended_on ? FormatIsoDate(*o.ended_on) : std::string(), ended = ended_by;
      soci::indicator approved_by_ind = NullIfEmpty(approved_by), approved_at_ind = NullIfEmpty(approved_at),
                      ended_on_ind = NullIfEmpty(ended_on), ended_ind = NullIfEmpty(ended);
      soci::statement st = (sql_.prepare << "UPDATE brag_override SET approved_by = :approved_by, approved_at = "
                                            ":approved_at, ended_on = :ended_on, ended_by = :ended_by, version = "
                                            "version + 1 WHERE id = :id AND version = :version",
                            soci::use(approved_by, approved_by_ind, "approved_by"),
                            soci::use(approved_at, approved_at_ind, "approved_at"),
                            soci::use(ended_on, ended_on_ind, "ended_on"), soci::use(ended, ended_ind, "ended_by"),
                            soci::use(id, "id"), soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) return Status::Stale("someone changed this override meanwhile: reload and check");
      return Status::Ok();
    });
  }

  Result<std::optional<std::string>> RuleParameters(const std::string& name) override {
    return Guard("reading rule parameters", [&]() -> Result<std::optional<std::string>> {
      std::string key = name, parameters;
      soci::indicator ind = soci::i_null;
      sql_ << "SELECT parameters FROM rule_config WHERE name = :name", soci::use(key, "name"),
          soci::into(parameters, ind);
      if (!sql_.got_data() || ind != soci::i_ok) return std::optional<std::string>();
      return std::optional<std::string>(parameters);
    });
  }

  Status SetRuleParameters(const std::string& name, const std::string& parameters, const std::string& changed_by,
                           Timestamp changed_at) override {
    return Guard("saving rule parameters", [&]() -> Status {
      std::string key = name, text = parameters, by = changed_by, at = FormatIsoTimestamp(changed_at);
      sql_ << "DELETE FROM rule_config WHERE name = :name", soci::use(key, "name");
      sql_ << "INSERT INTO rule_config (name, parameters, changed_by, changed_at) VALUES (:name, :parameters, :by, "
              ":at)",
          soci::use(key, "name"), soci::use(text, "parameters"), soci::use(by, "by"), soci::use(at, "at");
      return Status::Ok();
    });
  }

 private:
  Result<std::vector<Contact>> Contacts(const std::string& where, long long id) {
    return Guard("reading contacts", [&]() -> Result<std::vector<Contact>> {
      ContactRow row;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string(kContactColumns) + where);
      row.Bind(st);
      st.exchange(soci::use(id, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<Contact> contacts;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(Contact contact, row.Get());
        contacts.push_back(std::move(contact));
      }
      return contacts;
    });
  }

  Result<std::vector<StoredOverride>> Overrides(const std::string& where, long long id) {
    return Guard("reading BRAG overrides", [&]() -> Result<std::vector<StoredOverride>> {
      OverrideRow row;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string(kOverrideColumns) + where);
      row.Bind(st);
      st.exchange(soci::use(id, "id"));
      st.define_and_bind();
      st.execute();
      std::vector<StoredOverride> found;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(StoredOverride stored, row.Get());
        found.push_back(std::move(stored));
      }
      return found;
    });
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<CaseRepository> MakeRepository(RepositoryTag<CaseRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociCaseRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::CaseRepository& openiom::Transaction::Get<openiom::CaseRepository>();
