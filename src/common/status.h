// Status and Result<T>: how OpenIOM reports expected failures without exceptions.
//
// A Status is ok or carries a code and a message naming what failed and why, e.g.
//   Status::InvalidArgument("date_of_birth '1990-02-30' is not a calendar date").
// Result<T> holds either a value or a non-ok Status. Exceptions thrown by libraries (SOCI, Boost.JSON)
// are caught at the adapter that called them and turned into a Status there.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openiom {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // bad input from a user or file: nothing was written
  kNotFound,            // the named record does not exist
  kConflict,            // a unique key is taken, or the request clashes with the record's state (already decided)
  kStale,               // the record changed since the caller read it (optimistic locking): read it again
  kFailedPrecondition,  // the system is not in a state to do this (e.g. database not migrated)
  kPermissionDenied,    // signed in but not allowed
  kUnauthenticated,     // not signed in
  kUnavailable,         // database or other dependency cannot be reached
  kInternal,            // a bug or an unexpected failure
};

// One problem with one field of a form, a request body or a file's row: the field's name (form field, JSON key
// or CSV column), a message for the person who filled it in ("is required", "Enter the reason"), and the line of
// the file where the row starts (0 when there is no file). Carried as data from the rule that found it to the
// page, the API's error details and the rejects file, so nobody parses a message to find the field.
struct FieldProblem {
  std::string field;
  std::string message;
  int64_t line = 0;
  bool operator==(const FieldProblem&) const = default;
};
using FieldProblems = std::vector<FieldProblem>;

// "invalid argument", "not found", ... for messages.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message);

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }
  // InvalidArgument carrying `problems` (not empty); the message is `summary`, or "FIELD: MESSAGE" of the first
  // problem when `summary` is empty.
  static Status Invalid(FieldProblems problems, std::string summary = "");
  // InvalidArgument with one problem: message "FIELD: MESSAGE".
  static Status Invalid(std::string field, std::string message) {
    return Invalid(FieldProblems{{std::move(field), std::move(message)}});
  }
  static Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
  static Status Conflict(std::string message) { return {StatusCode::kConflict, std::move(message)}; }
  static Status Stale(std::string message) { return {StatusCode::kStale, std::move(message)}; }
  static Status FailedPrecondition(std::string message) {
    return {StatusCode::kFailedPrecondition, std::move(message)};
  }
  static Status PermissionDenied(std::string message) { return {StatusCode::kPermissionDenied, std::move(message)}; }
  static Status Unauthenticated(std::string message) { return {StatusCode::kUnauthenticated, std::move(message)}; }
  static Status Unavailable(std::string message) { return {StatusCode::kUnavailable, std::move(message)}; }
  static Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The field problems behind an InvalidArgument, in the order they were found; empty for other codes.
  const FieldProblems& problems() const { return problems_; }

  // "not found: person 42 does not exist"; "ok" when ok.
  std::string ToString() const;

  // Returns a copy with `context` put in front of the message: "importing events.csv: ..."; problems are kept.
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  FieldProblems problems_;
};

// Holds a T or a non-ok Status. Accessing the value of a failed Result is a bug (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.ok()) status_ = Status::Internal("Result constructed from an ok Status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return Checked(); }
  const T& value() const& { return const_cast<Result*>(this)->Checked(); }
  T&& value() && { return std::move(Checked()); }
  T& operator*() & { return Checked(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Checked(); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Checked(); }

 private:
  T& Checked();
  std::optional<T> value_;
  Status status_;
};

[[noreturn]] void DieOnBadResultAccess(const Status& status);

template <typename T>
T& Result<T>::Checked() {
  if (!value_) DieOnBadResultAccess(status_);
  return *value_;
}

}  // namespace openiom

#define OPENIOM_CONCAT_INNER(a, b) a##b
#define OPENIOM_CONCAT(a, b) OPENIOM_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function if `expr` (a Status) is not ok.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    ::openiom::Status openiom_status_ = (expr);      \
    if (!openiom_status_.ok()) return openiom_status_; \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result, or returns its Status.
#define ASSIGN_OR_RETURN(lhs, expr) ASSIGN_OR_RETURN_IMPL(OPENIOM_CONCAT(openiom_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
