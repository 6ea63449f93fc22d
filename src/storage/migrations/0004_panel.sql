-- Issue 4: the selection panel. A referral (by a practitioner, or a rule-based candidate taken to panel) waits
-- for the panel's decision: select (which starts a cohort membership), decline, or defer to a later panel.
-- Members are reviewed regularly: each review continues the membership, moves it to another strand, or ends it.
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
-- At most one referral awaiting the panel and one current membership per person, even when two people act at
-- once (the services check first, for a clear message; these make it certain).
CREATE UNIQUE INDEX referral_one_awaiting ON referral (person_id) WHERE status IN ('open', 'deferred');
CREATE UNIQUE INDEX cohort_membership_one_current ON cohort_membership (person_id) WHERE deselected_on IS NULL;

CREATE TABLE cohort_review (
  id {{ID}},
  membership_id BIGINT NOT NULL REFERENCES cohort_membership (id) ON DELETE CASCADE,
  reviewed_on DATE NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('continue', 'change_strand', 'deselect')),
  strand TEXT CHECK (strand IN ('fixed', 'flex', 'free')),
  notes TEXT NOT NULL,
  reviewed_by TEXT NOT NULL,
  next_review_on DATE
);
CREATE INDEX cohort_review_membership ON cohort_review (membership_id, reviewed_on);
