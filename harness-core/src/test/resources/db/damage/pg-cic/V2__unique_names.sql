CREATE UNIQUE INDEX CONCURRENTLY uq_customers_name ON customers (name);
