CREATE UNIQUE INDEX CONCURRENTLY uq_customers_email ON customers (email);
