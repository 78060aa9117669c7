-- every kind of object a copy must carry: keys, a foreign key, a check, a generated column, an index, a sequence
-- moved on, a view over a view, a function and a trigger
CREATE TABLE customers (
    id BIGSERIAL PRIMARY KEY,
    email VARCHAR(120) NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT now()
);
CREATE TABLE orders (
    id SERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    total NUMERIC(10, 2) NOT NULL CHECK (total >= 0),
    status VARCHAR(20) NOT NULL,
    doc JSONB,
    total_cents BIGINT GENERATED ALWAYS AS ((total * 100)::bigint) STORED
);
CREATE INDEX ix_orders_status ON orders (status);
CREATE SEQUENCE invoice_numbers START 1000;
SELECT setval('invoice_numbers', 1234);
CREATE VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
CREATE VIEW big_customers AS SELECT customer_id FROM order_totals WHERE total > 1000;
CREATE FUNCTION upper_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.status := upper(NEW.status);
    RETURN NEW;
END
$$;
CREATE TRIGGER orders_upper_status BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION upper_status();
