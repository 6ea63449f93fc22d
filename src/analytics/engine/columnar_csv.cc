#include "analytics/engine/columnar_csv.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <bit>
#include <span>

#include <fmt/format.h>

#include "analytics/engine/parallel.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace openiom {
namespace {

constexpr size_t kLinePadding = 128;

struct LineError {
  uint64_t offset;  // where the line starts in the file
  std::string message;
};

// The problems one pass found: the first `max` with where they are, and how many there were.
struct LineErrors {
  std::vector<LineError> first;
  uint64_t count = 0;
  size_t max = 20;
  void Add(uint64_t offset, std::string message) {
    if (first.size() < max) first.push_back({offset, std::move(message)});
    ++count;
  }
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
                  bool from_is_start, size_t block_bytes, OnBlock on_block) {
  // kLinePadding bytes past what is held may be read (never used) by the fast path's 128 bytes of loads.
  std::vector<char> storage(block_bytes + kLinePadding);
  std::span<char> buffer(storage.data(), block_bytes);
  uint64_t buffer_offset = from;  // file offset of buffer[0]
  size_t held = 0;
  bool skip_partial = !from_is_start;
  uint64_t next_read = from;
  while (true) {
    if (held == buffer.size()) {  // a line longer than the buffer
      storage.resize(storage.size() * 2);
      buffer = std::span<char>(storage.data(), storage.size() - kLinePadding);
    }
    const size_t want = std::min<uint64_t>(buffer.size() - held, file_size - next_read);
    if (want > 0) {
      const ssize_t got = ReadAt(fd, buffer.data() + held, want, next_read);
      if (got < 0) return Status::Unavailable(fmt::format("{}: {}", path, std::strerror(errno)));
      if (got == 0) return Status::Unavailable(fmt::format("{}: the file became shorter while it was read", path));
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
Status Report(int fd, const std::string& path, LineErrors found) {
  std::vector<LineError>& errors = found.first;
  const uint64_t total_errors = found.count;
  std::sort(errors.begin(), errors.end(), [](const LineError& a, const LineError& b) { return a.offset < b.offset; });
  if (errors.size() > found.max) errors.resize(found.max);
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
  if (total_errors > errors.size()) message += fmt::format("\n  ... and {} more", total_errors - errors.size());
  return Status::InvalidArgument(message);
}

// An open CSV file with its header line read.
struct OpenedCsv {
  std::unique_ptr<File> file;
  uint64_t size = 0;
  std::string header;  // the first line, without its line end or a byte-order mark
  uint64_t body = 0;   // where the second line starts
  int fd() const { return file->fd(); }
};

Result<OpenedCsv> OpenCsv(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(fmt::format("{}: {}", path, std::strerror(errno)));
  OpenedCsv csv{.file = std::make_unique<File>(fd)};
  ASSIGN_OR_RETURN(csv.size, FileSize(fd, path));
  std::string start(std::min<uint64_t>(csv.size, 4096), '\0');
  const ssize_t got = ReadAt(fd, start.data(), start.size(), 0);
  if (got < 0) return Status::Unavailable(fmt::format("{}: {}", path, std::strerror(errno)));
  start.resize(static_cast<size_t>(got));
  const size_t newline = start.find('\n');
  std::string_view header(start);
  if (newline != std::string::npos) header = header.substr(0, newline);
  csv.body = newline == std::string::npos ? start.size() : newline + 1;
  if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
  if (header.size() >= 3 && header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);
  csv.header = std::string(header);
  return csv;
}

const char* FindLineEnd(const char* line, const char* end) {
  const void* newline = std::memchr(line, '\n', static_cast<size_t>(end - line));
  return newline == nullptr ? end : static_cast<const char*>(newline) + 1;
}

// Bit i is set where p[i] is `c`, for the 64 bytes from p.
struct LineMasks {
  uint64_t comma = 0, newline = 0, special = 0;  // special: a quote or a carriage return
};

inline LineMasks Masks64(const char* p) {
  LineMasks masks;
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), newline = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'),
                cr = _mm_set1_epi8('\r');
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    const auto bits = [&](__m128i match) {
      return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(match))) << (16 * i);
    };
    masks.comma |= bits(_mm_cmpeq_epi8(v, comma));
    masks.newline |= bits(_mm_cmpeq_epi8(v, newline));
    masks.special |= bits(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, cr)));
  }
#else
  for (int i = 0; i < 64; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    masks.comma |= p[i] == ',' ? bit : 0;
    masks.newline |= p[i] == '\n' ? bit : 0;
    masks.special |= p[i] == '"' || p[i] == '\r' ? bit : 0;
  }
#endif
  return masks;
}

