#include "common/status.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

Result<int> Half(int value) {
  if (value % 2 != 0) return Status::InvalidArgument("odd");
  return value / 2;
}

Status Quarter(int value, int& out) {
  ASSIGN_OR_RETURN(int half, Half(value));
  ASSIGN_OR_RETURN(out, Half(half));
  return Status::Ok();
}

TEST(Status, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.ToString(), "ok");
}

TEST(Status, CarriesCodeAndMessage) {
  const Status status = Status::NotFound("person 42 does not exist");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.ToString(), "not found: person 42 does not exist");
  EXPECT_EQ(status.WithContext("show").message(), "show: person 42 does not exist");
}

TEST(Status, InvalidCarriesItsFieldProblemsAsData) {
  const Status one = Status::Invalid("surname", "is required");
  EXPECT_EQ(one.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(one.message(), "surname: is required");
  EXPECT_EQ(one.problems(), (FieldProblems{{"surname", "is required"}}));

  const Status many = Status::Invalid({{"reason", "Enter the reason"}, {"gender", "is required", 7}}, "2 problems");
  EXPECT_EQ(many.message(), "2 problems");
  ASSERT_EQ(many.problems().size(), 2u);
  EXPECT_EQ(many.problems()[1].line, 7);
  EXPECT_EQ(many.WithContext("importing f.csv").problems(), many.problems()) << "context keeps the problems";
  EXPECT_EQ(many.WithContext("importing f.csv").message(), "importing f.csv: 2 problems");

  EXPECT_TRUE(Status::InvalidArgument("no field").problems().empty());
  EXPECT_TRUE(Status::Stale("changed").problems().empty());
  EXPECT_EQ(Status::Stale("changed").ToString(), "stale version: changed");
}

TEST(Result, HoldsValueOrStatus) {
  EXPECT_EQ(*Half(8), 4);
  EXPECT_EQ(Half(7).status().code(), StatusCode::kInvalidArgument);
}

TEST(Result, OkStatusWithoutValueBecomesInternalError) {
  const Result<int> result(Status::Ok());
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInternal);
}

TEST(Result, AssignOrReturnPropagatesTheFirstFailure) {
  int out = 0;
  EXPECT_TRUE(Quarter(8, out).ok());
  EXPECT_EQ(out, 2);
  EXPECT_EQ(Quarter(6, out).message(), "odd");  // 6 -> 3 -> odd
}

}  // namespace
}  // namespace openiom
