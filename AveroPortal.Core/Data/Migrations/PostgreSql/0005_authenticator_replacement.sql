-- PostgreSQL dialect of ../0005_authenticator_replacement.sql (the same SQL: it is portable).
-- A new authenticator secret waiting for its first code, while the customer moves the app to a new phone. At most
-- one per account; it belongs to the session that proved the old app in step 1 and lives ten minutes. The secret is
-- stored only in its Data Protection form. current_secret_hash is a SHA-256 of the binding's secret_protected when the
-- replacement started: the swap only lands on that same binding (not on one the Supportdesk reset meanwhile).
-- Plain SQL that runs unchanged on SQLite and PostgreSQL (BIGINT keys and Unix seconds, as in the PostgreSQL dialect).
CREATE TABLE authenticator_replacements (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    secret_protected TEXT NOT NULL,
    current_secret_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
