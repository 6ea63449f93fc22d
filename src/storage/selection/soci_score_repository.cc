// Score runs and stored scores (see score_repository.h).
#include <fmt/format.h>

#include "common/strings.h"
#include "storage/selection/score_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr std::string_view kSelectPeople =
    "SELECT id, CAST(date_of_birth AS TEXT), gender FROM person ORDER BY id";
constexpr std::string_view kSelectEvents =
    "SELECT person_id, CAST(event_date AS TEXT), kind, offence_category FROM event";
constexpr std::string_view kSelectCohort =
    "SELECT person_id FROM cohort_membership WHERE deselected_on IS NULL ORDER BY person_id";
constexpr std::string_view kInsertRun =
    "INSERT INTO score_run (as_of, started_at, finished_at, parameters, people, events, people_scored, candidates, "
    "run_by) VALUES (:as_of, :started_at, :finished_at, :parameters, :people, :events, :people_scored, :candidates, "
    ":run_by) RETURNING id";
constexpr std::string_view kRunColumns =
    "SELECT id, CAST(as_of AS TEXT), CAST(started_at AS TEXT), CAST(finished_at AS TEXT), parameters, people, "
    "events, people_scored, candidates, run_by FROM score_run";
constexpr std::string_view kScoreColumns =
    "s.person_id, s.rank_position, s.n, CAST(s.latest_event_date AS TEXT), s.days_since_latest, s.max_gravity, "
    "s.rfg_key, s.r_centis, s.f_centis, s.g_centis, s.rfg_centis, s.harm, s.cost, s.acquisitive_n, s.provisional, "
    "s.provisional_reasons, s.rules, s.rule_reasons";

// Variables a statement reads one stored score into (kScoreColumns, in order).
struct ScoreRow {
  long long person_id = 0, rank = 0, n = 0, days = 0, gravity = 0, key = 0, r = 0, f = 0, g = 0, rfg = 0, harm = 0,
            cost = 0, acquisitive = 0, provisional = 0;
  std::string latest, provisional_reasons, rules, rule_reasons;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(person_id));
    st.exchange(soci::into(rank));
    st.exchange(soci::into(n));
    st.exchange(soci::into(latest));
    st.exchange(soci::into(days));
    st.exchange(soci::into(gravity));
    st.exchange(soci::into(key));
    st.exchange(soci::into(r));
    st.exchange(soci::into(f));
    st.exchange(soci::into(g));
    st.exchange(soci::into(rfg));
    st.exchange(soci::into(harm));
    st.exchange(soci::into(cost));
    st.exchange(soci::into(acquisitive));
    st.exchange(soci::into(provisional));
    st.exchange(soci::into(provisional_reasons));
    st.exchange(soci::into(rules));
    st.exchange(soci::into(rule_reasons));
  }

  Result<StoredScore> Get() const {
    StoredScore score{.person_id = person_id, .rank_position = rank, .n = n, .days_since_latest = days,
                      .max_gravity = static_cast<int>(gravity), .rfg_key = key, .r_centis = r, .f_centis = f,
                      .g_centis = g, .rfg_centis = rfg, .harm = harm, .cost = cost, .acquisitive_n = acquisitive,
                      .provisional = provisional != 0, .provisional_reasons = provisional_reasons};
    ASSIGN_OR_RETURN(score.latest_event_date, DateFromColumn(latest, "latest_event_date"));
    // The columns as StoredScore::RuleNames and RuleReasons wrote them: names by ';', and a "name: reason" line
    // for each name, in the same order.
    const std::vector<std::string> lines = SplitLines(rule_reasons);
    size_t index = 0;
    for (size_t begin = 0; !rules.empty() && begin <= rules.size(); ++index) {
      const size_t end = std::min(rules.find(';', begin), rules.size());
      const std::string name = rules.substr(begin, end - begin);
      if (index >= lines.size() || !lines[index].starts_with(name + ": ")) {
        return Status::Internal(fmt::format("the stored score of person {} has rules without their reasons", person_id));
      }
      score.fired.push_back({name, lines[index].substr(name.size() + 2)});
      begin = end + 1;
    }
    return score;
  }
};

class SociScoreRepository final : public ScoreRepository {
 public:
  SociScoreRepository(soci::session& sql, Backend backend) : sql_(sql), loader_(MakeBulkLoader(backend)) {}

  Status ForEachPerson(const std::function<void(PersonId, std::optional<Date>, std::string_view)>& row) override {
    return Guard("reading people for scoring", [&]() -> Status {
      long long id = 0;
      std::string birth, gender;
      soci::indicator birth_indicator = soci::i_ok;
      soci::statement st = (sql_.prepare << kSelectPeople, soci::into(id), soci::into(birth, birth_indicator),
                            soci::into(gender));
      st.execute();
      while (st.fetch()) {
        ASSIGN_OR_RETURN(std::optional<Date> date_of_birth,
                         OptionalDateFromColumn(birth, birth_indicator, "date_of_birth"));
        row(id, date_of_birth, gender);
      }
      return Status::Ok();
    });
  }

