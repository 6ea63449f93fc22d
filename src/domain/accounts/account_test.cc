#include "domain/accounts/account.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(Role, CodesRoundTrip) {
  for (Role role : kAllRoles) EXPECT_EQ(RoleFromCode(RoleCode(role)), role);
  EXPECT_EQ(RoleFromCode("superuser"), std::nullopt);
}

TEST(ValidateUsername, Rules) {
  for (const std::string& good : std::vector<std::string>{"abc", "j.smith", "officer_42", "a-b", std::string(64, 'x')}) {
    EXPECT_TRUE(ValidateUsername(good).ok()) << good;
  }
  struct Case {
    std::string username;
    std::string reason;
  };
  for (const Case& c : std::vector<Case>{{"ab", "3 to 64"},
                                         {std::string(65, 'x'), "3 to 64"},
                                         {"J.Smith", "lower-case"},
                                         {"j smith", "lower-case"},
                                         {"jsmith@police.uk", "lower-case"},
                                         {".jsmith", "start with a letter"}}) {
    const Status status = ValidateUsername(c.username);
    ASSERT_FALSE(status.ok()) << c.username;
    EXPECT_NE(status.message().find(c.reason), std::string::npos) << status.message();
  }
}

TEST(CheckPasswordPolicy, EachRule) {
  EXPECT_TRUE(CheckPasswordPolicy("correct horse battery", "jsmith").ok());
  EXPECT_TRUE(CheckPasswordPolicy("ēēēēēēēēēēēē", "jsmith").ok());  // 12 characters, 24 bytes
  struct Case {
    std::string password;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"short pass", "password: must be at least 12 characters"},
           {"ēēēēēēēēēēē", "password: must be at least 12 characters"},  // 11 characters, 22 bytes
           {std::string(257, 'a') + "b", "password: must be at most 256 characters"},
           {"Password1234", "password: is too common"},
           {"QWERTYUIOP12", "password: is too common"},
           {"xx-JSmith-2026-xx", "password: must not contain the username"},
           {"bad \xff utf-8 text", "password: is not valid UTF-8 text"},
       }) {
    const Status status = CheckPasswordPolicy(c.password, "jsmith");
    ASSERT_FALSE(status.ok()) << c.message;
    EXPECT_EQ(status.message().substr(0, c.message.size()), c.message);
    EXPECT_EQ(status.message().find(c.password), std::string::npos) << "never echo the password";
  }
}

}  // namespace
}  // namespace openiom
