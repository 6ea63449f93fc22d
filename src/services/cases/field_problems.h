// Gathering a form's problems in the cases area's services: what could not be read first, then the domain rule's.
#pragma once

#include <algorithm>

#include "common/status.h"

namespace openiom {

// `more` added to `problems`, leaving out any on a field that already has one (a field that could not be read).
inline void AddUnlessNamed(FieldProblems& problems, const FieldProblems& more) {
  for (const FieldProblem& problem : more) {
    if (std::none_of(problems.begin(), problems.end(), [&](const FieldProblem& p) { return p.field == problem.field; })) {
      problems.push_back(problem);
    }
  }
}

}  // namespace openiom
