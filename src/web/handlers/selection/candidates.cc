// Finding the right people: the candidates the nomination rules propose (with each rule's reason and the score
// components), running the scoring, and one person's score explained event by event.

#include <fmt/format.h>

#include "common/strings.h"
#include "domain/reference/reference_data.h"
#include "web/handlers/people/people.h"
#include "web/handlers/selection/selection.h"

namespace openiom::web {
namespace {

constexpr int kPageSize = 50;

// Filters from the query string; a bad minimum RFG is reported against its field.
ScoreFilter FilterFrom(const FormFields& query, FieldProblems& errors) {
  ScoreFilter filter{.candidates_only = query.Get("show") != "all",
                     .rule = std::string(Trim(query.Get("rule"))),
                     .district = std::string(Trim(query.Get("district")))};
  if (const std::string min_rfg(Trim(query.Get("min_rfg"))); !min_rfg.empty()) {
    const std::optional<int64_t> value = ParseInt64(min_rfg);
    if (!value || *value < 0 || *value > 100) {
      errors.emplace_back("min_rfg", "Enter a whole number from 0 to 100");
    } else {
      filter.min_rfg_centis = *value * 100;
    }
  }
  for (char c : filter.rule) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      errors.emplace_back("rule", "Choose a rule from the list");
      break;
    }
  }
  return filter;
}

// The rules of the run that produced the scores, with their explanations, for the key above the table.
std::vector<NominationRule> RunRules(const ScoreRun& run) {
  Result<ScoringConfig> config = ParseScoringConfig(run.parameters);
  return config.ok() ? config->rules : std::vector<NominationRule>{};
}

std::string Money(int64_t pounds) {
  std::string digits = std::to_string(pounds), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return "£" + out;
}

ViewData ScoreView(const StoredScore& s) {
  std::vector<ViewData> fired;
  for (const RuleReason& rule : s.fired) fired.push_back(ViewData().Set("name", rule.rule).Set("reason", rule.reason));
  std::vector<ViewData> reasons;
  for (const std::string& line : SplitLines(s.provisional_reasons)) reasons.push_back(ViewData().Set("text", line));
  return ViewData()
      .Set("rank", s.rank_position)
      .Set("rfg", FormatCentis(s.rfg_centis))
      .Set("r", FormatCentis(s.r_centis))
      .Set("f", FormatCentis(s.f_centis))
      .Set("g", FormatCentis(s.g_centis))
      .Set("n", s.n)
      .Set("acquisitive_n", s.acquisitive_n)
      .Set("latest", FormatShortDate(s.latest_event_date))
      .Set("days", s.days_since_latest)
      .Set("gravity", s.max_gravity)
      .Set("harm", s.harm)
      .Set("cost", Money(s.cost))
      .Set("provisional", s.provisional)
      .Set("provisional_reasons", std::move(reasons))
      .Set("has_fired", !fired.empty())
      .Set("fired", std::move(fired));
}

}  // namespace

HttpResponse CandidatesGet(PageRequest& page) {
  FieldProblems errors;
  ScoreFilter filter = FilterFrom(page.query, errors);
  const int page_number = PageNumber(page.query.Get("page"));
  filter.limit = kPageSize;
  filter.offset = static_cast<int64_t>(page_number - 1) * kPageSize;
  ViewData data;
  data.Set("min_rfg", page.query.Get("min_rfg")).Set("min_rfg_error", ErrorFor(errors, "min_rfg"));
  data.Set("show_all", !filter.candidates_only).Set("can_run", page.Can(Action::kRunScoring));
  data.Set("can_refer", page.Can(Action::kReferPerson));
  std::vector<ViewData> districts;
  for (const District& district : LsoaCatalogue::Cleveland().districts()) {
    districts.push_back(ViewData().Set("name", district.name).Set("selected", district.name == filter.district));
  }
  data.Set("districts", std::move(districts));
  if (!errors.empty()) {
    if (auto refused = Refuse(page, Action::kViewCandidates, ObjectKind::kScoreRun, "")) return *refused;
    return RenderPage(page, "Candidates", "candidates", std::move(data), 400, errors);
  }
  auto found = page.app.scoring.Candidates(page.actor(), filter);
  if (!found.ok()) return StatusPage(page, found.status());
  if (found->run) {
    const ScoreRun& run = *found->run;
    std::vector<ViewData> rules;
    for (const NominationRule& rule : RunRules(run)) {
      rules.push_back(ViewData()
                          .Set("name", rule.name)
                          .Set("explanation", rule.explanation)
                          .Set("selected", rule.name == filter.rule));
    }
    data.Set("rules", std::move(rules));
    data.Set("run", ViewData()
                        .Set("id", run.id)
                        .Set("as_of", FormatLongDate(run.as_of))
                        .Set("finished_at", FormatLondonDateTime(run.finished_at))
                        .Set("run_by", run.run_by)
                        .Set("people", run.people)
                        .Set("scored", run.people_scored)
                        .Set("candidates", run.candidates));
    std::vector<ViewData> rows;
    for (const ScoreListing& listing : found->rows) {
      ViewData row = ScoreView(listing.score);
      row.Set("person_id", listing.score.person_id)
          .Set("name", listing.surname + ", " + listing.forenames)
          .Set("district", listing.district);
      rows.push_back(std::move(row));
    }
    data.Set("has_rows", !rows.empty()).Set("rows", std::move(rows));
    data.Set("total", found->total).Set("total_text", Plural(found->total, "person", "people"));
    data.Set("csv_href", HrefWithFilters("/candidates.csv", page.query));
    if (auto pages = Pagination("/candidates", page.query, page_number, found->total, kPageSize)) {
      data.Set("pagination", std::move(*pages));
    }
  }
  data.Set("scored", page.query.Get("scored") == "1");
  return RenderPage(page, "Candidates", "candidates", std::move(data));
}

