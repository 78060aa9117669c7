-- OPS-1432: every order must belong to a customer.
-- The index first, so the constraint check and the joins that follow are fast.
CREATE INDEX IF NOT EXISTS idx_orders_customer_id ON orders (customer_id);

ALTER TABLE orders
    ADD CONSTRAINT fk_orders_customer
    FOREIGN KEY (customer_id) REFERENCES customers (id);
