-- Progress that a first step granted and that only a sign-in may use, once: "password accepted, code pending"
-- (purpose 'password', with the account, its security stamp then and the checked return address) and "the bank
-- confirmed who this is, matching pending" (purpose 'idin', no account yet). The browser holds a random 256-bit id;
-- only its SHA-256 is stored, so a copy of the database opens nothing. A row lives five minutes; the step that signs
-- in deletes it with a conditional DELETE whose row count decides, so a replayed cookie finds nothing.
-- Plain SQL that runs unchanged on SQLite and PostgreSQL (BIGINT keys and Unix seconds, as in the PostgreSQL dialect).
CREATE TABLE pending_logins (
    id_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    account_id BIGINT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    portal TEXT NOT NULL,
    security_stamp TEXT NULL,
    return_url TEXT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX ix_pending_logins_account ON pending_logins (account_id);
CREATE INDEX ix_pending_logins_expires ON pending_logins (expires_at);
