-- Policies shown on Mijn overzicht: each belongs to exactly one customer (private portal) or one company (business
-- portal), never both and never neither. status is a code ('active', 'suspended', 'ended'); the portal's resources
-- give it a Dutch and an English label. start_date is an ISO date (yyyy-MM-dd) like customers.date_of_birth.
CREATE TABLE policies (
    id INTEGER PRIMARY KEY,
    policy_number TEXT NOT NULL UNIQUE,
    customer_id INTEGER NULL REFERENCES customers (id),
    company_id INTEGER NULL REFERENCES companies (id),
    product TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'ended')),
    start_date TEXT NOT NULL,
    CHECK ((customer_id IS NOT NULL AND company_id IS NULL) OR (customer_id IS NULL AND company_id IS NOT NULL))
);
CREATE INDEX ix_policies_customer ON policies (customer_id);
CREATE INDEX ix_policies_company ON policies (company_id);
