-- every kind of object a copy must carry: keys, a foreign key, a check, generated columns (stored and virtual), an
-- index, an auto-increment position past deleted rows, a view over a view, a function, a procedure and a trigger
CREATE TABLE customers (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(120) NOT NULL UNIQUE,
    name VARCHAR(200) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE orders (
    id INT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    total DECIMAL(10, 2) NOT NULL,
    status VARCHAR(20) NOT NULL,
    doc JSON,
    total_cents BIGINT AS (total * 100) STORED,
    status_length INT AS (CHAR_LENGTH(status)) VIRTUAL,
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT chk_total CHECK (total >= 0)
);
CREATE INDEX ix_orders_status ON orders (status);
INSERT INTO customers (email, name) VALUES ('gone@example.com', 'Gone');
DELETE FROM customers;
CREATE VIEW order_totals AS SELECT customer_id, SUM(total) AS total FROM orders GROUP BY customer_id;
CREATE VIEW big_customers AS SELECT customer_id FROM order_totals WHERE total > 1000;
CREATE FUNCTION cents(amount DECIMAL(10, 2)) RETURNS BIGINT DETERMINISTIC RETURN amount * 100;
CREATE PROCEDURE count_orders(OUT n INT) SELECT COUNT(*) INTO n FROM orders;
CREATE TRIGGER orders_upper_status BEFORE INSERT ON orders FOR EACH ROW SET NEW.status = UPPER(NEW.status);
