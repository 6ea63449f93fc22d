-- Issue 8: need-to-know and separation of duties.
-- A cohort member's lead professional (a user, normally of probation): their caseload, and their agency's
-- involvement with the person.
ALTER TABLE cohort_membership ADD COLUMN lead_user_id BIGINT REFERENCES app_user (id);
CREATE INDEX cohort_membership_lead_user ON cohort_membership (lead_user_id, deselected_on);

-- A break-glass view: a user of an agency not involved with a person opened their record, giving a reason.
-- The grant lasts a short while (until expires_at) so the record's tabs can be read; every view is audited too.
CREATE TABLE break_glass (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,
  granted_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX break_glass_user_person ON break_glass (user_id, person_id, expires_at);

-- A role that reads personal data (practitioner, manager, auditor) or administers (admin), granted by an
-- administrator, waits here until a second administrator approves it: no one administrator can give an account
-- they control access to people's records or the audit trail.
CREATE TABLE role_request (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('practitioner', 'manager', 'analyst', 'auditor', 'admin')),
  requested_by_id BIGINT REFERENCES app_user (id),
  requested_by TEXT NOT NULL,
  requested_at TIMESTAMPTZ NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  decided_by TEXT,
  decided_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX role_request_one_pending ON role_request (user_id, role) WHERE status = 'pending';
