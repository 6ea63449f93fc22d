#include "web/forms.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "common/strings.h"

namespace openiom::web {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// No form field or query parameter has a use for NUL or other control characters (tab and line breaks aside, for
// text areas); dropped here, they cannot reach a search, a page that echoes the value, or the audit trail.
void PushUnlessControl(std::string& out, char c) {
  const auto byte = static_cast<unsigned char>(c);
  if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f) return;
  out.push_back(c);
}

std::string Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      PushUnlessControl(out, static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      PushUnlessControl(out, c);
    }
  }
  return out;
}

// The value of `key` in a header parameter list: `form-data; name="file"; filename="a.csv"`.
std::string HeaderParameter(std::string_view header, std::string_view key) {
  const std::string needle = std::string(key) + "=";
  size_t at = 0;
  while ((at = header.find(needle, at)) != std::string_view::npos) {
    if (at == 0 || header[at - 1] == ' ' || header[at - 1] == ';') break;
    at += needle.size();
  }
  if (at == std::string_view::npos) return "";
  std::string_view value = header.substr(at + needle.size());
  if (!value.empty() && value.front() == '"') {
    const size_t end = value.find('"', 1);
    return std::string(value.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1));
  }
  return std::string(Trim(value.substr(0, value.find(';'))));
}

}  // namespace

std::string FormFields::Get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return "";
}

bool FormFields::Has(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return true;
  }
  return false;
}

std::vector<std::string> FormFields::GetAll(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : fields_) {
    if (key == name) values.push_back(value);
  }
  return values;
}

int IntOr(std::string_view text, int fallback) {
  const std::optional<int64_t> value = ParseInt64(Trim(text));
  if (!value || *value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max()) return fallback;
  return static_cast<int>(*value);
}

int PageNumber(std::string_view text) { return std::clamp(IntOr(text, 1), 1, 100000); }

FormFields ParseUrlEncoded(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> fields;
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text.remove_prefix(amp == std::string_view::npos ? text.size() : amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    fields.emplace_back(Decode(pair.substr(0, eq)),
                        eq == std::string_view::npos ? std::string() : Decode(pair.substr(eq + 1)));
  }
  return FormFields(std::move(fields));
}

namespace {

std::optional<unsigned> MonthNumber(std::string_view text) {
  if (auto number = ParseInt64(text)) {
    if (*number >= 1 && *number <= 12) return static_cast<unsigned>(*number);
    return std::nullopt;
  }
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  static constexpr std::string_view kFull[] = {"january", "february", "march",     "april",   "may",      "june",
                                               "july",    "august",   "september", "october", "november", "december"};
  const std::string lower = AsciiLower(text);
  for (unsigned month = 0; month < 12; ++month) {
    if (lower == kMonths[month] || lower == kFull[month]) return month + 1;
  }
  return std::nullopt;
}

}  // namespace

DateInput ReadDateInput(const FormFields& fields, std::string_view name) {
  const std::string prefix(name);
  DateInput input{.day = std::string(Trim(fields.Get(prefix + "-day"))),
                  .month = std::string(Trim(fields.Get(prefix + "-month"))),
                  .year = std::string(Trim(fields.Get(prefix + "-year")))};
  if (input.empty()) {
    const std::string iso(Trim(fields.Get(prefix)));
    if (iso.empty()) return input;
    auto date = ParseIsoDate(iso);
    if (date.ok()) {
      const std::chrono::year_month_day ymd{*date};
      input.day = std::to_string(static_cast<unsigned>(ymd.day()));
      input.month = std::to_string(static_cast<unsigned>(ymd.month()));
      input.year = std::to_string(static_cast<int>(ymd.year()));
      input.date = *date;
    } else {
      input.problem = "must be a real date";
      input.problem_part = "day";
    }
    return input;
  }
  auto fail = [&](std::string problem, std::string part) {
    input.problem = std::move(problem);
    input.problem_part = std::move(part);
    return input;
  };
  if (input.day.empty()) return fail("must include a day", "day");
  if (input.month.empty()) return fail("must include a month", "month");
  if (input.year.empty()) return fail("must include a year", "year");
  const std::optional<int64_t> day = ParseInt64(input.day);
  const std::optional<unsigned> month = MonthNumber(input.month);
  const std::optional<int64_t> year = ParseInt64(input.year);
  if (!day || *day < 1 || *day > 31) return fail("must be a real date", "day");
  if (!month) return fail("must be a real date", "month");
  if (!year || input.year.size() != 4) return fail("must include a year with 4 numbers, like 1990", "year");
  const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(*year)}, std::chrono::month{*month},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok() || *year < 1800) return fail("must be a real date", ymd.ok() ? "year" : "day");
  input.date = Date{ymd};
  return input;
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string CookieValue(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    const size_t semicolon = cookie_header.find(';');
    const std::string_view pair = Trim(cookie_header.substr(0, semicolon));
    cookie_header.remove_prefix(semicolon == std::string_view::npos ? cookie_header.size() : semicolon + 1);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return "";
}

Result<MultipartForm> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (!content_type.starts_with("multipart/form-data")) {
    return Status::InvalidArgument("expected a multipart/form-data body");
  }
  const std::string boundary = HeaderParameter(content_type, "boundary");
  if (boundary.empty()) return Status::InvalidArgument("the multipart body has no boundary");
  const std::string delimiter = "--" + boundary;
  MultipartForm form;
  std::vector<std::pair<std::string, std::string>> fields;
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return Status::InvalidArgument("the multipart body has no parts");
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") break;  // closing delimiter
    if (body.substr(at, 2) != "\r\n") return Status::InvalidArgument("malformed multipart body");
    at += 2;
    const size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return Status::InvalidArgument("malformed multipart part");
    const std::string_view headers = body.substr(at, headers_end - at);
    const size_t content_start = headers_end + 4;
    const size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return Status::InvalidArgument("the multipart body is truncated");
    std::string disposition;
    for (size_t line_start = 0; line_start < headers.size();) {
      size_t line_end = headers.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = headers.size();
      const std::string_view line = headers.substr(line_start, line_end - line_start);
      if (AsciiLower(line.substr(0, 20)) == "content-disposition:") disposition = std::string(line.substr(20));
      line_start = line_end + 2;
    }
    const std::string name = HeaderParameter(disposition, "name");
    const std::string_view content = body.substr(content_start, next - content_start);
    if (disposition.find("filename=") != std::string::npos) {
      form.files.push_back({name, HeaderParameter(disposition, "filename"), std::string(content)});
    } else {
      fields.emplace_back(name, std::string(content));
    }
    at = next + 2;
  }
  form.fields = FormFields(std::move(fields));
  return form;
}

}  // namespace openiom::web
