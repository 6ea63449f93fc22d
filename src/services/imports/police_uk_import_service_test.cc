#include "services/imports/police_uk_import_service.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

const std::vector<std::string> kAsbRow = {"",          "2018-10", "Cleveland Police", "Cleveland Police",
                                          "-1.239958", "54.710607", "On or near Marshall Close", "E01011954",
                                          "Hartlepool 001A", "Anti-social behaviour", "", ""};

TEST(AreaCrimeKey, StableForTheSameRowAndOccurrence) {
  const std::string first = AreaCrimeKeyWithoutId(kAsbRow, 1);
  EXPECT_EQ(first, AreaCrimeKeyWithoutId(kAsbRow, 1));
  EXPECT_EQ(first.substr(0, 4), "asb:");
  EXPECT_EQ(first.size(), 4 + 64 + 2);  // "asb:" + SHA-256 hex + ":1"
  EXPECT_NE(first, AreaCrimeKeyWithoutId(kAsbRow, 2));  // identical rows in one file stay distinct
}

TEST(AreaCrimeKey, ChangesWithAnyField) {
  for (size_t column = 0; column < kAsbRow.size(); ++column) {
    std::vector<std::string> changed = kAsbRow;
    changed[column] += "x";
    EXPECT_NE(AreaCrimeKeyWithoutId(changed, 1), AreaCrimeKeyWithoutId(kAsbRow, 1)) << column;
  }
}

TEST(AreaCrimeKey, IgnoresSurroundingSpaces) {
  std::vector<std::string> padded = kAsbRow;
  padded[6] = "  On or near Marshall Close ";
  EXPECT_EQ(AreaCrimeKeyWithoutId(padded, 1), AreaCrimeKeyWithoutId(kAsbRow, 1));
}

}  // namespace
}  // namespace openiom
