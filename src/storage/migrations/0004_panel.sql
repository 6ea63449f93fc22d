-- Issue 4: the selection panel. A referral (by a practitioner, or a rule-based candidate taken to panel) waits
-- for the panel's decision: select (which starts a cohort membership), decline, or defer to a later panel.
CREATE TABLE referral (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  route TEXT NOT NULL CHECK (route IN ('referral', 'rule')),
  reasons TEXT NOT NULL,
  referred_by TEXT NOT NULL,
  referred_at TIMESTAMPTZ NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'selected', 'declined', 'deferred')),
  decision_reason TEXT,
  panel_date DATE,
  decided_by TEXT,
  decided_at TIMESTAMPTZ,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX referral_person ON referral (person_id);
CREATE INDEX referral_status ON referral (status);
