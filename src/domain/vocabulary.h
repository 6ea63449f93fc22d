// Closed sets of the domain (roles, event kinds, referral statuses, ...) as enums with a stable code and a label,
// each written once as a table beside its enum:
//
//   enum class Role { kPractitioner, kManager };
//   inline constexpr Term<Role> kRoleTerms[] = {{Role::kPractitioner, "practitioner", "Practitioner"},
//                                               {Role::kManager, "manager", "Manager"}};
//   constexpr const auto& TermsOf(Role) { return kRoleTerms; }
//   static_assert(InEnumOrder(kRoleTerms));
//
// after which CodeOf(Role::kManager) is "manager", LabelOf(...) "Manager", Parse<Role>("manager") Role::kManager
// and All<Role>() every role in order. The code is what storage, files, forms and the API carry (so it never
// changes once stored); the label is what people read. A set whose entries carry more (e.g. the ethnic group) uses
// its own entry struct with at least `value`, `code` and `label` members. The sets whose named functions had callers
// before this helper (RoleCode, GenderFromCode, ...) keep them as one-line wrappers over these; new code uses
// CodeOf, LabelOf and Parse directly.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

namespace openiom {

template <typename E>
struct Term {
  E value;
  std::string_view code;   // stable: stored, typed and sent; never empty
  std::string_view label;  // for people
};

// True when `terms` lists every value once, in the enum's declaration order from 0 (so that a value's entry is at
// its index) and no code is empty. Each table is checked with static_assert beside its enum.
template <typename T, size_t N>
constexpr bool InEnumOrder(const T (&terms)[N]) {
  for (size_t index = 0; index < N; ++index) {
    if (static_cast<size_t>(terms[index].value) != index || terms[index].code.empty()) return false;
  }
  return true;
}

namespace vocabulary_internal {

// The entry for `value`, or nullptr for a value outside the table (only a cast can make one).
template <typename E>
constexpr const auto* Find(E value) {
  const auto& terms = TermsOf(value);
  const auto index = static_cast<size_t>(value);
  return index < std::size(terms) ? &terms[index] : nullptr;
}

}  // namespace vocabulary_internal

// The value's code; "?" for a value outside its table.
template <typename E>
constexpr std::string_view CodeOf(E value) {
  const auto* term = vocabulary_internal::Find(value);
  return term ? term->code : "?";
}

// The code of an optional value; empty for none (which storage writes as NULL).
template <typename E>
constexpr std::string_view CodeOf(const std::optional<E>& value) {
  return value ? CodeOf(*value) : std::string_view();
}

// The value's label; "?" for a value outside its table.
template <typename E>
constexpr std::string_view LabelOf(E value) {
  const auto* term = vocabulary_internal::Find(value);
  return term ? term->label : "?";
}

// The value whose code is exactly `code` (same case), or nullopt (an unknown or empty code).
template <typename E>
constexpr std::optional<E> Parse(std::string_view code) {
  for (const auto& term : TermsOf(E{})) {
    if (term.code == code) return term.value;
  }
  return std::nullopt;
}

// Every value of the set, in order (for option lists and tables that cover every value).
template <typename E>
constexpr auto All() {
  constexpr size_t kCount = std::extent_v<std::remove_reference_t<decltype(TermsOf(E{}))>>;
  std::array<E, kCount> values{};
  for (size_t index = 0; index < kCount; ++index) values[index] = TermsOf(E{})[index].value;
  return values;
}

}  // namespace openiom