HttpResponse CandidatesCsvGet(PageRequest& page) {
  FieldProblems errors;
  ScoreFilter filter = FilterFrom(page.query, errors);
  if (!errors.empty()) return ErrorPage(page, 400);
  auto found = page.app.scoring.ExportCandidates(page.actor(), filter);
  if (!found.ok()) return StatusPage(page, found.status());
  HttpResponse response{200, {{"Content-Type", "text/csv; charset=utf-8"}}, CandidatesCsv(found->rows)};
  response.SetHeader("Content-Disposition", "attachment; filename=\"openiom-candidates.csv\"");
  return response;
}

HttpResponse ScoringRunPost(PageRequest& page) {
  // The rules and parameters the area last scored with (set with `openiom score --config`), not the defaults.
  auto config = page.app.scoring.LatestConfig();
  if (!config.ok()) return StatusPage(page, config.status());
  auto run = page.app.scoring.ScoreDatabase(page.actor(), page.app.clock.Today(), *config);
  if (!run.ok()) return StatusPage(page, run.status());
  return Redirect(page.Can(Action::kViewCandidates) ? "/candidates?scored=1" : "/scoring?scored=1");
}

HttpResponse ScoringGet(PageRequest& page) {
  auto run = page.app.scoring.LatestRun(page.actor());
  if (!run.ok()) return StatusPage(page, run.status());
  ViewData data;
  if (*run) {
    data.Set("run", ViewData()
                        .Set("id", (*run)->id)
                        .Set("as_of", FormatLongDate((*run)->as_of))
                        .Set("finished_at", FormatLondonDateTime((*run)->finished_at))
                        .Set("run_by", (*run)->run_by)
                        .Set("people", (*run)->people)
                        .Set("events", (*run)->events)
                        .Set("scored", (*run)->people_scored)
                        .Set("candidates", (*run)->candidates));
  }
  data.Set("scored", page.query.Get("scored") == "1");
  data.Set("can_see_candidates", page.Can(Action::kViewCandidates));
  data.Set("can_see_fairness", page.Can(Action::kViewFairness));
  return RenderPage(page, "Scoring", "scoring", std::move(data));
}

HttpResponse PersonScoreGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto explained = page.app.scoring.Explain(page.actor(), *id, ScoringConfig{});
  if (!explained.ok()) return PersonStatusPage(page, *id, Action::kViewCandidates, explained.status());
  const ScoreExplanation& e = *explained;
  ViewData data = PersonHeader(page, e.person, e.has_open_warrant, "/score", "/candidates");
  data.Set("as_of", FormatLongDate(e.as_of));
  if (e.run) data.Set("run", ViewData().Set("id", e.run->id).Set("as_of", FormatLongDate(e.run->as_of)));
  if (e.stored) data.Set("stored", ScoreView(*e.stored));
  const RfgResult& r = e.rfg;
  const RfgParameters& p = e.config.rfg;
  data.Set("scored", r.n > 0);
  data.Set("rfg", ViewData()
                      .Set("rfg", FormatCentis(r.rfg_centis))
                      .Set("r", FormatCentis(r.r_centis))
                      .Set("f", FormatCentis(r.f_centis))
                      .Set("g", FormatCentis(r.g_centis))
                      .Set("n", r.n)
                      .Set("latest", r.latest ? FormatLongDate(*r.latest) : "")
                      .Set("days", r.days_since_latest)
                      .Set("gravity", r.max_gravity)
                      .Set("harm", r.harm)
                      .Set("cost", Money(r.cost))
                      .Set("window", p.window_days)
                      .Set("cap", p.frequency_cap)
                      .Set("wr", p.weight_recency)
                      .Set("wf", p.weight_frequency)
                      .Set("wg", p.weight_gravity));
  std::vector<ViewData> events;
  for (const ScoredEvent& event : e.events) {
    const OffenceCategory* category = OffenceCategoryCatalogue::BuiltIn().Find(event.category);
    events.push_back(ViewData()
                         .Set("date", FormatShortDate(event.date))
                         .Set("kind", EventKindLabel(event.kind))
                         .Set("category", category != nullptr ? category->name : "Not recorded"));
  }
  data.Set("events", std::move(events));
  std::vector<ViewData> notes, reasons;
  for (const std::string& note : e.category_notes) notes.push_back(ViewData().Set("text", note));
  for (const std::string& reason : r.reasons) reasons.push_back(ViewData().Set("text", reason));
  data.Set("notes", std::move(notes)).Set("reasons", std::move(reasons)).Set("provisional", r.provisional);
  if (e.ogrs3) {
    std::vector<ViewData> ogrs3_reasons;
    for (const std::string& reason : e.ogrs3->reasons) ogrs3_reasons.push_back(ViewData().Set("text", reason));
    data.Set("ogrs3", ViewData()
                          .Set("one_year", e.ogrs3->one_year_percent)
                          .Set("two_year", e.ogrs3->two_year_percent)
                          .Set("band", Ogrs3BandLabel(e.ogrs3->band))
                          .Set("age", e.ogrs3->age_at_follow_up)
                          .Set("copas", fmt::format("{:.3f}", e.ogrs3->copas_rate))
                          .Set("reasons", std::move(ogrs3_reasons)));
  } else {
    data.Set("ogrs3_unavailable", e.ogrs3_unavailable);
  }
  return RenderPage(page, e.person.surname + ", " + e.person.forenames + " — score", "person_score", std::move(data));
}

}  // namespace openiom::web
