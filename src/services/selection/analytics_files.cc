#include "services/selection/analytics_files.h"

#include <charconv>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

#include "analytics/selection/bulk_scores.h"
#include "analytics/engine/columnar_csv.h"
#include "common/output_file.h"

namespace openiom {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

char* PutInt(char* out, int64_t value) { return std::to_chars(out, out + 20, value).ptr; }

char* PutCentis(char* out, int64_t centis) {
  out = PutInt(out, centis / 100);
  out[0] = '.';
  out[1] = static_cast<char>('0' + centis % 100 / 10);
  out[2] = static_cast<char>('0' + centis % 10);
  return out + 3;
}

void FormatDay(int32_t day_number, char* text) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day_number))};
  const int year = static_cast<int>(date.year());
  const unsigned month = static_cast<unsigned>(date.month()), day = static_cast<unsigned>(date.day());
  const char digits[10] = {static_cast<char>('0' + year / 1000 % 10), static_cast<char>('0' + year / 100 % 10),
                           static_cast<char>('0' + year / 10 % 10),   static_cast<char>('0' + year % 10),
                           '-',
                           static_cast<char>('0' + month / 10),      static_cast<char>('0' + month % 10),
                           '-',
                           static_cast<char>('0' + day / 10),        static_cast<char>('0' + day % 10)};
  std::memcpy(text, digits, 10);
}

// The text of every day in the scoring window, formatted once: each scored person's latest event is in it.
class WindowDays {
 public:
  WindowDays(int32_t first, int32_t last) : first_(first), texts_(static_cast<size_t>(last - first + 1) * 10) {
    for (int32_t day = first; day <= last; ++day) FormatDay(day, texts_.data() + (day - first) * 10);
  }
  char* Put(char* out, int32_t day) const {
    const size_t index = static_cast<size_t>(day - first_);
    if (index * 10 < texts_.size()) {
      std::memcpy(out, texts_.data() + index * 10, 10);
    } else {
      FormatDay(day, out);
    }
    return out + 10;
  }

 private:
  int32_t first_;
  std::vector<char> texts_;
};

// Appends text to a large buffer and writes it out in big blocks, through an OutputFile (so a failed run leaves
// no half file and a planted link cannot redirect it).
class BufferedOutput {
 public:
  static Result<BufferedOutput> Create(const std::string& path) {
    ASSIGN_OR_RETURN(OutputFile file, OutputFile::Create(path));
    BufferedOutput out(std::move(file));
    out.buffer_.reserve(kFlushAt + 4096);
    return out;
  }

  void Append(std::string_view text) { buffer_.append(text); }
  void Append(char c) { buffer_.push_back(c); }
  void AppendInt(int64_t value) {
    char digits[24];
    buffer_.append(digits, PutInt(digits, value));
  }
  void AppendCentis(int64_t centis) {
    char text[32];
    buffer_.append(text, static_cast<size_t>(PutCentis(text, centis) - text));
  }
  void AppendDay(int32_t day_number) {
    char text[10];
    FormatDay(day_number, text);
    buffer_.append(text, 10);
  }
  Status MaybeFlush() { return buffer_.size() >= kFlushAt ? Flush() : Status::Ok(); }

  // Writes what is left and puts the file in place.
  Status Commit() {
    RETURN_IF_ERROR(Flush());
    return file_.Commit();
  }

 private:
  static constexpr size_t kFlushAt = size_t{1} << 20;
  explicit BufferedOutput(OutputFile file) : file_(std::move(file)) {}
  Status Flush() {
    RETURN_IF_ERROR(file_.Write(buffer_));
    buffer_.clear();
    return Status::Ok();
  }
  OutputFile file_;
  std::string buffer_;
};

struct Loaded {
  AnalyticsTables tables;
  BulkScores scores;
  AnalyticsFileReport report;
};

Result<Loaded> LoadAndScore(const AnalyticsFileOptions& options) {
  RETURN_IF_ERROR(options.config.rfg.Validate());
  const int threads = options.threads > 0 ? options.threads : AnalyticsThreads();
  ASSIGN_OR_RETURN(CategoryColumns categories,
                   CategoryColumns::From(CategoriesFor(options.config, OffenceCategoryCatalogue::BuiltIn()),
                                         ScoringTableFor(options.config)));
  Loaded loaded;
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(loaded.tables, LoadAnalyticsCsv(options.persons_path, options.events_path, categories, threads));
  loaded.report.load_s = SecondsSince(start);
  loaded.report.people = loaded.tables.people.size();
  loaded.report.events = loaded.tables.events.size();
  start = std::chrono::steady_clock::now();
  loaded.scores = ScoreEveryone(loaded.tables.events, loaded.tables.people, categories, options.config.rfg, options.as_of,
                                threads);
  loaded.report.score_s = SecondsSince(start);
  return loaded;
}

}  // namespace

