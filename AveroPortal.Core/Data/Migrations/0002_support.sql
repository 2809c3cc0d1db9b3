-- Single-use links: account creation (support desk), colleague and staff invitations. Only a SHA-256 of the token is kept.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('account-creation', 'colleague', 'staff')),
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    portal TEXT NOT NULL CHECK (portal IN ('private', 'business', 'staff')),
    customer_id INTEGER NULL REFERENCES customers (id),
    company_id INTEGER NULL REFERENCES companies (id),
    role TEXT NULL,
    created_by INTEGER NULL REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT NULL,
    revoked_at BIGINT NULL,
    account_id INTEGER NULL REFERENCES accounts (id)
);
CREATE INDEX ix_invitations_customer ON invitations (customer_id);
CREATE INDEX ix_invitations_company ON invitations (company_id);

-- What support agents did. Append-only: the triggers refuse every change, and the app has no code path for one.
CREATE TABLE support_audit (
    id INTEGER PRIMARY KEY,
    agent_account_id INTEGER NOT NULL REFERENCES accounts (id),
    agent_email TEXT NOT NULL,
    occurred_at BIGINT NOT NULL,
    target_account_id INTEGER NULL REFERENCES accounts (id),
    target_customer_id INTEGER NULL REFERENCES customers (id),
    target_description TEXT NOT NULL,
    action TEXT NOT NULL,
    verification TEXT NOT NULL,
    reason TEXT NOT NULL,
    outcome TEXT NOT NULL,
    remote_ip TEXT NULL
);
CREATE INDEX ix_support_audit_target ON support_audit (target_account_id, occurred_at);
CREATE INDEX ix_support_audit_time ON support_audit (occurred_at);

CREATE TRIGGER support_audit_no_update BEFORE UPDATE ON support_audit
BEGIN
    SELECT RAISE(ABORT, 'support_audit is append-only');
END;

CREATE TRIGGER support_audit_no_delete BEFORE DELETE ON support_audit
BEGIN
    SELECT RAISE(ABORT, 'support_audit is append-only');
END;

-- Mail that was not sent because no SMTP server is configured (the embedded default); shown on a Development-only page.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
