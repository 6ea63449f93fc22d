// Plan actions and review dates (see plan_repository.h).
#include <fmt/format.h>

#include "storage/cases/plan_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

// The owner's and agency's names are joined in when read, so a renamed agency or user shows as they are now.
constexpr std::string_view kActionColumns =
    "SELECT p.id, p.person_id, p.pathway, p.kind, p.description, p.owner_agency_id, a.name, p.owner_user_id, "
    "u.display_name, CAST(p.due_on AS TEXT), p.status, CAST(p.done_on AS TEXT), p.recorded_by, "
    "CAST(p.recorded_at AS TEXT), p.version, pe.surname, pe.forenames FROM plan_action p "
    "JOIN agency a ON a.id = p.owner_agency_id LEFT JOIN app_user u ON u.id = p.owner_user_id "
    "JOIN person pe ON pe.id = p.person_id";

// Variables a statement reads one action into (kActionColumns, in order).
struct ActionRow {
  long long id = 0, person_id = 0, owner_agency_id = 0, owner_user_id = 0, version = 0;
  std::string pathway, kind, description, owner_agency, owner, due_on, status, done_on, recorded_by, recorded_at,
      surname, forenames;
  soci::indicator pathway_ind = soci::i_ok, owner_user_ind = soci::i_ok, owner_ind = soci::i_ok,
                  done_on_ind = soci::i_ok, surname_ind = soci::i_ok, forenames_ind = soci::i_ok;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(pathway, pathway_ind));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(description));
    st.exchange(soci::into(owner_agency_id));
    st.exchange(soci::into(owner_agency));
    st.exchange(soci::into(owner_user_id, owner_user_ind));
    st.exchange(soci::into(owner, owner_ind));
    st.exchange(soci::into(due_on));
    st.exchange(soci::into(status));
    st.exchange(soci::into(done_on, done_on_ind));
    st.exchange(soci::into(recorded_by));
    st.exchange(soci::into(recorded_at));
    st.exchange(soci::into(version));
    st.exchange(soci::into(surname, surname_ind));
    st.exchange(soci::into(forenames, forenames_ind));
  }

  Result<OwnedPlanAction> Get() const {
    OwnedPlanAction owned{.surname = ValueOr(surname, surname_ind), .forenames = ValueOr(forenames, forenames_ind)};
    PlanAction& a = owned.action;
    a.id = id;
    a.person_id = person_id;
    a.description = description;
    a.owner_agency_id = owner_agency_id;
    a.owner_agency = owner_agency;
    if (owner_user_ind == soci::i_ok) a.owner_user_id = owner_user_id;
    a.owner = ValueOr(owner, owner_ind);
    a.recorded_by = recorded_by;
    a.version = static_cast<int>(version);
    if (pathway_ind == soci::i_ok) {
      ASSIGN_OR_RETURN(a.pathway, FromColumn<Pathway>(pathway, "pathway"));
    }
    ASSIGN_OR_RETURN(a.kind, FromColumn<PlanActionKind>(kind, "kind"));
    ASSIGN_OR_RETURN(a.status, FromColumn<PlanActionStatus>(status, "status"));
    ASSIGN_OR_RETURN(a.due_on, DateFromColumn(due_on, "due_on"));
    ASSIGN_OR_RETURN(a.done_on, OptionalDateFromColumn(done_on, done_on_ind, "done_on"));
    ASSIGN_OR_RETURN(a.recorded_at, TimestampFromColumn(recorded_at, "recorded_at"));
    return owned;
  }
};

class SociPlanRepository final : public PlanRepository {
 public:
  explicit SociPlanRepository(soci::session& sql) : sql_(sql) {}

  Result<PlanActionId> AddAction(const PlanAction& a) override {
    return Guard("recording a plan action", [&]() -> Result<PlanActionId> {
      long long person = a.person_id, agency = a.owner_agency_id, user = a.owner_user_id.value_or(0), id = 0;
      std::string pathway(CodeOf(a.pathway)), kind(CodeOf(a.kind)),
          description = a.description, due = FormatIsoDate(a.due_on), status(CodeOf(a.status)),
          done = a.done_on ? FormatIsoDate(*a.done_on) : "", by = a.recorded_by, at = FormatIsoTimestamp(a.recorded_at);
      soci::indicator pathway_ind = NullIfEmpty(pathway), user_ind = a.owner_user_id ? soci::i_ok : soci::i_null,
                      done_ind = NullIfEmpty(done);
      sql_ << "INSERT INTO plan_action (person_id, pathway, kind, description, owner_agency_id, owner_user_id, "
              "due_on, status, done_on, recorded_by, recorded_at) VALUES (:person, :pathway, :kind, :description, "
              ":agency, :user, :due, :status, :done, :by, :at) RETURNING id",
          soci::use(person, "person"), soci::use(pathway, pathway_ind, "pathway"), soci::use(kind, "kind"),
          soci::use(description, "description"), soci::use(agency, "agency"), soci::use(user, user_ind, "user"),
          soci::use(due, "due"), soci::use(status, "status"), soci::use(done, done_ind, "done"), soci::use(by, "by"),
          soci::use(at, "at"), soci::into(id);
      return PlanActionId{id};
    });
  }

