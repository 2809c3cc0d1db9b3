-- Passkeys (WebAuthn, issue 15). One row per registered credential: its id and COSE public key (base64url text, so
-- both dialects store it alike), the last signature counter, the transports the browser reported, the AAGUID, the
-- name the customer gave it, and counter_regressed_at: set when an assertion came with a counter that went backwards
-- (a possibly cloned authenticator, shown to the Supportdesk). user_handle is the random WebAuthn user id of the
-- account (the same on all its credentials), never the account id or the e-mail address. Removing a passkey deletes
-- its row; the support audit keeps the history. Not a one-time record.
CREATE TABLE passkey_credentials (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    user_handle TEXT NOT NULL,
    public_key TEXT NOT NULL,
    sign_count BIGINT NOT NULL,
    transports TEXT NULL,
    aaguid TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NULL,
    counter_regressed_at BIGINT NULL
);
CREATE INDEX ix_passkey_credentials_account ON passkey_credentials (account_id);
CREATE INDEX ix_passkey_credentials_user_handle ON passkey_credentials (user_handle);

-- A WebAuthn challenge handed to one browser: only the SHA-256 of its random id and of the browser's key are stored,
-- with the purpose, the account when known, and the options sent (they hold the challenge). Valid five minutes;
-- the verifying step deletes it with a conditional DELETE whose row count decides, so it is used at most once.
CREATE TABLE passkey_challenges (
    id_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    account_id BIGINT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    browser_hash TEXT NOT NULL,
    options_json TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX ix_passkey_challenges_expires ON passkey_challenges (expires_at);
