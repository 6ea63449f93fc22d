-- Users, their roles and sessions, and the audit trail.

CREATE TABLE app_user (
  id {{ID}},
  username TEXT {{BYTES}} NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  agency_id BIGINT NOT NULL REFERENCES agency (id),
  password_hash TEXT NOT NULL,
  disabled SMALLINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until TIMESTAMPTZ,
  password_changed_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE user_role (
  user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('practitioner', 'manager', 'analyst', 'auditor', 'admin')),
  PRIMARY KEY (user_id, role)
);

-- Sessions of the web pages (cookie) and the API (bearer token). Only a SHA-256 of the token is stored.
CREATE TABLE user_session (
  id {{ID}},
  token_hash TEXT {{BYTES}} NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('browser', 'api')),
  csrf_token TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  client_address TEXT
);
CREATE INDEX user_session_user ON user_session (user_id);

-- The audit trail: append-only (enforced by triggers in the backend-specific part of this migration), each
-- entry chained to the one before by a SHA-256 hash. seq has no gaps: entries are appended one at a time.
CREATE TABLE audit_entry (
  seq BIGINT PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  username TEXT,
  agency TEXT,
  action TEXT NOT NULL,
  object_type TEXT,
  object_id TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  client_address TEXT,
  detail TEXT,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entry_username ON audit_entry (username, seq);
CREATE INDEX audit_entry_object ON audit_entry (object_type, object_id, seq);
CREATE INDEX audit_entry_at ON audit_entry (at);
