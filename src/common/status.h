// Status and Result<T>: how OpenIOM reports expected failures without exceptions.
//
// A Status is ok or carries a code and a message naming what failed and why, e.g.
//   Status::InvalidArgument("date_of_birth '1990-02-30' is not a calendar date").
// Result<T> holds either a value or a non-ok Status. Exceptions thrown by libraries (SOCI, Boost.JSON)
// are caught at the adapter that called them and turned into a Status there.
#pragma once

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
  kConflict,            // unique key taken, or a stale version (optimistic locking)
  kFailedPrecondition,  // the system is not in a state to do this (e.g. database not migrated)
  kPermissionDenied,    // signed in but not allowed
  kUnauthenticated,     // not signed in
  kUnavailable,         // database or other dependency cannot be reached
  kInternal,            // a bug or an unexpected failure
};

// Problems with the fields of a form or request: field -> message written for the person who filled it in, in
// the order of the form. Services fill one beside an InvalidArgument status.
using FieldProblems = std::vector<std::pair<std::string, std::string>>;

// "invalid argument", "not found", ... for messages.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message);

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }
  static Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
  static Status Conflict(std::string message) { return {StatusCode::kConflict, std::move(message)}; }
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

  // "not found: person 42 does not exist"; "ok" when ok.
  std::string ToString() const;

  // Returns a copy with `context` put in front of the message: "importing events.csv: ...".
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
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
