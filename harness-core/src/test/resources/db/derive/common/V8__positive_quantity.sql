ALTER TABLE orders ADD CONSTRAINT ck_orders_quantity CHECK (quantity > 0);