  Status ForEachEvent(const std::function<void(PersonId, Date, std::string_view, std::string_view)>& row) override {
    return Guard("reading events for scoring", [&]() -> Status {
      long long person_id = 0;
      std::string date, kind, category;
      soci::indicator category_indicator = soci::i_ok;
      soci::statement st = (sql_.prepare << kSelectEvents, soci::into(person_id), soci::into(date), soci::into(kind),
                            soci::into(category, category_indicator));
      st.execute();
      while (st.fetch()) {
        ASSIGN_OR_RETURN(Date event_date, DateFromColumn(date, "event_date"));
        row(person_id, event_date, kind, category_indicator == soci::i_ok ? std::string_view(category) : "");
      }
      return Status::Ok();
    });
  }

  Result<std::vector<PersonId>> CurrentCohort() override {
    return Guard("reading the cohort", [&]() -> Result<std::vector<PersonId>> {
      long long id = 0;
      soci::statement st = (sql_.prepare << kSelectCohort, soci::into(id));
      st.execute();
      std::vector<PersonId> ids;
      while (st.fetch()) ids.push_back(id);
      return ids;
    });
  }

  Result<int64_t> SaveRun(const ScoreRun& run, const std::vector<StoredScore>& scores, int keep_runs) override {
    return Guard("storing a score run", [&]() -> Result<int64_t> {
      std::string as_of = FormatIsoDate(run.as_of), started = FormatIsoTimestamp(run.started_at),
                  finished = FormatIsoTimestamp(run.finished_at), parameters = run.parameters, run_by = run.run_by;
      long long people = run.people, events = run.events, scored = run.people_scored, candidates = run.candidates;
      long long id = 0;
      sql_ << kInsertRun, soci::use(as_of, "as_of"), soci::use(started, "started_at"),
          soci::use(finished, "finished_at"), soci::use(parameters, "parameters"), soci::use(people, "people"),
          soci::use(events, "events"), soci::use(scored, "people_scored"), soci::use(candidates, "candidates"),
          soci::use(run_by, "run_by"), soci::into(id);
      TextRows data;
      data.columns = {"run_id", "person_id", "rank_position", "n", "latest_event_date", "days_since_latest",
                      "max_gravity", "rfg_key", "r_centis", "f_centis", "g_centis", "rfg_centis", "harm", "cost",
                      "acquisitive_n", "provisional", "provisional_reasons", "rules", "rule_reasons"};
      constexpr size_t kBatch = 20000;
      for (size_t begin = 0; begin < scores.size(); begin += kBatch) {
        data.rows.clear();
        for (size_t i = begin; i < std::min(scores.size(), begin + kBatch); ++i) {
          const StoredScore& s = scores[i];
          data.rows.push_back({std::to_string(id), std::to_string(s.person_id), std::to_string(s.rank_position),
                               std::to_string(s.n), FormatIsoDate(s.latest_event_date),
                               std::to_string(s.days_since_latest), std::to_string(s.max_gravity),
                               std::to_string(s.rfg_key), std::to_string(s.r_centis), std::to_string(s.f_centis),
                               std::to_string(s.g_centis), std::to_string(s.rfg_centis), std::to_string(s.harm),
                               std::to_string(s.cost), std::to_string(s.acquisitive_n), s.provisional ? "1" : "0",
                               s.provisional_reasons, s.RuleNames(), s.RuleReasons()});
        }
        loader_->Load(sql_, "person_score", data, /*skip_conflicts=*/false);
      }
      long long keep = keep_runs;
      sql_ << "DELETE FROM person_score WHERE run_id IN (SELECT id FROM score_run WHERE id NOT IN "
              "(SELECT id FROM score_run ORDER BY id DESC LIMIT :keep))",
          soci::use(keep, "keep");
      sql_ << "DELETE FROM score_run WHERE id NOT IN (SELECT id FROM score_run ORDER BY id DESC LIMIT :keep)",
          soci::use(keep, "keep");
      return int64_t{id};
    });
  }

  Result<std::optional<ScoreRun>> LatestRun() override {
    return Guard("reading the latest score run", [&]() -> Result<std::optional<ScoreRun>> {
      long long id = 0, people = 0, events = 0, scored = 0, candidates = 0;
      std::string as_of, started, finished, parameters, run_by;
      sql_ << std::string(kRunColumns) + " ORDER BY id DESC LIMIT 1", soci::into(id), soci::into(as_of),
          soci::into(started), soci::into(finished), soci::into(parameters), soci::into(people), soci::into(events),
          soci::into(scored), soci::into(candidates), soci::into(run_by);
      if (!sql_.got_data()) return std::optional<ScoreRun>();
      ScoreRun run{.id = id, .parameters = parameters, .people = people, .events = events, .people_scored = scored,
                   .candidates = candidates, .run_by = run_by};
      ASSIGN_OR_RETURN(run.as_of, DateFromColumn(as_of, "as_of"));
      ASSIGN_OR_RETURN(run.started_at, TimestampFromColumn(started, "started_at"));
      ASSIGN_OR_RETURN(run.finished_at, TimestampFromColumn(finished, "finished_at"));
      return std::optional<ScoreRun>(run);
    });
  }

