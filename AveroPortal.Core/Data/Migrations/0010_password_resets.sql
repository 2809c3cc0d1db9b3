-- Forgotten password. A link lives 30 minutes and works once; the mail holds a random 256-bit token, this table only
-- its SHA-256, so a copy of the database opens nothing. account_id is NULL for a request that found no account of
-- that portal (the same insert is made either way, so the work does not tell whether the address has an account);
-- such a row never matches a link. security_stamp: the account's stamp at the request; any later change (another
-- reset, an unlink, disabling) ends the link. factor_passed_at: the second factor was given on this link.
-- used_at: set by the conditional UPDATE that sets the new password, of parallel uses exactly one wins.
-- Plain SQL that runs unchanged on SQLite and PostgreSQL (BIGINT keys and Unix seconds).
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    security_stamp TEXT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    factor_passed_at BIGINT NULL,
    used_at BIGINT NULL
);
CREATE INDEX ix_password_resets_account ON password_resets (account_id);
CREATE INDEX ix_password_resets_expires ON password_resets (expires_at);

-- Requests per address per hour, whether or not the address has an account, keyed by HMAC-SHA256 of the normalized
-- address under a key kept in protected_keys (the table does not list who asked). Shared by every instance.
CREATE TABLE password_reset_requests (
    address_hash TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    request_count BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX ix_password_reset_requests_expires ON password_reset_requests (expires_at);
