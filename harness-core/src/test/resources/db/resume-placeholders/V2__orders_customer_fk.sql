-- The table name comes from a placeholder set in flywayProperties.
CREATE INDEX idx_orders_customer_id ON ${orders_table} (customer_id);
ALTER TABLE ${orders_table} ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
