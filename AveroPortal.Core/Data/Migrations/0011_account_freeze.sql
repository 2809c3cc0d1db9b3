-- "Dit was ik niet": every mail about a change to how an account signs in carries a link that freezes the account.
-- A frozen account can not sign in until the Supportdesk unfreezes it after verifying the caller. frozen_reason
-- names the mail whose link froze it (for the Supportdesk).
ALTER TABLE accounts ADD COLUMN frozen_at BIGINT NULL;
ALTER TABLE accounts ADD COLUMN frozen_reason TEXT NULL;
CREATE INDEX ix_accounts_frozen ON accounts (frozen_at);

-- One row per freeze link sent: only the SHA-256 of its 256-bit token, valid 7 days. Using it deletes the row with a
-- conditional DELETE whose row count decides, so of two parallel uses exactly one freezes.
CREATE TABLE freeze_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX ix_freeze_tokens_account ON freeze_tokens (account_id);
CREATE INDEX ix_freeze_tokens_expires ON freeze_tokens (expires_at);
