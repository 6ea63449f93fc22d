#include "common/csv.h"

#include <fmt/format.h>

#include "common/strings.h"

namespace openiom {
namespace {
constexpr size_t kBufferSize = 1 << 20;
}

CsvReader::CsvReader(std::istream& in) : in_(in), buf_(kBufferSize) {}

bool CsvReader::Fill() {
  if (!in_) return false;
  in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  end_ = static_cast<size_t>(in_.gcount());
  pos_ = 0;
  if (at_start_) {
    at_start_ = false;
    if (end_ >= 3 && static_cast<unsigned char>(buf_[0]) == 0xEF && static_cast<unsigned char>(buf_[1]) == 0xBB &&
        static_cast<unsigned char>(buf_[2]) == 0xBF) {
      pos_ = 3;
      bytes_consumed_ += 3;
    }
  }
  return pos_ < end_;
}

int CsvReader::Get() {
  if (pos_ >= end_ && !Fill()) return -1;
  ++bytes_consumed_;
  return static_cast<unsigned char>(buf_[pos_++]);
}

int CsvReader::Peek() {
  if (pos_ >= end_ && !Fill()) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

Result<bool> CsvReader::ReadRecord(std::vector<std::string>& fields) {
  int c = Get();
  if (c == -1) return false;
  record_line_ = line_;
  size_t field_count = 0;
  size_t record_bytes = 0;
  auto TooLong = [&](int64_t quote_line) -> Status {
    std::string message = fmt::format("line {}: a record is longer than {} bytes", record_line_, kMaxRecordBytes);
    if (quote_line) message += fmt::format(" (is the quote opened on line {} closed?)", quote_line);
    return Status::InvalidArgument(message);
  };
  auto next_field = [&]() -> std::string& {
    if (field_count == fields.size()) fields.emplace_back();
    std::string& field = fields[field_count++];
    field.clear();
    return field;
  };
  auto end_line = [&](int ch) {
    ++line_;
    if (ch == '\r' && Peek() == '\n') Get();
  };

  std::string* field = &next_field();
  while (true) {
    if (c == -1) break;
    if (c == '\n' || c == '\r') {
      end_line(c);
      break;
    }
    if (c == ',') {
      field = &next_field();
      c = Get();
      continue;
    }
    if (c == '"' && field->empty()) {
      const int64_t opened_on = line_;
      while (true) {
        if (++record_bytes > kMaxRecordBytes) return TooLong(opened_on);
        c = Get();
        if (c == -1) {
          return Status::InvalidArgument(
              fmt::format("line {}: unterminated quoted field (the quote opened on line {})", line_, opened_on));
        }
        if (c == '"') {
          if (Peek() == '"') {
            Get();
            field->push_back('"');
            continue;
          }
          break;
        }
        if (c == '\n' || (c == '\r' && Peek() != '\n')) ++line_;
        field->push_back(static_cast<char>(c));
      }
      c = Get();
      if (c != -1 && c != ',' && c != '\n' && c != '\r') {
        return Status::InvalidArgument(
            fmt::format("line {}: unexpected character after a closing quote (a field must be quoted whole)", line_));
      }
      continue;
    }
    if (c == '"') {
      return Status::InvalidArgument(fmt::format(
          "line {}: quote character inside an unquoted field (quote the whole field and double the quote)", line_));
    }
    if (++record_bytes > kMaxRecordBytes) return TooLong(0);
    field->push_back(static_cast<char>(c));
    c = Get();
  }
  fields.resize(field_count);
  return true;
}

namespace {

bool LooksLikeFormula(std::string_view field) {
  if (field.empty()) return false;
  switch (field.front()) {
    case '=': case '+': case '@': case '\t': case '\r': return true;
    case '-': return !ParseDouble(field).has_value();  // -1.23 is a longitude, -1+1 a formula
    default: return false;
  }
}

}  // namespace

void CsvWriter::WriteField(std::string_view field) {
  std::string guarded;
  if (mode_ == Mode::kSpreadsheetSafe && LooksLikeFormula(field)) {
    guarded = "'" + std::string(field);
    field = guarded;
  }
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out_ << field;
    return;
  }
  out_ << '"';
  for (char c : field) {
    if (c == '"') out_ << '"';
    out_ << c;
  }
  out_ << '"';
}

void CsvWriter::WriteRecord(const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out_ << ',';
    WriteField(fields[i]);
  }
  out_ << '\n';
}

void CsvWriter::WriteRecord(std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) out_ << ',';
    first = false;
    WriteField(field);
  }
  out_ << '\n';
}

std::string_view TextProblem(std::string_view text) {
  if (!IsValidUtf8(text)) return "is not valid UTF-8 text";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0) return "contains a NUL byte";
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f) return "contains a control character";
  }
  return "";
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((b0 & 0xE0) == 0xC0) {
      len = 2;
      cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3;
      cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4;
      cp = b0 & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

}  // namespace openiom
