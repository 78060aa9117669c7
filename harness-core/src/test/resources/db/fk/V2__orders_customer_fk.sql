-- Orders must belong to a customer.
CREATE INDEX idx_orders_customer_id ON orders (customer_id);

/* The constraint itself: fails over orphan orders. */
ALTER TABLE orders
    ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
