#include "analytics/columnar_csv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <thread>

#include <fmt/format.h>

namespace openiom {
namespace {

struct LineError {
  uint64_t offset;  // where the line starts in the file
  std::string message;
};

class File {
 public:
  explicit File(int fd) : fd_(fd) {}
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_;
};

Result<uint64_t> FileSize(int fd, const std::string& path) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return Status::Unavailable(fmt::format("{}: {}", path, std::strerror(errno)));
  return static_cast<uint64_t>(info.st_size);
}

// Reads [offset, offset + size) or less at the end of the file; returns bytes read or -1.
ssize_t ReadAt(int fd, char* into, size_t size, uint64_t offset) {
  size_t done = 0;
  while (done < size) {
    const ssize_t got = ::pread(fd, into + done, size - done, static_cast<off_t>(offset + done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (got == 0) break;
    done += static_cast<size_t>(got);
  }
  return static_cast<ssize_t>(done);
}

// Calls on_block(begin, end, offset) with runs of whole lines that start in [from, to) of the file: every line
// in [begin, end) ends with \n except perhaps the file's last; `offset` is begin's place in the file. `from` must
// be a line start or fall inside a line, in which case that line belongs to the previous range.
template <typename OnBlock>
Status ScanBlocks(int fd, const std::string& path, uint64_t from, uint64_t to, uint64_t file_size,
                  bool from_is_start, OnBlock on_block) {
  constexpr size_t kBlock = size_t{4} << 20;
  std::vector<char> buffer(kBlock);
  uint64_t buffer_offset = from;  // file offset of buffer[0]
  size_t held = 0;
  bool skip_partial = !from_is_start;
  uint64_t next_read = from;
  while (true) {
    if (held == buffer.size()) buffer.resize(buffer.size() * 2);  // a line longer than the buffer
    const size_t want = std::min<uint64_t>(buffer.size() - held, file_size - next_read);
    if (want > 0) {
      const ssize_t got = ReadAt(fd, buffer.data() + held, want, next_read);
      if (got < 0) return Status::Unavailable(fmt::format("{}: {}", path, std::strerror(errno)));
      next_read += static_cast<uint64_t>(got);
      held += static_cast<size_t>(got);
    }
    const bool at_end = next_read >= file_size;
    size_t pos = 0;
    if (skip_partial) {
      const void* newline = std::memchr(buffer.data(), '\n', held);
      if (newline == nullptr) {
        if (at_end) return Status::Ok();
        buffer_offset += held;
        held = 0;
        continue;
      }
      pos = static_cast<size_t>(static_cast<const char*>(newline) - buffer.data()) + 1;
      skip_partial = false;
    }
    // Whole lines end at the last newline held (or at the end of the file).
    size_t whole = held;
    if (!at_end) {
      whole = pos;
      for (size_t i = held; i > pos; --i) {
        if (buffer[i - 1] == '\n') {
          whole = i;
          break;
        }
      }
    }
    // Lines starting at or after `to` belong to the next range: stop after the line holding byte to - 1.
    if (buffer_offset + pos >= to) return Status::Ok();
    bool done = at_end;
    if (to - 1 - buffer_offset < whole) {
      const size_t last = static_cast<size_t>(to - 1 - buffer_offset);
      const void* newline = std::memchr(buffer.data() + last, '\n', whole - last);
      if (newline != nullptr) whole = static_cast<size_t>(static_cast<const char*>(newline) - buffer.data()) + 1;
      done = true;
    }
    if (whole > pos) on_block(buffer.data() + pos, buffer.data() + whole, buffer_offset + pos);
    if (done) return Status::Ok();
    std::memmove(buffer.data(), buffer.data() + whole, held - whole);
    buffer_offset += whole;
    held -= whole;
  }
}

// Calls on_line(line, offset) for each line in a block from ScanBlocks, without its \n or a trailing \r.
template <typename OnLine>
void ForEachLine(const char* begin, const char* end, uint64_t offset, OnLine on_line) {
  const char* line = begin;
  while (line < end) {
    const char* newline = static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(end - line)));
    const char* stop = newline == nullptr ? end : newline;
    const char* trimmed = stop > line && stop[-1] == '\r' ? stop - 1 : stop;
    on_line(std::string_view(line, static_cast<size_t>(trimmed - line)), offset + static_cast<uint64_t>(line - begin));
    line = newline == nullptr ? end : newline + 1;
  }
}

// Splits a line at commas; a field in double quotes has them removed (quotes inside fields are not allowed).
// Returns the number of fields, or -1 for a malformed quoted field. Fills at most `max` fields.
int SplitFields(std::string_view line, std::string_view* fields, int max) {
  int count = 0;
  size_t pos = 0;
  while (true) {
    if (count == max) return max + 1;
    if (pos < line.size() && line[pos] == '"') {
      const size_t close = line.find('"', pos + 1);
      if (close == std::string_view::npos || (close + 1 < line.size() && line[close + 1] != ',')) return -1;
      fields[count++] = line.substr(pos + 1, close - pos - 1);
      if (close + 1 >= line.size()) return count;
      pos = close + 2;
      continue;
    }
    const size_t comma = line.find(',', pos);
    if (comma == std::string_view::npos) {
      fields[count++] = line.substr(pos);
      return count;
    }
    fields[count++] = line.substr(pos, comma - pos);
    pos = comma + 1;
  }
}

bool ParseId(std::string_view text, int64_t& value) {
  if (text.empty() || text.size() > 18) return false;
  int64_t result = 0;
  for (char c : text) {
    const unsigned digit = static_cast<unsigned char>(c) - '0';
    if (digit > 9) return false;
    result = result * 10 + digit;
  }
  if (result <= 0) return false;
  value = result;
  return true;
}

std::string Shown(std::string_view value) {
  std::string shown(value.substr(0, 40));
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return value.size() > 40 ? shown + "..." : shown;
}

// Turns errors found at byte offsets into "file line N: message", counting newlines once.
Status Report(int fd, const std::string& path, uint64_t file_size, std::vector<LineError> errors, int max_errors,
              uint64_t total_errors) {
  std::sort(errors.begin(), errors.end(), [](const LineError& a, const LineError& b) { return a.offset < b.offset; });
  if (errors.size() > static_cast<size_t>(max_errors)) errors.resize(static_cast<size_t>(max_errors));
  std::string message = fmt::format("{}: {} bad row{}; nothing was loaded", path, total_errors,
                                    total_errors == 1 ? "" : "s");
  uint64_t line = 1;
  uint64_t counted_to = 0;
  std::vector<char> buffer(size_t{1} << 20);
  for (const LineError& error : errors) {
    while (counted_to < error.offset) {
      const size_t want = std::min<uint64_t>(buffer.size(), error.offset - counted_to);
      const ssize_t got = ReadAt(fd, buffer.data(), want, counted_to);
      if (got <= 0) break;
      line += static_cast<uint64_t>(std::count(buffer.data(), buffer.data() + got, '\n'));
      counted_to += static_cast<uint64_t>(got);
    }
    message += fmt::format("\n  line {}: {}", line, error.message);
  }
  (void)file_size;
  if (total_errors > errors.size()) message += fmt::format("\n  ... and {} more", total_errors - errors.size());
  return Status::InvalidArgument(message);
}

Result<std::string_view> HeaderLine(int fd, const std::string& path, uint64_t file_size, std::string& storage,
                                    uint64_t& body_start) {
  storage.resize(std::min<uint64_t>(file_size, 4096));
  const ssize_t got = ReadAt(fd, storage.data(), storage.size(), 0);
  if (got < 0) return Status::Unavailable(fmt::format("{}: {}", path, std::strerror(errno)));
  storage.resize(static_cast<size_t>(got));
  const size_t newline = storage.find('\n');
  std::string_view header(storage);
  if (newline != std::string::npos) header = header.substr(0, newline);
  body_start = newline == std::string::npos ? storage.size() : newline + 1;
  if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
  if (header.size() >= 3 && header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);
  return header;
}

Result<int> OpenForReading(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(fmt::format("{}: {}", path, std::strerror(errno)));
  return fd;
}

const char* FindLineEnd(const char* line, const char* end) {
  const void* newline = std::memchr(line, '\n', static_cast<size_t>(end - line));
  return newline == nullptr ? end : static_cast<const char*>(newline) + 1;
}

// The fast path for one well-formed events line (no quotes, no empty required field, every value valid): parses
// it straight into `block` and moves `p` past its newline. Returns false, changing nothing, for anything else;
// the caller then parses the line again on the slow path, which names the problem.
inline bool FastEventLine(const char*& p, const char* end, int fields, const PersonIdIndex& people,
                          const SmallCodeIndex& kinds, const CategoryColumns& categories, EventBlock& block) {
  const char* q = p;
  const auto number = [&](int64_t& value) {
    const char* start = q;
    uint64_t result = 0;  // unsigned: a 30-digit id wraps harmlessly and is then rejected for its length
    while (q < end && static_cast<unsigned>(*q - '0') < 10) result = result * 10 + static_cast<unsigned>(*q++ - '0');
    value = static_cast<int64_t>(result);
    return q > start && q - start <= 18 && result > 0 && q < end && *q++ == ',';
  };
  int64_t event_id = 0, person_id = 0;
  if (!number(event_id) || !number(person_id)) return false;
  const int64_t person = people.Find(person_id);
  if (person < 0 || end - q < 11 || q[10] != ',') return false;
  const std::optional<int32_t> day = ParseDayNumberAt(q);
  if (!day) return false;
  q += 11;
  const char* kind_start = q;
  while (q < end && *q != ',' && *q != '\n') ++q;
  if (q == end || *q != ',') return false;
  const int kind = kinds.Find(std::string_view(kind_start, static_cast<size_t>(q - kind_start)));
  if (kind < 0) return false;
  const char* category_start = ++q;
  while (q < end && *q != ',' && *q != '\n' && *q != '\r' && *q != '"') ++q;
  uint8_t category = kNoCategory;
  if (q > category_start) {
    category = categories.Find(std::string_view(category_start, static_cast<size_t>(q - category_start)));
    if (category == kNoCategory) return false;
  } else if (RequiresOffenceCategory(static_cast<EventKind>(kind))) {
    return false;
  }
  if (fields == 6) {
    if (q == end || *q != ',') return false;
    ++q;
    if (q < end && *q != '\n' && *q != '\r') {
      if (end - q < 10 || !ParseDayNumberAt(q)) return false;
      q += 10;
    }
  }
  if (q < end && *q == '\r') ++q;
  if (q < end) {
    if (*q != '\n') return false;
    ++q;
  }
  block.Append(static_cast<uint32_t>(person), *day, static_cast<uint8_t>(kind), category);
  p = q;
  return true;
}

// Per-range loader state for the events file.
struct EventRange {
  uint64_t from = 0, to = 0;
  EventBlock block;
  std::vector<LineError> errors;
  uint64_t error_count = 0;
};

}  // namespace

