-- Roles per company: an administrator invites, revokes, re-activates and hands the role on; every company keeps one.
-- Backfill: the first (lowest id) active business e-mail account of each company is its administrator.
ALTER TABLE accounts ADD COLUMN company_admin INTEGER NOT NULL DEFAULT 0 CHECK (company_admin IN (0, 1));
UPDATE accounts SET company_admin = 1
WHERE id IN (SELECT MIN(id) FROM accounts WHERE portal = 'business' AND disabled_at IS NULL GROUP BY company_id);

-- Re-activation links are invitations of a new kind that point at the revoked account (account_id, set when issued).
-- SQLite can not change a CHECK constraint in place: the table is rebuilt with the same columns and data (nothing
-- references invitations, so dropping the old table touches no other row).
CREATE TABLE invitations_new (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('account-creation', 'colleague', 'staff', 'colleague-reactivation')),
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
INSERT INTO invitations_new (id, kind, token_hash, email, display_name, portal, customer_id, company_id, role,
                             created_by, created_at, expires_at, used_at, revoked_at, account_id)
SELECT id, kind, token_hash, email, display_name, portal, customer_id, company_id, role,
       created_by, created_at, expires_at, used_at, revoked_at, account_id
FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_new RENAME TO invitations;
CREATE INDEX ix_invitations_customer ON invitations (customer_id);
CREATE INDEX ix_invitations_company ON invitations (company_id);

-- Who changed a company's colleagues (invitations, revocations, re-activations, roles), when, and from which address.
-- Append-only: the triggers refuse every change. target_invitation_id has no foreign key on purpose: invitations are
-- cleaned up after 30 days, the audit row stays (and ON DELETE SET NULL would be an UPDATE the triggers refuse).
CREATE TABLE company_audit (
    id INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    at BIGINT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('colleague', 'support', 'customer')),
    actor_account_id INTEGER NULL REFERENCES accounts (id),
    actor_staff_id INTEGER NULL REFERENCES accounts (id),
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    target_account_id INTEGER NULL REFERENCES accounts (id),
    target_invitation_id INTEGER NULL,
    target_email TEXT NULL,
    client_address TEXT NULL
);
CREATE INDEX ix_company_audit_company ON company_audit (company_id, at);

CREATE TRIGGER company_audit_no_update BEFORE UPDATE ON company_audit
BEGIN
    SELECT RAISE(ABORT, 'company_audit is append-only');
END;

CREATE TRIGGER company_audit_no_delete BEFORE DELETE ON company_audit
BEGIN
    SELECT RAISE(ABORT, 'company_audit is append-only');
END;
