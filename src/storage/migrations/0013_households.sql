-- Issue 10, part 11: households and relationships. A relationship links two people (parent_of runs from the parent
-- to the child; every other kind reads the same both ways) from a day until, once ended, a day. A household is an
-- address; its members stay from a day until the day they leave, and a person is in at most one current household
-- (the partial unique index, so two writers cannot both add them). "Current" is never stored: it is no end day.

CREATE TABLE relationship (
  id {{ID}},
  from_person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  to_person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('parent_of', 'sibling', 'partner', 'ex_partner', 'associate', 'co_defendant')),
  from_on DATE NOT NULL,
  until_on DATE,
  source TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  ended_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (from_person_id <> to_person_id),
  CHECK (until_on IS NULL OR until_on >= from_on)
);
CREATE INDEX relationship_from ON relationship (from_person_id);
CREATE INDEX relationship_to ON relationship (to_person_id);

CREATE TABLE household (
  id {{ID}},
  address_line TEXT NOT NULL,
  postcode TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE household_member (
  id {{ID}},
  household_id BIGINT NOT NULL REFERENCES household (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  from_on DATE NOT NULL,
  until_on DATE,
  added_by TEXT NOT NULL,
  added_at TIMESTAMPTZ NOT NULL,
  ended_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (until_on IS NULL OR until_on >= from_on)
);
CREATE INDEX household_member_household ON household_member (household_id);
CREATE UNIQUE INDEX household_member_current ON household_member (person_id) WHERE until_on IS NULL;

-- "Also at this address": people found by their postcode as normalised (domain/cases/household.h), the line compared
-- after.
CREATE INDEX person_postcode_key ON person (UPPER(REPLACE(postcode, ' ', '')));