// A positive whole number of 1 to 18 digits at s (8 bytes readable); up to 8 digits without a loop.
inline bool ParsePositive(const char* s, size_t n, uint64_t& value) {
  if (n == 0 || n > 18) return false;
  if (n > 8) {
    uint64_t result = 0;
    for (size_t i = 0; i < n; ++i) {
      const unsigned digit = static_cast<unsigned>(static_cast<unsigned char>(s[i])) - '0';
      if (digit > 9) return false;
      result = result * 10 + digit;
    }
    value = result;
    return result > 0;
  }
  uint64_t x;
  std::memcpy(&x, s, 8);
  // Little-endian: the n digits move to the top bytes and '0's fill the bottom, as if zero-padded to 8 digits.
  x = (x << (8 * (8 - n))) | (n == 8 ? 0 : 0x3030303030303030ull >> (8 * n));
  constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ull, kZeros = 0x3030303030303030ull;
  if ((x & kHigh) != kZeros || ((x + 0x0606060606060606ull) & kHigh) != kZeros) return false;
  x -= kZeros;
  x = (x * 10 + (x >> 8)) & 0x00FF00FF00FF00FFull;
  x = (x * 100 + (x >> 16)) & 0x0000FFFF0000FFFFull;
  x = (x * 10000 + (x >> 32)) & 0xFFFFFFFFull;
  value = x;
  return x > 0;
}

// The fast path for one well-formed events line of less than 128 bytes (no quotes, no CR, every value valid):
// finds the commas of the whole line at once, parses it straight into `block` and moves `p` past its newline.
// Returns false, changing nothing, for anything else; the caller then parses the line on the slow path, which
// handles quotes and long lines and names any problem. Reads up to 128 bytes past p (the buffer is padded).
inline bool FastEventLine(const char*& p, const char* end, int fields, const PersonIdIndex& people,
                          const SmallCodeIndex& kinds, const CategoryColumns& categories, EventBlock& block) {
  const LineMasks first = Masks64(p);
  LineMasks second;
  unsigned length;
  if (first.newline != 0) {
    length = static_cast<unsigned>(std::countr_zero(first.newline));
  } else {
    second = Masks64(p + 64);
    if (second.newline == 0) return false;
    length = 64 + static_cast<unsigned>(std::countr_zero(second.newline));
  }
  if (p + length >= end) return false;
  // The line's bytes in each 64-byte word.
  const uint64_t within_first = length >= 64 ? ~uint64_t{0} : (uint64_t{1} << length) - 1;
  const uint64_t within_second = length >= 64 ? (uint64_t{1} << (length - 64)) - 1 : 0;
  if ((first.special & within_first) != 0 || (second.special & within_second) != 0) return false;
  uint64_t commas_first = first.comma & within_first, commas_second = second.comma & within_second;
  unsigned at[6];
  for (int i = 0; i < fields - 1; ++i) {
    if (commas_first != 0) {
      at[i] = static_cast<unsigned>(std::countr_zero(commas_first));
      commas_first &= commas_first - 1;
    } else if (commas_second != 0) {
      at[i] = 64 + static_cast<unsigned>(std::countr_zero(commas_second));
      commas_second &= commas_second - 1;
    } else {
      return false;  // too few fields
    }
  }
  if ((commas_first | commas_second) != 0) return false;  // too many
  at[fields - 1] = length;
  uint64_t event_id = 0, person_id = 0;
  if (!ParsePositive(p, at[0], event_id) || !ParsePositive(p + at[0] + 1, at[1] - at[0] - 1, person_id)) return false;
  if (at[2] - at[1] != 11) return false;
  const std::optional<int32_t> day = ParseDayNumberAt(p + at[1] + 1);
  if (!day) return false;
  const int kind = kinds.FindPadded(p + at[2] + 1, at[3] - at[2] - 1);
  if (kind < 0) return false;
  uint8_t category = kNoCategory;
  if (at[4] > at[3] + 1) {
    category = categories.FindPadded(p + at[3] + 1, at[4] - at[3] - 1);
    if (category == kNoCategory) return false;
  } else if (RequiresOffenceCategory(static_cast<EventKind>(kind))) {
    return false;
  }
  if (fields == 6 && at[5] != at[4] + 1 && (at[5] - at[4] != 11 || !ParseDayNumberAt(p + at[4] + 1))) return false;
  const int64_t person = people.Find(static_cast<int64_t>(person_id));
  if (person < 0) return false;
  block.Append(static_cast<uint32_t>(person), *day, static_cast<uint8_t>(kind), category);
  p += length + 1;
  return true;
}

