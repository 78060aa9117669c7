-- Rewritten to be "idempotent" after the first attempt failed.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_customers_name ON customers (name);
