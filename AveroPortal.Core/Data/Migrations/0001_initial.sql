-- Times are Unix seconds (BIGINT) so the same DML runs on SQLite and PostgreSQL.
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    customer_number TEXT NOT NULL UNIQUE,
    initials TEXT NOT NULL,
    first_name TEXT NOT NULL,
    name_prefix TEXT NULL,
    last_name TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    street TEXT NOT NULL,
    house_number INTEGER NOT NULL,
    house_number_suffix TEXT NULL,
    postcode TEXT NOT NULL,
    city TEXT NOT NULL,
    adviser_name TEXT NOT NULL,
    adviser_phone TEXT NOT NULL,
    adviser_email TEXT NOT NULL
);

CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    kvk_number TEXT NOT NULL UNIQUE CHECK (length(kvk_number) = 8),
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    insured INTEGER NOT NULL DEFAULT 1,
    adviser_name TEXT NOT NULL,
    adviser_phone TEXT NOT NULL,
    adviser_email TEXT NOT NULL
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    portal TEXT NOT NULL CHECK (portal IN ('private', 'business', 'staff')),
    email TEXT NOT NULL,
    email_normalized TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    customer_id INTEGER NULL REFERENCES customers (id),
    company_id INTEGER NULL REFERENCES companies (id),
    failed_count INTEGER NOT NULL DEFAULT 0,
    lockout_end BIGINT NULL,
    security_stamp TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Staff (support desk) accounts share the credential rules of customers but link to no customer.
    role TEXT NULL CHECK (role IN ('SupportAgent', 'Admin')),
    disabled_at BIGINT NULL,
    CHECK ((portal = 'private' AND customer_id IS NOT NULL AND company_id IS NULL AND role IS NULL)
        OR (portal = 'business' AND company_id IS NOT NULL AND customer_id IS NULL AND role IS NULL)
        OR (portal = 'staff' AND customer_id IS NULL AND company_id IS NULL AND role IS NOT NULL))
);
CREATE INDEX ix_accounts_company ON accounts (company_id);
CREATE INDEX ix_accounts_customer ON accounts (customer_id);

-- One binding per account. enrolled_at NULL means the QR code was shown but not yet confirmed.
CREATE TABLE authenticator_bindings (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    secret_protected TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    enrolled_at BIGINT NULL,
    last_accepted_step BIGINT NULL
);

CREATE TABLE login_events (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NULL REFERENCES accounts (id) ON DELETE SET NULL,
    portal TEXT NOT NULL,
    method TEXT NOT NULL,
    outcome TEXT NOT NULL,
    occurred_at BIGINT NOT NULL,
    remote_ip TEXT NULL,
    user_agent TEXT NULL
);
CREATE INDEX ix_login_events_account ON login_events (account_id, occurred_at);

-- Server-side sessions: the cookie carries only the id, so a session can be ended from elsewhere.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    account_id INTEGER NULL REFERENCES accounts (id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    absolute_expiry BIGINT NOT NULL,
    remote_ip TEXT NULL,
    user_agent TEXT NULL,
    ended_at BIGINT NULL
);
CREATE INDEX ix_sessions_account ON sessions (account_id);
