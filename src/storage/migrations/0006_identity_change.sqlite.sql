-- Issue 8: a SQLite import matches its file against a snapshot without holding the write lock, then, under the lock,
-- checks that nothing its matching relied on has changed before it writes (storage/soci_event_import_store.cc).
-- Rows added since the snapshot are found by their ids; changes to stored rows are logged here by triggers, with the
-- name, date of birth and PNC ID they concern (before and after), so the check can tell whether they touch the file.
-- PostgreSQL imports write as they go in one transaction, which does not hold up other writers, so need no log.
CREATE TABLE identity_change (
  id INTEGER PRIMARY KEY,
  person_id BIGINT NOT NULL,
  name_key TEXT COLLATE BINARY,
  date_of_birth DATE,
  pnc TEXT COLLATE BINARY
);
CREATE TRIGGER person_identity_changed AFTER UPDATE OF name_key, date_of_birth ON person WHEN OLD.name_key IS NOT NEW.name_key OR OLD.date_of_birth IS NOT NEW.date_of_birth BEGIN INSERT INTO identity_change (person_id, name_key, date_of_birth, pnc) SELECT OLD.id, OLD.name_key, OLD.date_of_birth, (SELECT value FROM identifier WHERE person_id = OLD.id AND kind = 'pnc') UNION ALL SELECT NEW.id, NEW.name_key, NEW.date_of_birth, (SELECT value FROM identifier WHERE person_id = NEW.id AND kind = 'pnc'); END;
CREATE TRIGGER person_removed AFTER DELETE ON person BEGIN INSERT INTO identity_change (person_id, name_key, date_of_birth) VALUES (OLD.id, OLD.name_key, OLD.date_of_birth); END;
CREATE TRIGGER person_alias_removed AFTER DELETE ON person_alias BEGIN INSERT INTO identity_change (person_id, name_key, date_of_birth) VALUES (OLD.person_id, OLD.name_key, (SELECT date_of_birth FROM person WHERE id = OLD.person_id)); END;
CREATE TRIGGER identifier_changed AFTER UPDATE ON identifier WHEN OLD.kind = 'pnc' OR NEW.kind = 'pnc' BEGIN INSERT INTO identity_change (person_id, pnc) VALUES (OLD.person_id, OLD.value), (NEW.person_id, NEW.value); END;
CREATE TRIGGER identifier_removed AFTER DELETE ON identifier WHEN OLD.kind = 'pnc' BEGIN INSERT INTO identity_change (person_id, pnc) VALUES (OLD.person_id, OLD.value); END;
