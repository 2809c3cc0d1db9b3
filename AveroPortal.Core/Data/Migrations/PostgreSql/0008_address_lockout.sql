-- PostgreSQL dialect of ../0008_address_lockout.sql (the same tables, columns and indexes).
-- Lockout that tells nothing about who has an account, and the indexes the cleanup of one-time records uses.

-- A failure counts for 15 minutes after it happened (LockoutPolicy.FailureWindow): the counter of an address without
-- an account can then be deleted when it has gone quiet, and the account's counter forgets at the same moment, so the
-- two never answer differently. Counters standing now start their window at the migration.
ALTER TABLE accounts ADD COLUMN last_failed_at BIGINT NULL;
UPDATE accounts SET last_failed_at = CAST(extract(epoch FROM now()) AS BIGINT) WHERE failed_count > 0;

-- Failed password attempts on addresses that have no account that can log in there (unknown, disabled, or staff at a
-- customer portal and the other way round): counted and locked exactly like an account. Keyed by HMAC-SHA256 of the
-- realm and the normalized address, never the address itself. expires_at: the moment the row means nothing any more
-- (its lock is over and its last failure is out of the window); the cleanup deletes it then.
CREATE TABLE unknown_address_attempts (
    address_hash TEXT PRIMARY KEY,
    failed_count BIGINT NOT NULL,
    lockout_end BIGINT NULL,
    last_failed_at BIGINT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX ix_unknown_address_attempts_expires ON unknown_address_attempts (expires_at);

-- Random keys shared by every instance, stored only in their Data Protection form (the key ring is not in this table).
CREATE TABLE protected_keys (
    purpose TEXT PRIMARY KEY,
    key_protected TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX ix_saml_requests_expires ON saml_requests (expires_at);
CREATE INDEX ix_saml_used_ids_expires ON saml_used_ids (expires_at);
CREATE INDEX ix_invitations_created ON invitations (created_at);
CREATE INDEX ix_sessions_last_seen ON sessions (last_seen_at);
