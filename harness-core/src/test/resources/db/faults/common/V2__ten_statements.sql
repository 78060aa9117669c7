-- ten statements, none written to be run twice: the kind of script a lost connection leaves half done
ALTER TABLE orders ADD COLUMN status VARCHAR(20);
UPDATE orders SET status = 'new';
ALTER TABLE orders ADD COLUMN placed_at VARCHAR(40);
CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100));
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace');
ALTER TABLE orders ADD COLUMN customer_id BIGINT;
UPDATE orders SET customer_id = 1;
CREATE INDEX idx_orders_customer ON orders (customer_id);
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);
CREATE TABLE order_notes (order_id BIGINT, note VARCHAR(200));
