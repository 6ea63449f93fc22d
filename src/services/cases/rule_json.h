// Reading rule parameters from JSON (the BRAG and level rules): each returns InvalidArgument naming the key when its
// value is out of range, and leaves `out` as it was (the default) when the key is absent.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "common/status.h"

namespace openiom {

inline Status IntInRange(const boost::json::object& object, std::string_view key, int low, int high, int& out) {
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr) return Status::Ok();
  if (!value->is_int64() || value->as_int64() < low || value->as_int64() > high) {
    return Status::Invalid(std::string(key), fmt::format("must be a whole number from {} to {}", low, high));
  }
  out = static_cast<int>(value->as_int64());
  return Status::Ok();
}

inline Status NumberInRange(const boost::json::object& object, std::string_view key, double low, double high,
                            double& out) {
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr) return Status::Ok();
  if (!value->is_number() || value->to_number<double>() < low || value->to_number<double>() > high) {
    return Status::Invalid(std::string(key), fmt::format("must be a number from {} to {}", low, high));
  }
  out = value->to_number<double>();
  return Status::Ok();
}

// A parameter for the rules' JSON: a whole number as one ("90", where Boost.JSON writes a double as "9E1"), any
// other as it is.
inline boost::json::value RuleNumber(double number) {
  const double whole = std::round(number);
  if (whole == number && std::abs(whole) < 1e15) return static_cast<std::int64_t>(whole);
  return number;
}

}  // namespace openiom
