-- Issue 10, part 5: the plan. Actions agreed for a person (support on a pathway, enforcement, disruption), each
-- owned by an agency and optionally a named user, with a due date and a status; and the day the plan is next
-- reviewed. "Overdue" is never stored: it is an open action past its due date, worked out when read.

CREATE TABLE plan_action (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  pathway TEXT CHECK (pathway IN ('accommodation', 'education_training_employment', 'health', 'drugs_alcohol',
    'finance_benefits_debt', 'children_families', 'attitudes_thinking_behaviour', 'abuse_rape_domestic_violence',
    'sexual_exploitation')),
  kind TEXT NOT NULL CHECK (kind IN ('support', 'enforcement', 'disruption')),
  description TEXT NOT NULL,
  owner_agency_id BIGINT NOT NULL REFERENCES agency (id),
  owner_user_id BIGINT REFERENCES app_user (id),
  due_on DATE NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  done_on DATE,
  recorded_by TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK ((status = 'done' AND done_on IS NOT NULL) OR (status <> 'done' AND done_on IS NULL)),
  CHECK (kind <> 'support' OR pathway IS NOT NULL)
);
CREATE INDEX plan_action_person ON plan_action (person_id, due_on);
-- "My overdue actions": an owner's open actions by due date.
CREATE INDEX plan_action_owner ON plan_action (owner_user_id, status, due_on);

CREATE TABLE plan_review (
  person_id BIGINT PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
  review_on DATE NOT NULL,
  set_by TEXT NOT NULL,
  set_at TIMESTAMPTZ NOT NULL
);
