#include "services/analytics_files.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "analytics/bulk_scores.h"
#include "analytics/columnar_csv.h"

namespace openiom {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Appends text to a large buffer and writes it out in big blocks.
class OutputFile {
 public:
  static Result<OutputFile> Create(const std::string& path) {
    OutputFile file;
    file.path_ = path;
    file.partial_ = path + ".partial";
    file.file_ = std::fopen(file.partial_.c_str(), "wb");
    if (file.file_ == nullptr) {
      return Status::Unavailable(fmt::format("{}: cannot create: {}", file.partial_, std::strerror(errno)));
    }
    file.buffer_.reserve(kFlushAt + 4096);
    return file;
  }
  OutputFile() = default;
  OutputFile(OutputFile&& other) noexcept { *this = std::move(other); }
  OutputFile& operator=(OutputFile&& other) noexcept {
    std::swap(file_, other.file_);
    path_ = std::move(other.path_);
    partial_ = std::move(other.partial_);
    buffer_ = std::move(other.buffer_);
    return *this;
  }
  ~OutputFile() {
    if (file_ != nullptr) {
      std::fclose(file_);
      std::remove(partial_.c_str());
    }
  }

  void Append(std::string_view text) { buffer_.append(text); }
  void Append(char c) { buffer_.push_back(c); }
  void AppendInt(int64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    buffer_.append(digits, result.ptr);
  }
  void AppendCentis(int64_t centis) {
    AppendInt(centis / 100);
    const char decimals[3] = {'.', static_cast<char>('0' + centis % 100 / 10), static_cast<char>('0' + centis % 10)};
    buffer_.append(decimals, 3);
  }
  void AppendDay(int32_t day_number) {
    const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day_number))};
    char text[11];
    const int year = static_cast<int>(date.year());
    const unsigned month = static_cast<unsigned>(date.month()), day = static_cast<unsigned>(date.day());
    text[0] = static_cast<char>('0' + year / 1000 % 10);
    text[1] = static_cast<char>('0' + year / 100 % 10);
    text[2] = static_cast<char>('0' + year / 10 % 10);
    text[3] = static_cast<char>('0' + year % 10);
    text[4] = '-';
    text[5] = static_cast<char>('0' + month / 10);
    text[6] = static_cast<char>('0' + month % 10);
    text[7] = '-';
    text[8] = static_cast<char>('0' + day / 10);
    text[9] = static_cast<char>('0' + day % 10);
    buffer_.append(text, 10);
  }
  Status MaybeFlush() { return buffer_.size() >= kFlushAt ? Flush() : Status::Ok(); }

  // Flushes, closes and renames the partial file into place.
  Status Commit() {
    RETURN_IF_ERROR(Flush());
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (closed != 0) {
      std::remove(partial_.c_str());
      return Status::Unavailable(fmt::format("{}: {}", partial_, std::strerror(errno)));
    }
    std::error_code error;
    std::filesystem::rename(partial_, path_, error);
    if (error) return Status::Unavailable(fmt::format("{}: {}", path_, error.message()));
    return Status::Ok();
  }

 private:
  static constexpr size_t kFlushAt = size_t{1} << 20;
  Status Flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      return Status::Unavailable(fmt::format("{}: {}", partial_, std::strerror(errno)));
    }
    buffer_.clear();
    return Status::Ok();
  }
  std::FILE* file_ = nullptr;
  std::string path_, partial_;
  std::string buffer_;
};

struct Loaded {
  AnalyticsTables tables;
  BulkScores scores;
  AnalyticsFileReport report;
};

Result<Loaded> LoadAndScore(const AnalyticsFileOptions& options) {
  RETURN_IF_ERROR(options.rfg.Validate());
  const int threads = options.threads > 0 ? options.threads : AnalyticsThreads();
  static const CategoryColumns categories =
      CategoryColumns::From(OffenceCategoryCatalogue::BuiltIn(), OffenceScoringTable::BuiltIn());
  Loaded loaded;
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(loaded.tables, LoadAnalyticsCsv(options.persons_path, options.events_path, categories, threads));
  loaded.report.load_s = SecondsSince(start);
  loaded.report.people = loaded.tables.people.size();
  loaded.report.events = loaded.tables.events.size();
  start = std::chrono::steady_clock::now();
  loaded.scores = ScoreEveryone(loaded.tables.events, loaded.tables.people, categories, options.rfg, options.as_of,
                                threads);
  loaded.report.score_s = SecondsSince(start);
  return loaded;
}

}  // namespace

Result<AnalyticsFileReport> ScoreFiles(const AnalyticsFileOptions& options) {
  ASSIGN_OR_RETURN(Loaded loaded, LoadAndScore(options));
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(options.out_path));
  const RfgScale scale(options.rfg);
  const int32_t as_of = static_cast<int32_t>(options.as_of.time_since_epoch().count());
  out.Append("person_id,n,last_event_date,max_gravity,r,f,g,rfg,harm,cost\n");
  for (const ScoredPerson& scored : loaded.scores.ranked) {
    const PersonTotals& t = scored.totals;
    const uint32_t row = scored.row;
    const int64_t d = as_of - t.latest_day;
    out.AppendInt(loaded.tables.people.id[row]);
    out.Append(',');
    out.AppendInt(t.n);
    out.Append(',');
    out.AppendDay(t.latest_day);
    out.Append(',');
    out.AppendInt(t.max_gravity);
    out.Append(',');
    out.AppendCentis(scale.RecencyCentis(d));
    out.Append(',');
    out.AppendCentis(scale.FrequencyCentis(t.n));
    out.Append(',');
    out.AppendCentis(scale.GravityCentis(t.max_gravity));
    out.Append(',');
    out.AppendCentis(scale.RfgCentis(scored.key));
    out.Append(',');
    out.AppendInt(t.harm);
    out.Append(',');
    out.AppendInt(t.cost);
    out.Append('\n');
    RETURN_IF_ERROR(out.MaybeFlush());
  }
  RETURN_IF_ERROR(out.Commit());
  loaded.report.rows_written = loaded.scores.ranked.size();
  loaded.report.write_s = SecondsSince(start);
  return loaded.report;
}

Result<AnalyticsFileReport> CandidatesFromFiles(const AnalyticsFileOptions& options, CandidatesFormat format) {
  for (const NominationRule& rule : options.rules) RETURN_IF_ERROR(rule.Validate());
  ASSIGN_OR_RETURN(Loaded loaded, LoadAndScore(options));
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(options.out_path));
  const RfgScale scale(options.rfg);
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
    const std::vector<FiredRule> fired = EvaluateNominationRules(options.rules, facts, scale);
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