  Result<std::vector<ScoreListing>> List(int64_t run_id, const ScoreFilter& filter) override {
    return Guard("listing scores", [&]() -> Result<std::vector<ScoreListing>> {
      TextParams params;
      const std::string where = Where(run_id, filter, params);
      ScoreRow score;
      std::string surname, forenames, dob, gender, ethnicity, district;
      soci::indicator dob_ind, ethnicity_ind, district_ind;
      long long limit = filter.limit, offset = filter.offset;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(fmt::format("SELECT {}, p.surname, p.forenames, CAST(p.date_of_birth AS TEXT), p.gender, "
                             "p.ethnicity, p.district FROM person_score s JOIN person p ON p.id = s.person_id{} "
                             "ORDER BY s.rank_position LIMIT :limit OFFSET :offset",
                             kScoreColumns, where));
      score.Bind(st);
      st.exchange(soci::into(surname));
      st.exchange(soci::into(forenames));
      st.exchange(soci::into(dob, dob_ind));
      st.exchange(soci::into(gender));
      st.exchange(soci::into(ethnicity, ethnicity_ind));
      st.exchange(soci::into(district, district_ind));
      for (auto& [name, value] : params) st.exchange(soci::use(value, name));
      st.exchange(soci::use(limit, "limit"));
      st.exchange(soci::use(offset, "offset"));
      st.define_and_bind();
      st.execute();
      std::vector<ScoreListing> listings;
      while (st.fetch()) {
        ScoreListing listing{.surname = surname, .forenames = forenames, .gender = gender,
                             .ethnicity = ValueOr(ethnicity, ethnicity_ind), .district = ValueOr(district, district_ind)};
        ASSIGN_OR_RETURN(listing.score, score.Get());
        ASSIGN_OR_RETURN(listing.date_of_birth, OptionalDateFromColumn(dob, dob_ind, "date_of_birth"));
        listings.push_back(std::move(listing));
      }
      return listings;
    });
  }

  Result<int64_t> Count(int64_t run_id, const ScoreFilter& filter) override {
    return Guard("counting scores", [&]() -> Result<int64_t> {
      TextParams params;
      const std::string where = Where(run_id, filter, params);
      return CountWhere(sql_, "person_score s JOIN person p ON p.id = s.person_id", where, params);
    });
  }

  Result<std::optional<StoredScore>> Find(int64_t run_id, PersonId person_id) override {
    return Guard("reading a score", [&]() -> Result<std::optional<StoredScore>> {
      ScoreRow score;
      long long run = run_id, person = person_id;
      soci::statement st(sql_);
      st.alloc();
      st.prepare(fmt::format("SELECT {} FROM person_score s WHERE s.run_id = :run AND s.person_id = :person",
                             kScoreColumns));
      score.Bind(st);
      st.exchange(soci::use(run, "run"));
      st.exchange(soci::use(person, "person"));
      st.define_and_bind();
      if (!st.execute(true)) return std::optional<StoredScore>();
      ASSIGN_OR_RETURN(StoredScore stored, score.Get());
      return std::optional<StoredScore>(std::move(stored));
    });
  }

 private:
  static std::string Where(int64_t run_id, const ScoreFilter& filter, TextParams& params) {
    std::string where = fmt::format(" WHERE s.run_id = {}", run_id);
    if (filter.candidates_only) where += " AND s.rules <> ''";
    if (!filter.rule.empty()) {
      // Rule names are [a-z0-9_-] (validated), matched as a whole ';'-separated item.
      std::string pattern = "%;";
      for (char c : filter.rule) {
        if (c == '_' || c == '%' || c == '\\') pattern += '\\';
        pattern += c;
      }
      where += " AND (';' || s.rules || ';') LIKE :rule ESCAPE '\\'";
      params.emplace_back("rule", pattern + ";%");
    }
    if (!filter.district.empty()) {
      where += " AND p.district = :district";
      params.emplace_back("district", filter.district);
    }
    if (filter.min_rfg_centis > 0) where += fmt::format(" AND s.rfg_centis >= {}", filter.min_rfg_centis);
    return where;
  }

  soci::session& sql_;
  std::unique_ptr<BulkLoader> loader_;
};

}  // namespace

std::unique_ptr<ScoreRepository> MakeRepository(RepositoryTag<ScoreRepository>, soci::session& sql, Backend backend) {
  return std::make_unique<SociScoreRepository>(sql, backend);
}

}  // namespace openiom::storage_internal

template openiom::ScoreRepository& openiom::Transaction::Get<openiom::ScoreRepository>();
