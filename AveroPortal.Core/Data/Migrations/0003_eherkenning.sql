-- People who log in with eHerkenning, keyed on (broker, KVK number, acting-person pseudonym) and never linked to
-- e-mail accounts automatically.
CREATE TABLE eherkenning_identities (
    id INTEGER PRIMARY KEY,
    broker TEXT NOT NULL,
    kvk_number TEXT NOT NULL,
    acting_subject_id TEXT NOT NULL,
    company_id INTEGER NOT NULL REFERENCES companies (id),
    company_name TEXT NULL,
    -- eHerkenning's branch restriction (Vestigingsnr): kept when the authorization is limited to one branch.
    branch_number TEXT NULL,
    created_at BIGINT NOT NULL,
    last_login_at BIGINT NOT NULL,
    UNIQUE (broker, kvk_number, acting_subject_id)
);

ALTER TABLE sessions ADD COLUMN eherkenning_identity_id INTEGER NULL REFERENCES eherkenning_identities (id) ON DELETE CASCADE;

-- Outstanding AuthnRequests: bound to the browser by a correlation cookie (only its hash is kept), used once.
CREATE TABLE saml_requests (
    id TEXT PRIMARY KEY,
    correlation_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    consumed_at BIGINT NULL
);

-- Artifacts and assertion ids seen, so each resolves or counts once, across instances sharing the database.
CREATE TABLE saml_used_ids (
    kind TEXT NOT NULL CHECK (kind IN ('artifact', 'assertion')),
    value_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (kind, value_hash)
);
