CREATE UNIQUE INDEX ux_customers_email_lower ON customers (lower(email));
