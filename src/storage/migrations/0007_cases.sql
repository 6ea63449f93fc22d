-- Issue 10: managing each person. Appointments and contacts with their outcomes, pathway assessments, and manual
-- BRAG ratings (overrides) with a manager's sign-off. The BRAG rating itself is never stored: it is computed from
-- these and the person's events whenever it is read, so it is always current.

CREATE TABLE contact (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('office', 'home_visit', 'phone', 'drug_test', 'treatment_session')),
  contact_on DATE NOT NULL,
  contact_time TEXT,
  agency_id BIGINT REFERENCES agency (id),
  agency TEXT NOT NULL,
  worker TEXT,
  outcome TEXT CHECK (outcome IN ('attended', 'failed_acceptable', 'failed_unacceptable', 'rescheduled')),
  notes TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contact_person ON contact (person_id, contact_on);

CREATE TABLE pathway_assessment (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  form_version INTEGER NOT NULL,
  assessed_on DATE NOT NULL,
  assessor TEXT NOT NULL,
  agency TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pathway_assessment_person ON pathway_assessment (person_id, assessed_on);

CREATE TABLE pathway_need (
  assessment_id BIGINT NOT NULL REFERENCES pathway_assessment (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  pathway TEXT NOT NULL CHECK (pathway IN ('accommodation', 'education_training_employment', 'health',
    'drugs_alcohol', 'finance_benefits_debt', 'children_families', 'attitudes_thinking_behaviour',
    'abuse_rape_domestic_violence', 'sexual_exploitation')),
  need TEXT NOT NULL CHECK (need IN ('none', 'some', 'significant')),
  notes TEXT,
  PRIMARY KEY (assessment_id, pathway)
);

-- A manual rating asked for with a justification and an expiry; it applies once a manager signs it off, and can be
-- withdrawn early (ended_on).
CREATE TABLE brag_override (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  rating TEXT NOT NULL CHECK (rating IN ('blue', 'red', 'amber', 'green')),
  justification TEXT NOT NULL,
  starts_on DATE NOT NULL,
  expires_on DATE NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TIMESTAMPTZ NOT NULL,
  approved_by TEXT,
  approved_at TIMESTAMPTZ,
  ended_on DATE,
  ended_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (expires_on > starts_on)
);
CREATE INDEX brag_override_person ON brag_override (person_id);

-- Rule parameters a partnership sets (the BRAG rules' thresholds), as JSON, with who last changed them.
CREATE TABLE rule_config (
  name TEXT PRIMARY KEY,
  parameters TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL
);
