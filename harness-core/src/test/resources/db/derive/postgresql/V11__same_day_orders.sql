-- nothing the catalogue can break: a partial unique index (its predicate says which rows it covers)
ALTER TABLE orders ADD COLUMN channel VARCHAR(20);
CREATE UNIQUE INDEX ux_orders_open_note ON orders (note) WHERE quantity > 100;
