// The clock is injected wherever the current time matters, so rules and imports are reproducible
// "as of" a date and tests can fix time. Nothing below services/ reads the system clock.
#pragma once

#include <atomic>

#include "common/date.h"

namespace openiom {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
  // The calendar date in England and Wales (Europe/London) at Now(): what "today" means to users.
  Date Today() const;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// Always returns the instant it was given. Thread-safe (immutable).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_(now) {}
  explicit FixedClock(Date today) : now_(Timestamp{today} + std::chrono::hours{12}) {}
  Timestamp Now() const override { return now_; }

 private:
  Timestamp now_;
};

// A clock tests move by hand (session timeouts, lockouts). Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp now) : now_(now.time_since_epoch().count()) {}
  Timestamp Now() const override { return Timestamp{std::chrono::seconds{now_.load()}}; }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }

 private:
  std::atomic<long long> now_;
};

// The Europe/London calendar date at `instant` (BST-aware).
Date LondonDate(Timestamp instant);
// "2 December 2026 at 21:03" in Europe/London time (BST-aware), as GOV.UK writes a date and time.
std::string FormatLondonDateTime(Timestamp instant);

}  // namespace openiom
