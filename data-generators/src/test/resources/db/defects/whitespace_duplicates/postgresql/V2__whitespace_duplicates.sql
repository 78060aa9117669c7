CREATE UNIQUE INDEX uq_customers_email_trim ON customers (trim(email));
