// What the access policy needs to know about one person and one reader: how the reader's agency works with the
// person (need-to-know), and break-glass views of people it does not work with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/accounts/account.h"
#include "domain/people/person.h"

namespace openiom {

struct BreakGlassGrant {
  int64_t id = 0;
  UserId user_id = 0;
  PersonId person_id = 0;
  std::string reason;
  Timestamp granted_at{};
  Timestamp expires_at{};
};

// A role granted by an administrator that waits for a second administrator's approval.
struct RoleRequest {
  int64_t id = 0;
  UserId user_id = 0;
  std::string username;  // of user_id, for lists
  Role role = Role::kPractitioner;
  UserId requested_by_id = 0;
  std::string requested_by;
  Timestamp requested_at{};
  RoleRequestStatus status = RoleRequestStatus::kPending;
  std::string decided_by;
  std::optional<Timestamp> decided_at;
};

class AccessRepository {
 public:
  virtual ~AccessRepository() = default;

  // How `user` (of `agency`) works with the person, in words for the audit trail and the page ("you are their
  // lead professional", "you are on their team (Drug worker)", "your agency leads their case", "your agency is on
  // their team", "your agency referred them to the panel"), or empty when neither the user nor their agency is
  // involved. A referral counts while it awaits the panel, or was accepted and the person is still in the cohort; a
  // team membership while the member has not left.
  virtual Result<std::string> Involvement(PersonId person_id, AgencyId agency_id, UserId user_id) = 0;

  // Records a break-glass grant. Returns its id.
  virtual Result<int64_t> AddBreakGlass(const BreakGlassGrant& grant) = 0;
  // The user's latest grant for the person that has not expired at `now`, if any.
  virtual Result<std::optional<BreakGlassGrant>> ActiveBreakGlass(UserId user_id, PersonId person_id,
                                                                  Timestamp now) = 0;

  // Records a pending role request (Conflict if the same role is already pending for the user). Returns its id.
  virtual Result<int64_t> AddRoleRequest(const RoleRequest& request) = 0;
  // Pending requests, oldest first.
  virtual Result<std::vector<RoleRequest>> PendingRoleRequests() = 0;
  // NotFound when there is no such request.
  virtual Result<RoleRequest> GetRoleRequest(int64_t id) = 0;
  // Marks a pending request approved or refused; FailedPrecondition when it is no longer pending (decided by
  // someone else meanwhile).
  virtual Status DecideRoleRequest(int64_t id, RoleRequestStatus status, const std::string& decided_by,
                                   Timestamp decided_at) = 0;
};

}  // namespace openiom
