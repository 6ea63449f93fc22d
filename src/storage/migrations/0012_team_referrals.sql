-- Issue 10, parts 2 and 9: the team around a person and their referrals to services.
-- A team member is a named worker of an agency with their role: a user with an account (who then sees the person on
-- their caseload) or a name typed in. Leaving sets left_on and keeps the row, so the team's history stays. While
-- left_on is NULL the member's agency works with the person (need-to-know).
CREATE TABLE team_member (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  agency_id BIGINT NOT NULL REFERENCES agency (id),
  user_id BIGINT REFERENCES app_user (id),
  worker_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('offender_manager', 'police_iom_officer', 'prison_offender_manager',
    'drug_worker', 'housing_officer', 'mental_health_worker', 'employment_adviser', 'mentor', 'other')),
  joined_on DATE NOT NULL,
  left_on DATE,
  added_by TEXT NOT NULL,
  added_at TIMESTAMPTZ NOT NULL,
  ended_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK ((user_id IS NULL AND worker_name <> '') OR (user_id IS NOT NULL AND worker_name = '')),
  CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX team_member_person ON team_member (person_id, left_on);
-- Need-to-know asks, for every read of a record, whether the reader or their agency is on the team now.
CREATE INDEX team_member_user ON team_member (user_id, left_on);
CREATE INDEX team_member_agency ON team_member (person_id, agency_id, left_on);
-- A user is on a person's team once at a time.
CREATE UNIQUE INDEX team_member_one_current ON team_member (person_id, user_id) WHERE left_on IS NULL;

-- A referral to a service (not to the selection panel: see referral in 0004_panel.sql), with where it has got to.
CREATE TABLE service_referral (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  service TEXT NOT NULL CHECK (service IN ('housing', 'drug_alcohol_treatment', 'employment_training',
    'mental_health_liaison', 'restorative_justice', 'mentoring', 'community_payback')),
  provider TEXT NOT NULL,
  referred_on DATE NOT NULL,
  referred_by TEXT NOT NULL,
  referred_by_agency_id BIGINT REFERENCES agency (id),
  status TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'started', 'completed', 'withdrawn')),
  status_on DATE NOT NULL,
  outcome TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (status_on >= referred_on),
  CHECK (status NOT IN ('completed', 'declined') OR outcome <> '')
);
CREATE INDEX service_referral_person ON service_referral (person_id, referred_on);
