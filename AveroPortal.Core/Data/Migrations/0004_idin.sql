-- Customers who logged in with iDIN, keyed on (broker, BIN) as iDIN prescribes. A row exists only after a full
-- match with Avéro's data: bank data of people who did not match are never stored.
CREATE TABLE idin_identities (
    id INTEGER PRIMARY KEY,
    broker TEXT NOT NULL,
    bin TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    created_at BIGINT NOT NULL,
    last_login_at BIGINT NOT NULL,
    UNIQUE (broker, bin)
);
CREATE INDEX ix_idin_identities_customer ON idin_identities (customer_id);

ALTER TABLE sessions ADD COLUMN idin_identity_id INTEGER NULL REFERENCES idin_identities (id) ON DELETE CASCADE;

-- Login events of iDIN (and eHerkenning) have no e-mail account; a matched iDIN login names the customer.
ALTER TABLE login_events ADD COLUMN customer_id INTEGER NULL REFERENCES customers (id);

-- Matching looks customers up by date of birth, or by house number and postcode.
CREATE INDEX ix_customers_date_of_birth ON customers (date_of_birth);
CREATE INDEX ix_customers_house_number ON customers (house_number);