// The fast path for one well-formed persons line (person_id,date_of_birth,gender; no quotes or CR, under 64
// bytes); false, changing nothing, for anything else.
inline bool FastPersonLine(const char*& p, const char* end, PersonColumns& people) {
  const LineMasks masks = Masks64(p);
  if (masks.newline == 0) return false;
  const unsigned length = static_cast<unsigned>(std::countr_zero(masks.newline));
  if (p + length >= end) return false;
  const uint64_t within = (uint64_t{1} << length) - 1;
  uint64_t commas = masks.comma & within;
  if ((masks.special & within) != 0 || commas == 0) return false;
  const unsigned first = static_cast<unsigned>(std::countr_zero(commas));
  commas &= commas - 1;
  if (commas == 0) return false;
  const unsigned second = static_cast<unsigned>(std::countr_zero(commas));
  if ((commas & (commas - 1)) != 0) return false;
  uint64_t id = 0;
  if (!ParsePositive(p, first, id)) return false;
  int32_t birth = kUnknownDay;
  if (second - first == 11) {
    const std::optional<int32_t> day = ParseDayNumberAt(p + first + 1);
    if (!day) return false;
    birth = *day;
  } else if (second != first + 1) {
    return false;
  }
  char gender = 'U';
  if (length - second == 2) {
    gender = p[second + 1];
    if (gender != 'M' && gender != 'F' && gender != 'X' && gender != 'U') return false;
  } else if (length != second + 1) {
    return false;
  }
  people.Append(static_cast<int64_t>(id), birth, gender);
  p += length + 1;
  return true;
}

// Per-range loader state for the events file.
struct EventRange {
  uint64_t from = 0, to = 0;
  EventBlock block;
  LineErrors errors;
};

}  // namespace

Result<AnalyticsTables> LoadAnalyticsCsv(const std::string& persons_path, const std::string& events_path,
                                         const CategoryColumns& categories, int threads,
                                         const CsvLoadOptions& options) {
  const int max_errors = options.max_errors;
  AnalyticsTables tables;

  // People: one pass on this thread (a million people is tens of milliseconds).
  {
    ASSIGN_OR_RETURN(OpenedCsv csv, OpenCsv(persons_path));
    const int fd = csv.fd();
    const uint64_t size = csv.size, body = csv.body;
    if (csv.header != "person_id,date_of_birth,gender") {
      return Status::InvalidArgument(fmt::format(
          "{} line 1: the header must be person_id,date_of_birth,gender, not '{}'", persons_path, Shown(csv.header)));
    }
    tables.people.id.reserve(size / 24);
    tables.people.birth_day.reserve(size / 24);
    tables.people.gender.reserve(size / 24);
    LineErrors errors{.max = static_cast<size_t>(max_errors)};
    const auto fail = [&](uint64_t offset, std::string message) { errors.Add(offset, std::move(message)); };
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
    RETURN_IF_ERROR(ScanBlocks(fd, persons_path, body, size, size, true, options.block_bytes,
                               [&](const char* begin, const char* end, uint64_t offset) {
                                 const char* p = begin;
                                 while (p < end) {
                                   const char* line = p;
                                   if (!FastPersonLine(p, end, tables.people)) {
                                     p = FindLineEnd(line, end);
                                     ForEachLine(line, p, offset + static_cast<uint64_t>(line - begin), parse_person);
                                   }
                                 }
                               }));
    if (errors.count > 0) return Report(fd, persons_path, std::move(errors));
    Result<PersonIdIndex> index = PersonIdIndex::Build(tables.people.id);
    if (!index.ok()) return index.status().WithContext(persons_path);
    tables.person_index = *std::move(index);
  }

  // Events: byte ranges parsed in parallel, each into its own block.
  ASSIGN_OR_RETURN(OpenedCsv csv, OpenCsv(events_path));
  const int fd = csv.fd();
  const uint64_t size = csv.size, body = csv.body;
  const std::string& header = csv.header;
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
  std::vector<Status> io_errors(static_cast<size_t>(threads));
  ParallelFor(range_count, threads, [&](size_t r, int worker) {
    EventRange& range = ranges[r];
    range.block.Reserve((range.to - range.from) / 48 + 16);
    range.errors.max = static_cast<size_t>(max_errors);
    const auto fail = [&](uint64_t offset, std::string message) { range.errors.Add(offset, std::move(message)); };
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
    const Status status = ScanBlocks(fd, events_path, range.from, range.to, size, from_is_start, options.block_bytes,
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
  });
  for (const Status& status : io_errors) RETURN_IF_ERROR(status);

  LineErrors errors{.max = static_cast<size_t>(max_errors)};
  for (EventRange& range : ranges) {
    errors.count += range.errors.count;
    for (LineError& error : range.errors.first) errors.first.push_back(std::move(error));
  }
  if (errors.count > 0) return Report(fd, events_path, std::move(errors));
  for (EventRange& range : ranges) tables.events.blocks.push_back(std::move(range.block));
  return tables;
}

}  // namespace openiom
