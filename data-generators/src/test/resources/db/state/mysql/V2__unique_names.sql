ALTER TABLE orders ADD COLUMN note VARCHAR(200) NOT NULL DEFAULT '';
CREATE UNIQUE INDEX uq_customers_name ON customers (name);
