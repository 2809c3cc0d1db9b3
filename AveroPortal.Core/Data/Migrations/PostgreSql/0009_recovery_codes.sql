-- PostgreSQL dialect of ../0009_recovery_codes.sql (the same table, columns and key).
-- Recovery codes: ten per account, each stored only as HMAC-SHA256 (key in protected_keys, purpose 'recovery-codes')
-- of the normalised code; 120 bits per code, so a keyed hash is enough (ASVS 5.0 6.5.2). A code is spent by setting
-- used_at in a conditional UPDATE; a new set replaces the whole old one. Not a one-time record: the rows stay until
-- the set is replaced or the account goes.
CREATE TABLE recovery_codes (
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT NULL,
    PRIMARY KEY (account_id, code_hash)
);
