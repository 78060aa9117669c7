ALTER TABLE orders ADD CONSTRAINT chk_orders_quantity CHECK (quantity > 0);
