-- The table name comes from a placeholder set in flywayProperties; Flyway matches its name without regard to case.
CREATE INDEX idx_orders_customer_id ON ${orders_table} (customer_id);
ALTER TABLE ${Orders_Table} ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
