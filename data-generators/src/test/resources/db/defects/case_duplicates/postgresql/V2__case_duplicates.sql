CREATE UNIQUE INDEX uq_customers_email_lower ON customers (lower(email));
