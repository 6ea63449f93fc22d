-- Issue 10: case notes, each with its sensitivity (domain/access/object.h), which the access policy reads to decide
-- who reads its text. Append-only: nothing updates or deletes a note, except removing the person, which removes their
-- notes with them. The author and their agency are kept by id and, as they were when the note was written, by name.
CREATE TABLE case_note (
  id {{ID}},
  person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  sensitivity TEXT NOT NULL CHECK (sensitivity IN ('normal', 'health', 'victim', 'intelligence')),
  text TEXT NOT NULL,
  author_user_id BIGINT REFERENCES app_user (id),
  author TEXT NOT NULL,
  agency_id BIGINT REFERENCES agency (id),
  agency TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX case_note_person ON case_note (person_id, created_at);
