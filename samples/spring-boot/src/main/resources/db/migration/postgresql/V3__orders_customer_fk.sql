-- Orders must belong to a customer: fails over orders whose customer is gone.
CREATE INDEX idx_orders_customer_id ON orders (customer_id);

ALTER TABLE orders
    ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
