#include "domain/people/person.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

const Date kToday = *ParseIsoDate("2026-11-23");

Person MakePerson(Person overrides = {}) {
  Person person{.surname = "Testington", .forenames = "Aaron", .date_of_birth = *ParseIsoDate("1990-01-02")};
  if (!overrides.surname.empty()) person.surname = overrides.surname;
  if (!overrides.forenames.empty()) person.forenames = overrides.forenames;
  if (overrides.date_of_birth) person.date_of_birth = overrides.date_of_birth;
  person.address = overrides.address;
  return person;
}

TEST(NameKey, IgnoresCaseAndSpacing) {
  struct Case {
    std::string surname, forenames, key;
  };
  for (const Case& c : std::vector<Case>{
           {"SMITH", "John", "smith\x1fjohn"},
           {"  Smith ", "John   Paul", "smith\x1fjohn paul"},
           {"O'Neill", "Siobhán", "o'neill\x1fsiobhán"},
           {"ÉLISE", "ZOË", "élise\x1fzoë"},  // Latin-1 capitals lower-cased
           {"×", "x", "×\x1fx"},              // the multiplication sign is not a letter
           {"A|B", "C", "a|b\x1f" "c"},      // a '|' in a name cannot collide with the separator
       }) {
    EXPECT_EQ(NameKey(c.surname, c.forenames), c.key) << c.surname << ", " << c.forenames;
  }
  EXPECT_EQ(NameKey("Smith", "John"), NameKey("SMITH", " john"));
  EXPECT_NE(NameKey("Smith", "John Paul"), NameKey("Smith John", "Paul"));
  EXPECT_NE(NameKey("A|B", "C"), NameKey("A", "B|C"));
  EXPECT_LT(NameKey("Smith", "Zoe"), NameKey("Smithson", "Adam"));  // surname first
}

TEST(ValidatePerson, AcceptsAValidPerson) { EXPECT_TRUE(ValidatePerson(MakePerson(), kToday).ok()); }

TEST(ValidatePerson, NamesTheFieldAndTheReason) {
  struct Case {
    Person person;
    std::string message;
  };
  Person blank = MakePerson();
  blank.surname = "  ";
  Person long_name = MakePerson();
  long_name.forenames = std::string(101, 'a');
  Person control = MakePerson();
  control.surname = "Bad\x01Name";
  Person bad_utf8 = MakePerson();
  bad_utf8.surname = "Caf\xE9";
  for (const Case& c : std::vector<Case>{
           {blank, "surname: is required"},
           {long_name, "forenames: is longer than 100 characters"},
           {control, "surname: contains a control character"},
           {bad_utf8, "surname: is not valid UTF-8 text"},
           {MakePerson({.date_of_birth = *ParseIsoDate("2026-11-24")}), "date_of_birth: 2026-11-24 is in the future"},
           {MakePerson({.address = {.lsoa_code = "E0112345"}}), "lsoa_code: 'E0112345' is not an LSOA code"},
       }) {
    const Status status = ValidatePerson(c.person, kToday);
    ASSERT_FALSE(status.ok()) << c.message;
    EXPECT_EQ(status.message().substr(0, c.message.size()), c.message);
  }
}

// The form and the API show every problem at once, in the form's order, each on its own field.
TEST(PersonProblems, ListsEveryProblemOnItsFieldInFormOrder) {
  Person person = MakePerson({.date_of_birth = *ParseIsoDate("2026-11-24"), .address = {.lsoa_code = "E0112345"}});
  person.surname = "";
  person.forenames = "Bad\x01Name";
  person.aliases = {{"", "Jo"}};
  const FieldProblems expected = {
      {"surname", "is required"},
      {"forenames", "contains a control character"},
      {"alias surname", "is required"},
      {"date_of_birth", "2026-11-24 is in the future"},
      {"lsoa_code", "'E0112345' is not an LSOA code (E01 or W01 and six digits)"},
  };
  EXPECT_EQ(PersonProblems(person, kToday), expected);
  const Status status = ValidatePerson(person, kToday);
  EXPECT_EQ(status.problems(), expected);
  EXPECT_EQ(status.message(), "surname: is required");
  EXPECT_TRUE(PersonProblems(MakePerson(), kToday).empty());
  EXPECT_TRUE(PersonProblems(MakePerson({.date_of_birth = kToday}), kToday).empty()) << "born today is not future";
}

TEST(PersonNameProblem, SaysWhyWithoutTheField) {
  EXPECT_EQ(PersonNameProblem(" "), "is required");
  EXPECT_EQ(PersonNameProblem(std::string(100, 'a')), "");
  EXPECT_EQ(PersonNameProblem(std::string(101, 'a')), "is longer than 100 characters");
  EXPECT_EQ(PersonNameProblem("Caf\xE9"), "is not valid UTF-8 text");
  EXPECT_EQ(PersonNameProblem("O'Brien-Smith"), "");
}

TEST(IsLsoaCode, EnglishAndWelshOnly) {
  EXPECT_TRUE(IsLsoaCode("E01011954"));
  EXPECT_TRUE(IsLsoaCode("W01000001"));
  EXPECT_FALSE(IsLsoaCode("S01000001"));  // Scottish data zones are not LSOAs
  EXPECT_FALSE(IsLsoaCode("E02001234"));  // an MSOA
  EXPECT_FALSE(IsLsoaCode("E0101195"));
  EXPECT_FALSE(IsLsoaCode("e01011954"));
}

TEST(Gender, CodesRoundTrip) {
  for (Gender gender : {Gender::kMale, Gender::kFemale, Gender::kOther, Gender::kUnknown}) {
    EXPECT_EQ(GenderFromCode(GenderCode(gender)), gender);
  }
  EXPECT_EQ(GenderFromCode("m"), std::nullopt);
}

TEST(Ethnicity, NineteenOns2021Groups) {
  int count = 0;
  for (int index = 0; index < kEthnicityCount; ++index) {
    const auto ethnicity = static_cast<Ethnicity>(index);
    EXPECT_EQ(EthnicityFromCode(EthnicityCode(ethnicity)), ethnicity);
    EXPECT_FALSE(EthnicityLabel(ethnicity).empty());
    ++count;
  }
  EXPECT_EQ(count, 19);
  EXPECT_EQ(EthnicityLabel(*EthnicityFromCode("W4")), "White: Roma");
  EXPECT_EQ(EthnicityGroup(*EthnicityFromCode("B2")), "Black");
  EXPECT_EQ(EthnicityFromCode("Z9"), std::nullopt);
}

}  // namespace
}  // namespace openiom
