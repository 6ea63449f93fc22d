-- Issue 10: custody and Through-the-Gate. A custody episode (where, since when, the sentence, the expected and actual
-- release, a recall on licence, the end of licence) records the custody_start, release and recall events that the
-- BRAG rating reads; the episode keeps their ids so that changing a date changes the event rather than adding one.
-- Each new episode starts a resettlement checklist, its due dates counted back from the expected release
-- (domain/cases/custody.h).
CREATE TABLE custody_episode (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  establishment TEXT NOT NULL,
  started_on DATE NOT NULL,
  sentence TEXT NOT NULL,
  expected_release_on DATE,
  released_on DATE,
  recalled_on DATE,
  licence_end_on DATE,
  recorded_by TEXT NOT NULL,
  start_event_id BIGINT REFERENCES event (id) ON DELETE SET NULL,
  release_event_id BIGINT REFERENCES event (id) ON DELETE SET NULL,
  recall_event_id BIGINT REFERENCES event (id) ON DELETE SET NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (expected_release_on IS NULL OR expected_release_on >= started_on),
  CHECK (released_on IS NULL OR released_on >= started_on),
  CHECK (recalled_on IS NULL OR (released_on IS NOT NULL AND recalled_on >= released_on))
);
CREATE INDEX custody_episode_person ON custody_episode (person_id, started_on);
-- The releases list reads the episodes still in custody by their expected release.
CREATE INDEX custody_episode_expected_release ON custody_episode (expected_release_on);

CREATE TABLE custody_checklist_item (
  id {{ID}},
  episode_id BIGINT NOT NULL REFERENCES custody_episode (id) ON DELETE CASCADE,
  item TEXT NOT NULL CHECK (item IN ('accommodation_advice', 'benefit_claim', 'treatment_appointment',
                                     'gp_registration', 'id_documents', 'restorative_justice')),
  due_on DATE,
  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'not_applicable')),
  completed_on DATE,
  completed_by TEXT,
  note TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (episode_id, item),
  CHECK ((state = 'open') = (completed_on IS NULL))
);