Result<AnalyticsTables> LoadAnalyticsCsv(const std::string& persons_path, const std::string& events_path,
                                         const CategoryColumns& categories, int threads, int max_errors) {
  AnalyticsTables tables;

  // People: one pass on this thread (a million people is tens of milliseconds).
  {
    ASSIGN_OR_RETURN(int fd, OpenForReading(persons_path));
    File file(fd);
    ASSIGN_OR_RETURN(uint64_t size, FileSize(fd, persons_path));
    std::string storage;
    uint64_t body = 0;
    ASSIGN_OR_RETURN(std::string_view header, HeaderLine(fd, persons_path, size, storage, body));
    if (header != "person_id,date_of_birth,gender") {
      return Status::InvalidArgument(fmt::format(
          "{} line 1: the header must be person_id,date_of_birth,gender, not '{}'", persons_path, Shown(header)));
    }
    tables.people.id.reserve(size / 24);
    tables.people.birth_day.reserve(size / 24);
    tables.people.gender.reserve(size / 24);
    std::vector<LineError> errors;
    uint64_t error_count = 0;
    const auto fail = [&](uint64_t offset, std::string message) {
      if (errors.size() < static_cast<size_t>(max_errors)) errors.push_back({offset, std::move(message)});
      ++error_count;
    };
    const auto parse_person = [&](std::string_view line, uint64_t offset) {
      if (line.empty()) return;
      std::string_view f[3];
      const int count = SplitFields(line, f, 3);
      if (count != 3) {
        fail(offset, count < 0 ? "unbalanced quotes" : fmt::format("has {} fields, expected 3", count > 3 ? ">3" :
                                                                   std::to_string(count)));
        return;
      }
      int64_t id = 0;
      if (!ParseId(f[0], id)) {
        fail(offset, fmt::format("column person_id: '{}' is not a positive whole number", Shown(f[0])));
        return;
      }
      int32_t birth = kUnknownDay;
      if (!f[1].empty()) {
        const std::optional<int32_t> day = ParseDayNumber(f[1]);
        if (!day) {
          fail(offset, fmt::format("column date_of_birth: '{}' is not a date (YYYY-MM-DD) or empty", Shown(f[1])));
          return;
        }
        birth = *day;
      }
      char gender = 'U';
      if (f[2].size() == 1 && std::string_view("MFXU").find(f[2][0]) != std::string_view::npos) {
        gender = f[2][0];
      } else if (!f[2].empty()) {
        fail(offset, fmt::format("column gender: '{}' must be M, F, X, U or empty", Shown(f[2])));
        return;
      }
      tables.people.Append(id, birth, gender);
    };
    RETURN_IF_ERROR(ScanBlocks(fd, persons_path, body, size, size, true,
                               [&](const char* begin, const char* end, uint64_t offset) {
                                 ForEachLine(begin, end, offset, parse_person);
                               }));
    if (error_count > 0) return Report(fd, persons_path, size, std::move(errors), max_errors, error_count);
    Result<PersonIdIndex> index = PersonIdIndex::Build(tables.people.id);
    if (!index.ok()) return index.status().WithContext(persons_path);
    tables.person_index = *std::move(index);
  }

  // Events: byte ranges parsed in parallel, each into its own block.
  ASSIGN_OR_RETURN(int fd, OpenForReading(events_path));
  File file(fd);
  ASSIGN_OR_RETURN(uint64_t size, FileSize(fd, events_path));
  std::string storage;
  uint64_t body = 0;
  ASSIGN_OR_RETURN(std::string_view header, HeaderLine(fd, events_path, size, storage, body));
  int expected_fields;
  if (header == "event_id,person_id,event_date,kind,category") {
    expected_fields = 5;
  } else if (header == "event_id,person_id,event_date,kind,category,offence_date") {
    expected_fields = 6;
  } else {
    return Status::InvalidArgument(
        fmt::format("{} line 1: the header must be event_id,person_id,event_date,kind,category[,offence_date], not "
                    "'{}'",
                    events_path, Shown(header)));
  }
  threads = std::max(1, threads);
  const uint64_t body_size = size - body;
  const size_t range_count = body_size < (uint64_t{1} << 20) ? 1 : static_cast<size_t>(threads) * 4;
  std::vector<EventRange> ranges(range_count);
  for (size_t r = 0; r < range_count; ++r) {
    ranges[r].from = body + body_size * r / range_count;
    ranges[r].to = body + body_size * (r + 1) / range_count;
  }
  const SmallCodeIndex& kinds = EventKindIndex();
  const PersonIdIndex& person_index = tables.person_index;
  std::atomic<size_t> next{0};
  std::vector<Status> io_errors(static_cast<size_t>(threads));
  const auto work = [&](int worker) {
    for (size_t r = next++; r < range_count; r = next++) {
      EventRange& range = ranges[r];
      range.block.Reserve((range.to - range.from) / 48 + 16);
      const auto fail = [&](uint64_t offset, std::string message) {
        if (range.errors.size() < static_cast<size_t>(max_errors)) range.errors.push_back({offset, std::move(message)});
        ++range.error_count;
      };
      // Where the range starts: a line start if the byte before it is a newline.
      bool from_is_start = range.from == body;
      if (!from_is_start) {
        char before = 0;
        from_is_start = ReadAt(fd, &before, 1, range.from - 1) == 1 && before == '\n';
      }
      // The slow path: any line, with an error naming what is wrong.
      const auto parse_line = [&](std::string_view line, uint64_t offset) {
        if (line.empty()) return;
        std::string_view f[6];
        const int count = SplitFields(line, f, expected_fields);
        if (count != expected_fields) {
          fail(offset, count < 0 ? std::string("unbalanced quotes")
                                 : fmt::format("has {} fields, expected {}",
                                               count > expected_fields ? "more" : std::to_string(count),
                                               expected_fields));
          return;
        }
        int64_t id = 0;
        if (!ParseId(f[0], id)) {
          fail(offset, fmt::format("column event_id: '{}' is not a positive whole number", Shown(f[0])));
          return;
        }
        if (!ParseId(f[1], id)) {
          fail(offset, fmt::format("column person_id: '{}' is not a positive whole number", Shown(f[1])));
          return;
        }
        const int64_t person = person_index.Find(id);
        if (person < 0) {
          fail(offset, fmt::format("column person_id: {} is not in the persons file", id));
          return;
        }
        const std::optional<int32_t> day = ParseDayNumber(f[2]);
        if (!day) {
          fail(offset, fmt::format("column event_date: '{}' is not a date (YYYY-MM-DD)", Shown(f[2])));
          return;
        }
        const int kind = kinds.Find(f[3]);
        if (kind < 0) {
          fail(offset, fmt::format("column kind: '{}' is not an event kind", Shown(f[3])));
          return;
        }
        uint8_t category = kNoCategory;
        if (!f[4].empty()) {
          category = categories.Find(f[4]);
          if (category == kNoCategory) {
            fail(offset, fmt::format("column category: '{}' is not an offence category", Shown(f[4])));
            return;
          }
        } else if (RequiresOffenceCategory(static_cast<EventKind>(kind))) {
          fail(offset, fmt::format("column category: a{} {} must name its offence category",
                                   f[3][0] == 'a' ? "n" : "", f[3]));
          return;
        }
        if (expected_fields == 6 && !f[5].empty() && !ParseDayNumber(f[5])) {
          fail(offset, fmt::format("column offence_date: '{}' is not a date (YYYY-MM-DD) or empty", Shown(f[5])));
          return;
        }
        range.block.Append(static_cast<uint32_t>(person), *day, static_cast<uint8_t>(kind), category);
      };
      const Status status = ScanBlocks(fd, events_path, range.from, range.to, size, from_is_start,
                                       [&](const char* begin, const char* end, uint64_t offset) {
        const char* p = begin;
        while (p < end) {
          const char* line = p;
          if (!FastEventLine(p, end, expected_fields, person_index, kinds, categories, range.block)) {
            ForEachLine(line, FindLineEnd(line, end), offset + static_cast<uint64_t>(line - begin), parse_line);
            p = FindLineEnd(line, end);
          }
        }
      });
      if (!status.ok()) io_errors[static_cast<size_t>(worker)] = status;
    }
  };
  std::vector<std::thread> workers;
  for (int worker = 1; worker < threads; ++worker) workers.emplace_back(work, worker);
  work(0);
  for (std::thread& thread : workers) thread.join();
  for (const Status& status : io_errors) RETURN_IF_ERROR(status);

  std::vector<LineError> errors;
  uint64_t error_count = 0;
  for (EventRange& range : ranges) {
    error_count += range.error_count;
    for (LineError& error : range.errors) errors.push_back(std::move(error));
  }
  if (error_count > 0) return Report(fd, events_path, size, std::move(errors), max_errors, error_count);
  for (EventRange& range : ranges) tables.events.blocks.push_back(std::move(range.block));
  return tables;
}

}  // namespace openiom
