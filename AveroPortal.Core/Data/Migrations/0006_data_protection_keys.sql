-- Data Protection key ring in the database (used with PostgreSQL), so every portal instance reads the same keys:
-- cookies, anti-forgery tokens and authenticator secrets protected on one instance open on every other.
CREATE TABLE data_protection_keys (
    id INTEGER PRIMARY KEY,
    friendly_name TEXT NOT NULL,
    xml TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