  Result<PlanAction> GetAction(PlanActionId id) override {
    ASSIGN_OR_RETURN(std::vector<OwnedPlanAction> found, Actions(" WHERE p.id = :id", id, std::nullopt));
    if (found.empty()) return Status::NotFound(fmt::format("plan action {} does not exist", id));
    return found.front().action;
  }

  Status UpdateActionStatus(const PlanAction& a) override {
    return Guard("changing a plan action", [&]() -> Status {
      long long id = a.id;
      int version = a.version;
      std::string status(CodeOf(a.status)), done = a.done_on ? FormatIsoDate(*a.done_on) : "";
      soci::indicator done_ind = NullIfEmpty(done);
      soci::statement st = (sql_.prepare << "UPDATE plan_action SET status = :status, done_on = :done, version = "
                                            "version + 1 WHERE id = :id AND version = :version",
                            soci::use(status, "status"), soci::use(done, done_ind, "done"), soci::use(id, "id"),
                            soci::use(version, "version"));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Stale("someone changed this plan action meanwhile: reload and check");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<PlanAction>> ActionsFor(PersonId person_id) override {
    ASSIGN_OR_RETURN(std::vector<OwnedPlanAction> found,
                     Actions(" WHERE p.person_id = :id ORDER BY p.due_on, p.id", person_id, std::nullopt));
    std::vector<PlanAction> actions;
    for (OwnedPlanAction& owned : found) actions.push_back(std::move(owned.action));
    return actions;
  }

  Result<std::vector<OwnedPlanAction>> OpenActionsOwnedBy(UserId owner_user_id, Date before) override {
    return Actions(
        " WHERE p.owner_user_id = :id AND p.status = :status AND p.due_on < :before "
        "ORDER BY p.due_on, p.id",
        owner_user_id, before);
  }

  Result<std::optional<PlanReview>> ReviewFor(PersonId person_id) override {
    return Guard("reading a plan's review date", [&]() -> Result<std::optional<PlanReview>> {
      long long person = person_id;
      std::string on, by, at;
      soci::indicator on_ind = soci::i_null;
      sql_ << "SELECT CAST(review_on AS TEXT), set_by, CAST(set_at AS TEXT) FROM plan_review WHERE person_id = "
              ":person",
          soci::use(person, "person"), soci::into(on, on_ind), soci::into(by), soci::into(at);
      if (!sql_.got_data() || on_ind != soci::i_ok) return std::optional<PlanReview>();
      PlanReview review{.person_id = person_id, .set_by = by};
      ASSIGN_OR_RETURN(review.review_on, DateFromColumn(on, "review_on"));
      ASSIGN_OR_RETURN(review.set_at, TimestampFromColumn(at, "set_at"));
      return std::optional<PlanReview>(review);
    });
  }

  Status SetReview(const PlanReview& review) override {
    return Guard("setting a plan's review date", [&]() -> Status {
      long long person = review.person_id;
      std::string on = FormatIsoDate(review.review_on), by = review.set_by, at = FormatIsoTimestamp(review.set_at);
      // Delete then insert: one statement on both backends, within the caller's transaction.
      sql_ << "DELETE FROM plan_review WHERE person_id = :person", soci::use(person, "person");
      sql_ << "INSERT INTO plan_review (person_id, review_on, set_by, set_at) VALUES (:person, :on, :by, :at)",
          soci::use(person, "person"), soci::use(on, "on"), soci::use(by, "by"), soci::use(at, "at");
      return Status::Ok();
    });
  }

 private:
  // The actions matching `where` (binding :id, and with `before` :status open and :before).
  Result<std::vector<OwnedPlanAction>> Actions(const std::string& where, long long id, std::optional<Date> before) {
    return Guard("reading plan actions", [&]() -> Result<std::vector<OwnedPlanAction>> {
      ActionRow row;
      std::string open(CodeOf(PlanActionStatus::kOpen)), before_text = before ? FormatIsoDate(*before) : "";
      soci::statement st(sql_);
      st.alloc();
      st.prepare(std::string(kActionColumns) + where);
      row.Bind(st);
      st.exchange(soci::use(id, "id"));
      if (before) {
        st.exchange(soci::use(open, "status"));
        st.exchange(soci::use(before_text, "before"));
      }
      st.define_and_bind();
      st.execute();
      std::vector<OwnedPlanAction> found;
      while (st.fetch()) {
        ASSIGN_OR_RETURN(OwnedPlanAction owned, row.Get());
        found.push_back(std::move(owned));
      }
      return found;
    });
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<PlanRepository> MakeRepository(RepositoryTag<PlanRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociPlanRepository>(sql);
}

}  // namespace openiom::storage_internal

template openiom::PlanRepository& openiom::Transaction::Get<openiom::PlanRepository>();
