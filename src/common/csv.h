// Streaming CSV (RFC 4180) reading and writing.
//
// The reader handles a UTF-8 byte order mark, LF, CRLF or CR line ends, and quoted fields containing
// commas, doubled quotes and line breaks. It holds one record at a time, so memory stays bounded
// however large the file. Malformed quoting is reported with the line it was found on.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace openiom {

class CsvReader {
 public:
  // `in` must outlive the reader.
  explicit CsvReader(std::istream& in);

  // Reads the next record into `fields` (resized to the record's field count).
  // Returns true when a record was read, false at the end of input, or InvalidArgument
  // ("line 7: unterminated quoted field (the quote opened on line 5)") on malformed input, including a record
  // longer than kMaxRecordBytes (usually a quote that is never closed), so memory stays bounded.
  static constexpr size_t kMaxRecordBytes = 1 << 20;
  Result<bool> ReadRecord(std::vector<std::string>& fields);

  // 1-based line of the input on which the most recently read record starts.
  int64_t record_line() const { return record_line_; }
  // Bytes consumed from the input so far, for progress reporting.
  uint64_t bytes_consumed() const { return bytes_consumed_; }

 private:
  bool Fill();  // refills buf_, returns false at end of input
  int Get();    // next byte or -1
  int Peek();

  std::istream& in_;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool at_start_ = true;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  uint64_t bytes_consumed_ = 0;
};

// Writes records, quoting a field only when it must (comma, quote, CR or LF inside).
class CsvWriter {
 public:
  enum class Mode {
    kPlain,
    // For files people open in a spreadsheet: a field that a spreadsheet would run as a formula (starting with
    // =, +, @, tab, CR, or - when it is not a number) gets a leading apostrophe (OWASP "CSV injection").
    kSpreadsheetSafe,
  };
  explicit CsvWriter(std::ostream& out, Mode mode = Mode::kPlain) : out_(out), mode_(mode) {}
  void WriteRecord(const std::vector<std::string>& fields);
  void WriteRecord(std::initializer_list<std::string_view> fields);

 private:
  void WriteField(std::string_view field);
  std::ostream& out_;
  Mode mode_;
};

// True if `text` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Why an imported field cannot be stored as text, or "" when it can: not valid UTF-8, or a NUL or other control
// character (tab, line feed and carriage return aside), which no source system means and which would be stored,
// searched and shown verbatim.
std::string_view TextProblem(std::string_view text);

}  // namespace openiom