Result<AnalyticsFileReport> ScoreFiles(const AnalyticsFileOptions& options) {
  ASSIGN_OR_RETURN(Loaded loaded, LoadAndScore(options));
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(BufferedOutput out, BufferedOutput::Create(options.out_path));
  const RfgScale scale(options.config.rfg);
  const int32_t as_of = static_cast<int32_t>(options.as_of.time_since_epoch().count());
  out.Append("person_id,n,last_event_date,max_gravity,r,f,g,rfg,harm,cost\n");
  const WindowDays days(as_of - options.config.rfg.window_days + 1, as_of);
  for (const ScoredPerson& scored : loaded.scores.ranked) {
    const PersonTotals& t = scored.totals;
    const int64_t d = as_of - t.latest_day;
    char line[192];  // 7 numbers of at most 20 characters, 4 decimals of at most 24, a date, commas
    char* p = PutInt(line, loaded.tables.people.id[scored.row]);
    *p++ = ',';
    p = PutInt(p, t.n);
    *p++ = ',';
    p = days.Put(p, t.latest_day);
    *p++ = ',';
    p = PutInt(p, t.max_gravity);
    *p++ = ',';
    p = PutCentis(p, scale.RecencyCentis(d));
    *p++ = ',';
    p = PutCentis(p, scale.FrequencyCentis(t.n));
    *p++ = ',';
    p = PutCentis(p, scale.GravityCentis(t.max_gravity));
    *p++ = ',';
    p = PutCentis(p, scale.RfgCentis(scored.key));
    *p++ = ',';
    p = PutInt(p, t.harm);
    *p++ = ',';
    p = PutInt(p, t.cost);
    *p++ = '\n';
    out.Append(std::string_view(line, static_cast<size_t>(p - line)));
    RETURN_IF_ERROR(out.MaybeFlush());
  }
  RETURN_IF_ERROR(out.Commit());
  loaded.report.rows_written = loaded.scores.ranked.size();
  loaded.report.write_s = SecondsSince(start);
  return loaded.report;
}

Result<AnalyticsFileReport> CandidatesFromFiles(const AnalyticsFileOptions& options, CandidatesFormat format) {
  for (const NominationRule& rule : options.config.rules) RETURN_IF_ERROR(rule.Validate());
  ASSIGN_OR_RETURN(Loaded loaded, LoadAndScore(options));
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(BufferedOutput out, BufferedOutput::Create(options.out_path));
  const RfgScale scale(options.config.rfg);
  const bool csv = format == CandidatesFormat::kCsv;
  out.Append(csv ? "person_id,rules,rfg,n,acquisitive_n,last_event_date,max_gravity,harm,cost,reasons\n" : "[");
  size_t written = 0;
  for (const ScoredPerson& scored : loaded.scores.ranked) {
    const PersonTotals& t = scored.totals;
    const uint32_t row = scored.row;
    const int64_t key = scored.key;
    NominationFacts facts{.n = t.n, .acquisitive_n = t.acquisitive_n, .rfg_key = key};
    const int32_t birth = loaded.tables.people.birth_day[row];
    if (birth != kUnknownDay) facts.age = AgeOn(Date(std::chrono::days(birth)), options.as_of);
    const std::vector<FiredRule> fired = EvaluateNominationRules(options.config.rules, facts, scale);
    if (fired.empty()) continue;
    std::string names, reasons;
    for (const FiredRule& rule : fired) {
      names += (names.empty() ? "" : ";") + rule.name;
      reasons += (reasons.empty() ? "" : " | ") + rule.name + ": " + rule.reason;
    }
    if (csv) {
      out.AppendInt(loaded.tables.people.id[row]);
      out.Append(',');
      out.Append(names);
      out.Append(',');
      out.AppendCentis(scale.RfgCentis(key));
      out.Append(',');
      out.AppendInt(t.n);
      out.Append(',');
      out.AppendInt(t.acquisitive_n);
      out.Append(',');
      out.AppendDay(t.latest_day);
      out.Append(',');
      out.AppendInt(t.max_gravity);
      out.Append(',');
      out.AppendInt(t.harm);
      out.Append(',');
      out.AppendInt(t.cost);
      out.Append(',');
      out.Append('"');  // reasons hold commas but never quotes (numbers and fixed words)
      out.Append(reasons);
      out.Append('"');
      out.Append('\n');
    } else {
      out.Append(written == 0 ? "\n" : ",\n");
      out.Append(fmt::format(R"({{"person_id":{},"rules":[)", loaded.tables.people.id[row]));
      for (size_t i = 0; i < fired.size(); ++i) {
        // Rule names are [a-z0-9_-]; reasons are built from numbers and fixed words, so neither needs escaping.
        out.Append(fmt::format(R"({}{{"name":"{}","reason":"{}"}})", i == 0 ? "" : ",", fired[i].name,
                               fired[i].reason));
      }
      out.Append(fmt::format(R"(],"rfg":{},"n":{},"acquisitive_n":{},"last_event_date":")",
                             FormatCentis(scale.RfgCentis(key)), t.n, t.acquisitive_n));
      out.AppendDay(t.latest_day);
      out.Append(fmt::format(R"(","max_gravity":{},"harm":{},"cost":{}}})", t.max_gravity, t.harm, t.cost));
    }
    ++written;
    RETURN_IF_ERROR(out.MaybeFlush());
  }
  if (!csv) out.Append("\n]\n");
  RETURN_IF_ERROR(out.Commit());
  loaded.report.rows_written = written;
  loaded.report.write_s = SecondsSince(start);
  return loaded.report;
}

}  // namespace openiom
