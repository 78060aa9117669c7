ALTER TABLE orders ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX uq_customers_name ON customers (name);
