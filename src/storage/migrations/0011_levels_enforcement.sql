-- Issue 10, parts 1 and 6: service levels, schemes and statutory status, the answers managers give to level
-- suggestions, and the non-compliance workflow (warning, breach action, recall request). The suggestions themselves
-- are never stored: they are worked out from the facts when read (domain/cases/level.h).

-- Every move on the pyramid, kept: the latest on or before a day is the level on it.
CREATE TABLE service_level (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  level TEXT NOT NULL CHECK (level IN ('intensive', 'enhanced', 'standard')),
  changed_on DATE NOT NULL,
  reason TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX service_level_person ON service_level (person_id, changed_on);

CREATE TABLE person_scheme (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  scheme TEXT NOT NULL CHECK (scheme IN ('ppo', 'hcc', 'dip', 'drr', 'scpo', 'dv_matac', 'women', 'young_adult')),
  starts_on DATE NOT NULL,
  ends_on DATE,
  left_on DATE,
  reason TEXT NOT NULL,
  added_by TEXT NOT NULL,
  left_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (ends_on IS NULL OR ends_on > starts_on),
  CHECK (left_on IS NULL OR left_on >= starts_on)
);
CREATE INDEX person_scheme_person ON person_scheme (person_id, starts_on);

CREATE TABLE statutory_status (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('licence', 'community_order', 'post_sentence_supervision', 'voluntary')),
  starts_on DATE NOT NULL,
  ends_on DATE,
  recorded_by TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  CHECK ((kind = 'voluntary' AND ends_on IS NULL) OR (kind <> 'voluntary' AND ends_on > starts_on))
);
CREATE INDEX statutory_status_person ON statutory_status (person_id, starts_on);

CREATE TABLE level_decision (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  from_level TEXT NOT NULL CHECK (from_level IN ('intensive', 'enhanced', 'standard')),
  to_level TEXT NOT NULL CHECK (to_level IN ('intensive', 'enhanced', 'standard')),
  decision TEXT NOT NULL CHECK (decision IN ('accepted', 'dismissed')),
  facts_through DATE NOT NULL,
  decided_on DATE NOT NULL,
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL
);
CREATE INDEX level_decision_person ON level_decision (person_id);

-- A step answers at most one failed appointment (the unique index), so a failure is warned or breached once.
CREATE TABLE enforcement_step (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach', 'recall_request')),
  contact_id BIGINT REFERENCES contact (id) ON DELETE SET NULL,
  step_on DATE NOT NULL,
  agency_id BIGINT REFERENCES agency (id),
  agency TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  outcome TEXT CHECK (outcome IN ('proven', 'not_proven', 'recalled', 'refused', 'withdrawn')),
  outcome_on DATE,
  outcome_by TEXT,
  event_id BIGINT REFERENCES event (id) ON DELETE SET NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK ((outcome IS NULL AND outcome_on IS NULL) OR (outcome IS NOT NULL AND outcome_on >= step_on)),
  CHECK (kind <> 'warning' OR outcome IS NULL)
);
CREATE INDEX enforcement_step_person ON enforcement_step (person_id, step_on);
CREATE UNIQUE INDEX enforcement_step_contact ON enforcement_step (contact_id);
