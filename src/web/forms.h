// Reading what browsers send: query strings, form bodies (urlencoded and multipart), cookies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace openiom::web {

// Decoded name/value pairs in the order sent. Names may repeat (checkboxes, multi-selects).
class FormFields {
 public:
  FormFields() = default;
  explicit FormFields(std::vector<std::pair<std::string, std::string>> fields) : fields_(std::move(fields)) {}

  // The first value of `name`, or "" when absent.
  std::string Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  std::vector<std::string> GetAll(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// A page number from a query string: 1 when absent or not a number, at most 100000 (so offsets cannot overflow).
int PageNumber(std::string_view text);
// A whole number from a form field, or `fallback` when it is not one (or does not fit an int).
int IntOr(std::string_view text, int fallback);

// "a=1&b=x%20y" -> {a: 1, b: "x y"}; '+' is a space. Malformed escapes are kept literally. NUL and other control
// characters (but tab, LF and CR) are dropped, encoded or not.
FormFields ParseUrlEncoded(std::string_view text);
// Percent-encodes for a query string value.
std::string UrlEncode(std::string_view text);

// A GOV.UK date input (three fields `NAME-day`, `NAME-month`, `NAME-year`), as typed, and what it means.
// A single ISO field `NAME` ("1990-01-27", from the API or an old bookmark) is accepted too.
struct DateInput {
  std::string day, month, year;  // as typed, to show again
  std::optional<Date> date;      // set when the three parts make a real date
  std::string problem;           // why not, in GOV.UK words after the label: "must include a month", ...
  std::string problem_part;      // "day", "month" or "year": the first field to highlight ("day" for all)
  bool empty() const { return day.empty() && month.empty() && year.empty(); }
};
// Months may be numbers (1-12) or names ("jan", "June"). The year must have four digits. An empty input has no
// date and no problem: the caller decides whether the date is required.
DateInput ReadDateInput(const FormFields& fields, std::string_view name);

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(std::string_view cookie_header, std::string_view name);

struct UploadedFile {
  std::string field;
  std::string file_name;
  std::string content;
};

struct MultipartForm {
  FormFields fields;
  std::vector<UploadedFile> files;
};

// Parses a multipart/form-data body (RFC 7578) given the request's Content-Type. InvalidArgument when the
// boundary is missing or the body is malformed.
Result<MultipartForm> ParseMultipart(std::string_view content_type, std::string_view body);

}  // namespace openiom::web
