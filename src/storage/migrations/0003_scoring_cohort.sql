-- Issue 4: stored score runs with every component and reason, and cohort membership (who the IOM team manages,
-- on which strand and scheme, since when, and why they joined or left).

CREATE TABLE score_run (
  id {{ID}},
  as_of DATE NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  parameters TEXT NOT NULL,
  people BIGINT NOT NULL,
  events BIGINT NOT NULL,
  people_scored BIGINT NOT NULL,
  candidates BIGINT NOT NULL,
  run_by TEXT NOT NULL
);

-- One row per person with at least one qualifying event, in rank order (rank_position 1 is the highest RFG).
CREATE TABLE person_score (
  run_id BIGINT NOT NULL REFERENCES score_run (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  rank_position BIGINT NOT NULL,
  n INTEGER NOT NULL,
  latest_event_date DATE NOT NULL,
  days_since_latest INTEGER NOT NULL,
  max_gravity SMALLINT NOT NULL,
  rfg_key BIGINT NOT NULL,
  r_centis INTEGER NOT NULL,
  f_centis INTEGER NOT NULL,
  g_centis INTEGER NOT NULL,
  rfg_centis INTEGER NOT NULL,
  harm BIGINT NOT NULL,
  cost BIGINT NOT NULL,
  acquisitive_n INTEGER NOT NULL,
  provisional SMALLINT NOT NULL CHECK (provisional IN (0, 1)),
  provisional_reasons TEXT NOT NULL,
  rules TEXT NOT NULL,
  rule_reasons TEXT NOT NULL,
  PRIMARY KEY (run_id, person_id)
);
CREATE INDEX person_score_rank ON person_score (run_id, rank_position);
CREATE INDEX person_score_person ON person_score (person_id);

CREATE TABLE cohort_membership (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  strand TEXT NOT NULL CHECK (strand IN ('fixed', 'flex', 'free')),
  scheme TEXT NOT NULL CHECK (scheme IN ('ppo', 'hcc', 'dip', 'drr', 'scpo', 'dv', 'other')),
  lead_agency_id BIGINT REFERENCES agency (id),
  selected_on DATE NOT NULL,
  selection_reason TEXT NOT NULL,
  selected_by TEXT NOT NULL,
  deselected_on DATE,
  deselection_reason TEXT,
  deselected_by TEXT,
  next_review_on DATE,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cohort_membership_person ON cohort_membership (person_id, deselected_on);
