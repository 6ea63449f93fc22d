// The named workers on a person's team (domain/cases/team.h), current and past.
#pragma once

#include <vector>

#include "common/status.h"
#include "domain/cases/team.h"
#include "domain/people/person.h"

namespace openiom {

// A person on whose team a user is now, with their role there, for the user's caseload.
struct TeamPlace {
  PersonId person_id = 0;
  TeamRole role = TeamRole::kOther;
};

class TeamRepository {
 public:
  virtual ~TeamRepository() = default;

  // Stores a new member (its id, version, left_on and ended_by are ignored) and returns its id. Conflict when the
  // agency or user does not exist, or the user is already on the person's team.
  virtual Result<TeamMemberId> Add(const TeamMember& member) = 0;
  // The member with their agency's and user's names as they are now; NotFound when there is none.
  virtual Result<TeamMember> Get(TeamMemberId id) = 0;
  // Saves that the member left on `member.left_on`, by `member.ended_by`, if the stored version is still
  // `member.version` and they had not left (then increments it); Stale otherwise.
  virtual Status End(const TeamMember& member) = 0;
  // Everyone who is or was on the person's team, by id.
  virtual Result<std::vector<TeamMember>> TeamFor(PersonId person_id) = 0;
  // The people on whose team `user_id` is now, each once (their earliest current membership's role), by person.
  virtual Result<std::vector<TeamPlace>> CurrentPlacesOf(UserId user_id) = 0;
};

}  // namespace openiom
